package dev.liminal.acquisition.lsl.source;

import dev.liminal.acquisition.lsl.LslStreamInfo;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How an LSL stream description becomes core's {@link StreamInfo}, and the factor that turns
 * each channel's raw values into Liminal's in-memory unit. Immutable.
 *
 * <p><b>Channels</b> come from {@code desc/channels/channel} ({@code label}, {@code unit},
 * {@code type}, the usual LSL meta-data convention); a stream without them gets labels
 * {@code Ch1..ChN}. A channel's type is its {@code type} element when that names a
 * {@link ChannelType}, else the stream's type when that does (an {@code EEG} stream's unlabelled
 * channels are EEG), else {@link ChannelType#guess}.
 *
 * <p><b>Units.</b> Voltage channels (EEG, EOG, EMG, ECG) are converted to microvolts from the
 * desc unit: {@code V}, {@code mV}, {@code uV}/{@code µV}, {@code nV} and the spelled-out
 * {@code volts}, {@code millivolts}, {@code microvolts}, {@code nanovolts}. A voltage channel
 * without a unit is <em>assumed to be in microvolts</em> (what OpenBCI, BrainFlow and most LSL
 * EEG apps send). A voltage channel whose unit is not a voltage (e.g. {@code counts}) keeps its
 * raw values and unit. Every other channel keeps its raw values and unit.
 *
 * @param info    the core description
 * @param factors per channel, the factor from raw value to in-memory value (1 when unscaled)
 */
record LslChannelMap(StreamInfo info, double[] factors) {
    /** Label prefix for streams whose desc has no channel labels. */
    static final String DEFAULT_LABEL_PREFIX = "Ch";

    LslChannelMap {
        factors = factors.clone();
    }

    /** The factor for channel {@code c}. */
    double factor(int c) {
        return factors[c];
    }

    /** Whether any channel is scaled (so reads can skip the multiply otherwise). */
    boolean scales() {
        for (double f : factors) {
            if (f != 1.0) return true;
        }
        return false;
    }

    /** Maps a full LSL description (with desc) onto core's description. */
    static LslChannelMap of(LslStreamInfo lsl) {
        int n = lsl.channelCount();
        List<Map<String, String>> descChannels = descChannels(lsl);
        ChannelType streamType = typeNamed(lsl.type());
        boolean numeric = !lsl.channelFormat().isString();
        List<ChannelInfo> channels = new ArrayList<>(n);
        double[] factors = new double[n];
        for (int c = 0; c < n; c++) {
            Map<String, String> d = c < descChannels.size() ? descChannels.get(c) : Map.of();
            String label = d.getOrDefault("label", "").trim();
            if (label.isEmpty()) label = DEFAULT_LABEL_PREFIX + (c + 1);
            String unit = d.getOrDefault("unit", "").trim();
            ChannelType type = typeNamed(d.getOrDefault("type", ""));
            if (type == null) type = streamType;
            if (type == null) type = ChannelType.guess(label, unit);
            double factor = 1.0;
            String memoryUnit = unit;
            if (numeric && isVoltageType(type)) {
                if (unit.isEmpty()) {
                    memoryUnit = Units.MICROVOLT;
                } else {
                    OptionalDouble f = microvoltFactor(unit);
                    if (f.isPresent()) {
                        factor = f.getAsDouble();
                        memoryUnit = Units.MICROVOLT;
                    }
                }
            }
            factors[c] = factor;
            Map<String, String> attributes = new LinkedHashMap<>();
            if (!unit.isEmpty() && !unit.equals(memoryUnit)) attributes.put("lsl_unit", unit);
            channels.add(new ChannelInfo(label, type, memoryUnit, attributes));
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("hostname", lsl.hostname());
        props.put("uid", lsl.uid());
        props.put("session_id", lsl.sessionId());
        props.put("created_at", Double.toString(lsl.createdAtSeconds()));
        props.put("version", String.format(Locale.ROOT, "%.1f", lsl.version() / 100.0));
        StreamInfo info = new StreamInfo(lsl.name(), lsl.type(), lsl.sourceId(), channels, lsl.nominalSrateHz(),
                SampleFormat.fromLslName(lsl.channelFormat().wireName()), props);
        return new LslChannelMap(info, factors);
    }

    /** Voltage channel types, scaled to microvolts. */
    static boolean isVoltageType(ChannelType type) {
        return type == ChannelType.EEG || type == ChannelType.EOG || type == ChannelType.EMG || type == ChannelType.ECG;
    }

    /** Microvolts per unit, for the symbols {@link Units} knows and the spelled-out LSL names. */
    static OptionalDouble microvoltFactor(String unit) {
        OptionalDouble symbol = Units.microvoltFactor(unit);
        if (symbol.isPresent()) return symbol;
        switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "volt": case "volts": return OptionalDouble.of(1e6);
            case "millivolt": case "millivolts": return OptionalDouble.of(1e3);
            case "microvolt": case "microvolts": return OptionalDouble.of(1.0);
            case "nanovolt": case "nanovolts": return OptionalDouble.of(1e-3);
            default: return OptionalDouble.empty();
        }
    }

    /** The channel type an LSL type string names (case-insensitive, e.g. "eeg"), or null. */
    static ChannelType typeNamed(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (t.isEmpty()) return null;
        if (t.equals("EKG")) return ChannelType.ECG;
        if (t.equals("ACC") || t.equals("ACCELEROMETER")) return ChannelType.ACCEL;
        if (t.equals("STIM") || t.equals("MARKERS")) return null;
        for (ChannelType ct : ChannelType.values()) {
            if (ct.name().equals(t)) return ct;
        }
        return null;
    }

    /** {@code desc/channels/channel} children as name -> text maps, in order; empty if none. */
    private static List<Map<String, String>> descChannels(LslStreamInfo lsl) {
        List<Map<String, String>> out = new ArrayList<>();
        if (lsl.descXml().isEmpty()) return out;
        try {
            Element desc = SafeXml.parse("<desc>" + lsl.descXml() + "</desc>", null,
                    RecordingFormatException.NO_OFFSET).getDocumentElement();
            Element channels = SafeXml.child(desc, "channels");
            if (channels == null) return out;
            for (Element ch : SafeXml.children(channels)) {
                if (!ch.getNodeName().equals("channel")) continue;
                Map<String, String> fields = new LinkedHashMap<>();
                for (Element f : SafeXml.children(ch)) {
                    if (SafeXml.isLeaf(f)) fields.putIfAbsent(f.getNodeName(), f.getTextContent());
                }
                out.add(fields);
            }
        } catch (RecordingFormatException e) {
            // LslStreamInfo checks the desc when it is built or parsed; a failure here means no channels
            return List.of();
        }
        return out;
    }
}

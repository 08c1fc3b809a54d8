package dev.liminal.datasets.session;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.TenTwenty;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.RecordingInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BIDS {@code *_eeg.json} sidecar of a recording: {@code TaskName}, {@code EEGReference},
 * {@code SamplingFrequency}, {@code PowerLineFrequency}, {@code SoftwareFilters}, the channel
 * counts by type, {@code RecordingDuration}, {@code RecordingType} and, where known,
 * {@code Manufacturer} and {@code EEGPlacementScheme}.
 *
 * <p>What the recording does not tell (reference, mains frequency, software filters) is
 * written as {@code "n/a"}, never guessed. Channel counts cover regular-rate streams only
 * (marker streams are not channels in BIDS); types without a BIDS count field (RESP, TEMP,
 * ...) count as misc. {@code SamplingFrequency} is that of the regular stream with the most EEG
 * channels. Stable output: two-space indent, LF line ends. Stateless; thread-safe.
 */
public final class EegJson {
    /** Written for facts the recording does not hold (BIDS convention). */
    public static final String NOT_AVAILABLE = "n/a";
    /**
     * Properties consulted, in order, for {@code Manufacturer}: the recording's (EDF
     * "equipment"), then those of the stream giving {@code SamplingFrequency} (an XDF
     * {@code desc/manufacturer}).
     */
    public static final List<String> MANUFACTURER_KEYS = List.of("manufacturer", "equipment");
    /** Largest sidecar read, in bytes. */
    public static final long MAX_BYTES = 16L << 20;

    private static final JsonFactory FACTORY = new JsonFactory();

    private EegJson() {}

    /**
     * The sidecar as stable pretty JSON (UTF-8).
     *
     * @param info     the recording
     * @param taskName BIDS task name, e.g. the {@code task-} entity of the file name
     */
    public static byte[] toBytes(RecordingInfo info, String taskName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
            g.writeStartObject();
            g.writeStringField("TaskName", taskName);
            g.writeStringField("EEGReference", NOT_AVAILABLE);
            Optional<RecordedStream> main = mainStream(info);
            if (main.isPresent()) g.writeNumberField("SamplingFrequency", main.get().info().nominalRateHz());
            else g.writeStringField("SamplingFrequency", NOT_AVAILABLE);
            g.writeStringField("PowerLineFrequency", NOT_AVAILABLE);
            g.writeStringField("SoftwareFilters", NOT_AVAILABLE);
            Optional<String> manufacturer = manufacturer(info.properties());
            if (manufacturer.isEmpty() && main.isPresent()) manufacturer = manufacturer(main.get().info().properties());
            if (manufacturer.isPresent()) g.writeStringField("Manufacturer", manufacturer.get());
            Map<ChannelType, Integer> counts = counts(info);
            g.writeNumberField("EEGChannelCount", counts.getOrDefault(ChannelType.EEG, 0));
            g.writeNumberField("EOGChannelCount", counts.getOrDefault(ChannelType.EOG, 0));
            g.writeNumberField("ECGChannelCount", counts.getOrDefault(ChannelType.ECG, 0));
            g.writeNumberField("EMGChannelCount", counts.getOrDefault(ChannelType.EMG, 0));
            g.writeNumberField("MiscChannelCount", counts.getOrDefault(ChannelType.MISC, 0));
            g.writeNumberField("TriggerChannelCount", counts.getOrDefault(ChannelType.TRIGGER, 0));
            g.writeNumberField("RecordingDuration", info.durationSeconds());
            g.writeStringField("RecordingType", isDiscontinuous(info) ? "discontinuous" : "continuous");
            if (isTenTwenty(info)) g.writeStringField("EEGPlacementScheme", "10-20");
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #toBytes} to {@code file}, replacing it. */
    public static void write(RecordingInfo info, String taskName, Path file) throws IOException {
        SidecarFiles.writeAtomically(file, toBytes(info, taskName));
    }

    /**
     * Reads an {@code *_eeg.json} sidecar (ours or another tool's) as field name to value:
     * strings, {@code Double}s, {@code Boolean}s, {@code null}, nested {@code List}s and
     * {@code Map}s, in file order.
     *
     * @throws RecordingFormatException naming file, byte offset, line and column if it is not a
     *                                  JSON object
     */
    public static Map<String, Object> read(Path file) throws IOException {
        LocatedJson.Node root = LocatedJson.parse(file, SidecarFiles.readBounded(file, MAX_BYTES, "EEG sidecar"),
                "EEG sidecar");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) plain(root);
        return fields;
    }

    private static Object plain(LocatedJson.Node n) throws RecordingFormatException {
        switch (n.kind) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, LocatedJson.Node> e : n.anyObject("object").entrySet()) {
                    m.put(e.getKey(), plain(e.getValue()));
                }
                return Collections.unmodifiableMap(m);
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                for (LocatedJson.Node item : n.array("array")) l.add(plain(item));
                return Collections.unmodifiableList(l);
            }
            case STRING: return n.string("string");
            case NUMBER: return n.number("number");
            case BOOLEAN: return Boolean.valueOf(n.describe());
            default: return null;
        }
    }

    private static Optional<String> manufacturer(Map<String, String> properties) {
        return MANUFACTURER_KEYS.stream().map(k -> properties.getOrDefault(k, "")).map(String::trim)
                .filter(v -> !v.isEmpty()).findFirst();
    }

    private static Optional<RecordedStream> mainStream(RecordingInfo info) {
        return info.streams().stream().filter(s -> !s.info().isIrregular())
                .max(Comparator.comparingLong((RecordedStream s) -> s.info().channels().stream()
                        .filter(c -> c.type() == ChannelType.EEG).count())
                        .thenComparing(s -> -s.index()));
    }

    private static Map<ChannelType, Integer> counts(RecordingInfo info) {
        Map<ChannelType, Integer> counts = new EnumMap<>(ChannelType.class);
        for (RecordedStream s : info.streams()) {
            if (s.info().isIrregular()) continue;
            for (ChannelInfo c : s.info().channels()) {
                ChannelType t = switch (c.type()) {
                    case EEG, EOG, ECG, EMG, TRIGGER -> c.type();
                    default -> ChannelType.MISC;
                };
                counts.merge(t, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean isDiscontinuous(RecordingInfo info) {
        return info.streams().stream().anyMatch(RecordedStream::isDiscontinuous);
    }

    private static boolean isTenTwenty(RecordingInfo info) {
        List<String> eeg = info.streams().stream().filter(s -> !s.info().isIrregular())
                .flatMap(s -> s.info().channels().stream()).filter(c -> c.type() == ChannelType.EEG)
                .map(ChannelInfo::label).toList();
        return !eeg.isEmpty() && eeg.stream().allMatch(TenTwenty::isElectrode);
    }
}

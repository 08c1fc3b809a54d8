package dev.liminal.acquisition.simulation;

import dev.liminal.core.ChannelInfo;
import dev.liminal.core.ChannelType;
import dev.liminal.core.SampleFormat;
import dev.liminal.core.StreamInfo;
import dev.liminal.core.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated headset, transport-independent: the EEG stream ({@link SimulatedEeg}) and the
 * marker stream ({@link SessionMarkers}) of one scripted session, with the {@link StreamInfo}s
 * an outlet publishes them under. {@link #next} hands out the next EEG block together with the
 * markers that fall inside it, both on the stream clock (0 = first sample); a publisher adds its
 * own clock's start time and paces with {@link RealTimePacer}. Confined to one thread.
 */
public final class SimulatedHeadset {
    /** Default stream name (the issue's {@code --name}). */
    public static final String DEFAULT_NAME = "SimEEG";
    /** Suffix of the marker stream's name. */
    public static final String MARKER_SUFFIX = "-Markers";
    /** LSL content type of the EEG stream. */
    public static final String EEG_TYPE = "EEG";
    /** LSL content type of the marker stream. */
    public static final String MARKER_TYPE = "Markers";

    private final String name;
    private final SimulatedEeg eeg;
    private final SessionMarkers markers;
    private final StreamInfo eegStream;
    private final StreamInfo markerStream;

    /** A headset named {@code name} playing {@code session} with {@code settings}. */
    public SimulatedHeadset(String name, SimulatedSession session, SimulationSettings settings) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("simulated headset name is blank");
        this.name = name;
        this.eeg = new SimulatedEeg(session, settings);
        this.markers = new SessionMarkers(session, settings.speed());
        List<ChannelInfo> channels = new ArrayList<>();
        for (String label : eeg.labels()) channels.add(new ChannelInfo(label, ChannelType.EEG, Units.MICROVOLT));
        Map<String, String> properties = Map.of(
                "manufacturer", "Liminal simulation",
                "simulation_speed", Double.toString(settings.speed()),
                "simulation_seed", Long.toString(settings.seed()));
        String id = "liminal-sim-" + name + "-" + settings.seed();
        this.eegStream = new StreamInfo(name, EEG_TYPE, id, channels, settings.sampleRateHz(), SampleFormat.FLOAT32,
                properties);
        this.markerStream = new StreamInfo(name + MARKER_SUFFIX, MARKER_TYPE, id + "-markers",
                List.of(new ChannelInfo("Markers", ChannelType.MISC, "")), StreamInfo.IRREGULAR_RATE,
                SampleFormat.STRING, properties);
    }

    /** The headset's name. */
    public String name() {
        return name;
    }

    /** The EEG stream's description: 10-20 labels, uV, the nominal rate. */
    public StreamInfo eegStream() {
        return eegStream;
    }

    /** The marker stream's description: one string channel, irregular rate. */
    public StreamInfo markerStream() {
        return markerStream;
    }

    /** The EEG generator (for its clock and state). */
    public SimulatedEeg eeg() {
        return eeg;
    }

    /** The marker generator. */
    public SessionMarkers markers() {
        return markers;
    }

    /**
     * Fills the next EEG block and returns the markers due before its end.
     *
     * @param output {@code [channel][>= frames]}, uV; Modified
     * @param frames samples per channel
     * @return the block's first-sample time and its markers
     */
    public SimulatedBlock next(double[][] output, int frames) {
        long first = eeg.position();
        eeg.next(output, frames);
        return new SimulatedBlock(eeg.timeSeconds(first), frames, markers.due(eeg.timeSeconds(eeg.position())));
    }

    /**
     * What {@link #next} produced besides the samples. Immutable.
     *
     * @param firstSampleSeconds stream time of the block's first sample, s
     * @param frames             samples per channel in the block
     * @param markers            markers with times before the end of the block, in order; copied in
     */
    public record SimulatedBlock(double firstSampleSeconds, int frames, List<TimedMarker> markers) {
        /** Copies the list. */
        public SimulatedBlock {
            markers = List.copyOf(markers);
        }
    }
}

package dev.liminal.app;

import dev.liminal.core.ChannelInfo;
import dev.liminal.datasets.RecordedStream;
import dev.liminal.datasets.RecordingInfo;
import dev.liminal.datasets.Segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The channels an analysis reads: chosen by label among the channels of numeric, regular
 * streams (markers and irregular streams are never analysed), all at one sampling rate and
 * sharing one set of contiguous runs ({@link Segment}s). Immutable; thread-safe.
 *
 * @param streamIndices  the streams that hold selected channels, ascending (indices into
 *                       {@link RecordingInfo#streams()})
 * @param streamOf       per selected channel, the index into {@code streamIndices} of its stream
 * @param channelOf      per selected channel, its index within its stream
 * @param labels         per selected channel, its label, in selection order
 * @param sampleRateHz   the common nominal rate in Hz
 * @param segments       the contiguous runs shared by all selected streams
 * @param streamChannels per entry of {@code streamIndices}, the stream's channel count
 */
record SignalSelection(List<Integer> streamIndices, int[] streamOf, int[] channelOf, List<String> labels,
                       double sampleRateHz, List<Segment> segments, int[] streamChannels) {

    SignalSelection {
        streamIndices = List.copyOf(streamIndices);
        labels = List.copyOf(labels);
        segments = List.copyOf(segments);
        streamOf = streamOf.clone();
        channelOf = channelOf.clone();
        streamChannels = streamChannels.clone();
    }

    /** Number of selected channels. */
    int channelCount() {
        return labels.size();
    }

    /** Total samples per channel over all runs. */
    long sampleCount() {
        return segments.stream().mapToLong(Segment::sampleCount).sum();
    }

    /** Samples in the longest contiguous run. */
    long longestRunSamples() {
        return segments.stream().mapToLong(Segment::sampleCount).max().orElse(0);
    }

    /**
     * Resolves the selection.
     *
     * @param file   shown in messages
     * @param info   what the recording holds
     * @param wanted labels in the order wanted, or {@code null}/empty for every analysable channel
     * @throws AnalysisInputException naming the unknown labels, the rates that differ, or why
     *                                nothing is left
     */
    static SignalSelection resolve(Path file, RecordingInfo info, List<String> wanted) throws AnalysisInputException {
        Map<String, int[]> byLabel = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (RecordedStream s : info.streams()) {
            boolean usable = s.info().format().isNumeric() && !s.info().isIrregular() && s.info().nominalRateHz() > 0;
            List<ChannelInfo> channels = s.info().channels();
            for (int c = 0; c < channels.size(); c++) {
                String label = channels.get(c).label();
                if (!usable) {
                    skipped.add(label);
                } else {
                    byLabel.putIfAbsent(label, new int[] {s.index(), c});
                }
            }
        }
        List<String> labels;
        if (wanted == null || wanted.isEmpty()) {
            labels = new ArrayList<>(byLabel.keySet());
            if (labels.isEmpty()) {
                throw new AnalysisInputException(file + ": holds no numeric channel at a regular rate to analyse");
            }
        } else {
            labels = new ArrayList<>(wanted);
            List<String> unknown = labels.stream().filter(l -> !byLabel.containsKey(l)).toList();
            if (!unknown.isEmpty()) {
                throw new AnalysisInputException(file + ": no numeric regular channel named " + quoted(unknown)
                        + "; expected one of " + quoted(new ArrayList<>(byLabel.keySet())));
            }
            if (new TreeSet<>(labels).size() != labels.size()) {
                throw new AnalysisInputException("--channels " + String.join(",", labels) + " names a channel twice");
            }
        }
        Map<Double, List<String>> byRate = new LinkedHashMap<>();
        for (String l : labels) {
            double rate = info.streams().get(byLabel.get(l)[0]).info().nominalRateHz();
            byRate.computeIfAbsent(rate, r -> new ArrayList<>()).add(l);
        }
        if (byRate.size() > 1) {
            String rates = byRate.entrySet().stream()
                    .map(e -> quoted(e.getValue()) + " at " + NumberText.plain(e.getKey()) + " Hz")
                    .collect(Collectors.joining(", "));
            throw new AnalysisInputException(file + ": selected channels must share one sampling rate, but "
                    + rates + "; pick channels of one rate with --channels");
        }
        TreeSet<Integer> streams = new TreeSet<>();
        for (String l : labels) streams.add(byLabel.get(l)[0]);
        List<Integer> streamIndices = new ArrayList<>(streams);
        RecordedStream first = info.streams().get(streamIndices.get(0));
        for (int si : streamIndices) {
            RecordedStream s = info.streams().get(si);
            if (!Objects.equals(s.segments(), first.segments())) {
                throw new AnalysisInputException(file + ": streams " + first.info().name() + " and " + s.info().name()
                        + " have different sample counts or gaps; select channels of one of them with --channels");
            }
        }
        int[] streamOf = new int[labels.size()];
        int[] channelOf = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            int[] where = byLabel.get(labels.get(i));
            streamOf[i] = streamIndices.indexOf(where[0]);
            channelOf[i] = where[1];
        }
        int[] streamChannels = streamIndices.stream().mapToInt(si -> info.streams().get(si).info().channelCount()).toArray();
        return new SignalSelection(streamIndices, streamOf, channelOf, labels, first.info().nominalRateHz(),
                first.segments(), streamChannels);
    }

    /** Splits a {@code --channels} value at commas, trimming blanks; an empty value gives an error. */
    static List<String> parseLabels(String option, String text) throws AnalysisInputException {
        if (text == null) return List.of();
        List<String> labels = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String l = part.strip();
            if (l.isEmpty()) {
                throw new AnalysisInputException(option + " '" + text + "' has an empty channel name; expected labels separated by commas");
            }
            labels.add(l);
        }
        return labels;
    }

    private static String quoted(List<String> labels) {
        return labels.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "));
    }

    /** Seconds of {@code samples} at the selection's rate, for messages. */
    String seconds(long samples) {
        return String.format(Locale.ROOT, "%s s", NumberText.plain(samples / sampleRateHz));
    }
}

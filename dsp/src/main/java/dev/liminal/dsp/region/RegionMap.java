package dev.liminal.dsp.region;

import dev.liminal.core.TenTwenty;
import dev.liminal.dsp.spectral.BandPowerTimeline;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which channels make up each region, for one ordered list of channel labels, and the region
 * averages. A region's value is the mean of its channels' values, element by element: for
 * band powers, the mean absolute power (uV^2) across the region's channels; relative power
 * and shifts of a region are then computed from that mean as for a channel (never averaged
 * from the channels' own shifts). Channels in no region are left out of every region.
 *
 * <p>Built either from labels ({@link #fromTenTwenty(List)}, regions in the order frontal,
 * central, parietal, occipital, temporal, each only if it has a channel) or from groups the
 * user names ({@link #parse(String, List)}, in the given order; a channel may belong to
 * several groups). Immutable; thread-safe.
 *
 * @param channelCount number of channels the indices refer to, at least 1
 * @param regions      the regions, at least one, unique names, indices below
 *                     {@code channelCount}; copied in
 */
public record RegionMap(int channelCount, List<ChannelRegion> regions) {
    /**
     * Reference suffixes removed from a label before {@link TenTwenty#region(String)}
     * ({@code Fp1-REF}, {@code C3-A2}, {@code O1-LE}...): the recording site is before the dash.
     */
    private static final Pattern REFERENCE_SUFFIX = Pattern.compile("(?i)-(REF|LE|RE|AR|AVG|CAR|A1|A2|M1|M2|A1A2|M1M2)$");
    /** A leading type word, as in EDF labels {@code "EEG Fp1"}. */
    private static final Pattern TYPE_PREFIX = Pattern.compile("(?i)^EEG\\s+");

    /** Validates and copies. */
    public RegionMap {
        if (channelCount < 1) {
            throw new IllegalArgumentException("a region map needs at least 1 channel, got " + channelCount);
        }
        if (regions == null || regions.isEmpty()) {
            throw new IllegalArgumentException("a region map needs at least one region");
        }
        regions = List.copyOf(regions);
        Set<String> names = new HashSet<>();
        for (ChannelRegion r : regions) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("region name '" + r.name() + "' appears twice");
            }
            if (r.channel(r.size() - 1) >= channelCount) {
                throw new IllegalArgumentException("region " + r.name() + " refers to channel " + r.channel(r.size() - 1)
                        + " of " + channelCount);
            }
        }
    }

    /**
     * Regions from 10-20 family labels by {@link TenTwenty#region(String)}, after removing a
     * leading {@code "EEG "} and a reference suffix such as {@code -REF}, {@code -LE} or
     * {@code -A2}; labels that name no electrode (EOG, triggers, bipolar pairs such as
     * {@code Fpz-Cz}) and reference sites are in no region.
     *
     * @param labels channel labels in channel order
     * @throws IllegalArgumentException if no label names an electrode of a region, quoting the labels
     */
    public static RegionMap fromTenTwenty(List<String> labels) {
        requireLabels(labels);
        Map<TenTwenty.Region, List<Integer>> members = new EnumMap<>(TenTwenty.Region.class);
        for (int c = 0; c < labels.size(); c++) {
            Optional<TenTwenty.Region> region = regionOf(labels.get(c));
            if (region.isPresent()) members.computeIfAbsent(region.get(), r -> new ArrayList<>()).add(c);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no channel of " + labels
                    + " is a 10-20 electrode with a region; expected labels such as Fp1, Cz, O2 or user groups NAME:A,B");
        }
        List<ChannelRegion> regions = new ArrayList<>();
        members.forEach((region, channels) -> regions.add(
                new ChannelRegion(region.label(), channels.stream().mapToInt(Integer::intValue).toArray())));
        return new RegionMap(labels.size(), regions);
    }

    /** The region of one channel label after removing a type prefix and reference suffix. */
    static Optional<TenTwenty.Region> regionOf(String label) {
        String site = TYPE_PREFIX.matcher(label.trim()).replaceFirst("");
        site = REFERENCE_SUFFIX.matcher(site).replaceFirst("").trim();
        return TenTwenty.region(site);
    }

    /**
     * Regions the user names: {@code name:A,B[;name2:C,D...]}, labels as in {@code labels}
     * (exact, case-sensitive), e.g. {@code "left:F3,C3,P3;right:F4,C4,P4"}.
     *
     * @throws IllegalArgumentException quoting the group that does not parse, the unknown
     *                                  labels with the known ones, or a repeated name or label
     */
    public static RegionMap parse(String spec, List<String> labels) {
        requireLabels(labels);
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("region groups are empty; expected NAME:A,B[;NAME2:C,D...]");
        }
        List<ChannelRegion> regions = new ArrayList<>();
        for (String group : spec.split(";", -1)) {
            int colon = group.indexOf(':');
            if (colon < 0 || group.substring(colon + 1).isBlank()) {
                throw new IllegalArgumentException("region group '" + group.trim() + "' in '" + spec
                        + "' is not NAME:A,B (channel labels separated by commas)");
            }
            String name = group.substring(0, colon).trim();
            Set<Integer> channels = new TreeSet<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (String element : group.substring(colon + 1).split(",", -1)) {
                String label = element.trim();
                int c = labels.indexOf(label);
                if (c < 0) {
                    unknown.add(label);
                } else if (!channels.add(c)) {
                    throw new IllegalArgumentException("region " + name + " lists channel '" + label + "' twice");
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("region " + name + ": no channel named '" + String.join("', '", unknown)
                        + "'; expected labels from " + labels);
            }
            try {
                regions.add(new ChannelRegion(name, channels.stream().mapToInt(Integer::intValue).toArray()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("region group '" + group.trim() + "': " + e.getMessage(), e);
            }
        }
        return new RegionMap(labels.size(), regions);
    }

    private static void requireLabels(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("regions need the channel labels, got none");
        }
    }

    /** Number of regions. */
    public int size() {
        return regions.size();
    }

    /** Region {@code index}, in order. */
    public ChannelRegion get(int index) {
        return regions.get(index);
    }

    /**
     * Region means of per-channel rows, element by element:
     * {@code byRegion[r][i] = mean over c in region r of byChannel[c][i]} for
     * {@code i < byRegion[r].length}. Allocates nothing.
     *
     * @param byChannel {@code [channel][value]}, e.g. band powers {@code [channel][band]} in
     *                  uV^2, {@link #channelCount()} rows; Not modified
     * @param byRegion  {@code [region][value]}, {@link #size()} rows no longer than the
     *                  channel rows; Modified
     */
    public void average(double[][] byChannel, double[][] byRegion) {
        if (byChannel == null || byChannel.length != channelCount) {
            throw new IllegalArgumentException("region averages need " + channelCount + " channel rows, got "
                    + (byChannel == null ? 0 : byChannel.length));
        }
        if (byRegion == null || byRegion.length != regions.size()) {
            throw new IllegalArgumentException("region averages fill " + regions.size() + " region rows, got "
                    + (byRegion == null ? 0 : byRegion.length));
        }
        for (int r = 0; r < regions.size(); r++) {
            ChannelRegion region = regions.get(r);
            double[] out = byRegion[r];
            for (int k = 0; k < region.size(); k++) {
                double[] row = byChannel[region.channel(k)];
                if (row == null || out == null || row.length < out.length) {
                    throw new IllegalArgumentException("channel row " + region.channel(k) + " has "
                            + (row == null ? 0 : row.length) + " values, region " + region.name() + " needs "
                            + (out == null ? 0 : out.length));
                }
            }
            for (int i = 0; i < out.length; i++) {
                double sum = 0;
                for (int k = 0; k < region.size(); k++) sum += byChannel[region.channel(k)][i];
                out[i] = sum / region.size();
            }
        }
    }

    /** The region means of {@code byChannel} ({@code [channel][value]}) as new rows {@code [region][value]}. */
    public double[][] average(double[][] byChannel) {
        if (byChannel == null || byChannel.length != channelCount || byChannel[0] == null) {
            throw new IllegalArgumentException("region averages need " + channelCount + " channel rows, got "
                    + (byChannel == null ? 0 : byChannel.length));
        }
        double[][] out = new double[regions.size()][byChannel[0].length];
        average(byChannel, out);
        return out;
    }

    /**
     * The timeline of the regions: channel {@code r} of the result is region {@code r}, each
     * frame and band the mean absolute power of its channels. Pass it to
     * {@link dev.liminal.dsp.spectral.Baseline#of} for region shifts.
     */
    public BandPowerTimeline average(BandPowerTimeline timeline) {
        if (timeline == null || timeline.channelCount() != channelCount) {
            throw new IllegalArgumentException("timeline has " + (timeline == null ? 0 : timeline.channelCount())
                    + " channels, region map " + channelCount);
        }
        return new BandPowerTimeline(timeline.parameters(), timeline.bands(), timeline.startTimeSeconds(),
                timeline.frameCount(), average(timeline.absolute()));
    }

    /** The region names in order, e.g. {@code [frontal, central]}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(regions.size());
        for (ChannelRegion r : regions) names.add(r.name());
        return names;
    }

    @Override
    public String toString() {
        return "RegionMap" + names();
    }
}

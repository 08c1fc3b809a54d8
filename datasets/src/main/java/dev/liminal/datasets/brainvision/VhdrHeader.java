package dev.liminal.datasets.brainvision;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.text.Excerpt;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and checked {@code .vhdr} header (BrainVision Core Data Format 1.0 and 2.0).
 * Immutable.
 *
 * @param file                   the header file
 * @param version                the version from the identification line, e.g. {@code "1.0"}
 * @param dataFile               the sample file, resolved against the header's directory
 * @param dataFileEntryOffset    byte offset of the {@code DataFile=} line in the header
 * @param markerFile             the marker file, resolved likewise, or null when none is named
 * @param ascii                  {@code DataFormat=ASCII} (else BINARY)
 * @param vectorized             {@code DataOrientation=VECTORIZED} (else MULTIPLEXED)
 * @param samplingIntervalMicros {@code SamplingInterval} in microseconds, finite and > 0
 * @param binaryFormat           the sample encoding of binary files
 * @param byteOrder              little endian unless {@code UseBigEndianOrder=YES}
 * @param declaredDataPoints     {@code DataPoints} from the header, or -1 when absent
 * @param asciiDecimalSymbol     {@code [ASCII Infos] DecimalSymbol}, '.' by default
 * @param asciiSkipLines         {@code [ASCII Infos] SkipLines}, 0 by default
 * @param asciiSkipColumns       {@code [ASCII Infos] SkipColumns}, 0 by default
 * @param channels               one per channel, in order
 * @param properties             header facts worth keeping, as text
 * @param warnings               one line each
 */
record VhdrHeader(Path file, String version, Path dataFile, long dataFileEntryOffset, Path markerFile,
                  boolean ascii, boolean vectorized, double samplingIntervalMicros, BinaryFormat binaryFormat,
                  ByteOrder byteOrder, long declaredDataPoints, char asciiDecimalSymbol, int asciiSkipLines,
                  int asciiSkipColumns, List<ChannelEntry> channels, Map<String, String> properties,
                  List<String> warnings) {

    /** The identification lines of version 1.0 and of later versions. */
    static final String[] IDENTIFICATIONS = {"Brain Vision Data Exchange Header File", "BrainVision Data Exchange Header File"};

    private static final double MICROSECONDS_PER_SECOND = 1e6;
    /** Slowest rate accepted (one sample in ~11.6 days): keeps every sample time finite. */
    static final double MIN_RATE_HZ = 1e-6;
    /** Marks an escaped comma in names (specification: "Commas in channel names are coded as \1"). */
    private static final String ESCAPED_COMMA = "\\1";
    /** The unit when a channel entry leaves it empty (specification: "default: µV"). */
    static final String DEFAULT_UNIT = "\u00B5V";

    /**
     * One {@code Ch<n>=Name,Reference,Resolution,Unit} entry.
     *
     * @param name       the channel name with {@code \1} turned back into commas
     * @param reference  the reference channel name, possibly empty
     * @param resolution physical value of one raw unit, in {@code unit}; 1 when empty
     * @param unit       the unit as written ({@code "µV"} when empty)
     */
    record ChannelEntry(String name, String reference, double resolution, String unit) {}

    VhdrHeader {
        channels = List.copyOf(channels);
        properties = Map.copyOf(properties);
        warnings = List.copyOf(warnings);
    }

    /** Samples per second: 10^6 / SamplingInterval. */
    double sampleRateHz() {
        return MICROSECONDS_PER_SECOND / samplingIntervalMicros;
    }

    /** Number of channels. */
    int channelCount() {
        return channels.size();
    }

    /**
     * Reads and checks a header.
     *
     * @throws RecordingFormatException naming the header and the byte offset of the offending line
     */
    static VhdrHeader read(Path file) throws IOException {
        IniText ini = IniText.read(file);
        String first = ini.firstLine();
        String version = null;
        for (String id : IDENTIFICATIONS) {
            if (first.startsWith(id)) {
                version = first.substring(id.length()).replace(",", " ").strip();
                version = version.toLowerCase(Locale.ROOT).startsWith("version")
                        ? version.substring("version".length()).strip() : version;
            }
        }
        if (version == null) {
            throw new RecordingFormatException(file, 0, "first line '" + Excerpt.of(first)
                    + "' is not '" + IDENTIFICATIONS[0] + "'");
        }
        List<String> warnings = new ArrayList<>(ini.warnings());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("header_version", version);
        props.put("codepage", ini.charset().name());

        String common = "Common Infos";
        IniText.Entry dataEntry = require(ini, common, "DataFile", 0);
        Path dir = file.toAbsolutePath().getParent();
        Path dataFile = resolve(ini, dir, dataEntry);
        props.put("data_file", dataEntry.value());
        Path markerFile = null;
        Optional<IniText.Entry> markerEntry = ini.entry(common, "MarkerFile").filter(e -> !e.value().isEmpty());
        if (markerEntry.isPresent()) {
            markerFile = resolve(ini, dir, markerEntry.get());
            props.put("marker_file", markerEntry.get().value());
        }

        String dataType = ini.entry(common, "DataType").map(IniText.Entry::value).orElse("TIMEDOMAIN");
        if (!dataType.equalsIgnoreCase("TIMEDOMAIN")) {
            throw new RecordingFormatException(file, ini.entry(common, "DataType").get().byteOffset(),
                    "DataType '" + Excerpt.of(dataType) + "' is not supported (only TIMEDOMAIN)");
        }
        boolean ascii = choice(ini, common, "DataFormat", "BINARY", "BINARY", "ASCII").equals("ASCII");
        boolean vectorized = choice(ini, common, "DataOrientation", "MULTIPLEXED", "MULTIPLEXED", "VECTORIZED")
                .equals("VECTORIZED");
        props.put("data_format", ascii ? "ASCII" : "BINARY");
        props.put("data_orientation", vectorized ? "VECTORIZED" : "MULTIPLEXED");

        IniText.Entry countEntry = require(ini, common, "NumberOfChannels", dataEntry.byteOffset());
        long channelCount = parseLong(ini, countEntry);
        Map<String, IniText.Entry> channelSection = ini.section("Channel Infos");
        if (channelCount < 1 || channelCount > channelSection.size()) {
            throw new RecordingFormatException(file, countEntry.byteOffset(), "NumberOfChannels " + channelCount
                    + " is not between 1 and the " + channelSection.size() + " entries of [Channel Infos]");
        }
        IniText.Entry intervalEntry = require(ini, common, "SamplingInterval", countEntry.byteOffset());
        double interval = parseDouble(ini, intervalEntry);
        double rate = MICROSECONDS_PER_SECOND / interval;
        if (!(interval > 0) || !(rate >= MIN_RATE_HZ) || Double.isInfinite(rate)) {
            throw new RecordingFormatException(file, intervalEntry.byteOffset(), "SamplingInterval " + interval
                    + " us does not give a sampling rate between " + MIN_RATE_HZ + " Hz and infinity");
        }
        long dataPoints = -1;
        Optional<IniText.Entry> pointsEntry = ini.entry(common, "DataPoints").filter(e -> !e.value().isEmpty());
        if (pointsEntry.isPresent()) {
            dataPoints = parseLong(ini, pointsEntry.get());
            if (dataPoints < 0) {
                throw new RecordingFormatException(file, pointsEntry.get().byteOffset(), "DataPoints " + dataPoints + " < 0");
            }
        }
        ini.entry(common, "SegmentationType").map(IniText.Entry::value)
                .filter(v -> !v.equalsIgnoreCase("NOTSEGMENTED") && !v.isEmpty())
                .ifPresent(v -> warnings.add("SegmentationType " + Excerpt.of(v)
                        + ": epochs are read as one continuous recording"));

        String binary = "Binary Infos";
        BinaryFormat format = BinaryFormat.valueOf(choice(ini, binary, "BinaryFormat", "INT_16",
                "INT_16", "UINT_16", "INT_32", "IEEE_FLOAT_32"));
        ByteOrder order = choice(ini, binary, "UseBigEndianOrder", "NO", "NO", "YES").equals("YES")
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (!ascii) props.put("binary_format", format.name());

        String asciiInfos = "ASCII Infos";
        char decimal = '.';
        Optional<IniText.Entry> decimalEntry = ini.entry(asciiInfos, "DecimalSymbol");
        if (decimalEntry.isPresent()) {
            String v = decimalEntry.get().value();
            if (!v.equals(".") && !v.equals(",")) {
                throw new RecordingFormatException(file, decimalEntry.get().byteOffset(), "DecimalSymbol '"
                        + Excerpt.of(v) + "' is neither '.' nor ','");
            }
            decimal = v.charAt(0);
        }
        int skipLines = nonNegativeInt(ini, asciiInfos, "SkipLines");
        int skipColumns = nonNegativeInt(ini, asciiInfos, "SkipColumns");

        List<ChannelEntry> channels = new ArrayList<>((int) channelCount);
        for (int n = 1; n <= channelCount; n++) {
            IniText.Entry e = channelSection.get("Ch" + n);
            if (e == null) {
                throw new RecordingFormatException(file, countEntry.byteOffset(), "NumberOfChannels is " + channelCount
                        + " but [Channel Infos] has no entry Ch" + n);
            }
            channels.add(channel(ini, e));
        }
        return new VhdrHeader(file, version, dataFile, dataEntry.byteOffset(), markerFile, ascii, vectorized, interval,
                format, order, dataPoints, decimal, skipLines, skipColumns, channels, props, warnings);
    }

    private static ChannelEntry channel(IniText ini, IniText.Entry e) throws RecordingFormatException {
        String[] f = e.value().split(",", -1);
        String name = f[0].replace(ESCAPED_COMMA, ",").strip();
        String reference = f.length > 1 ? f[1].replace(ESCAPED_COMMA, ",").strip() : "";
        double resolution = 1.0;
        if (f.length > 2 && !f[2].isBlank()) {
            try {
                resolution = Double.parseDouble(f[2].strip());
            } catch (NumberFormatException ex) {
                throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + ": resolution '"
                        + Excerpt.of(f[2].strip()) + "' is not a number", ex);
            }
            if (!Double.isFinite(resolution)) {
                throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + ": resolution " + resolution
                        + " is not finite");
            }
        }
        String unit = f.length > 3 && !f[3].isBlank() ? f[3].strip() : DEFAULT_UNIT;
        return new ChannelEntry(name, reference, resolution, unit);
    }

    private static IniText.Entry require(IniText ini, String section, String key, long near)
            throws RecordingFormatException {
        return ini.entry(section, key).orElseThrow(() -> new RecordingFormatException(ini.file(), near,
                "[" + section + "] has no " + key + " entry"));
    }

    /** The upper-case value of an entry that must be one of {@code allowed}. */
    private static String choice(IniText ini, String section, String key, String fallback, String... allowed)
            throws RecordingFormatException {
        Optional<IniText.Entry> e = ini.entry(section, key);
        if (e.isEmpty() || e.get().value().isEmpty()) return fallback;
        String v = e.get().value().toUpperCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) return a;
        }
        throw new RecordingFormatException(ini.file(), e.get().byteOffset(), key + " '" + Excerpt.of(e.get().value())
                + "' is not one of " + String.join(", ", allowed));
    }

    private static int nonNegativeInt(IniText ini, String section, String key) throws RecordingFormatException {
        Optional<IniText.Entry> e = ini.entry(section, key).filter(x -> !x.value().isEmpty());
        if (e.isEmpty()) return 0;
        long v = parseLong(ini, e.get());
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new RecordingFormatException(ini.file(), e.get().byteOffset(), key + " " + v + " is not between 0 and "
                    + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private static long parseLong(IniText ini, IniText.Entry e) throws RecordingFormatException {
        try {
            return Long.parseLong(e.value());
        } catch (NumberFormatException ex) {
            throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + " '" + Excerpt.of(e.value())
                    + "' is not an integer", ex);
        }
    }

    private static double parseDouble(IniText ini, IniText.Entry e) throws RecordingFormatException {
        try {
            return Double.parseDouble(e.value());
        } catch (NumberFormatException ex) {
            throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + " '" + Excerpt.of(e.value())
                    + "' is not a number", ex);
        }
    }

    /**
     * A data or marker file name resolved against the header's directory. A name with directory
     * parts ({@code /} or Windows {@code \\}) that does not exist there is looked up by its bare
     * file name too, since recordings are often moved after an absolute path was written.
     */
    private static Path resolve(IniText ini, Path dir, IniText.Entry e) throws RecordingFormatException {
        String name = e.value();
        try {
            Path p = Path.of(name);
            if (name.isEmpty() || p.getFileName() == null) {
                throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + " '" + Excerpt.of(name)
                        + "' names no file");
            }
            Path resolved = dir == null ? p : dir.resolve(p);
            String bareName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            if (!Files.exists(resolved) && dir != null && !bareName.isEmpty() && !bareName.equals(name)) {
                Path bare = dir.resolve(bareName);
                if (Files.exists(bare)) return bare;
            }
            return resolved;
        } catch (InvalidPathException ex) {
            throw new RecordingFormatException(ini.file(), e.byteOffset(), e.key() + " '" + Excerpt.of(name)
                    + "' is not a valid file name", ex);
        }
    }
}

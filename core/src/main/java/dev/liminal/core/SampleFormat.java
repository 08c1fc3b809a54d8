package dev.liminal.core;

import java.util.Locale;

/**
 * How a stream stores its samples on the wire or on disk. The names and byte sizes are LSL's
 * {@code channel_format} values (liblsl {@code lsl_channel_format_t}; XDF specification).
 */
public enum SampleFormat {
    FLOAT32("float32", 4),
    DOUBLE64("double64", 8),
    STRING("string", -1),
    INT32("int32", 4),
    INT16("int16", 2),
    INT8("int8", 1),
    INT64("int64", 8);

    private final String lslName;
    private final int bytes;

    SampleFormat(String lslName, int bytes) {
        this.lslName = lslName;
        this.bytes = bytes;
    }

    /** The name LSL and XDF use, e.g. {@code "float32"}. */
    public String lslName() {
        return lslName;
    }

    /** Bytes per value, or -1 for variable-length strings. */
    public int bytesPerValue() {
        return bytes;
    }

    /** Whether values are numbers (everything but {@link #STRING}). */
    public boolean isNumeric() {
        return this != STRING;
    }

    /**
     * Parses an LSL/XDF channel format name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static SampleFormat fromLslName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SampleFormat f : values()) {
            if (f.lslName.equals(n)) return f;
        }
        throw new IllegalArgumentException("unknown channel format '" + name
                + "' (expected float32, double64, string, int32, int16, int8 or int64)");
    }
}

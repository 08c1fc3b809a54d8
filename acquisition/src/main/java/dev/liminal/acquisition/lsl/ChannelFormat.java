package dev.liminal.acquisition.lsl;

/**
 * The value type of every channel of an LSL stream (liblsl {@code lsl_channel_format_t}, codes
 * 1-7; LSL-PROTOCOL.md section 3). Immutable.
 */
public enum ChannelFormat {
    FLOAT32("float32", 1, 4),
    DOUBLE64("double64", 2, 8),
    /** Variable-length byte strings, UTF-8 by convention. */
    STRING("string", 3, -1),
    INT32("int32", 4, 4),
    INT16("int16", 5, 2),
    INT8("int8", 6, 1),
    INT64("int64", 7, 8);

    private final String wireName;
    private final int code;
    private final int valueSizeBytes;

    ChannelFormat(String wireName, int code, int valueSizeBytes) {
        this.wireName = wireName;
        this.code = code;
        this.valueSizeBytes = valueSizeBytes;
    }

    /** The name used in the stream info XML, e.g. {@code float32}. */
    public String wireName() {
        return wireName;
    }

    /** liblsl's enum value (1 = float32 … 7 = int64). */
    public int code() {
        return code;
    }

    /** Bytes per value on the wire, or -1 for {@link #STRING}. */
    public int valueSizeBytes() {
        return valueSizeBytes;
    }

    /** Whether values are strings. */
    public boolean isString() {
        return this == STRING;
    }

    /** Whether values are IEEE floating point. */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == DOUBLE64;
    }

    /**
     * The format with the given XML name.
     *
     * @throws IllegalArgumentException quoting the text when it names no format
     */
    public static ChannelFormat fromWireName(String name) {
        for (ChannelFormat f : values()) {
            if (f.wireName.equals(name)) return f;
        }
        throw new IllegalArgumentException("channel_format '" + name
                + "' is not one of float32, double64, string, int32, int16, int8, int64");
    }
}

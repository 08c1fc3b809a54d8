package dev.liminal.datasets.brainvision;

import dev.liminal.core.SampleFormat;

import java.nio.ByteBuffer;

/**
 * The sample encodings of {@code [Binary Infos] BinaryFormat} (BrainVision Core Data Format
 * 1.0 specification, section "Binary Infos"; INT_32 as Vision Analyzer and MNE-Python accept
 * it). Byte order is the buffer's. Immutable.
 */
enum BinaryFormat {
    INT_16(2, SampleFormat.INT16),
    UINT_16(2, SampleFormat.INT32),
    INT_32(4, SampleFormat.INT32),
    IEEE_FLOAT_32(4, SampleFormat.FLOAT32);

    private final int bytes;
    private final SampleFormat sampleFormat;

    BinaryFormat(int bytes, SampleFormat sampleFormat) {
        this.bytes = bytes;
        this.sampleFormat = sampleFormat;
    }

    /** Bytes per value. */
    int bytes() {
        return bytes;
    }

    /** The smallest {@link SampleFormat} that holds every value exactly. */
    SampleFormat sampleFormat() {
        return sampleFormat;
    }

    /** The raw value at absolute byte index {@code index} of {@code buf}. */
    double read(ByteBuffer buf, int index) {
        switch (this) {
            case INT_16: return buf.getShort(index);
            case UINT_16: return buf.getShort(index) & 0xFFFF;
            case INT_32: return buf.getInt(index);
            default: return buf.getFloat(index);
        }
    }
}

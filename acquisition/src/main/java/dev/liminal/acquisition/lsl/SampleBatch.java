package dev.liminal.acquisition.lsl;

/**
 * Decoded samples on their way from the socket to the inlet buffer, in the buffer's layout:
 * frame-major values ({@code [frame*channels + channel]}) as double (numeric formats except
 * int64), long (int64) or String, plus one timestamp per frame. Confined to the inlet's reader
 * thread; reused for every batch.
 */
final class SampleBatch {
    final ChannelFormat format;
    final int channels;
    final int capacityFrames;
    final double[] values;
    final long[] longValues;
    final String[] strings;
    final double[] timestamps;
    int frames;

    SampleBatch(ChannelFormat format, int channels, int capacityFrames) {
        this.format = format;
        this.channels = channels;
        this.capacityFrames = capacityFrames;
        int n = capacityFrames * channels;
        this.values = format.isString() || format == ChannelFormat.INT64 ? null : new double[n];
        this.longValues = format == ChannelFormat.INT64 ? new long[n] : null;
        this.strings = format.isString() ? new String[n] : null;
        this.timestamps = new double[capacityFrames];
    }

    boolean isFull() {
        return frames == capacityFrames;
    }
}

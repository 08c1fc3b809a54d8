package dev.liminal.datasets.xdf;

import dev.liminal.core.SampleFormat;

import java.util.Arrays;

/**
 * Where one XDF stream's samples lie in the file, without the samples: per Samples chunk its
 * data offset, end offset, first sample index, sample count, the timestamp in force before
 * its first sample (for inferring missing timestamps) and how many ClockOffset measurements
 * precede it; plus the stream's clock offsets and, after the timing pass, its break-free
 * segments with their dejitter lines. About 40 bytes per chunk: 100,000 chunks take 4 MB.
 *
 * <p>Built by the reader's indexing pass, read-only afterwards. Not thread-safe while built;
 * confined to the owning reader.
 */
final class StreamIndex {
    final long fileStreamId;
    final int position;
    final SampleFormat format;
    final int channelCount;
    /** 1 / nominal rate in seconds, 0 for irregular streams. */
    final double samplingIntervalSeconds;
    /** Bytes of one sample's values for numeric formats; -1 for strings. */
    final int valueBytes;
    /** Per channel, the factor that turns file values into the in-memory unit. */
    final double[] factors;

    int chunkCount;
    long[] chunkDataOffset = new long[8];
    long[] chunkEnd = new long[8];
    long[] chunkFirstSample = new long[8];
    int[] chunkSamples = new int[8];
    double[] chunkPreviousTimestamp = new double[8];
    int[] chunkMeasurementsSeen = new int[8];

    long sampleCount;
    double lastRawTimestamp;
    long samplesWithoutTimestamp;

    int offsetCount;
    double[] offsetTimes = new double[4];
    double[] offsetValues = new double[4];

    ClockModel clock = ClockModel.NONE;

    int segmentCount;
    long[] segmentFirst = new long[0];
    double[] segmentIntercept = new double[0];
    double[] segmentStep = new double[0];

    StreamIndex(long fileStreamId, int position, SampleFormat format, int channelCount, double nominalRateHz,
                double[] factors) {
        this.fileStreamId = fileStreamId;
        this.position = position;
        this.format = format;
        this.channelCount = channelCount;
        this.samplingIntervalSeconds = nominalRateHz > 0 ? 1.0 / nominalRateHz : 0;
        this.valueBytes = format.isNumeric() ? format.bytesPerValue() * channelCount : -1;
        this.factors = factors;
    }

    void addChunk(long dataOffset, long end, int samples, double previousTimestamp) {
        if (chunkCount == chunkDataOffset.length) {
            int n = chunkCount * 2;
            chunkDataOffset = Arrays.copyOf(chunkDataOffset, n);
            chunkEnd = Arrays.copyOf(chunkEnd, n);
            chunkFirstSample = Arrays.copyOf(chunkFirstSample, n);
            chunkSamples = Arrays.copyOf(chunkSamples, n);
            chunkPreviousTimestamp = Arrays.copyOf(chunkPreviousTimestamp, n);
            chunkMeasurementsSeen = Arrays.copyOf(chunkMeasurementsSeen, n);
        }
        chunkDataOffset[chunkCount] = dataOffset;
        chunkEnd[chunkCount] = end;
        chunkFirstSample[chunkCount] = sampleCount;
        chunkSamples[chunkCount] = samples;
        chunkPreviousTimestamp[chunkCount] = previousTimestamp;
        chunkMeasurementsSeen[chunkCount] = offsetCount;
        chunkCount++;
        sampleCount += samples;
    }

    void addOffset(double collectionTime, double offset) {
        if (offsetCount == offsetTimes.length) {
            offsetTimes = Arrays.copyOf(offsetTimes, offsetCount * 2);
            offsetValues = Arrays.copyOf(offsetValues, offsetCount * 2);
        }
        offsetTimes[offsetCount] = collectionTime;
        offsetValues[offsetCount] = offset;
        offsetCount++;
    }

    void addSegment(long first, double intercept, double step) {
        if (segmentCount == segmentFirst.length) {
            int n = Math.max(4, segmentCount * 2);
            segmentFirst = Arrays.copyOf(segmentFirst, n);
            segmentIntercept = Arrays.copyOf(segmentIntercept, n);
            segmentStep = Arrays.copyOf(segmentStep, n);
        }
        segmentFirst[segmentCount] = first;
        segmentIntercept[segmentCount] = intercept;
        segmentStep[segmentCount] = step;
        segmentCount++;
    }

    /** The chunk holding sample {@code sample} (which must exist). */
    int chunkOf(long sample) {
        int i = Arrays.binarySearch(chunkFirstSample, 0, chunkCount, sample);
        if (i >= 0) {
            while (i + 1 < chunkCount && chunkFirstSample[i + 1] == sample) i++;
            return i;
        }
        return -i - 2;
    }

    /** The dejitter segment holding sample {@code sample}. */
    int segmentOf(long sample) {
        int i = Arrays.binarySearch(segmentFirst, 0, segmentCount, sample);
        return i >= 0 ? i : -i - 2;
    }

    /** The channel offsets as one column of a {@code [count][2]} table (time, value). */
    double[][] offsets() {
        double[][] out = new double[offsetCount][];
        for (int i = 0; i < offsetCount; i++) out[i] = new double[] {offsetTimes[i], offsetValues[i]};
        return out;
    }
}

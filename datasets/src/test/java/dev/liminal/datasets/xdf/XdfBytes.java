package dev.liminal.datasets.xdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds XDF bytes chunk by chunk for tests, including malformed ones the writer never makes
 * (missing timestamps, lying lengths, unknown tags). Not thread-safe.
 */
final class XdfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    XdfBytes() {
        out.writeBytes("XDF:".getBytes(StandardCharsets.US_ASCII));
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A chunk with a correct 4-byte length field. */
    XdfBytes chunk(int tag, byte[] content) {
        return chunk(tag, content, 2L + content.length, 4);
    }

    /** A chunk whose length field says {@code declaredLength} in {@code lengthBytes} bytes. */
    XdfBytes chunk(int tag, byte[] content, long declaredLength, int lengthBytes) {
        ByteBuffer b = le(1 + lengthBytes + 2);
        b.put((byte) lengthBytes);
        if (lengthBytes == 1) b.put((byte) declaredLength);
        else if (lengthBytes == 4) b.putInt((int) declaredLength);
        else b.putLong(declaredLength);
        b.putShort((short) tag);
        out.writeBytes(b.array());
        out.writeBytes(content);
        return this;
    }

    XdfBytes fileHeader() {
        return chunk(1, "<?xml version=\"1.0\"?><info><version>1.0</version></info>".getBytes(StandardCharsets.UTF_8));
    }

    XdfBytes streamHeader(int id, String xml) {
        byte[] x = xml.getBytes(StandardCharsets.UTF_8);
        return chunk(2, le(4 + x.length).putInt(id).put(x).array());
    }

    XdfBytes streamHeader(int id, String name, int channels, double rate, String format) {
        return streamHeader(id, "<?xml version=\"1.0\"?><info><name>" + name + "</name><type>EEG</type><channel_count>"
                + channels + "</channel_count><nominal_srate>" + rate + "</nominal_srate><channel_format>" + format
                + "</channel_format><desc/></info>");
    }

    /** A float32 Samples chunk; {@code timestamps[k]} NaN means "no timestamp". */
    XdfBytes floatSamples(int id, double[] timestamps, float[][] values) {
        int channels = values.length == 0 ? 0 : values[0].length;
        ByteBuffer b = le(4 + 5 + timestamps.length * (9 + 4 * channels));
        b.putInt(id).put((byte) 4).putInt(timestamps.length);
        for (int k = 0; k < timestamps.length; k++) {
            if (Double.isNaN(timestamps[k])) b.put((byte) 0);
            else b.put((byte) 8).putDouble(timestamps[k]);
            for (int c = 0; c < channels; c++) b.putFloat(values[k][c]);
        }
        byte[] content = new byte[b.position()];
        b.flip().get(content);
        return chunk(3, content);
    }

    XdfBytes clockOffset(int id, double time, double offset) {
        return chunk(4, le(20).putInt(id).putDouble(time).putDouble(offset).array());
    }

    XdfBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }
}

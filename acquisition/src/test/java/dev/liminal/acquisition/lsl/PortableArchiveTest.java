package dev.liminal.acquisition.lsl;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortableArchiveTest {

    @Test
    void encodesTestPatternSampleAsCapturedFromLiblsl() {
        // LSL-PROTOCOL.md section 6, verified bytes: tag 2, ts 123456.789, first value 4.0f
        byte[] b = new byte[64];
        int p = PortableArchive.putSigned(b, 0, 2);
        p = PortableArchive.putUnsigned(b, p, Double.doubleToRawLongBits(123456.789));
        p = PortableArchive.putUnsigned(b, p, Float.floatToRawIntBits(4.0f) & 0xFFFFFFFFL);
        assertEquals("010208c976be9f0c24fe400400008040", HexFormat.of().formatHex(Arrays.copyOf(b, p)));
        // the 629-byte XML length of the same capture: 02 75 02
        assertEquals("027502", HexFormat.of().formatHex(b, 0, PortableArchive.putSigned(b, 0, 629)));
    }

    @Test
    void signedValuesRoundTripIncludingNegativesAndExtremes() throws IOException {
        long[] values = {0, 1, -1, 127, 128, -128, -129, 255, 65537, -65537, Long.MAX_VALUE, Long.MIN_VALUE};
        byte[] b = new byte[16 * values.length];
        int p = 0;
        for (long v : values) p = PortableArchive.putSigned(b, p, v);
        ByteArrayInputStream in = new ByteArrayInputStream(b, 0, p);
        for (long v : values) assertEquals(v, PortableArchive.read(in, "test"));
    }
}

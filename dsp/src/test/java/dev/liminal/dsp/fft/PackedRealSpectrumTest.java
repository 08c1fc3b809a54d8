package dev.liminal.dsp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PackedRealSpectrumTest {
    /**
     * FFT and naive DFT each carry rounding of order eps * n * max|x|; relative to the largest
     * coefficient 1e-10 holds comfortably up to n = 4097 while catching any misplaced element.
     */
    private static final double TOLERANCE_OF_MAX = 1e-10;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 251, 255, 256, 333, 999, 1000, 2001, 4097})
    void unpacksEveryBinLikeANaiveDftForEvenAndOddLengths(int n) {
        double[] x = new Random(n).doubles(n, -50, 50).toArray();
        double[] packed = x.clone();
        RealFft.forCurrentThread(n).forward(packed);

        int bins = PackedRealSpectrum.binCount(n);
        assertEquals(n / 2 + 1, bins);
        double[] re = new double[bins];
        double[] im = new double[bins];
        double max = 0;
        for (int k = 0; k < bins; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double angle = -2.0 * Math.PI * (((long) j * k) % n) / n;
                sr += x[j] * Math.cos(angle);
                si += x[j] * Math.sin(angle);
            }
            re[k] = sr;
            im[k] = si;
            max = Math.max(max, Math.hypot(sr, si));
        }
        double[] power = new double[bins];
        PackedRealSpectrum.power(packed, n, power, 0, bins);
        double[] unpackedRe = new double[bins];
        double[] unpackedIm = new double[bins];
        PackedRealSpectrum.unpack(packed, n, unpackedRe, unpackedIm, 0, bins);
        double tolerance = TOLERANCE_OF_MAX * max;
        for (int k = 0; k < bins; k++) {
            assertEquals(re[k], PackedRealSpectrum.real(packed, n, k), tolerance, "Re X[" + k + "]");
            assertEquals(im[k], PackedRealSpectrum.imaginary(packed, n, k), tolerance, "Im X[" + k + "]");
            assertEquals(re[k] * re[k] + im[k] * im[k], power[k], tolerance * max * 2, "|X[" + k + "]|^2");
            assertEquals(re[k], unpackedRe[k], tolerance, "unpacked Re X[" + k + "]");
            assertEquals(im[k], unpackedIm[k], tolerance, "unpacked Im X[" + k + "]");
        }
    }

    @Test
    void powerOfABinRangeLeavesOtherEntriesUntouched() {
        int n = 9;
        double[] packed = new Random(3).doubles(n).toArray();
        RealFft.forCurrentThread(n).forward(packed);
        double[] power = {-1, -1, -1, -1, -1};
        PackedRealSpectrum.power(packed, n, power, 2, 4);
        assertEquals(-1, power[0]);
        assertEquals(-1, power[1]);
        assertEquals(-1, power[4]);
        double re = PackedRealSpectrum.real(packed, n, 3);
        double im = PackedRealSpectrum.imaginary(packed, n, 3);
        assertEquals(re * re + im * im, power[3], 0.0);
    }

    @Test
    void rejectsBinsBeyondNyquistQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedRealSpectrum.real(new double[8], 8, 5));
        assertEquals("bin 5 outside 0..4 for a 8-point transform", e.getMessage());
    }

    @Test
    void largeTransformsStayOnTheCallingThread() {
        int n = 1 << 17;
        RealFft fft = RealFft.forCurrentThread(n);
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        fft.forward(new Random(1).doubles(n).toArray());
        java.util.Set<Thread> after = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        after.removeAll(before);
        after.removeIf(t -> !t.isAlive());
        assertEquals(java.util.Set.of(), after, "threads started by a " + n + "-point transform");
    }

    @Test
    void keepsOnePlanPerSizePerThread() throws InterruptedException {
        RealFft mine = RealFft.forCurrentThread(2000);
        assertSame(mine, RealFft.forCurrentThread(2000));
        AtomicReference<RealFft> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(RealFft.forCurrentThread(2000)), "liminal-test-fft");
        t.start();
        t.join();
        assertNotSame(mine, other.get());
        assertEquals(2000, other.get().size());
    }
}

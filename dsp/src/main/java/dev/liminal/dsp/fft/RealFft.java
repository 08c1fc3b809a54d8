package dev.liminal.dsp.fft;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * A forward real FFT of one size, over JTransforms' {@link DoubleFFT_1D}. Plans are costly to
 * build (twiddle tables), so {@link #forCurrentThread(int)} keeps a small cache per thread:
 * one plan per size per thread, never shared. Read the packed result with
 * {@link PackedRealSpectrum} only.
 *
 * <p>Thread-safety: an instance is confined to the thread that obtained it.
 *
 * <p>Allocation: power-of-two sizes transform in place without allocating. For other sizes
 * JTransforms (3.1) allocates one scratch array of {@code n} doubles per call inside
 * {@code rfftf} (mixed radix) or {@code 2m} doubles (Bluestein, primes above 211); Liminal
 * code around it allocates nothing per transform.
 *
 * <p>Threads: loading this class switches off JTransforms' own multithreading (which would
 * start at 8192 points) for the whole JVM. Liminal parallelises over channels in named threads;
 * a transform splitting itself over JTransforms' anonymous pool on top of that would only
 * oversubscribe the cores.
 */
public final class RealFft {
    /** Distinct sizes a thread keeps plans for; a processing thread uses one or two. */
    static final int PLANS_PER_THREAD = 8;

    private static final ThreadLocal<Map<Integer, RealFft>> PLANS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, RealFft> eldest) {
                    return size() > PLANS_PER_THREAD;
                }
            });

    static {
        CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
        CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
    }

    private final int size;
    private final DoubleFFT_1D plan;

    private RealFft(int size) {
        this.size = size;
        this.plan = new DoubleFFT_1D(size);
    }

    /**
     * The calling thread's plan for {@code size}-point transforms, built on first use.
     *
     * @param size number of real samples, at least 1
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static RealFft forCurrentThread(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("FFT size " + size + " must be at least 1");
        }
        return PLANS.get().computeIfAbsent(size, RealFft::new);
    }

    /** Number of real samples this plan transforms. */
    public int size() {
        return size;
    }

    /**
     * Transforms {@code data[0..size)} in place into the packed layout described by
     * {@link PackedRealSpectrum} (unnormalised: {@code X[k] = sum_j x[j] exp(-2 pi i j k / n)}).
     *
     * @param data samples in, packed spectrum out; length at least {@link #size()}; Modified
     */
    public void forward(double[] data) {
        if (data.length < size) {
            throw new IllegalArgumentException("FFT input of " + data.length + " samples, plan needs " + size);
        }
        plan.realForward(data);
    }
}

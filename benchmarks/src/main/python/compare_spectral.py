"""The SciPy and MNE side of benchmarks/compare-spectral.sh (Debian's /usr/bin/python3).

  compare_spectral.py w1 DATA.f64 LIMINAL_OUT.f64 REPS
      Workload W1 on the samples Liminal used (64 channels x 3,600,000 float64 little-endian,
      channel-major): 2 s periodic Hann window, 1 s hop, constant detrend, one-sided density,
      band power = sum of the density over bins with low <= f < high, times the bin width.
      Four implementations, each one untimed warm-up then REPS timed runs; each result is
      compared with Liminal's band powers ([channel][frame][band] float64).
  compare_spectral.py live DATA.f64 CHANNELS[,CHANNELS...] UPDATES
      One live update (0.1 s chunk in, band powers of the last 2 s out) with SciPy for each
      channel count (scipy.signal.periodogram, and a hand-written scipy.fft.rfft path), and with MNE for 64 channels, fed from the first 2 s of DATA (channels
      repeated beyond 64). check= is the alpha power of channel 0 of the last window, which is
      those 2 s, as in Liminal's harness.

Prints RESULT lines (impl=..., median_s / median_ms, min, max_rel_diff) for the summary.
"""
import os
import sys
import time

import numpy as np
import scipy
import scipy.fft
import scipy.signal

FS = 1000.0
WINDOW = 2000
HOP = 1000
LIVE_HOP = 100
BANDS = [("delta", 1.0, 4.0), ("theta", 4.0, 8.0), ("alpha", 8.0, 13.0), ("beta", 13.0, 30.0), ("gamma", 30.0, 45.0)]
CHANNELS_PER_BLOCK = 8


def band_masks(freqs):
    return [(freqs >= lo) & (freqs < hi) for _, lo, hi in BANDS]


def band_sums(psd, freqs, axis):
    """psd with frequency on `axis` -> band powers with bands on that axis moved last."""
    df = freqs[1] - freqs[0]
    out = [np.take(psd, np.nonzero(m)[0], axis=axis).sum(axis=axis) * df for m in band_masks(freqs)]
    return np.stack(out, axis=-1)


def w1_scipy_spectrogram(x):
    """scipy.signal.spectrogram per channel, then band sums: [channel][frame][band]."""
    out = []
    for row in x:
        f, _, s = scipy.signal.spectrogram(row, fs=FS, window="hann", nperseg=WINDOW, noverlap=WINDOW - HOP,
                                           detrend="constant", scaling="density", mode="psd")
        out.append(band_sums(s, f, axis=0))
    return np.stack(out)


def rfft_setup():
    w = scipy.signal.get_window("hann", WINDOW)
    freqs = np.fft.rfftfreq(WINDOW, 1 / FS)
    masks = band_masks(freqs)
    lo = min(np.nonzero(m)[0][0] for m in masks)
    hi = max(np.nonzero(m)[0][-1] for m in masks) + 1
    # one-sided density: 2 / (fs * sum(w^2)) for bins other than DC and Nyquist (none is used here)
    scale = 2.0 / (FS * np.sum(w * w)) * (FS / WINDOW)
    edges = [(np.nonzero(m)[0][0] - lo, np.nonzero(m)[0][-1] + 1 - lo) for m in masks]
    return w, lo, hi, scale, edges


def w1_rfft(x, workers):
    """Hand-batched: all frames of a block of channels through one scipy.fft.rfft call."""
    w, lo, hi, scale, edges = rfft_setup()
    frames = (x.shape[1] - WINDOW) // HOP + 1
    out = np.empty((x.shape[0], frames, len(BANDS)))
    for c0 in range(0, x.shape[0], CHANNELS_PER_BLOCK):
        block = x[c0:c0 + CHANNELS_PER_BLOCK]
        seg = np.lib.stride_tricks.sliding_window_view(block, WINDOW, axis=-1)[:, ::HOP]
        seg = (seg - seg.mean(axis=-1, keepdims=True)) * w
        spec = scipy.fft.rfft(seg, axis=-1, workers=workers)[..., lo:hi]
        p = spec.real ** 2 + spec.imag ** 2
        for b, (a, e) in enumerate(edges):
            out[c0:c0 + CHANNELS_PER_BLOCK, :, b] = p[..., a:e].sum(axis=-1) * scale
    return out


def w1_mne(x):
    """mne.time_frequency.psd_array_welch(average=None), blocks of channels, then band sums."""
    from mne.time_frequency import psd_array_welch
    out = []
    for c0 in range(0, x.shape[0], CHANNELS_PER_BLOCK):
        psd, f = psd_array_welch(x[c0:c0 + CHANNELS_PER_BLOCK], sfreq=FS, fmin=0.0, fmax=50.0, n_fft=WINDOW,
                                 n_per_seg=WINDOW, n_overlap=WINDOW - HOP, window="hann", average=None,
                                 n_jobs=1, verbose="error")
        out.append(band_sums(psd, f, axis=1))
    return np.concatenate(out)


def timed(name, fn, reps, reference):
    fn()
    times = []
    cpu = []
    result = None
    for r in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        print(f"  {name} rep {r + 1}: {times[-1]:.3f} s wall, {cpu[-1]:.3f} s CPU "
              f"(load average {os.getloadavg()[0]:.2f})", flush=True)
    rel = float(np.max(np.abs(result - reference) / np.abs(reference)))
    print(f"RESULT impl={name} median_s={np.median(times):.4f} min_s={min(times):.4f} "
          f"median_cpu_s={np.median(cpu):.4f} reps={reps} max_rel_diff_vs_liminal={rel:.3g}", flush=True)
    return result


def w1(data, liminal_out, reps):
    x = np.fromfile(data, dtype="<f8").reshape(64, -1)
    frames = (x.shape[1] - WINDOW) // HOP + 1
    lim = np.fromfile(liminal_out, dtype="<f8").reshape(64, frames, len(BANDS))
    print(f"python {sys.version.split()[0]} numpy {np.__version__} scipy {scipy.__version__}", flush=True)
    print(f"data {x.shape[0]} x {x.shape[1]} samples; liminal band powers {lim.shape}, "
          f"alpha power of channel 0 frame 0: {lim[0, 0, 2]:.6g} uV^2", flush=True)
    timed("scipy-spectrogram", lambda: w1_scipy_spectrogram(x), reps, lim)
    timed("scipy-rfft-batched-1worker", lambda: w1_rfft(x, 1), reps, lim)
    timed("scipy-rfft-batched-2workers", lambda: w1_rfft(x, 2), reps, lim)
    try:
        import mne
        print(f"mne {mne.__version__}", flush=True)
        timed("mne-psd_array_welch", lambda: w1_mne(x), reps, lim)
    except ImportError as e:
        print(f"!! no mne: {e}")


def live(data, channel_counts, updates):
    x = np.memmap(data, dtype="<f8", mode="r").reshape(64, -1)
    head = np.array(x[:, :WINDOW])
    for channels in channel_counts:
        # the first 2 s of the W1 file, channels repeated beyond 64, as Liminal's harness feeds
        source = np.ascontiguousarray(head[np.arange(channels) % 64])
        buf = source.copy()
        impls = [("scipy-live-periodogram", lambda b: band_sums(
            scipy.signal.periodogram(b, fs=FS, window="hann", detrend="constant", scaling="density", axis=-1)[1],
            np.fft.rfftfreq(WINDOW, 1 / FS), axis=-1))]
        w, lo, hi, scale, edges = rfft_setup()

        def rfft_update(b, w=w, lo=lo, hi=hi, scale=scale, edges=edges):
            spec = scipy.fft.rfft((b - b.mean(axis=-1, keepdims=True)) * w, axis=-1)[:, lo:hi]
            p = spec.real ** 2 + spec.imag ** 2
            return np.stack([p[:, a:e].sum(axis=-1) * scale for a, e in edges], axis=-1)
        impls.append(("scipy-live-rfft", rfft_update))
        if channels == 64:
            from mne.time_frequency import psd_array_welch

            def mne_update(b):
                psd, f = psd_array_welch(b, sfreq=FS, fmin=0.0, fmax=50.0, n_fft=WINDOW, n_per_seg=WINDOW,
                                         n_overlap=0, window="hann", n_jobs=1, verbose="error")
                return band_sums(psd, f, axis=-1)
            impls.append(("mne-live-psd_array_welch", mne_update))
        for name, compute in impls:
            n = updates if channels <= 1024 else max(10, updates // 10)
            # a whole number of 20-update cycles, so the last window is exactly `source` again
            total = -(-(n + 5) // 20) * 20
            times = []
            offset = 0
            for u in range(total):
                chunk = source[:, offset:offset + LIVE_HOP]
                t0 = time.perf_counter()
                buf[:, :-LIVE_HOP] = buf[:, LIVE_HOP:]
                buf[:, -LIVE_HOP:] = chunk
                bp = compute(buf)
                t1 = time.perf_counter()
                times.append(t1 - t0)
                offset = (offset + LIVE_HOP) % WINDOW
            times = np.array(times[-n:]) * 1e3
            med = float(np.median(times))
            print(f"RESULT impl={name} channels={channels} median_ms={med:.4f} p90_ms={np.percentile(times, 90):.4f} "
                  f"min_ms={times.min():.4f} updates={n} realtime={'yes' if med < 100 else 'no'} "
                  f"check={bp[0, 2]:.6g}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "w1":
        w1(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "live":
        live(sys.argv[2], [int(c) for c in sys.argv[3].split(",")], int(sys.argv[4]))
    else:
        raise SystemExit("usage: compare_spectral.py w1 DATA LIMINAL_OUT REPS | live CHANNELS UPDATES")

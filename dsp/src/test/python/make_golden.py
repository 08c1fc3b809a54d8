#!/usr/bin/python3
"""Writes the spectral golden files the dsp tests compare against.

Run with Debian's interpreter (scipy 1.10, numpy 1.24), not the pyenv python3 on PATH:

    /usr/bin/python3 dsp/src/test/python/make_golden.py dsp/src/test/resources/golden

For every case it writes, little-endian and channel-major:
  <case>.properties          parameters and array shapes (read by the Java test)
  <case>.input.f32le          the input, float32 [channel][sample] in microvolts; the
                              reference outputs are computed from these values widened to
                              float64, so Java reads exactly the same numbers
  <case>.welch.f64le          scipy.signal.welch density, float64 [channel][bin]
  <case>.spectrogram.f64le    scipy.signal.spectrogram density, float64 [channel][frame][bin]
  <case>.times.f64le          scipy's frame times (window centres, seconds), float64 [frame]
and windows.csv: scipy.signal.get_window(name, n) (periodic) as name,n,w0 w1 ... (repr digits).

Inputs are seeded, so running the script again writes byte-identical files.
"""
import os
import sys

import numpy as np
import scipy
import scipy.signal

# name, sample rate (Hz), nperseg, Welch noverlap, spectrogram hop (samples), channels, seconds.
# Window lengths cover even and odd sizes, powers of two, mixed radix (2^a 3^b 5^c), a large
# odd factor (999 = 27 * 37) and primes above 211, where JTransforms switches to Bluestein.
CASES = [
    ("r128_n255", 128.0, 255, 127, 64, 3, 10),
    ("r128_n251", 128.0, 251, 125, 50, 2, 8),
    ("r250_n500", 250.0, 500, 250, 50, 4, 8),
    ("r256_n333", 256.0, 333, 166, 128, 3, 8),
    ("r500_n999", 500.0, 999, 499, 250, 2, 10),
    ("r512_n1024", 512.0, 1024, 512, 256, 3, 8),
    ("r1000_n2000", 1000.0, 2000, 1000, 1000, 4, 10),
    ("r1000_n2001", 1000.0, 2001, 1000, 500, 2, 8),
    ("r2048_n4096", 2048.0, 4096, 2048, 2048, 2, 6),
]

SEED = 20261121

WINDOWS = ["hann", "hamming", "blackman", "boxcar"]
WINDOW_LENGTHS = [1, 2, 7, 8, 255, 256]


def make_input(rng, fs, channels, seconds):
    """EEG-like test signal per channel: DC offset, a few sines, white noise, slow drift (uV)."""
    n = int(round(fs * seconds))
    t = np.arange(n) / fs
    x = np.empty((channels, n))
    for c in range(channels):
        offset = rng.uniform(-40.0, 40.0)
        sig = np.full(n, offset)
        for _ in range(4):
            freq = rng.uniform(0.5, 0.45 * fs)
            amp = rng.uniform(2.0, 30.0)
            phase = rng.uniform(0.0, 2.0 * np.pi)
            sig += amp * np.sin(2.0 * np.pi * freq * t + phase)
        sig += rng.standard_normal(n) * 5.0
        sig += np.cumsum(rng.standard_normal(n)) * 0.05
        x[c] = sig
    # Stored as float32; the reference works on exactly these values.
    return x.astype("<f4")


def write(path, array, dtype):
    with open(path, "wb") as f:
        f.write(np.ascontiguousarray(array, dtype=dtype).tobytes())


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "windows.csv"), "w") as w:
        for name in WINDOWS:
            for n in WINDOW_LENGTHS:
                values = scipy.signal.get_window(name, n)
                w.write("%s,%d,%s\n" % (name, n, " ".join(repr(float(v)) for v in values)))
    rng = np.random.default_rng(SEED)
    for name, fs, nperseg, noverlap, hop, channels, seconds in CASES:
        x32 = make_input(rng, fs, channels, seconds)
        x = x32.astype(np.float64)
        f, pxx = scipy.signal.welch(x, fs, window="hann", nperseg=nperseg, noverlap=noverlap,
                                    detrend="constant", scaling="density", axis=-1)
        fs_, ts, sxx = scipy.signal.spectrogram(x, fs, window="hann", nperseg=nperseg,
                                                noverlap=nperseg - hop, detrend="constant",
                                                scaling="density", mode="psd", axis=-1)
        assert np.array_equal(f, fs_)
        sxx = np.transpose(sxx, (0, 2, 1))  # [channel][frame][bin]
        base = os.path.join(out_dir, name)
        write(base + ".input.f32le", x32, "<f4")
        write(base + ".welch.f64le", pxx, "<f8")
        write(base + ".spectrogram.f64le", sxx, "<f8")
        write(base + ".times.f64le", ts, "<f8")
        with open(base + ".properties", "w") as p:
            p.write("# written by dsp/src/test/python/make_golden.py with scipy %s, numpy %s\n"
                    % (scipy.__version__, np.__version__))
            p.write("sampleRateHz=%r\n" % fs)
            p.write("channels=%d\n" % channels)
            p.write("samples=%d\n" % x.shape[1])
            p.write("nperseg=%d\n" % nperseg)
            p.write("noverlap=%d\n" % noverlap)
            p.write("hop=%d\n" % hop)
            p.write("bins=%d\n" % pxx.shape[1])
            p.write("frames=%d\n" % sxx.shape[1])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_golden.py OUTPUT_DIR")
    main(sys.argv[1])

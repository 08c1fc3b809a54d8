"""Reference spectra computed with SciPy, for BandpowerScipyIT.

Usage:
  scipy_spectral.py bandpower SAMPLES FS WINDOW_S HOP_S BANDS
  scipy_spectral.py psd SAMPLES FS WINDOW_S OVERLAP

SAMPLES is a file of little-endian float64 values (one channel, uV). BANDS is
name:low-high,... in Hz. Prints CSV on stdout:
  bandpower: time_s,band,power_uv2,relative  (time_s = end of the window)
  psd:       frequency_hz,psd_uv2_per_hz
Run with Debian's /usr/bin/python3 (numpy and scipy from apt).
"""
import sys

import numpy as np
from scipy import signal


def bandpower(x, fs, window_s, hop_s, bands):
    nperseg = int(round(window_s * fs))
    hop = int(round(hop_s * fs))
    f, t, sxx = signal.spectrogram(x, fs=fs, window="hann", nperseg=nperseg,
                                   noverlap=nperseg - hop, detrend="constant",
                                   scaling="density", mode="psd")
    df = fs / nperseg
    parsed = []
    for item in bands.split(","):
        name, edges = item.split(":")
        low, high = (float(v) for v in edges.split("-"))
        parsed.append((name, (f >= low) & (f < high)))
    print("time_s,band,power_uv2,relative")
    for j, centre in enumerate(t):
        powers = [sxx[mask, j].sum() * df for _, mask in parsed]
        total = sum(powers)
        end = centre + nperseg / (2.0 * fs)
        for (name, _), p in zip(parsed, powers):
            print("%r,%s,%r,%r" % (float(end), name, float(p), float(p / total)))


def psd(x, fs, window_s, overlap):
    nperseg = int(round(window_s * fs))
    noverlap = int(np.floor(nperseg * overlap))
    f, pxx = signal.welch(x, fs=fs, window="hann", nperseg=nperseg, noverlap=noverlap,
                          detrend="constant", scaling="density", average="mean")
    print("frequency_hz,psd_uv2_per_hz")
    for fk, pk in zip(f, pxx):
        print("%r,%r" % (float(fk), float(pk)))


def main(argv):
    x = np.fromfile(argv[2], dtype="<f8")
    fs = float(argv[3])
    if argv[1] == "bandpower":
        bandpower(x, fs, float(argv[4]), float(argv[5]), argv[6])
    elif argv[1] == "psd":
        psd(x, fs, float(argv[4]), float(argv[5]))
    else:
        raise SystemExit("unknown mode " + argv[1])


if __name__ == "__main__":
    main(sys.argv)

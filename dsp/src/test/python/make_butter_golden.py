#!/usr/bin/python3
"""Golden magnitude responses of Butterworth band-pass filters from scipy.

Run with Debian's /usr/bin/python3 (scipy 1.10) from the dsp module directory:
    /usr/bin/python3 src/test/python/make_butter_golden.py
Writes src/test/resources/golden/filter/butter_bandpass_sosfreqz.csv, one line per
(sample rate, order, low, high, frequency) with |H| from
scipy.signal.butter(order, [low, high], 'bandpass', fs=fs, output='sos') and sosfreqz.
ButterworthGoldenTest compares the iirj design with these values.
"""
import os
import numpy as np
import scipy
from scipy import signal

CASES = [
    # fs Hz, order, low Hz, high Hz
    (250.0, 4, 1.0, 40.0),
    (250.0, 2, 8.0, 13.0),
    (500.0, 3, 0.5, 45.0),
    (1000.0, 4, 30.0, 100.0),
    (128.0, 1, 4.0, 8.0),
]
FREQS_PER_CASE = [0.25, 0.5, 1.0, 2.0, 4.0, 6.0, 8.0, 10.0, 13.0, 20.0, 30.0, 40.0, 45.0, 50.0, 60.0,
                  80.0, 100.0, 120.0, 150.0, 200.0, 300.0]

out = os.path.join(os.path.dirname(__file__), '..', 'resources', 'golden', 'filter',
                   'butter_bandpass_sosfreqz.csv')
with open(out, 'w') as f:
    f.write('# scipy %s numpy %s: butter(order,[low,high],bandpass,fs,output=sos) + sosfreqz\n'
            % (scipy.__version__, np.__version__))
    f.write('fs_hz,order,low_hz,high_hz,freq_hz,magnitude\n')
    for fs, order, lo, hi in CASES:
        sos = signal.butter(order, [lo, hi], 'bandpass', fs=fs, output='sos')
        freqs = np.array([x for x in FREQS_PER_CASE if x < fs / 2])
        _, h = signal.sosfreqz(sos, worN=freqs, fs=fs)
        for fr, hv in zip(freqs, h):
            f.write('%r,%d,%r,%r,%r,%.17g\n' % (fs, order, lo, hi, float(fr), abs(hv)))

#!/usr/bin/python3
"""Golden zero-phase band-pass output from scipy.signal.sosfiltfilt.

Run with Debian's /usr/bin/python3 (scipy 1.10) from the dsp module directory:
    /usr/bin/python3 src/test/python/make_filtfilt_golden.py
Writes src/test/resources/golden/filter/sosfiltfilt_bp1-40_o4_fs250.csv: a header comment,
then one line per sample "input,output". The input is a deterministic mix of sines (0.3, 6,
10.5, 22, 60 Hz) and seeded Gaussian noise in microvolts; the output is
sosfiltfilt(butter(4, [1, 40], 'bandpass', fs=250, output='sos'), input) with scipy's
defaults (odd padding, steady-state initial conditions). ZeroPhaseFilterTest compares the
interior of the Java result with it.
"""
import os
import numpy as np
import scipy
from scipy import signal

FS = 250.0
N = 5000
t = np.arange(N) / FS
rng = np.random.default_rng(20261121)
x = (30 * np.sin(2 * np.pi * 0.3 * t) + 15 * np.sin(2 * np.pi * 6 * t + 0.4)
     + 20 * np.sin(2 * np.pi * 10.5 * t + 1.1) + 8 * np.sin(2 * np.pi * 22 * t)
     + 10 * np.sin(2 * np.pi * 60 * t) + 5 * rng.standard_normal(N))
sos = signal.butter(4, [1.0, 40.0], 'bandpass', fs=FS, output='sos')
y = signal.sosfiltfilt(sos, x)

out = os.path.join(os.path.dirname(__file__), '..', 'resources', 'golden', 'filter',
                   'sosfiltfilt_bp1-40_o4_fs250.csv')
with open(out, 'w') as f:
    f.write('# scipy %s numpy %s: sosfiltfilt(butter(4,[1,40],bandpass,fs=250,output=sos), x)\n'
            % (scipy.__version__, np.__version__))
    for xi, yi in zip(x, y):
        f.write('%.17g,%.17g\n' % (xi, yi))

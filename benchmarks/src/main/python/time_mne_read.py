"""Times MNE-Python's full load of an EDF/BDF file, for benchmarks/compare-readers.sh.

One untimed warm-up load (imports, page cache), then REPETITIONS timed loads of
mne.io.read_raw_edf / read_raw_bdf with preload=True, each a fresh Raw object. Prints one
"RESULT ..." line (median and minimum wall-clock seconds, MB/s of file bytes, 1 MB = 1e6 bytes)
and a "SUMMARY ..." line of what MNE read, in microvolts, for cross-checking.

Run with Debian's interpreter, which has MNE: /usr/bin/python3 time_mne_read.py FILE [REPETITIONS]
"""
import gc
import os
import statistics
import sys
import time

import mne


def load(path):
    reader = mne.io.read_raw_bdf if path.lower().endswith(".bdf") else mne.io.read_raw_edf
    return reader(path, preload=True, verbose="error")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: time_mne_read.py FILE [REPETITIONS]")
    path = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) == 3 else 3
    if reps < 1:
        sys.exit("time_mne_read.py: repetitions %d is not positive" % reps)
    size = os.path.getsize(path)

    raw = load(path)  # warm-up
    del raw
    gc.collect()
    seconds = []
    raw = None
    for _ in range(reps):
        raw = None
        gc.collect()
        start = time.perf_counter()
        raw = load(path)
        seconds.append(time.perf_counter() - start)

    data = raw.get_data()  # volts; a view of the preloaded array
    print("SUMMARY file=%s reader=mne-%s channels=%d srate=%g samples=%d annotations=%d "
          "ch0_first=%s chlast_last=%.4f" % (
              os.path.basename(path), mne.__version__, data.shape[0], raw.info["sfreq"], data.shape[1],
              len(raw.annotations), ",".join("%.4f" % (v * 1e6) for v in data[0, :5]), data[-1, -1] * 1e6))
    median = statistics.median(seconds)
    print("RESULT reader=mne file=%s bytes=%d reps=%d median_s=%.4f min_s=%.4f mb_per_s=%.1f all_s=%s" % (
        path, size, reps, median, min(seconds), size / 1e6 / median, ",".join("%.4f" % s for s in seconds)))


if __name__ == "__main__":
    main()

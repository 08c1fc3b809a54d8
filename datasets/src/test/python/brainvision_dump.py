"""Reads a BrainVision recording with MNE-Python and dumps what MNE found, for BrainVisionMneIT.

Usage: brainvision_dump.py <file.vhdr> <data.bin>

Writes every sample as little-endian float64, channel-major, in MNE's units (volts for voltage
channels), to <data.bin>, and prints one JSON object to stdout: sfreq, ch_names, orig_units,
n_times, meas_date (ISO 8601 or null) and annotations as [onset, duration, description].
"""
import json
import sys

import mne
import numpy as np


def main(vhdr, data_path):
    raw = mne.io.read_raw_brainvision(vhdr, preload=True, verbose="error")
    data = raw.get_data()
    np.ascontiguousarray(data, dtype="<f8").tofile(data_path)
    meas_date = raw.info["meas_date"]
    units = raw._orig_units or {}
    out = {
        "sfreq": raw.info["sfreq"],
        "ch_names": raw.ch_names,
        "orig_units": [units.get(name, "") for name in raw.ch_names],
        "n_times": int(raw.n_times),
        "meas_date": None if meas_date is None else meas_date.isoformat(),
        "annotations": [[float(a["onset"]), float(a["duration"]), a["description"]] for a in raw.annotations],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

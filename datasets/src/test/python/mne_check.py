"""Reads an EDF/BDF file with MNE-Python and prints what MNE sees as JSON, for EdfInteropIT.

Usage: /usr/bin/python3 mne_check.py FILE [MAX_VALUES]

Output keys: mne_version, ch_names, sfreq, n_times, meas_date (ISO or null), sums (per channel,
in MNE's units: volts for voltage channels), first (first MAX_VALUES values per channel),
data (every value per channel when there are at most 200000 values, else null), annotations
(list of {onset, duration, description}; onsets in seconds from the first sample).
"""
import json
import sys

import mne


def main():
    path = sys.argv[1]
    max_values = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if path.lower().endswith(".bdf"):
        raw = mne.io.read_raw_bdf(path, preload=True, verbose="error")
    else:
        raw = mne.io.read_raw_edf(path, preload=True, verbose="error")
    data = raw.get_data()
    meas = raw.info["meas_date"]
    out = {
        "mne_version": mne.__version__,
        "ch_names": list(raw.ch_names),
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(raw.n_times),
        "meas_date": meas.isoformat() if meas is not None else None,
        "sums": [float(row.sum()) for row in data],
        "first": [[float(v) for v in row[:max_values]] for row in data],
        "data": [[float(v) for v in row] for row in data] if data.size <= 200000 else None,
        "annotations": [
            {"onset": float(a["onset"]), "duration": float(a["duration"]), "description": str(a["description"])}
            for a in raw.annotations
        ],
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

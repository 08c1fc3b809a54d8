"""Turns the RESULT lines of benchmarks/compare-readers.sh into Markdown tables with ratios.

Input lines look like
  RESULT reader=liminal-prealloc file=... bytes=... reps=5 median_s=0.41 min_s=0.40 mb_per_s=1124.0 all_s=... round=1 format=edf
One table per round, then one over all rounds (median of the per-round medians). The ratio is the
peer's median time over Liminal's (higher is better for Liminal); the target is the issue's:
5x MNE for EDF and BDF, 1x libxdf for XDF.

Usage: python3 summarize_results.py RESULTS_FILE
"""
import statistics
import sys

PEER = {"edf": "mne", "bdf": "mne", "xdf": "libxdf"}
TARGET = {"edf": 5.0, "bdf": 5.0, "xdf": 1.0}
ORDER = ["liminal-prealloc", "liminal-fresh", "mne", "libxdf", "liminal-floor-read", "liminal-floor-fill"]


def parse(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("RESULT "):
                continue
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            rows.append(fields)
    return rows


def table(title, entries):
    """entries: {(format, reader): (median_s, min_s, bytes)}"""
    out = ["#### " + title, "",
           "| file | reader | median s | min s | MB/s (median) | peer / Liminal | target | met |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for fmt in ["edf", "bdf", "xdf"]:
        peer = entries.get((fmt, PEER[fmt]))
        for reader in ORDER:
            e = entries.get((fmt, reader))
            if e is None:
                continue
            median, minimum, size = e
            ratio = target = met = ""
            if reader in ("liminal-prealloc", "liminal-fresh") and peer is not None:
                r = peer[0] / median
                ratio = "%.2fx" % r
                target = "%gx" % TARGET[fmt]
                met = "yes" if r >= TARGET[fmt] else "NO"
            out.append("| %s | %s | %.3f | %.3f | %.0f | %s | %s | %s |" % (
                fmt.upper(), reader, median, minimum, size / 1e6 / median, ratio, target, met))
    return "\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: summarize_results.py RESULTS_FILE")
    rows = parse(sys.argv[1])
    if not rows:
        sys.exit("summarize_results.py: no RESULT lines in " + sys.argv[1])
    rounds = sorted({int(r["round"]) for r in rows})
    per_round = {}
    for r in rows:
        key = (r["format"], r["reader"])
        per_round.setdefault(int(r["round"]), {})[key] = (
            float(r["median_s"]), float(r["min_s"]), int(r["bytes"]))
    for n in rounds:
        print(table("Round %d" % n, per_round[n]))
        print()
    overall = {}
    keys = {k for entries in per_round.values() for k in entries}
    for key in keys:
        values = [per_round[n][key] for n in rounds if key in per_round[n]]
        overall[key] = (statistics.median(v[0] for v in values), min(v[1] for v in values), values[0][2])
    print(table("All %d rounds (median of round medians, min over rounds)" % len(rounds), overall))


if __name__ == "__main__":
    main()

"""Tables of benchmarks/compare-spectral.sh: reads its RESULT lines, prints Markdown."""
import sys


def parse(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("RESULT "):
                rows.append(dict(kv.split("=", 1) for kv in line.split()[1:]))
    return rows


def main(path):
    rows = parse(path)
    w1 = [r for r in rows if "median_s" in r]
    lim1 = next((float(r["median_s"]) for r in w1 if r["impl"] == "liminal-w1-1thread"), None)
    lim2 = next((float(r["median_s"]) for r in w1 if r["impl"] == "liminal-w1-2thread"), None)
    print("W1: 64 ch x 1 h at 1000 Hz, 2 s window, 1 s hop, 5 bands, in memory "
          "(goal <= 1.0 s, resolved at <= 2.0 s)\n")
    print("| implementation | median s | min s | median CPU s | this / Liminal 1 thread | this / Liminal 2 threads | max rel. diff vs Liminal |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in w1:
        m = float(r["median_s"])
        a = f"{m / lim1:.2f}x" if lim1 else ""
        b = f"{m / lim2:.2f}x" if lim2 else ""
        cpu = f"{float(r['median_cpu_s']):.3f}" if "median_cpu_s" in r else ""
        print(f"| {r['impl']} | {m:.3f} | {float(r['min_s']):.3f} | {cpu} | {a} | {b} | {r.get('max_rel_diff_vs_liminal', '')} |")
    live = [r for r in rows if "median_ms" in r]
    print("\nLive: 2 s window, 0.1 s hop, one update = 100-sample chunk in, frame out "
          "(goal: 64 ch < 0.5 ms; >= 4096 ch within the 100 ms hop on one core)\n")
    print("| implementation | channels | median ms | p90 ms | min ms | real time | check (ch 0 alpha, uV^2) |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for r in live:
        print(f"| {r['impl']} | {r['channels']} | {float(r['median_ms']):.3f} | {float(r['p90_ms']):.3f} | "
              f"{float(r['min_ms']):.3f} | {r['realtime']} | {r['check']} |")
    print()
    for impl in sorted({r["impl"] for r in live}):
        per = [(int(r["channels"]), float(r["median_ms"])) for r in live if r["impl"] == impl]
        ok = [c for c, m in per if m < 100]
        c_ref, m_ref = max((c, m) for c, m in per if c in ok) if ok else min(per)
        est = int(100 / (m_ref / c_ref))
        print(f"{impl}: largest measured channel count in real time: {max(ok) if ok else 'none'}; "
              f"100 ms / (per-channel cost at {c_ref} ch) = about {est} channels")
    lim64 = next((float(r["median_ms"]) for r in live if r["impl"] == "liminal-live" and r["channels"] == "64"), None)
    for r in live:
        if r["channels"] == "64" and r["impl"] != "liminal-live" and lim64:
            print(f"64-channel update: {r['impl']} / Liminal = {float(r['median_ms']) / lim64:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1])

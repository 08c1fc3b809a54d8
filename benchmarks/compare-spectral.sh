#!/usr/bin/env bash
# Side-by-side speed of the spectral engine: Liminal's band-power timeline against SciPy and MNE
# on the same data file, in one run, sequentially.
#
#   benchmarks/compare-spectral.sh          # from anywhere; about 10-15 minutes
#   REPS=5 LIVE_CHANNELS=64,2048,4096,8192 benchmarks/compare-spectral.sh
#
# Steps: builds benchmarks/target/benchmarks.jar if needed; writes bench-data/eeg-64ch-1000hz-3600s.f64
# if missing (TimelineHarness generate: the seeded synthetic EEG of the reader benchmarks, 64 x
# 3,600,000 float64 little-endian, channel-major, 1.84 GB), the one file both sides read; prints
# the machine; then
#   W1 (2 s window, 1 s hop, five bands, one hour of 64 channels, in memory): Liminal on 1 and 2
#   threads (TimelineHarness w1, which also writes its band powers);
#   W1 from a 16-bit EDF on disk (TimelineHarness w1-edf, right after w1 so the two are comparable):
#   bench-data/eeg-64ch-1000hz-3600s-w1.edf, written once from the .f64 by datasets' EDF+ writer
#   (generate-edf, about 1-2 minutes, nice'd), timed from opening the file to the last band power
#   for each of EDF_VARIANTS on 1 and 2 threads: a first run (fresh JVM, file evicted from the page
#   cache), a cold run (JIT warm, file evicted again) and REPS warm runs, each checked against W1
#   on the EDF's own samples; then SciPy
#   (scipy.signal.spectrogram + band sums; hand-batched scipy.fft.rfft on 1 and 2 workers) and MNE
#   (psd_array_welch, average=None), each checked against Liminal's band powers;
#   live (2 s window, 0.1 s hop, 100-sample chunks): time per update for LIVE_CHANNELS channels,
#   Liminal then SciPy (and MNE for 64 channels); real time holds while an update takes < 100 ms.
# Finally a table with the ratios (summarize_spectral.py). Everything printed is kept in
# benchmarks/target/compare-spectral-<UTC time>.txt.
#
# Environment: REPS (3), EDF_VARIANTS ("whole blocks"; also "stream", the live engine the CLI
# uses; see EdfTimeline), EVICT (1: evict the EDF from the page cache before the first and cold
# runs with dd iflag=nocache, this file only; 0: leave the cache alone), PAIRED (0; 1: w1-edf
# --paired, W1 in memory timed right before each EDF run, for a ratio under equal load), LIVE_CHANNELS
# (64,1024,2048,4096,8192,16384), LIVE_UPDATES (200), JAVA_OPTS (-Xms6g -Xmx6g: the hour is
# 1.84 GB of doubles), PYTHON (/usr/bin/python3, Debian's, with SciPy 1.10 and MNE 1.3; not the
# pyenv python3 on PATH).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

REPS=${REPS:-3}
EDF_VARIANTS=${EDF_VARIANTS:-whole blocks}
EVICT=${EVICT:-1}
PAIRED=${PAIRED:-0}
LIVE_CHANNELS=${LIVE_CHANNELS:-64,1024,2048,4096,8192,16384}
LIVE_UPDATES=${LIVE_UPDATES:-200}
JAVA_OPTS=${JAVA_OPTS:-"-Xms6g -Xmx6g --add-modules jdk.incubator.vector"}
PYTHON=${PYTHON:-/usr/bin/python3}
jar=benchmarks/target/benchmarks.jar
data=bench-data/eeg-64ch-1000hz-3600s.f64
liminal_out=bench-data/w1-liminal-bandpowers.f64
harness=dev.liminal.benchmarks.spectral.TimelineHarness
mkdir -p benchmarks/target
log=benchmarks/target/compare-spectral-$(date -u +%Y%m%dT%H%M%SZ).txt
results=${log%.txt}.results

exec > >(tee "$log") 2>&1

if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml core/src/main dsp/src/main datasets/src/main benchmarks/src/main -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "== building $jar"
  ./mvnw -B -q -pl benchmarks -am package -DskipTests -Dliminal.fuzz.skip=true
fi

echo "== benchmark data ($data, generated once)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$jar" $harness generate

echo "== W1 EDF (bench-data/eeg-64ch-1000hz-3600s-w1.edf, written once by datasets' EDF writer)"
# shellcheck disable=SC2086
nice java $JAVA_OPTS -cp "$jar" $harness generate-edf

echo "== machine"
echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
echo "cores (nproc): $(nproc)"
lscpu | grep -E '^(Model name|Hypervisor vendor|L3 cache):' | sed 's/  */ /g'
free -g | awk '/^Mem:/ {print "memory: " $2 " GiB total, " $7 " GiB available"}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -n 1
echo "java options: $JAVA_OPTS"
"$PYTHON" -c "import sys, numpy, scipy, mne; print('python', sys.version.split()[0], 'numpy', numpy.__version__, 'scipy', scipy.__version__, 'mne', mne.__version__)"
echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "W1 timed repetitions: $REPS; live channel counts: $LIVE_CHANNELS, $LIVE_UPDATES updates each"

: > "$results"
keep() { grep '^RESULT' | tee -a "$results" > /dev/null || true; }

for threads in 1 2; do
  echo "== W1, Liminal, $threads thread(s) (load average $(cut -d' ' -f1 /proc/loadavg))"
  out_opt=()
  [ "$threads" = 1 ] && out_opt=(--out "$liminal_out")
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$jar" $harness w1 --threads "$threads" --reps "$REPS" --warmup 2 "${out_opt[@]}" \
    | tee /dev/stderr | keep
done
compare_f64=(--compare-f64)
for variant in $EDF_VARIANTS; do
  for threads in 1 2; do
    echo "== W1 from the 16-bit EDF, Liminal, $variant, $threads thread(s) (load average $(cut -d' ' -f1 /proc/loadavg))"
    edf_opts=()
    [ "$EVICT" = 1 ] && edf_opts=(--evict)
    [ "$PAIRED" = 1 ] && edf_opts+=(--paired)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$jar" $harness w1-edf --variant "$variant" --threads "$threads" --reps "$REPS" --warmup 1 \
      "${edf_opts[@]}" "${compare_f64[@]}" | tee /dev/stderr | keep
    compare_f64=()
  done
done
echo "== W1, SciPy and MNE (load average $(cut -d' ' -f1 /proc/loadavg))"
"$PYTHON" benchmarks/src/main/python/compare_spectral.py w1 "$data" "$liminal_out" "$REPS" | tee /dev/stderr | keep

echo "== live, Liminal (load average $(cut -d' ' -f1 /proc/loadavg))"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$jar" $harness live --channels "$LIVE_CHANNELS" --updates "$LIVE_UPDATES" --warmup 1000 \
  | tee /dev/stderr | keep
echo "== live, SciPy and MNE (load average $(cut -d' ' -f1 /proc/loadavg))"
"$PYTHON" benchmarks/src/main/python/compare_spectral.py live "$data" "$LIVE_CHANNELS" "$LIVE_UPDATES" | tee /dev/stderr | keep

echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== results"
"$PYTHON" benchmarks/src/main/python/summarize_spectral.py "$results"
echo "(log: $log)"

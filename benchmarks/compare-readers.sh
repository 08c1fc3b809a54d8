#!/usr/bin/env bash
# Side-by-side read speed: Liminal's readers vs MNE-Python (EDF, BDF) and libxdf (XDF), on the
# same one-hour 64-channel 1000 Hz recordings, in one run, alternating, sequentially.
#
#   benchmarks/compare-readers.sh            # from anywhere; about 5-10 minutes
#   ROUNDS=3 REPS=5 benchmarks/compare-readers.sh
#
# Steps: builds benchmarks/target/benchmarks.jar if needed; generates bench-data/ if missing
# (GenerateBenchData); compiles the libxdf timer (benchmarks/src/main/cpp) into
# benchmarks/target/; prints the machine; then ROUNDS rounds of, per format, Liminal's
# ReadHarness (prealloc and fresh arrays) followed by the peer, each with one or two untimed
# warm-up loads and REPS timed loads; finally Markdown tables (summarize_results.py) with the
# ratios. Everything printed is also kept in benchmarks/target/compare-readers-<UTC time>.txt.
#
# Environment: ROUNDS (2), REPS (5), FORMATS ("edf bdf xdf"), JAVA_OPTS (-Xms5g -Xmx5g),
# PYTHON (/usr/bin/python3, Debian's, which has MNE).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

ROUNDS=${ROUNDS:-2}
REPS=${REPS:-5}
FORMATS=${FORMATS:-"edf bdf xdf"}
JAVA_OPTS=${JAVA_OPTS:-"-Xms5g -Xmx5g"}
PYTHON=${PYTHON:-/usr/bin/python3}
jar=benchmarks/target/benchmarks.jar
stem=eeg-64ch-1000hz-3600s
mkdir -p benchmarks/target
log=benchmarks/target/compare-readers-$(date -u +%Y%m%dT%H%M%SZ).txt
results=${log%.txt}.results

exec > >(tee "$log") 2>&1

if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml core/src/main datasets/src/main benchmarks/src/main -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "== building $jar"
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi

echo "== benchmark data (bench-data/, generated once)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$jar" dev.liminal.benchmarks.GenerateBenchData --dir bench-data --formats edf,bdf,xdf

timer=benchmarks/target/time_libxdf_load
timer_src=benchmarks/src/main/cpp/time_libxdf_load.cpp
have_libxdf=yes
if [ ! -x "$timer" ] || [ "$timer_src" -nt "$timer" ]; then
  if ! g++ -O2 -std=c++17 -o "$timer" "$timer_src" -lxdf; then
    echo "!! cannot compile $timer_src against libxdf (apt-get install libxdf-dev); XDF peer skipped"
    have_libxdf=no
  fi
fi
have_mne=yes
if ! "$PYTHON" -c "import mne" 2>/dev/null; then
  echo "!! $PYTHON has no mne; EDF/BDF peer skipped"
  have_mne=no
fi

echo "== machine"
echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
echo "cores (nproc): $(nproc)"
lscpu | grep -E '^(Model name|Hypervisor vendor|L3 cache):' | sed 's/  */ /g'
free -g | awk '/^Mem:/ {print "memory: " $2 " GiB total, " $7 " GiB available"}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -n 1
echo "java options: $JAVA_OPTS"
"$PYTHON" -c "import sys, mne, numpy; print('python', sys.version.split()[0], 'mne', mne.__version__, 'numpy', numpy.__version__)" 2>/dev/null || true
dpkg-query -W -f='libxdf ${Version}\n' libxdf-dev 2>/dev/null || true
echo "rounds: $ROUNDS, timed repetitions per reader and round: $REPS"

: > "$results"
tag() { sed -n "s/^RESULT .*/& round=$1 format=$2/p" >> "$results"; }

verify=--verify
for round in $(seq 1 "$ROUNDS"); do
  for fmt in $FORMATS; do
    file=bench-data/$stem.$fmt
    echo "== round $round, $fmt: Liminal"
    # shellcheck disable=SC2086
    if ! java $JAVA_OPTS -cp "$jar" dev.liminal.benchmarks.ReadHarness --reps "$REPS" --warmup 2 --mode both --floors $verify "$file" \
        | tee /dev/stderr | tag "$round" "$fmt"; then
      echo "!! Liminal failed on $file"
    fi
    case $fmt in
      edf|bdf)
        if [ "$have_mne" = yes ]; then
          echo "== round $round, $fmt: MNE read_raw_$fmt(preload=True)"
          "$PYTHON" benchmarks/src/main/python/time_mne_read.py "$file" "$REPS" | tee /dev/stderr | tag "$round" "$fmt" \
            || echo "!! MNE failed on $file"
        fi ;;
      xdf)
        if [ "$have_libxdf" = yes ]; then
          echo "== round $round, $fmt: libxdf load_xdf"
          "$timer" "$file" "$REPS" | grep -E '^(RESULT|SUMMARY)' | tee /dev/stderr | tag "$round" "$fmt" \
            || echo "!! libxdf failed on $file"
        fi ;;
    esac
  done
  verify=
done

echo "== results (ratio = peer median time / Liminal median time; MB/s of file bytes, 1 MB = 1e6 B)"
"$PYTHON" benchmarks/src/main/python/summarize_results.py "$results"
echo "(log: $log)"

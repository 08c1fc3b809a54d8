#!/usr/bin/env bash
# Liminal's pure-Java LSL against liblsl over loopback, side by side in one run: throughput
# (64 x float32 in chunks, flow-controlled) and push-to-pull latency (1000 Hz x 64), liblsl's own
# C programs (src/main/c/lsl_bench_*.c) and the Java harnesses (dev.liminal.benchmarks.lsl)
# alternately, ROUNDS times; then Liminal's push-to-band-power-frame latency, which has no liblsl
# twin. Every figure is printed next to the load average read just before it ran.
#
#   LIMINAL_LIBLSL=/work/liblsl benchmarks/compare-lsl.sh     # about 1.5 minutes per round
#   ROUNDS=2 benchmarks/compare-lsl.sh                        # Liminal only (says so)
#
# LIMINAL_LIBLSL: an installed liblsl (the prefix holding include/lsl_c.h and lib/liblsl.so, or
# the path of liblsl.so itself). The C programs are compiled against it into
# benchmarks/target/lsl-bench/ (never committed). Without it only Liminal runs.
# Environment: ROUNDS (3), SAMPLES (6000000, throughput: long enough that the JIT warm-up is a small part), LATENCY_SECONDS (10), FRAME_SECONDS (30),
# CROSS_PROCESS (1: also Liminal's latency with the outlet in a second JVM; 0 = skip),
# BENCHES (which parts run: "throughput latency frame"),
# JAVA_OPTS (-Xms512m -Xmx512m), CC (gcc).
# Each program runs under /usr/bin/time when it exists: the process's user and system CPU seconds
# are added to its RESULT line (cpu_user_s, cpu_sys_s), a measure the load disturbs less than
# wall time (for the JVM it includes start-up and JIT compilation).
# Everything stays on 127.0.0.1 (the C programs install a machine-only liblsl configuration, the
# Java harnesses use local scope); every step runs under `timeout`. The whole output is kept in
# benchmarks/results/<UTC time>-lsl.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

ROUNDS=${ROUNDS:-3}
SAMPLES=${SAMPLES:-6000000}
LATENCY_SECONDS=${LATENCY_SECONDS:-10}
FRAME_SECONDS=${FRAME_SECONDS:-30}
CROSS_PROCESS=${CROSS_PROCESS:-1}
BENCHES=${BENCHES:-"throughput latency frame"}
JAVA_OPTS=${JAVA_OPTS:-"-Xms512m -Xmx512m"}
CC=${CC:-gcc}
jar=benchmarks/target/benchmarks.jar
bin=benchmarks/target/lsl-bench
pkg=dev.liminal.benchmarks.lsl
mkdir -p benchmarks/results benchmarks/target
log=benchmarks/results/$(date -u +%Y-%m-%dT%H%MZ)-lsl.txt
results=$(mktemp "${TMPDIR:-/tmp}/compare-lsl.XXXXXX")
trap 'rm -f "$results"' EXIT

exec > >(tee "$log") 2>&1

if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml core/src/main dsp/src/main datasets/src/main acquisition/src/main benchmarks/src/main/java -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "== building $jar"
  ./mvnw -B -q -pl benchmarks -am package -DskipTests -Dliminal.fuzz.skip=true
fi

liblsl=""
if [ -n "${LIMINAL_LIBLSL:-}" ]; then
  prefix=$LIMINAL_LIBLSL
  case "$prefix" in *.so*) prefix=$(cd "$(dirname "$prefix")/.." && pwd) ;; esac
  if [ ! -f "$prefix/include/lsl_c.h" ] || [ ! -e "$prefix/lib/liblsl.so" ]; then
    echo "LIMINAL_LIBLSL=$LIMINAL_LIBLSL: no include/lsl_c.h and lib/liblsl.so under $prefix" >&2
    exit 2
  fi
  mkdir -p "$bin"
  for p in lsl_bench_throughput lsl_bench_latency; do
    "$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -I"$prefix/include" -o "$bin/$p" \
      "benchmarks/src/main/c/$p.c" -L"$prefix/lib" -llsl -lpthread -Wl,-rpath,"$prefix/lib"
  done
  liblsl=$prefix
fi

echo "== machine"
echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
echo "cores (nproc): $(nproc)"
lscpu | grep -E '^(Model name|Hypervisor vendor):' | sed 's/  */ /g'
java -version 2>&1 | head -n 1
echo "java options: $JAVA_OPTS"
echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
if [ -n "$liblsl" ]; then
  echo "liblsl: $liblsl ($("$liblsl/bin/lslver" 2>/dev/null | tr '\n' ' ' || echo 'lslver missing'))"
else
  echo "liblsl: NOT SET (LIMINAL_LIBLSL unset): Liminal only, no side-by-side figures in this run"
fi
echo "parts: $BENCHES"
echo "rounds: $ROUNDS; throughput $SAMPLES samples; latency ${LATENCY_SECONDS} s + 1 s warm-up; frame ${FRAME_SECONDS} s + 3 s warm-up"

load1() { cut -d' ' -f1 /proc/loadavg; }

# run ROUND IMPL BENCH TIMEOUT COMMAND...: prints uptime, runs, tags the RESULT line with the load.
run() {
  local round=$1 impl=$2 bench=$3 limit=$4
  shift 4
  local before
  before=$(load1)
  echo "-- round $round, $bench, $impl; $(uptime | sed 's/^ *//')"
  local out status=0 timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f 'CPU_TIME cpu_user_s=%U cpu_sys_s=%S')
  out=$(timeout "$limit" "${timer[@]}" "$@" 2>&1) || status=$?
  printf '%s\n' "$out" | grep -v -e '^WARNING: Using incubator modules' -e '^CPU_TIME' || true
  local cpu
  cpu=$(printf '%s\n' "$out" | sed -n 's/^CPU_TIME //p' | tail -n 1)
  if [ "$status" -ne 0 ]; then
    echo "   (exit status $status)"
    return 0
  fi
  printf '%s\n' "$out" | grep '^RESULT' | sed "s/^RESULT /RESULT round=$round load1_before=$before load1_after=$(load1) /; s/\$/ $cpu/" >> "$results" || true
}

# shellcheck disable=SC2206
java_cmd=(java $JAVA_OPTS -cp "$jar")

wants() { case " $BENCHES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

for round in $(seq 1 "$ROUNDS"); do
  # alternate who goes first, so that a load change does not always favour the same side
  if [ $((round % 2)) -eq 1 ]; then order="liblsl liminal"; else order="liminal liblsl"; fi
  wants throughput && for impl in $order; do
    if [ "$impl" = liblsl ]; then
      [ -n "$liblsl" ] || continue
      run "$round" liblsl throughput 90 env -u LSLAPICFG "$bin/lsl_bench_throughput" --channels 64 --chunk 32 --samples "$SAMPLES" --seconds 40
    else
      run "$round" liminal throughput 90 "${java_cmd[@]}" "$pkg.LslThroughputHarness" --channels 64 --chunk 32 --samples "$SAMPLES" --seconds 40
    fi
  done
  wants latency && for impl in $order; do
    if [ "$impl" = liblsl ]; then
      [ -n "$liblsl" ] || continue
      run "$round" liblsl latency $((LATENCY_SECONDS + 40)) env -u LSLAPICFG "$bin/lsl_bench_latency" --channels 64 --rate 1000 --seconds "$LATENCY_SECONDS" --warmup 1
    else
      run "$round" liminal latency $((LATENCY_SECONDS + 40)) "${java_cmd[@]}" "$pkg.LslLatencyHarness" --channels 64 --rate 1000 --seconds "$LATENCY_SECONDS" --warmup 1
    fi
  done
  if wants latency && [ "$CROSS_PROCESS" = 1 ]; then
    run "$round" liminal latency-cross-process $((LATENCY_SECONDS + 70)) "${java_cmd[@]}" "$pkg.LslLatencyHarness" --mode cross-process --channels 64 --rate 1000 --seconds "$LATENCY_SECONDS" --warmup 1
  fi
  if wants frame; then
    run "$round" liminal frame $((FRAME_SECONDS + 60)) "${java_cmd[@]}" --add-modules jdk.incubator.vector \
      "$pkg.LslFrameLatencyHarness" --channels 64 --rate 1000 --seconds "$FRAME_SECONDS" --warmup 3
  fi
done

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo
echo "== summary (load1 = 1-minute load average just before the run)"
echo
echo "throughput, 64 x float32, chunks of 32, flow-controlled (target: Liminal >= liblsl)"
printf '%-6s %-8s %6s %12s %10s %6s %16s %14s\n' round impl load1 samples/s MB/s lost 'CPU s/M samples' 'steady (JVM)'
{ grep 'bench=lsl_throughput ' "$results" || true; } | while read -r line; do
  user=$(field cpu_user_s <<<"$line"); sys=$(field cpu_sys_s <<<"$line"); sent=$(field sent <<<"$line")
  cpu=$(awk -v u="${user:-0}" -v s="${sys:-0}" -v n="$sent" 'BEGIN { if (u + s > 0 && n > 0) printf "%.2f", (u + s) / (n / 1e6); else print "-" }')
  steady=$(field steady_samples_per_s <<<"$line")
  printf '%-6s %-8s %6s %12s %10s %6s %16s %14s\n' "$(field round <<<"$line")" "$(field impl <<<"$line")" \
    "$(field load1_before <<<"$line")" "$(field samples_per_s <<<"$line")" "$(field payload_mb_per_s <<<"$line")" \
    "$(field lost <<<"$line")" "$cpu" "${steady:--}"
done
echo
echo "push-to-pull latency, 1000 Hz x 64 (target: Liminal p99 <= 500 us), microseconds"
printf '%-6s %-22s %6s %8s %8s %8s %9s %9s %6s %6s\n' round impl load1 p50 p90 p99 p99.9 max lost late
{ grep 'bench=lsl_latency ' "$results" || true; } | while read -r line; do
  impl=$(field impl <<<"$line"); mode=$(field mode <<<"$line")
  [ -n "$mode" ] && impl="$impl-$mode"
  printf '%-6s %-22s %6s %8s %8s %8s %9s %9s %6s %6s\n' "$(field round <<<"$line")" "$impl" \
    "$(field load1_before <<<"$line")" "$(field p50_us <<<"$line")" "$(field p90_us <<<"$line")" \
    "$(field p99_us <<<"$line")" "$(field p999_us <<<"$line")" "$(field max_us <<<"$line")" \
    "$(field lost <<<"$line")" "$(field late_pushes <<<"$line")"
done
echo
echo "push to band-power frame, 1000 Hz x 64, live defaults (target: p99 <= 2000 us), microseconds"
printf '%-6s %6s %7s %8s %8s %8s %9s %10s %10s %6s %6s\n' round load1 frames p50 p90 p99 max dsp_p50 dsp_p99 lost late
{ grep 'bench=lsl_frame_latency ' "$results" || true; } | while read -r line; do
  printf '%-6s %6s %7s %8s %8s %8s %9s %10s %10s %6s %6s\n' "$(field round <<<"$line")" "$(field load1_before <<<"$line")" \
    "$(field frames <<<"$line")" "$(field p50_us <<<"$line")" "$(field p90_us <<<"$line")" "$(field p99_us <<<"$line")" \
    "$(field max_us <<<"$line")" "$(field dsp_p50_us <<<"$line")" "$(field dsp_p99_us <<<"$line")" \
    "$(field lost <<<"$line")" "$(field late_pushes <<<"$line")"
done
echo
echo "RESULT lines:"
cat "$results"
echo "log: $log"

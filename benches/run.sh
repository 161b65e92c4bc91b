#!/usr/bin/env bash
# The SPEC §9 benchmark: builds a release binary, generates a 10,000-prompt bank and a
# 100,000-attempt history in a temp folder, and times sre-drill's `list`, `stats`, `due`,
# `history` and `report` beside their baselines (PyYAML's C loader, a Python json.loads
# pass, wc -l) in the same run, plus peak memory and start-to-first-prompt (with an
# empty history and with a 10,000-attempt one). The reviewing commands are timed cold
# (the cache of review records deleted before each run) and warm (the cache current).
#
# Usage: benches/run.sh            (RUNS=5 PROMPTS=10000 ATTEMPTS=100000 by default)
#        RUNS=9 benches/run.sh     more runs per command
# Needs bash, cargo, python3 with PyYAML (python3-yaml, for the baseline); uses GNU
# /usr/bin/time for CPU time and peak memory when it is installed. See docs/performance.md.

set -euo pipefail

RUNS=${RUNS:-5}
PROMPTS=${PROMPTS:-10000}
ATTEMPTS=${ATTEMPTS:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

if ! python3 -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null; then
    echo "benches/run.sh: needs python3 with PyYAML built on libyaml (apt-get install python3-yaml)" >&2
    exit 2
fi
TIME=""
if /usr/bin/time -f "%U" true 2>/dev/null; then
    TIME=/usr/bin/time
fi

echo "Building release ..." >&2
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN="$TARGET/release/sre-drill"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
EMPTY="$WORK/empty-home"
FULL="$WORK/home"
YEARS="$WORK/years-home"
mkdir -p "$EMPTY" "$FULL" "$YEARS"

echo "Generating $PROMPTS prompts and $ATTEMPTS attempts in $WORK ..." >&2
SRE_DRILL_HOME="$EMPTY" "$BIN" list --json > "$WORK/builtin.json"
python3 "$ROOT/benches/gen.py" bank --out "$WORK/bank" --prompts "$PROMPTS"
python3 "$ROOT/benches/gen.py" history --prompts-json "$WORK/builtin.json" \
    --out "$FULL/history.jsonl" --attempts "$ATTEMPTS" --days 730
python3 "$ROOT/benches/gen.py" history --prompts-json "$WORK/builtin.json" \
    --out "$YEARS/history.jsonl" --attempts 10000 --days 1460
rm -f "$EMPTY/history.jsonl"
BANK_MB=$(du -sm "$WORK/bank" | cut -f1)
HISTORY_MB=$(( $(wc -c < "$FULL/history.jsonl") / 1000000 ))

# median VALUES...: the middle value (the mean of the two middle ones for an even count).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME CMD...: one warm-up run, then RUNS timed runs (wall clock, from bash's
# EPOCHREALTIME), then RUNS runs under /usr/bin/time for CPU time and peak memory.
# Sets WALL_MS, CPU_MS and RSS_MB (empty without /usr/bin/time). When SETUP names a
# command, it runs (untimed) before every run.
measure() {
    local name=$1
    shift
    ${SETUP:-true}
    "$@" < /dev/null > /dev/null 2>&1 || { echo "benches/run.sh: '$name' failed: $*" >&2; exit 1; }
    local walls=() cpus=() rss=() t0 t1 i line
    for ((i = 0; i < RUNS; i++)); do
        ${SETUP:-true}
        t0=${EPOCHREALTIME/./}
        "$@" < /dev/null > /dev/null 2>&1
        t1=${EPOCHREALTIME/./}
        walls+=("$(( (t1 - t0) / 1000 ))")
    done
    WALL_MS=$(median "${walls[@]}")
    CPU_MS=""
    RSS_MB=""
    if [[ -n $TIME ]]; then
        for ((i = 0; i < RUNS; i++)); do
            ${SETUP:-true}
            "$TIME" -o "$WORK/time.txt" -f "%U %S %M" "$@" < /dev/null > /dev/null 2>&1
            line=$(tail -1 "$WORK/time.txt")
            cpus+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' <<< "$line")")
            rss+=("$(awk '{ printf "%d", $3 / 1024 }' <<< "$line")")
        done
        CPU_MS=$(median "${cpus[@]}")
        RSS_MB=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    fi
    printf '  %-44s %8s ms wall %8s ms cpu %6s MB peak\n' "$name" "$WALL_MS" "${CPU_MS:--}" "${RSS_MB:--}" >&2
    eval "WALL_${KEY}=$WALL_MS CPU_${KEY}=${CPU_MS:-0} RSS_${KEY}=${RSS_MB:-0}"
}

run() {
    KEY=$1
    shift
    measure "$@"
}

echo "Measuring (median of $RUNS runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)) ..." >&2
run PYYAML "PyYAML CLoader, $PROMPTS prompts ($BANK_MB MB)" \
    python3 -c 'import sys, yaml
for f in sys.argv[1:]:
    with open(f, "rb") as h: yaml.load(h, Loader=yaml.CLoader)' "$WORK"/bank/*.yaml
run LIST "sre-drill list --bank (same files)" \
    env SRE_DRILL_HOME="$EMPTY" "$BIN" list --bank "$WORK/bank"
run PYJSON "python3 json.loads, $ATTEMPTS lines ($HISTORY_MB MB)" \
    python3 -c 'import json, sys
with open(sys.argv[1], encoding="utf-8") as h:
    for line in h: json.loads(line)' "$FULL/history.jsonl"
run WC "wc -l (same file)" wc -l "$FULL/history.jsonl"
# Cold: the cache of review records is deleted before every run, so each run parses
# the whole history (and writes the cache again). Warm: the cache is current.
no_cache_full() { rm -rf "$FULL/cache"; }
no_cache_years() { rm -rf "$YEARS/cache"; }
# grown: a copy of the 10,000-attempt history whose cache is current, plus one attempt
# appended since (what the next drill finds after a drill logged an attempt).
GROWN="$WORK/grown-home"
grown() {
    rm -rf "$GROWN" && mkdir -p "$GROWN"
    cp "$YEARS/history.jsonl" "$GROWN/history.jsonl"
    SRE_DRILL_HOME="$GROWN" "$BIN" stats > /dev/null 2>&1
    tail -n 1 "$YEARS/history.jsonl" | sed 's/"id":"/"id":"grown-/' >> "$GROWN/history.jsonl"
}
SETUP=no_cache_full
run STATS_COLD "sre-drill stats, cold (no cache)" env SRE_DRILL_HOME="$FULL" "$BIN" stats
run DUE_COLD "sre-drill due, cold (no cache)" env SRE_DRILL_HOME="$FULL" "$BIN" due
run HISTORY_COLD "sre-drill history, cold (no cache)" env SRE_DRILL_HOME="$FULL" "$BIN" history
run REPORT_COLD "sre-drill report, cold (no cache)" \
    env SRE_DRILL_HOME="$FULL" "$BIN" report --out "$WORK/report.html"
SETUP=
env SRE_DRILL_HOME="$FULL" "$BIN" stats > /dev/null
run STATS "sre-drill stats, warm (cache current)" env SRE_DRILL_HOME="$FULL" "$BIN" stats
run DUE "sre-drill due, warm (cache current)" env SRE_DRILL_HOME="$FULL" "$BIN" due
run HISTORY "sre-drill history, warm (cache current)" env SRE_DRILL_HOME="$FULL" "$BIN" history
run REPORT "sre-drill report, warm (cache current)" \
    env SRE_DRILL_HOME="$FULL" "$BIN" report --out "$WORK/report.html"
run START "start to first prompt (built-in bank, plain mode)" \
    env SRE_DRILL_HOME="$EMPTY" "$BIN" troubleshooting --count 1
SETUP=no_cache_years
run START10K_COLD "start to first prompt, 10,000-attempt history, cold" \
    env SRE_DRILL_HOME="$YEARS" "$BIN" troubleshooting --count 1
SETUP=
env SRE_DRILL_HOME="$YEARS" "$BIN" stats > /dev/null
run START10K "start to first prompt, 10,000-attempt history, warm" \
    env SRE_DRILL_HOME="$YEARS" "$BIN" troubleshooting --count 1
SETUP=grown
run START10K_GROWN "start, 10,000 attempts, one appended since the cache" \
    env SRE_DRILL_HOME="$GROWN" "$BIN" troubleshooting --count 1
SETUP=

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r + 0 >= t) ? "ok" : "MISSED" }'; }

echo
echo "sre-drill benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Bank: $PROMPTS prompts, $BANK_MB MB in $(ls "$WORK"/bank | wc -l) files. History: $ATTEMPTS attempts over 2 years, $HISTORY_MB MB."
echo "Median of $RUNS runs. Ratio = baseline / sre-drill (higher is better), wall clock and CPU time."
echo
printf '%-10s %9s %9s %8s   %-16s %9s %9s   %-7s %-7s %s\n' \
    "command" "wall ms" "cpu ms" "peak MB" "baseline" "wall ms" "cpu ms" "wall" "cpu" "target"
# row NAME KEY BASELINE BASEKEY WALL_TIMES CPU_TIMES [MAX_MB]: the ratios beside the
# targets (SPEC §9; the second round asks 8x in wall clock and 5x in CPU time).
row() {
    local name=$1 key=$2 base=$3 basekey=$4 wall_times=$5 cpu_times=$6 max_mb=${7:-}
    local w c r bw bc rw rc memory=""
    w=$(eval echo "\$WALL_$key") c=$(eval echo "\$CPU_$key") r=$(eval echo "\$RSS_$key")
    bw=$(eval echo "\$WALL_$basekey") bc=$(eval echo "\$CPU_$basekey")
    rw=$(ratio "$bw" "$w") rc=$(ratio "$bc" "$c")
    if [[ -n $max_mb ]]; then
        memory=", < $max_mb MB: $(awk -v r="$r" -v m="$max_mb" 'BEGIN { print (r < m) ? "ok" : "MISSED" }')"
    fi
    printf '%-10s %9s %9s %8s   %-16s %9s %9s   %-7s %-7s >= %sx wall: %s, >= %sx cpu: %s%s\n' \
        "$name" "$w" "$c" "$r" "$base" "$bw" "$bc" "$rw" "$rc" \
        "$wall_times" "$(verdict "${rw%x}" "$wall_times")" \
        "$cpu_times" "$(verdict "${rc%x}" "$cpu_times")" "$memory"
}
row list LIST "PyYAML CLoader" PYYAML 5 5
row "stats c" STATS_COLD "python json" PYJSON 8 5 200
row "due c" DUE_COLD "python json" PYJSON 8 5 200
row "history c" HISTORY_COLD "python json" PYJSON 8 5 200
row "stats w" STATS "python json" PYJSON 8 5 200
row "due w" DUE "python json" PYJSON 8 5 200
row "history w" HISTORY "python json" PYJSON 8 5 200
printf '%-10s %9s %9s %8s   %-16s %9s\n' "wc -l" "$WALL_WC" "$CPU_WC" "$RSS_WC" "" ""
# limit_row NAME KEY MS: a command against a wall-clock limit (the report's: the whole
# page from the 100,000-attempt history in under 1 s cold and 0.3 s warm).
limit_row() {
    local w c r
    w=$(eval echo "\$WALL_$2") c=$(eval echo "\$CPU_$2") r=$(eval echo "\$RSS_$2")
    printf '%-10s %9s %9s %8s   target < %s ms wall: %s\n' "$1" "$w" "$c" "$r" "$3" \
        "$(awk -v w="$w" -v m="$3" 'BEGIN { print (w < m) ? "ok" : "MISSED" }')"
}
limit_row "report c" REPORT_COLD 1000
limit_row "report w" REPORT 300
# start_row NAME KEY: start to first prompt against the 20 ms target, in wall clock.
start_row() {
    local w c r
    w=$(eval echo "\$WALL_$2") c=$(eval echo "\$CPU_$2") r=$(eval echo "\$RSS_$2")
    printf '%-10s %9s %9s %8s   target < 20 ms wall: %s\n' "$1" "$w" "$c" "$r" \
        "$(awk -v w="$w" 'BEGIN { print (w < 20) ? "ok" : "MISSED" }')"
}
start_row "start" START
start_row "start 10k c" START10K_COLD
start_row "start 10k w" START10K
start_row "start 10k +1" START10K_GROWN
echo
echo "c = cold: no cache of review records, each run parses the whole history (and writes the cache)."
echo "w = warm: the cache is current (the usual case: the history has not changed since the last read)."
echo "+1 = one attempt appended since the cache was written: the cached part is checked, the new line parsed."
echo "Wall-clock times on a loaded machine are mostly waiting for a core; read the CPU column beside them."

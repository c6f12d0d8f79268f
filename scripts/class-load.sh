#!/usr/bin/env bash
# A class under load and faults (docs/classroom.md, "Under load"): an instructor's console and
# N headless students (palpa class join, each a process replaying a recording), on the
# PostgreSQL server that scripts/with-postgres.sh starts:
#   scripts/with-postgres.sh scripts/class-load.sh [--students 40] [--palpa build/trainer/palpa]
# The instructor steps through the whole tour, releases the class to practise and ends it,
# while faults are injected: a student killed mid-attempt (and started again), every palpa
# connection cut by the server, the server restarted mid-practice, the console killed (and
# taken over). Prints the figures (step change to every student: p50 and p99; the console's
# update rate; the database's load) and checks what must hold: every student ends on the
# instructor's last step, no completed attempt is lost, the class report counts each once.
# Exit 0 when all holds; 1 otherwise. Figures also go to $OUT/class-load.json when OUT is set.
set -euo pipefail

students=40
palpa=""
speed=4
while [ $# -gt 0 ]; do
  case "$1" in
    --students) students="$2"; shift 2 ;;
    --palpa) palpa="$2"; shift 2 ;;
    --replay-speed) speed="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "class-load: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "$0")/.." && pwd)"
[ -n "$palpa" ] || palpa="$here/build/trainer/palpa"
[ -x "$palpa" ] || { echo "class-load: no palpa at $palpa (--palpa PATH)" >&2; exit 2; }
[ -n "${PALPA_TEST_PG:-}" ] && [ -n "${PALPA_TEST_PG_RESTART:-}" ] ||
  { echo "class-load: run it through scripts/with-postgres.sh (it restarts the server)" >&2; exit 2; }
export PALPA_ASSETS="${PALPA_ASSETS:-$here/assets}"

work="$(mktemp -d /tmp/palpa-class-load.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}"
mkdir -p "$HOME" "$work/logs"
base="${PALPA_TEST_PG%/*}"
psql -q "$PALPA_TEST_PG" -c "CREATE DATABASE class_load" >/dev/null
db="$base/class_load"
say() { echo "class-load: $*" >&2; }
stat() { psql -At "$db" -c "SELECT xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'class_load'"; }
waitlog() {  # waitlog FILE TEXT SECONDS
  local until=$(( SECONDS + $3 ))
  while [ $SECONDS -lt $until ]; do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

code="$("$palpa" class start --no-console --instructor "Load Test" --title "Load $students" --db "$db" | sed -n 's/^class: \([A-Z0-9]\{6\}\) .*/\1/p')"
[ -n "$code" ] || { say "could not start a class"; exit 1; }
steps=9
control() { "$palpa" class control "$code" "$@" --db "$db" >>"$work/logs/control.log" 2>&1; }
console() {  # a console reading commands from a FIFO that stays open
  mkfifo "$work/console.in.$1"
  (exec 3<>"$work/console.in.$1"; exec "$palpa" class console "$code" --terminal --refresh 0.25 --stats --db "$db" <&3 >"$work/logs/console.$1.log" 2>&1) &
  pids+=($!); echo $! >"$work/console.pid"
}
student() {  # student NAME (each on its own "machine": its own data folder and pending items)
  XDG_DATA_HOME="$work/data/$1" "$palpa" class join "$code" --student "$1" --replay "$PALPA_ASSETS/recordings/good-left.jsonl" --replay-speed "$speed" \
    --db "$db" >>"$work/logs/$1.log" 2>&1 &
  pids+=($!); echo $! >"$work/$1.pid"
}

say "class $code, $students students, on $db"
console 1
for i in $(seq -w 1 "$students"); do student "s$i"; done
for i in $(seq -w 1 "$students"); do waitlog "$work/logs/s$i.log" "as s$i;" 60 || { say "s$i did not join"; exit 1; }; done
read -r tx0 tup0 < <(stat | tr '|' ' ')
t0=$SECONDS

# The tour, with the faults on the way.
for step in 2 3 4; do control n; sleep 1; done
say "fault: the server ends every palpa connection"
psql -q "$db" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'palpa'" >/dev/null
control n; sleep 1
say "fault: the console is killed; a new one takes the class over"
kill -9 "$(cat "$work/console.pid")"
console 2
control n; sleep 1
control release
sleep 2
say "fault: s03 is killed mid-attempt, then joins again"
kill -9 "$(cat "$work/s03.pid")"
student s03
sleep 1
say "fault: the server restarts mid-practice"
"$PALPA_TEST_PG_RESTART" >/dev/null
# Every student judges its attempt (stored, or kept pending while the server was away).
for i in $(seq -w 1 "$students"); do waitlog "$work/logs/s$i.log" "attempt judged" 120 || { say "s$i judged no attempt"; exit 1; }; done
control tour
for step in 7 8 9; do control n; sleep 1; done
control end
for i in $(seq -w 1 "$students"); do waitlog "$work/logs/s$i.log" "(the class ended)" 60 || true; done
waitlog "$work/logs/console.2.log" "the class has ended" 30 || true
seconds=$(( SECONDS - t0 ))
read -r tx1 tup1 < <(stat | tr '|' ' ')
for i in $(seq -w 1 "$students"); do  # anything a student still kept pending is stored, not lost
  XDG_DATA_HOME="$work/data/s$i" "$palpa" records sync >/dev/null 2>&1 || true
done

# What must hold.
failed=0
for i in $(seq -w 1 "$students"); do
  last="$(grep 'left ' "$work/logs/s$i.log" | tail -n 1)"
  case "$last" in *"at step $steps/$steps (the class ended)"*) ;; *) say "s$i did not end on step $steps: ${last:-still running}"; failed=1 ;; esac
done
stored="$(psql -At "$db" -c "SELECT count(*) FROM attempts WHERE class_code = '$code'")"
distinct="$(psql -At "$db" -c "SELECT count(DISTINCT s.name) FROM attempts a JOIN students s ON s.id = a.student_id WHERE a.class_code = '$code'")"
judged="$(cat "$work"/logs/s*.log | grep -c 'attempt judged')"
[ "$stored" -eq "$judged" ] || { say "$judged attempts judged, $stored stored"; failed=1; }
[ "$distinct" -eq "$students" ] || { say "attempts from $distinct students, not $students"; failed=1; }
report="$("$palpa" report --class "$code" --db "$db")"
grep -qF "$stored attempt(s) in class" <<<"$report" || { say "the class report does not count $stored attempts"; failed=1; }

# Figures: every step change each student printed ("step N/9 ... after X ms").
# Step 5 comes right after the server cut every connection: its figure is the reconnect's,
# given apart from the others'.
grep -h 'class: step' "$work"/logs/s*.log | grep -v 'step 5/' | sed -n 's/.*after \([0-9]*\) ms.*/\1/p' | sort -n >"$work/latency"
grep -h 'class: step 5/' "$work"/logs/s*.log | sed -n 's/.*after \([0-9]*\) ms.*/\1/p' | sort -n >"$work/latency.cut"
pct() { awk -v n="$(wc -l <"$2")" -v q="$1" 'NR == int((n - 1) * q) + 1' "$2"; }
n=$(wc -l <"$work/latency")
p50=$(pct 0.50 "$work/latency"); p99=$(pct 0.99 "$work/latency"); max=$(tail -n 1 "$work/latency")
cut50=$(pct 0.50 "$work/latency.cut"); cutmax=$(tail -n 1 "$work/latency.cut")
rate="$(sed -n 's/.*table update(s) in .* s (\(.*\) a second)/\1/p' "$work/logs/console.2.log" | tail -n 1)"
tps=$(awk -v a="$tx0" -v b="$tx1" -v s="$seconds" 'BEGIN { printf "%.0f", (b - a) / (s > 0 ? s : 1) }')
rows=$(awk -v a="$tup0" -v b="$tup1" -v s="$seconds" 'BEGIN { printf "%.0f", (b - a) / (s > 0 ? s : 1) }')
cut="$(grep -l 'connected again' "$work"/logs/s*.log | wc -l)"
echo "class-load: $students students, $n step changes seen: p50 ${p50} ms, p99 ${p99} ms, max ${max} ms"
echo "class-load: the step right after every connection was cut: p50 ${cut50} ms, max ${cutmax} ms (reconnecting)"
echo "class-load: console: ${rate:-?} table updates a second (refresh 0.25 s)"
echo "class-load: database: ${tps} transactions/s, ${rows} rows written/s over ${seconds} s"
echo "class-load: faults: $cut students reconnected; $judged attempts judged, $stored stored, report counts $stored"
if [ -n "${OUT:-}" ]; then
  printf '{"students": %d, "step_changes": %d, "p50_ms": %s, "p99_ms": %s, "max_ms": %s, "after_cut_p50_ms": %s, "after_cut_max_ms": %s, "console_updates_per_s": %s, "transactions_per_s": %s, "rows_per_s": %s, "seconds": %d}\n' \
    "$students" "$n" "$p50" "$p99" "$max" "$cut50" "$cutmax" "${rate:-0}" "$tps" "$rows" "$seconds" >"$OUT/class-load.json"
fi
[ "$failed" -eq 0 ] && echo "class-load: every check held" || { echo "class-load: logs kept in $work/logs"; trap - EXIT; }
exit "$failed"

#!/usr/bin/env bash
# Runs a command, reads its output (stdout and stderr) until a line contains TEXT, then sends
# it SIGNAL (INT, TERM), as a user pressing Ctrl-C mid-run would; with "twice", a second
# SIGNAL follows once palpa says it is stopping. Waits on the output, never on a sleep.
#   stop_midway.sh SIGNAL TEXT LOG once|twice -- COMMAND...
# Exits with the command's status, and writes it to LOG.status too (a wrapper such as xvfb-run
# may exit otherwise when its own clean-up fails); all of the command's output is in LOG.
set -uo pipefail
sig=$1 text=$2 log=$3 times=$4
shift 4
[ "${1:-}" = "--" ] && shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/out"
"$@" >"$dir/out" 2>&1 &
pid=$!
exec 3<"$dir/out"
: >"$log"
found=0
while IFS= read -r -t 300 line <&3; do
  printf '%s\n' "$line" >>"$log"
  if [ $found -eq 0 ] && [[ $line == *"$text"* ]]; then
    found=1
    kill -s "$sig" "$pid"
  elif [ $found -eq 1 ] && [ "$times" = twice ] && [[ $line == *"palpa: stopping"* ]]; then
    found=2
    kill -s "$sig" "$pid"
  fi
done
wait "$pid"
status=$?
[ $found -ge 1 ] || { echo "stop_midway: never saw \"$text\"" >>"$log"; status=98; }
printf '%s\n' "$status" >"$log.status"
exit $status

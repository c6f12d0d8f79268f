#!/usr/bin/env bash
# Drives a palpa window with real X input events (xdotool: key presses, wheel steps, clicks)
# under the virtual X server this runs in (xvfb-run). Each action waits on palpa's own output
# lines, never on a sleep.
#   drive_window.sh LOG -- PALPA ARGS... -- ACTION...
# Actions, done in order:
#   wait:TEXT   read palpa's output until a line contains TEXT (fails after 180 s without it);
#               "wait:desktop window on" also finds the window again (palpa reopened it)
#   key:KEYS    xdotool key names, comma separated (F1,Escape,Down,f)
#   wheel:N     N wheel steps: + away from the student (button 4), - toward (button 5)
#   click:X,Y   a left click at window pixel X,Y (pressed and released at once)
# After the actions it waits for palpa to exit and exits with palpa's status. Everything palpa
# printed is in LOG.
set -uo pipefail
log=$1; shift
[ "$1" = "--" ] && shift
cmd=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd+=("$1"); shift; done
[ $# -gt 0 ] && shift

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/out"
"${cmd[@]}" >"$dir/out" 2>&1 &
pid=$!
exec 3<"$dir/out"
: >"$log"

fail() { echo "drive_window: $*" >&2; kill "$pid" 2>/dev/null; cat "$log" >&2; exit 97; }
wait_for() {
  local line
  while IFS= read -r -t 180 line <&3; do
    printf '%s\n' "$line" >>"$log"
    [[ $line == *"$1"* ]] && return 0
  done
  fail "palpa ended or went quiet before printing \"$1\""
}

# The window (found again after palpa reopens it, as on picking another patient).
find_window() {
  wid=$(xdotool search --sync --onlyvisible --name '^palpa$' | tail -1)
  [ -n "$wid" ] || fail "no palpa window"
}
wait_for "desktop window on"
find_window
for action in "$@"; do
  case $action in
    wait:*)
      wait_for "${action#wait:}"
      [[ ${action#wait:} == "desktop window on" ]] && find_window ;;
    key:*) IFS=, read -ra keys <<<"${action#key:}"; xdotool key --window "$wid" "${keys[@]}" ;;
    wheel:*)
      n=${action#wheel:}; button=4
      if [ "$n" -lt 0 ]; then n=$((-n)); button=5; fi
      xdotool mousemove --window "$wid" 640 400 click --repeat "$n" --delay 1 "$button" ;;
    click:*)
      xy=${action#click:}
      xdotool mousemove --window "$wid" "${xy%,*}" "${xy#*,}" click 1 ;;
    *) fail "unknown action $action" ;;
  esac
done
while IFS= read -r line <&3; do printf '%s\n' "$line" >>"$log"; done
wait "$pid"

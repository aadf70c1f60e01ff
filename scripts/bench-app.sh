#!/usr/bin/env bash
# The release app on a database of CUSTOMERS demo customers (100,000 by default), under Xvfb:
# start-up to the first page of customers, keystroke to the first page of a search, and idle
# memory. Prints Markdown for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test >/dev/null
# On a session bus of its own: on the desktop's, a Tripdesk already open would take over these
# launches (a second launch only brings the open window forward).
[ -n "${TRIPDESK_BENCH_BUS:-}" ] || TRIPDESK_BENCH_BUS=1 exec dbus-run-session -- "$PWD/scripts/bench-app.sh" "$@"
customers=${CUSTOMERS:-100000}
runs=${RUNS:-5}
cargo build --release -q -p tripdesk -p tripdesk-app

work=$(mktemp -d)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.sqlite3"
./target/release/tripdesk --db "$db" demo --customers "$customers" >/dev/null
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" TRIPDESK_LOG=info
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:77
sleep 1

# Time from launch to the first page of customers on screen: measured outside (launch to the
# app's "ready" line) and inside (from main() to the painted first page).
outside=()
inside=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  line=$(TRIPDESK_EXIT_WHEN_READY=1 ./target/release/tripdesk-app --db "$db" 2>/dev/null | grep -m1 '^ready_ms=')
  end=$(date +%s%N)
  inside+=("${line#ready_ms=}")
  outside+=($(((end - start) / 1000000)))
done

# Idle memory: the app and its WebKit processes, ten seconds after the list is shown.
./target/release/tripdesk-app --db "$db" 2>"$work/app.log" &
app=$!
for _ in $(seq 100); do grep -q "customer list ready" "$work/app.log" && break; sleep 0.2; done
sleep 10
pids="$app $(pgrep -P "$app" | tr '\n' ' ')"
rss=0
pss=0
for pid in $pids; do
  rss=$((rss + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")))
  pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
done
kill "$app"
wait "$app" 2>/dev/null || true

# Keystroke to first page, measured inside the window through WebDriver.
scripts/setup.sh test >/dev/null
tauri_driver=$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")
"$tauri_driver" >/dev/null 2>&1 &
driver=$!
sleep 1
keystrokes=$(cd tests/e2e && node bench-keystrokes.mjs "$db" 5)
kill "$driver"

sorted() { printf '%s\n' "$@" | sort -n | tr '\n' ' '; }
echo "Start-up on $customers customers, $runs runs (ms, sorted):"
echo
echo "| measure | runs (ms) |"
echo "|---|---|"
echo "| launch to first page of customers on screen (outside) | $(sorted "${outside[@]}")|"
echo "| main() to first page painted (inside the app) | $(sorted "${inside[@]}")|"
echo
echo "Search as she types, in the window: $keystrokes."
echo
echo "Idle memory 10 s after the list shows, app + WebKit processes ($(echo $pids | wc -w) processes):" \
  "RSS $((rss / 1024)) MB, PSS $((pss / 1024)) MB."

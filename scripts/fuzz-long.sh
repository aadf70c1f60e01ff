#!/usr/bin/env bash
# The long fuzzing runs of FUZZING.md: each target of core/fuzz for at least an hour of CPU,
# one after another at the lowest priority (they use idle CPU and leave builds alone), each
# under /usr/bin/time so that its CPU time is recorded.
#
#   scripts/fuzz-long.sh start    build the targets, then run them in the background (the runs
#                                 outlive the shell that started them)
#   scripts/fuzz-long.sh report   a Markdown row per target: finished, running or waiting
#
# Logs, CPU times and exit codes go to FUZZ_LONG_DIR (/tmp/fuzz-long): <target>.log, and for
# each round <target>.time.<n> and <target>.rc.<n>. A round lasts -max_total_time=3900 s of
# wall time; when a busy machine gave a target less than FUZZ_CPU_SECONDS (3600) of CPU, it runs
# another round on the same corpus. A crash ends the target's runs (the input is in
# core/fuzz/artifacts/<target>/) and the next target starts.
set -euo pipefail
shopt -s nullglob
self=$(realpath "$0")
# The runs use a copy of this script (a script that bash is running must not change under it),
# which is told where the repository is.
cd "${FUZZ_LONG_ROOT:-$(dirname "$self")/..}"

DIR=${FUZZ_LONG_DIR:-/tmp/fuzz-long}
TARGETS=${FUZZ_TARGETS:-xlsx xls csv plan}
CPU_SECONDS=${FUZZ_CPU_SECONDS:-3600}
ROUND_SECONDS=${FUZZ_ROUND_SECONDS:-3900}
FUZZ=core/fuzz
BIN=$FUZZ/target/x86_64-unknown-linux-gnu/release

# The CPU seconds (user + system) of a target's rounds so far.
cpu_seconds() {
  awk -F': ' '/User time|System time/ { s += $2 } END { printf "%d", s }' "$DIR/$1".time.* /dev/null
}

run_target() {
  local target=$1 rc round
  # Rounds go on from the last recorded one (a run stopped half-way leaves its earlier rounds).
  round=$(($(find "$DIR" -maxdepth 1 -name "$target.time.*" -size +0 | wc -l) + 1))
  mkdir -p "$FUZZ/corpus/$target" "$FUZZ/artifacts/$target"
  # The code as it is now (a fix made while the earlier targets ran included); if it does not
  # build, the binary built last.
  (cd "$FUZZ" && nice -n 19 cargo +nightly fuzz build --sanitizer none "$target") \
    >>"$DIR/$target.log" 2>&1 || echo "=== build failed: the binary built last" >>"$DIR/$target.log"
  while [ "$(cpu_seconds "$target")" -lt "$CPU_SECONDS" ]; do
    echo "=== round $round, $(date -u +%FT%TZ)" >>"$DIR/$target.log"
    rc=0
    /usr/bin/time -v -o "$DIR/$target.time.$round" nice -n 19 "$BIN/$target" \
      "$FUZZ/corpus/$target" "$FUZZ/seeds/$target" \
      -rss_limit_mb=2048 -max_len=200000 -timeout=10 -max_total_time="$ROUND_SECONDS" \
      -artifact_prefix="$FUZZ/artifacts/$target/" -print_final_stats=1 \
      >>"$DIR/$target.log" 2>&1 || rc=$?
    echo "$rc" >"$DIR/$target.rc.$round"
    [ "$rc" -eq 0 ] || break
    round=$((round + 1))
  done
  touch "$DIR/$target.done"
}

row() {
  local target=$1 log="$DIR/$1.log" cpu execs corpus cov rss result
  if [ ! -f "$log" ]; then
    echo "| \`$target\` | | | | | | waiting |"
    return
  fi
  cpu=$(cpu_seconds "$target")
  # A round still running: its CPU so far.
  local pid
  pid=$(pgrep -f "^$BIN/$target " | head -1 || true)
  if [ -n "$pid" ]; then
    cpu=$((cpu + $(ps -o times= -p "$pid" || echo 0)))
  fi
  # Executions: the last count each round printed, added up.
  execs=$(awk '/^=== round/ { t += last; last = 0 } /^#[0-9]+/ { last = substr($1, 2) + 0 }
    END { printf "%d", t + last }' "$log")
  # The corpus libFuzzer keeps (inputs that add coverage) and the edges covered, as last printed.
  corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2 || true)
  rss=$(awk -F': ' '/Maximum resident/ { if ($2 > m) m = $2 } END { printf "%d", m / 1024 }' \
    "$DIR/$target".time.* /dev/null)
  if [ ! -f "$DIR/$target.done" ]; then
    result=running
  elif grep -qv '^0$' "$DIR/$target".rc.* /dev/null; then
    result="crash: $(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | cut -d' ' -f5 || true)"
  else
    result="no crash"
  fi
  printf '| `%s` | %dh %02dm %02ds | %s | %s files (%s in the folder) / %s | %s | %s MB | %s |\n' \
    "$target" $((cpu / 3600)) $((cpu % 3600 / 60)) $((cpu % 60)) "$execs" \
    "$(find "$FUZZ/corpus/$target" -type f | wc -l)" "$(du -sh "$FUZZ/corpus/$target" | cut -f1)" \
    "${corpus:-?}" "${cov:-?}" "${rss:-?}" "$result"
}

case ${1:-report} in
start)
  mkdir -p "$DIR"
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
  (cd "$FUZZ" && nice -n 19 cargo +nightly fuzz build --sanitizer none)
  cp "$self" "$DIR/runner.sh"
  FUZZ_LONG_ROOT=$PWD setsid nohup bash "$DIR/runner.sh" run </dev/null >>"$DIR/runner.log" 2>&1 &
  echo "fuzz-long: started (pid $!), logs in $DIR; progress: $self report"
  ;;
run)
  # Each target takes its own lock, so that two runners (FUZZ_TARGETS="xls xlsx" and
  # FUZZ_TARGETS="csv plan", one per core) share the work without running a target twice.
  for target in $TARGETS; do
    exec 9>"$DIR/$target.lock"
    if flock -n 9 && [ ! -f "$DIR/$target.done" ]; then run_target "$target"; fi
    exec 9>&-
  done
  ;;
report)
  echo "| Target | CPU time | Executions | Corpus: files (folder size) / libFuzzer's corpus | Edges covered | Peak memory | Result |"
  echo "|---|---|---|---|---|---|---|"
  for target in $TARGETS; do row "$target"; done
  ;;
*)
  echo "usage: $self start|report" >&2
  exit 2
  ;;
esac

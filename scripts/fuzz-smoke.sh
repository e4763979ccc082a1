#!/usr/bin/env bash
# Fuzz smoke test for CI: build every fuzz target and run each for a
# bounded time (FUZZ_SECONDS, default 25: five targets, about two minutes
# in all) without a sanitizer, starting
# from the committed seed corpus. Exits non-zero when a target crashes,
# hangs past the per-input timeout, or allocates without bound; the input
# that did it is in fuzz/artifacts/TARGET/ (replay it with
# `cargo fuzz run TARGET fuzz/artifacts/TARGET/FILE`).
#
# The long runs with AddressSanitizer are done by hand (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-25}"
# Long enough for the large-scalar and alias seeds of policy_yaml.
max_len="${FUZZ_MAX_LEN:-131072}"
# cargo-fuzz passes libFuzzer's instrumentation flags, some of which stable
# rustc accepts only in bootstrap mode; nothing else is built with it.
export RUSTC_BOOTSTRAP=1
# Smoke builds (no sanitizer) in a directory of their own, so that they do
# not evict the AddressSanitizer builds used for long runs.
target_dir=fuzz/target/smoke

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

echo "== building fuzz targets"
cargo fuzz build --sanitizer none --target-dir "$target_dir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in $(cargo fuzz list); do
  echo "== fuzz $target for ${seconds}s"
  # A scratch copy of the seeds: CI must not grow the committed corpus.
  mkdir -p "$work/$target"
  cp fuzz/corpus/"$target"/seed-* "$work/$target"/ 2>/dev/null || true
  log="$work/$target.log"
  status=0
  cargo fuzz run --sanitizer none --target-dir "$target_dir" "$target" \
    "$work/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz target $target failed (exit $status); the input is in" \
      "fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "== fuzz smoke passed"

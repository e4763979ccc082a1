#!/bin/sh
# Runs every benchmark and writes BENCHMARKS.md from the results; nothing
# in that file is typed by hand.
#
#   scripts/bench-report.sh            # full run (about 10 minutes)
#   QUICK=1 scripts/bench-report.sh    # shorter criterion runs
#   SKIP_CRITERION=1 scripts/bench-report.sh  # keep the last criterion run
#
# Needs: cargo, python3, valgrind (callgrind), /usr/bin/time (GNU time).
# Optional: libpwquality and passwdqc (Debian: apt-get install
# libpwquality-dev libpasswdqc-dev); without them their rows say so.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/bench-report
mkdir -p "$WORK"
# The load when the run starts, printed beside the figures.
cut -d' ' -f1-3 /proc/loadavg > "$WORK/loadavg" 2>/dev/null || echo "?" > "$WORK/loadavg"
# Sections of BENCHMARKS.md this script does not produce (the Python
# bindings' figures, from bindings/python/bench/bench_accepts.py) are kept.
if [ -f BENCHMARKS.md ]; then
    awk '/^## Python/ { keep = 1 } keep' BENCHMARKS.md > "$WORK/kept-sections.md"
fi
if [ "${QUICK:-0}" = 1 ]; then
    CRIT="--warm-up-time 1 --measurement-time 1"
else
    CRIT="--warm-up-time 1 --measurement-time 2"
fi

echo "== building" >&2
cargo build --release --quiet --bin passpolicy --examples
BIN=$TARGET/release/passpolicy
EX=$TARGET/release/examples

if [ "${SKIP_CRITERION:-0}" = 1 ]; then
    # Keep the results of the last criterion runs (BENCHMARKS.md then
    # names that run's commit); only callgrind and the CLI run again.
    echo "== criterion check bench skipped (SKIP_CRITERION=1)" >&2
else
    echo "== criterion (check, compile, parse, peers)" >&2
    # shellcheck disable=SC2086
    cargo bench --quiet --bench check -- $CRIT \
        > "$WORK/criterion-check.txt" 2>&1
    cp "$TARGET/criterion/passpolicy-summary.json" "$WORK/check-summary.json"
    git rev-parse --short HEAD > "$WORK/criterion-commit"
fi
if [ "${SKIP_CRITERION:-0}" != 1 ] &&
    { [ -f benches/generate.rs ] || [ -f benches/generate/main.rs ]; }; then
    echo "== criterion (generate)" >&2
    # shellcheck disable=SC2086
    cargo bench --quiet --bench generate -- $CRIT \
        > "$WORK/criterion-generate.txt" 2>&1 || true
fi

# Instructions per operation with callgrind: the difference between two
# runs of N1 and N2 operations, divided by N2 - N1, cancels start-up.
total_ir() {
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
        > /dev/null 2>&1 || true
    awk '/^(summary|totals):/ { print $2; exit }' "$out"
    rm -f "$out"
}
per_op() { # N1 N2 command... (with N substituted for the literal "N")
    n1=$1; n2=$2; shift 2
    a=$(total_ir $(echo "$@" | sed "s/\bN\b/$n1/"))
    b=$(total_ir $(echo "$@" | sed "s/\bN\b/$n2/"))
    echo $(( (b - a) / (n2 - n1) ))
}

echo "== callgrind" >&2
ALL=tencent-ecm,tencent-cvm-v2,huawei-clouddc,baidu-bcc,tencent-redis
# One row per line: label, the command (N is replaced by N1 and N2), the
# figure; tab-separated, so that the report shows how each was made.
row() { # label N1 N2 command...
    label=$1; n1=$2; n2=$3; shift 3
    printf '%s\t%s (N = %s and %s)\t%s\n' "$label" \
        "$(echo "$@" | sed "s|$TARGET/release/examples/|target/release/examples/|")" \
        "$n1" "$n2" "$(per_op "$n1" "$n2" "$@")"
}
CK=$EX/callgrind_check
GE=$EX/callgrind_generate
{
    for shape in accepted rejected; do
        row "check tencent-cvm-v2/windows $shape" 1000 11000 "$CK" tencent-cvm-v2/windows N $shape
        row "check all-five $shape" 1000 11000 "$CK" $ALL N $shape
    done
    row "check tencent-cvm-v2/windows, 1 KiB" 100 1100 "$CK" tencent-cvm-v2/windows N long
    row "accepts (no verdict) tencent-cvm-v2/windows accepted" 1000 11000 "$CK" tencent-cvm-v2/windows N accepted accepts
    row "accepts (no verdict) all-five accepted" 1000 11000 "$CK" $ALL N accepted accepts
    for p in $("$BIN" list | awk '{ print $1 }'); do
        row "check $p (every variant) accepted" 1000 11000 "$CK" "$p" N accepted
    done
    # One rule kind at a time: the one-rule policies of
    # benches/check/rule_kinds.rs, built from YAML text.
    for k in $("$CK" rule:list); do
        row "check $k accepted" 1000 11000 "$CK" "$k" N accepted
    done
    for p in tencent-cvm-v2/windows huawei-clouddc; do
        row "generate $p 16, generate_into" 100 1100 "$GE" $p N 16 into
    done
    row "generate tencent-cvm-v2/windows 16, Password" 100 1100 "$GE" tencent-cvm-v2/windows N 16 password
    row "generate huawei-clouddc 16, Password" 100 1100 "$GE" huawei-clouddc N 16 password
    row "generator setup (new + sampler(16)) huawei-clouddc" 1 3 "$GE" huawei-clouddc N 16 setup
    row "generator setup (new + sampler(16)) all-five" 1 3 "$GE" $ALL N 16 setup
    for p in $("$BIN" list | awk '{ print $1 }'); do
        row "generator setup (new + sampler(16)) $p" 1 3 "$GE" "$p" N 16 setup
    done
    CC=$EX/callgrind_compile
    row "load the built-in catalog (parse)" 1 3 "$CC" N parse
    row "load the built-in catalog and compile a checker per policy" 1 3 "$CC" N checkers
    # The first time in a process also builds the Unicode category sets,
    # which later loads reuse.
    row "load the built-in catalog and compile a checker per policy, first time in a process" 0 1 "$CC" N checkers
    row "compile the checker of windows-ad (the costliest)" 1 3 "$CC" N windows-ad.checker
} > "$WORK/callgrind.tsv"

echo "== CLI batch" >&2
python3 - "$WORK" <<'PY'
import random, sys
# 14-16 characters over tencent-cvm-v2's alphabet: mostly accepted, some
# refused for classes; fixed seed, so every run reads the same files.
alpha = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
         "()~!@#$%^&*-+=_|{}[]:;'<>,.?/")
r = random.Random(20261126)
for n, name in [(100000, "100k"), (200000, "200k"), (1000000, "1m")]:
    with open(f"{sys.argv[1]}/pw-{name}.txt", "w") as f:
        for _ in range(n):
            f.write("".join(r.choice(alpha) for _ in range(r.randint(14, 16))) + "\n")
# Every one refused: 16 lower-case letters (too few classes).
for n, name in [(10000, "10k"), (20000, "20k")]:
    with open(f"{sys.argv[1]}/rej-{name}.txt", "w") as f:
        for _ in range(n):
            f.write("".join(r.choice("abcdefghijklmnopqrstuvwxyz")
                            for _ in range(16)) + "\n")
PY
P=tencent-cvm-v2/windows
a=$(total_ir "$BIN" check --quiet -p $P < "$WORK/pw-100k.txt")
b=$(total_ir "$BIN" check --quiet -p $P < "$WORK/pw-200k.txt")
echo "cli-instructions $(( (b - a) / 100000 ))" > "$WORK/cli.txt"
# Output per line: text and JSON of refused passwords, JSON of the mixed
# input (mostly accepted), each over 10k and 20k lines.
cli_ir() { # name file1 file2 lines-between check-args...
    name=$1; f1=$2; f2=$3; n=$4; shift 4
    a=$(total_ir "$BIN" check "$@" < "$WORK/$f1")
    b=$(total_ir "$BIN" check "$@" < "$WORK/$f2")
    echo "$name $(( (b - a) / n ))" >> "$WORK/cli.txt"
}
cli_ir cli-text-rejected rej-10k.txt rej-20k.txt 10000 -p $P
cli_ir cli-json-rejected rej-10k.txt rej-20k.txt 10000 --format json -p $P
cli_ir cli-json-line pw-100k.txt pw-200k.txt 100000 --format json -p $P
# Generating to a file: 1,000,000 passwords, wall time; and instructions
# per password over 10k and 20k.
/usr/bin/time -f "%e" "$BIN" generate -p $P --count 1000000 \
    > "$WORK/gen-1m.txt" 2> "$WORK/time-gen.txt" || true
echo "gen-elapsed-1m $(tail -n 1 "$WORK/time-gen.txt")" >> "$WORK/cli.txt"
rm -f "$WORK/gen-1m.txt"
a=$(total_ir "$BIN" generate -p $P --count 10000)
b=$(total_ir "$BIN" generate -p $P --count 20000)
echo "gen-instructions $(( (b - a) / 10000 ))" >> "$WORK/cli.txt"
for n in 100k 1m; do
    /usr/bin/time -v "$BIN" check --quiet -p $P < "$WORK/pw-$n.txt" \
        2> "$WORK/time-$n.txt" || true
    awk -v n=$n -F': ' '/Elapsed/ { print "cli-elapsed-" n, $2 }
        /Maximum resident/ { print "cli-rss-kb-" n, $2 }' \
        "$WORK/time-$n.txt" >> "$WORK/cli.txt"
done

echo "== writing BENCHMARKS.md" >&2
python3 scripts/bench-render.py "$WORK" > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2

#!/usr/bin/env python3
"""Lists Rust functions over 120 lines and files over 800 lines.

A function runs from its `fn` line to the first later line that closes a
brace at the `fn` line's indent (rustfmt's layout). Usage:
    scripts/long-code.py [DIR...]        (default: the tracked .rs files)
Exits 1 when anything is over a limit, so CI can run it.
"""
import re
import subprocess
import sys

MAX_FN, MAX_FILE = 120, 800
FN = re.compile(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?"
                r"(?:unsafe\s+)?(?:extern\s+\"[^\"]*\"\s+)?fn\s+(\w+)")


def files(dirs):
    out = subprocess.run(["git", "ls-files", "--", *dirs], text=True,
                         capture_output=True, check=True).stdout
    return [f for f in out.split() if f.endswith(".rs")]


def long_functions(lines):
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        for j in range(i, len(lines)):
            if lines[j].startswith(indent + "}"):
                n = j - i + 1
                if n > MAX_FN:
                    yield i + 1, m.group(2), n
                break


def main():
    over = False
    for path in files(sys.argv[1:] or ["."]):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if len(lines) - 1 > MAX_FILE:
            print(f"{path}: {len(lines) - 1} lines (limit {MAX_FILE})")
            over = True
        for line, name, n in long_functions(lines):
            print(f"{path}:{line}: fn {name} is {n} lines (limit {MAX_FN})")
            over = True
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

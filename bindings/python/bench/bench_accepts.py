"""One call of a password check from Python, three ways, on the same passwords:

- passpolicy's Checker.accepts (this package, native),
- python3-pwquality's PWQSettings.check (Debian's libpwquality binding),
  configured as close to the policy as it goes (minlen, minclass), with and
  without its cracklib dictionary check,
- an idiomatic regex validator written for the policy.

Policy: tencent-cvm-v2/windows (12-16 characters from letters, digits and 29
symbols, 3 of 4 classes, no leading "/"). pwquality cannot express the closed
alphabet or the leading-"/" rule, so its verdicts differ; the figures compare
the cost of a call. The regex validator's verdicts are compared with
passpolicy's and the disagreements printed (0 expected).

Run once, with an interpreter that has both `passpolicy` and `pwquality`
(Debian's python3 in a virtualenv made with --system-site-packages):

    python bench_accepts.py
"""

import random
import re
import string
import sys
import time

import passpolicy

try:
    import pwquality
except ImportError:  # reported, not fatal: the other rows still mean something
    pwquality = None

POLICY = "tencent-cvm-v2/windows"
SPECIAL = "()~!@#$%^&*-+=_|{}[]:;'<>,.?/"
N = 20_000
ROUNDS = 5

_ALLOWED = re.compile("[A-Za-z0-9" + re.escape(SPECIAL) + "]{12,16}")
_CLASSES = [
    re.compile("[a-z]"),
    re.compile("[A-Z]"),
    re.compile("[0-9]"),
    re.compile("[" + re.escape(SPECIAL) + "]"),
]


def regex_accepts(p: str) -> bool:
    return (
        _ALLOWED.fullmatch(p) is not None
        and not p.startswith("/")
        and sum(1 for c in _CLASSES if c.search(p)) >= 3
    )


def passwords(checker) -> list:
    """Half generated (accepted), half random printable ASCII of 4-24."""
    rng = random.Random(20261201)
    alphabet = string.ascii_letters + string.digits + string.punctuation
    out = [checker.generate() for _ in range(N // 2)]
    for _ in range(N - len(out)):
        n = rng.randint(4, 24)
        out.append("".join(rng.choice(alphabet) for _ in range(n)))
    rng.shuffle(out)
    return out


def best_ns_per_call(fn, items) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter_ns()
        for p in items:
            fn(p)
        best = min(best, time.perf_counter_ns() - t0)
    return best / len(items)


def pwq_checker(dictcheck: bool):
    s = pwquality.PWQSettings()
    s.minlen = 12
    s.minclass = 3
    s.dictcheck = 1 if dictcheck else 0

    def check(p):
        try:
            s.check(p)
            return True
        except pwquality.PWQError:
            return False

    return check


def main() -> int:
    checker = passpolicy.Checker([POLICY])
    items = passwords(checker)
    rows = []
    ours = [checker.accepts(p) for p in items]
    rows.append(("passpolicy `Checker.accepts`", best_ns_per_call(checker.accepts, items), sum(ours)))
    regex = [regex_accepts(p) for p in items]
    rows.append(("regex validator (`re`, 5 patterns)", best_ns_per_call(regex_accepts, items), sum(regex)))
    if pwquality is not None:
        for dc in (False, True):
            fn = pwq_checker(dc)
            label = "python3-pwquality `check`, " + ("dictcheck on (default)" if dc else "dictcheck off")
            rows.append((label, best_ns_per_call(fn, items), sum(fn(p) for p in items)))
    disagree = sum(a != b for a, b in zip(ours, regex))

    print(f"Python {sys.version.split()[0]}, passpolicy {passpolicy.__version__}, "
          f"policy {POLICY}, {N} passwords (half generated, half random 4-24 "
          f"printable ASCII), best of {ROUNDS} rounds")
    print()
    print("| checker | ns per call | accepted |")
    print("|---|---:|---:|")
    for label, ns, acc in rows:
        print(f"| {label} | {ns:,.0f} | {acc:,} |")
    print()
    print(f"regex and passpolicy disagree on {disagree} passwords")
    if pwquality is None:
        print("python3-pwquality not importable: its rows are missing")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())

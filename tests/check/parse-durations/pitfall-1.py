"""Durations by regular expression, where `m` is tried before `ms`."""
import re
import sys

TERM = re.compile(r"([0-9]{1,20})(d|h|m|s|ms)")
ORDER = ["d", "h", "m", "s", "ms"]
SIZE = {"d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1_000, "ms": 1}


def parse(text):
    text = text.strip(" \t")
    if not text:
        return None
    total, pos, last = 0, 0, -1
    while pos < len(text):
        m = TERM.match(text, pos)
        if not m:
            return None
        unit = ORDER.index(m.group(2))
        if unit <= last:
            return None
        total += int(m.group(1)) * SIZE[m.group(2)]
        last, pos = unit, m.end()
    return total


lines = sys.stdin.read().split("\n")
if lines[-1] == "":
    lines.pop()
for line in lines:
    ms = parse(line)
    print("invalid" if ms is None else ms)

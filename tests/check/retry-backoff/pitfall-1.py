"""Backoff bounds summed one attempt at a time: 10^12 attempts never finish."""
import sys


def bounds(line):
    fields = line.split()
    if len(fields) != 3 or not all(x.isascii() and x.isdigit() for x in fields):
        return "invalid"
    base, cap, attempts = map(int, fields)
    if base < 1 or cap < base or attempts < 1:
        return "invalid"
    lo_total = hi_total = 0
    delay, last, i = base, base, 1
    while i <= attempts:
        lo_total += (delay + 1) // 2
        hi_total += delay
        last = delay
        delay = min(cap, delay * 2)
        i += 1
    return f"{(last + 1) // 2} {last} {lo_total} {hi_total}"


for line in sys.stdin.read().splitlines():
    print(bounds(line))

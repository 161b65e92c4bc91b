"""Burn-rate page on the long window alone: it keeps paging after the incident."""
import sys
from collections import deque

LONG, SHORT = 60, 5


def digits(text):
    return text.isascii() and text.isdigit()


def slo_milli(text):
    whole, dot, frac = text.partition(".")
    if not digits(whole) or len(frac) > 3 or (dot and not digits(frac)):
        return None
    return int(whole) * 1000 + int((frac + "000")[:3])


def burning(total, errors, budget):
    # errors / total >= 14.4 * budget / 100000, with no division.
    return total > 0 and errors * 1_000_000 >= 144 * total * budget


lines = sys.stdin.read().splitlines()
slo = slo_milli(lines[0].strip()) if lines else None
if slo is not None and slo < 100_000:
    budget = 100_000 - slo
    minutes = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) != 3 or not all(digits(f) for f in fields):
            continue
        minute, total, errors = map(int, fields)
        if errors > total:
            continue
        if minutes and minutes[-1][0] == minute:
            minutes[-1][1] += total
            minutes[-1][2] += errors
        else:
            minutes.append([minute, total, errors])
    windows = [(LONG, deque(), [0, 0]), (SHORT, deque(), [0, 0])]
    firing = False
    for minute, total, errors in minutes:
        for size, queue, sums in windows:
            queue.append((minute, total, errors))
            sums[0] += total
            sums[1] += errors
            while queue[0][0] + size <= minute:
                _, t, e = queue.popleft()
                sums[0] -= t
                sums[1] -= e
        now = burning(windows[0][2][0], windows[0][2][1], budget)  # the long window only
        if now != firing:
            firing = now
            print(minute, "firing" if now else "resolved")

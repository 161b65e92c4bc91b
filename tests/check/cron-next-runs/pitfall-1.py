"""Next cron runs found by stepping minute by minute through four years."""
import sys
from datetime import datetime, timedelta

HORIZON_DAYS = 1461
RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]


def num(text, lo, hi):
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    n = int(text)
    if not lo <= n <= hi:
        raise ValueError(text)
    return n


def field(text, lo, hi):
    values = set()
    for item in text.split(","):
        rng, slash, step = item.partition("/")
        step = num(step, 1, 10**9) if slash else 1
        if rng == "*":
            a, b = lo, hi
        elif "-" in rng:
            a, _, b = rng.partition("-")
            a, b = num(a, lo, hi), num(b, lo, hi)
        else:
            if slash:
                raise ValueError(item)
            a = b = num(rng, lo, hi)
        if a > b:
            raise ValueError(item)
        values.update(range(a, b + 1, step))
    return values


def runs(line):
    fields = line.split()
    if len(fields) != 6:
        return "invalid"
    try:
        minutes, hours, doms, months, dows = (field(f, *r) for f, r in zip(fields[:5], RANGES))
        start = datetime.strptime(fields[5], "%Y-%m-%dT%H:%M")
    except ValueError:
        return "invalid"
    if start.strftime("%Y-%m-%dT%H:%M") != fields[5]:
        return "invalid"
    either = not fields[2].startswith("*") and not fields[4].startswith("*")
    found = []
    at = start
    end = start.replace(hour=0, minute=0) + timedelta(days=HORIZON_DAYS + 1)
    while at < end:
        at += timedelta(minutes=1)
        if at >= end:
            break
        by_dom = at.day in doms
        by_dow = (at.weekday() + 1) % 7 in dows
        day_ok = (by_dom or by_dow) if either else (by_dom and by_dow)
        if at.month in months and day_ok and at.hour in hours and at.minute in minutes:
            found.append(at.strftime("%Y-%m-%dT%H:%M"))
            if len(found) == 3:
                return " ".join(found)
    return " ".join(found) if found else "none"


for line in sys.stdin.read().splitlines():
    print(runs(line))

"""Longest outage per target, forgetting the outages still open at the end of the log."""
import sys

open_since = {}
best = {}
last = 0


def note(target, start, end):
    duration = end - start
    old = best.get(target)
    if old is None or duration > old[0] or (duration == old[0] and start < old[1]):
        best[target] = (duration, start)


for line in sys.stdin:
    fields = line.split()
    if len(fields) != 3 or not (fields[0].isascii() and fields[0].isdigit()):
        continue
    ts, target, status = int(fields[0]), fields[1], fields[2]
    if status == "down":
        open_since.setdefault(target, ts)
    elif status == "up":
        if target in open_since:
            note(target, open_since.pop(target), ts)
    else:
        continue
    last = ts
for target in sorted(best, key=lambda t: t.encode()):
    duration, start = best[target]
    print(target, duration, start)

"""A wrong fix: the slice is right, but a tie goes to the later minute."""
import re
import sys
from collections import Counter

STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")

per_minute = Counter()
for line in sys.stdin:
    first = line.split(" ", 1)[0].strip()
    if not STAMP.fullmatch(first):
        continue
    minute = first[:16]
    per_minute[minute] += 1

if per_minute:
    busiest = max(per_minute, key=lambda m: (per_minute[m], m))
    print(busiest, per_minute[busiest])
else:
    print("none")

"""A wrong fix: rewritten with strptime, which drops the lines with fractions."""
from datetime import datetime
import sys
from collections import Counter


per_minute = Counter()
for line in sys.stdin:
    first = line.split(" ", 1)[0].strip()
    try:
        at = datetime.strptime(first, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        continue
    minute = at.strftime("%Y-%m-%dT%H:%M")
    per_minute[minute] += 1

if per_minute:
    busiest = min(per_minute, key=lambda m: (-per_minute[m], m))
    print(busiest, per_minute[busiest])
else:
    print("none")

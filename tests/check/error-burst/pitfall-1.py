"""Most ERROR lines in any window, counted again from scratch for every line: O(n^2)."""
import sys

WINDOW = 60
errors = []
for line in sys.stdin:
    fields = line.split()
    if len(fields) < 2 or fields[1] != "ERROR" or not (fields[0].isascii() and fields[0].isdigit()):
        continue
    errors.append(int(fields[0]))
best = None
for t in errors:
    count = 0
    for u in errors:
        if t - WINDOW < u <= t:
            count += 1
    if best is None or count > best[0]:
        best = (count, t)
print(f"{best[0]} {best[1]}" if best else "0 -")

"""Worst error burst counting an error exactly one window old as inside it."""
import sys
from collections import deque

WINDOW = 60
errors = []
for line in sys.stdin:
    fields = line.split()
    if len(fields) < 2 or fields[1] != "ERROR" or not (fields[0].isascii() and fields[0].isdigit()):
        continue
    errors.append(int(fields[0]))
window = deque()
best = None
i = 0
while i < len(errors):
    t = errors[i]
    while i < len(errors) and errors[i] == t:
        window.append(t)
        i += 1
    while window and window[0] + WINDOW < t:
        window.popleft()
    if best is None or len(window) > best[0]:
        best = (len(window), t)
print(f"{best[0]} {best[1]}" if best else "0 -")

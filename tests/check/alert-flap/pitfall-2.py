"""Flap suppression that also drops a change at exactly the window: off by one."""
import sys

WINDOW = 300
state = {}
for line in sys.stdin:
    fields = line.split()
    if len(fields) != 3 or not (fields[0].isascii() and fields[0].isdigit()):
        continue
    ts, alert, new = int(fields[0]), fields[1], fields[2]
    if new not in ("firing", "resolved"):
        continue
    notified, last = state.get(alert, ("resolved", None))
    if notified == new or (last is not None and ts - last <= WINDOW):  # off by one
        continue
    state[alert] = (new, ts)
    print(ts, alert, new)

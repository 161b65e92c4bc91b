"""Out-of-order lines found by comparing the timestamps as text."""
import re
import sys
from datetime import datetime

STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})")

latest = {}
for n, line in enumerate(sys.stdin.read().splitlines(), 1):
    fields = line.split()
    if len(fields) < 2 or not STAMP.fullmatch(fields[0]):
        continue
    stamp = fields[0]
    try:
        local = datetime.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        continue
    zone = stamp[19:]
    if zone != "Z" and (int(zone[1:3]) > 23 or int(zone[4:6]) > 59):
        continue
    host = fields[1]
    # Wrong: text order is time order only while the offset stays the same.
    key = stamp[:19]
    if host in latest and key < latest[host][0]:
        print(n, host, int((latest[host][1] - local).total_seconds()))
    else:
        latest[host] = (key, local)

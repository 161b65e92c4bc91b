"""Out-of-order lines compared with the host's previous line, not its latest."""
import re
import sys
from datetime import datetime, timedelta, timezone

STAMP = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})")


def instant(text):
    m = STAMP.fullmatch(text)
    if not m:
        return None
    try:
        local = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    zone = m.group(2)
    if zone == "Z":
        offset = timedelta(0)
    else:
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if hours > 23 or minutes > 59:
            return None
        offset = timedelta(hours=hours, minutes=minutes)
        if zone[0] == "-":
            offset = -offset
    return int((local - offset).replace(tzinfo=timezone.utc).timestamp())


latest = {}
for n, line in enumerate(sys.stdin.read().splitlines(), 1):
    fields = line.split()
    if len(fields) < 2:
        continue
    at = instant(fields[0])
    if at is None:
        continue
    host = fields[1]
    if host in latest and at < latest[host]:
        print(n, host, latest[host] - at)
    latest[host] = at  # wrong: a late line lowers the bar

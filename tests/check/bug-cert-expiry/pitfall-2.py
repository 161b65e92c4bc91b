"""A wrong fix: rounding the days lets 30 days and a few hours back in."""
import sys
from datetime import datetime

FMT = "%Y-%m-%dT%H:%M:%SZ"


def parse(stamp):
    return datetime.strptime(stamp, FMT)


lines = sys.stdin.read().splitlines()
if lines:
    now = parse(lines[0].strip())
    soon = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) != 2:
            continue
        host, stamp = fields
        try:
            not_after = parse(stamp)
        except ValueError:
            continue
        left = not_after - now
        if round(left.total_seconds() / 86400) <= 30:
            soon.append((not_after, host, left))
    soon.sort()
    for not_after, host, left in soon:
        status = "EXPIRED" if left.total_seconds() <= 0 else f"{left.days}d"
        print(host, not_after.strftime(FMT), status)

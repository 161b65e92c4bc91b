"""Merges each window with the one before it, not with the merged window's end."""
import sys
from datetime import datetime, timezone

FMT = "%Y-%m-%dT%H:%M"


def minutes(text):
    if len(text) != 16 or not text.isascii():
        return None
    try:
        parsed = datetime.strptime(text, FMT)
    except ValueError:
        return None
    if parsed.strftime(FMT) != text:
        return None
    return int(parsed.replace(tzinfo=timezone.utc).timestamp()) // 60


def text(minute):
    return datetime.fromtimestamp(minute * 60, timezone.utc).strftime(FMT)


by_host = {}
for line in sys.stdin:
    fields = line.split()
    if len(fields) != 3:
        continue
    start, end = minutes(fields[1]), minutes(fields[2])
    if start is None or end is None or end <= start:
        continue
    by_host.setdefault(fields[0], []).append((start, end))

for host in sorted(by_host, key=lambda h: h.encode()):
    merged, previous_end = [], None
    for start, end in sorted(by_host[host]):
        if merged and start <= previous_end:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
        previous_end = end  # wrong: a long window before it may still be open
    for start, end in merged:
        print(host, text(start), text(end), end - start)

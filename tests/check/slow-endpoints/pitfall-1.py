"""Slowest endpoints read by splitting on whitespace: field 7 is not always the path."""
import sys

TOP = 5
stats = {}
with open("access.log", encoding="utf-8") as f:
    for line in f:
        fields = line.split()
        if len(fields) < 12 or line.count('"') < 6:
            continue
        secs, dot, ms = fields[-1].partition(".")
        if not dot or len(ms) != 3 or not (secs + ms).isascii() or not (secs + ms).isdigit():
            continue
        method = fields[5].lstrip('"')
        path = fields[6].split("?", 1)[0]
        endpoint = method + " " + path
        n, total, top = stats.get(endpoint, (0, 0, 0))
        value = int(secs) * 1000 + int(ms)
        stats[endpoint] = (n + 1, total + value, max(top, value))

rows = sorted(stats.items(), key=lambda kv: (-kv[1][1] / kv[1][0], -kv[1][0], kv[0].encode()))
for endpoint, (n, total, top) in rows[:TOP]:
    print(endpoint, n, total // n, top)

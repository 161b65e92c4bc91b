"""Top clients by 5xx, with an off-by-one: a 500 is not counted."""
from collections import Counter

counts = Counter()
with open("access.log", encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.count('"') < 2:
            continue
        after = line.rsplit('"', 1)[1].split()
        if not after:
            continue
        status = after[0]
        if len(status) != 3 or not (status.isascii() and status.isdigit()):
            continue
        if 500 < int(status) <= 599:  # off by one: misses 500
            counts[line.split()[0]] += 1
for client, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:3]:
    print(client, n)

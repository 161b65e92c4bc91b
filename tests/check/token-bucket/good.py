"""Token bucket per client, counted in thousandths of a token so refills are exact."""
import sys

lines = sys.stdin.read().splitlines()
head = lines[0].split() if lines else []
if len(head) == 2 and all(x.isascii() and x.isdigit() for x in head):
    capacity, rate = int(head[0]) * 1000, int(head[1])
    buckets = {}
    out = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) != 2 or not (fields[0].isascii() and fields[0].isdigit()):
            continue
        ts, client = int(fields[0]), fields[1]
        tokens, last = buckets.get(client, (capacity, ts))
        tokens = min(capacity, tokens + (ts - last) * rate)
        if tokens >= 1000:
            tokens -= 1000
        else:
            out.append(f"{ts} {client}")
        buckets[client] = (tokens, ts)
    print("\n".join(out))

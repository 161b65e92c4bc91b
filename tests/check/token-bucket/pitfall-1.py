"""Token bucket that refills in whole tokens and drops the fraction at every request."""
import sys

lines = sys.stdin.read().splitlines()
head = lines[0].split() if lines else []
if len(head) == 2 and all(x.isascii() and x.isdigit() for x in head):
    capacity, rate = int(head[0]), int(head[1])
    buckets = {}
    out = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) != 2 or not (fields[0].isascii() and fields[0].isdigit()):
            continue
        ts, client = int(fields[0]), fields[1]
        tokens, last = buckets.get(client, (capacity, ts))
        tokens = min(capacity, tokens + (ts - last) * rate // 1000)
        if tokens >= 1:
            tokens -= 1
        else:
            out.append(f"{ts} {client}")
        buckets[client] = (tokens, ts)
    print("\n".join(out))

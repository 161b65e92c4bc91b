"""LRU cache that keeps recency in a list: right answers, O(n) per operation."""
import sys

lines = sys.stdin.read().splitlines()
first = lines[0].strip() if lines else ""
if first.isascii() and first.isdigit():
    capacity = int(first)
    values = {}
    order = []  # least recently used first
    out = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) == 2 and fields[0] == "GET":
            key = fields[1]
            if key in values:
                order.remove(key)
                order.append(key)
                out.append(values[key])
            else:
                out.append("MISS")
        elif len(fields) == 3 and fields[0] == "PUT":
            key, value = fields[1], fields[2]
            if key in values:
                order.remove(key)
            values[key] = value
            order.append(key)
            if len(order) > capacity:
                del values[order.pop(0)]
    print("\n".join(out))

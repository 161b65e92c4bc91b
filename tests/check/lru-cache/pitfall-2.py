"""LRU cache where a GET does not make its key the most recently used."""
import sys
from collections import OrderedDict

lines = sys.stdin.read().splitlines()
first = lines[0].strip() if lines else ""
if first.isascii() and first.isdigit():
    capacity = int(first)
    cache = OrderedDict()
    out = []
    for line in lines[1:]:
        fields = line.split()
        if len(fields) == 2 and fields[0] == "GET":
            key = fields[1]
            if key in cache:
                out.append(cache[key])  # forgets to refresh the key
            else:
                out.append("MISS")
        elif len(fields) == 3 and fields[0] == "PUT":
            key, value = fields[1], fields[2]
            cache[key] = value
            cache.move_to_end(key)
            if len(cache) > capacity:
                cache.popitem(last=False)
    print("\n".join(out))

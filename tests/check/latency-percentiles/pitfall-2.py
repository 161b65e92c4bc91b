"""Percentiles that take `true` for 1: in Python a bool is an int."""
import json
import sys

by = {}
for line in sys.stdin:
    try:
        row = json.loads(line)
    except ValueError:
        continue
    if not isinstance(row, dict):
        continue
    endpoint, ms = row.get("endpoint"), row.get("ms")
    if not isinstance(endpoint, str) or not isinstance(ms, int) or ms < 0:
        continue
    by.setdefault(endpoint, []).append(ms)
for endpoint in sorted(by, key=lambda e: e.encode()):
    values = sorted(by[endpoint])
    n = len(values)
    rank = lambda p: values[max(1, (p * n + 99) // 100) - 1]
    print(endpoint, n, rank(50), rank(95), rank(99))

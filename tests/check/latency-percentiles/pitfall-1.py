"""Percentiles with a floor index instead of the nearest rank: off by one."""
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
    if not isinstance(endpoint, str) or isinstance(ms, bool) or not isinstance(ms, int) or ms < 0:
        continue
    by.setdefault(endpoint, []).append(ms)
for endpoint in sorted(by, key=lambda e: e.encode()):
    values = sorted(by[endpoint])
    n = len(values)
    rank = lambda p: values[min(n - 1, p * n // 100)]  # floor index: off by one
    print(endpoint, n, rank(50), rank(95), rank(99))

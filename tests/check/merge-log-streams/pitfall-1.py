"""Merged ERROR lines, but any 24 characters pass for a timestamp: malformed lines slip in."""
import heapq


def errors(name, index):
    with open(name, encoding="utf-8") as f:
        for n, line in enumerate(f):
            line = line.rstrip("\n")
            if len(line) < 25:
                continue
            if line[25:].split(" ")[0] == "ERROR":
                yield (line[:24], index, n, line)


for _, _, _, line in heapq.merge(*(errors(name, i) for i, name in enumerate(["a.log", "b.log", "c.log"]))):
    print(line)

"""The ERROR lines of a.log, b.log and c.log merged by timestamp with a heap."""
import heapq

PATTERN = "dddd-dd-ddTdd:dd:dd.dddZ"


def errors(name, index):
    with open(name, encoding="utf-8") as f:
        for n, line in enumerate(f):
            line = line.rstrip("\n")
            stamp = line[:24]
            if len(line) < 25 or line[24] != " ":
                continue
            if not all((c.isascii() and c.isdigit()) if p == "d" else c == p for c, p in zip(stamp, PATTERN)):
                continue
            if line[25:].split(" ")[0] == "ERROR":
                yield (stamp, index, n, line)


for _, _, _, line in heapq.merge(*(errors(name, i) for i, name in enumerate(["a.log", "b.log", "c.log"]))):
    print(line)

"""ERROR lines merged by sorting whole lines, which reorders equal timestamps."""
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


found = [line for i, name in enumerate(["a.log", "b.log", "c.log"]) for *_, line in errors(name, i)]
for line in sorted(found):  # the message decides between equal timestamps
    print(line)

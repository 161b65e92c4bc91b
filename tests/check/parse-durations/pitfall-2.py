"""Durations where units may come in any order or twice."""
import sys

UNITS = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)]


def parse(text):
    text = text.strip(" \t")
    if not text:
        return None
    total, next_unit, i = 0, 0, 0
    while i < len(text):
        j = i
        while j < len(text) and text[j].isascii() and text[j].isdigit():
            j += 1
        if j == i or j - i > 20:
            return None
        number = int(text[i:j])
        k = j
        while k < len(text) and text[k].isascii() and text[k].isalpha():
            k += 1
        unit = text[j:k]
        names = [u for u, _ in UNITS]
        if unit not in names:  # any order, any number of times
            return None
        at = names.index(unit)
        total += number * UNITS[at][1]
        i = k
    return total


lines = sys.stdin.read().split("\n")
if lines[-1] == "":
    lines.pop()
for line in lines:
    ms = parse(line)
    print("invalid" if ms is None else ms)

"""Slowest endpoints, with the query string left in the endpoint."""
import sys
from functools import cmp_to_key

TOP = 5


def quoted_fields(line):
    """The unescaped quoted fields and the text after the last one."""
    fields, current, after, i = [], None, 0, 0
    while i < len(line):
        c = line[i]
        if current is None:
            if c == '"':
                current = []
        elif c == "\\":
            if i + 1 == len(line):
                return None
            current.append(line[i + 1])
            i += 1
        elif c == '"':
            fields.append("".join(current))
            current, after = None, i + 1
        else:
            current.append(c)
        i += 1
    if current is not None or len(fields) != 3:
        return None
    return fields, line[after:]


def request_ms(text):
    secs, dot, ms = text.partition(".")
    if not dot or len(ms) != 3:
        return None
    if not (secs.isascii() and secs.isdigit() and ms.isascii() and ms.isdigit()):
        return None
    return int(secs) * 1000 + int(ms)


stats = {}
with open("access.log", encoding="utf-8") as f:
    for line in f:
        parsed = quoted_fields(line.rstrip("\n"))
        if parsed is None:
            continue
        (req, _, _), after = parsed
        rest = after.split()
        if len(rest) != 1:
            continue
        ms = request_ms(rest[0])
        if ms is None:
            continue
        method, space, rest = req.partition(" ")
        target, space2, _ = rest.rpartition(" ")
        if not space or not space2 or not method or not target:
            continue
        endpoint = method + " " + target  # the query string stays
        n, total, top = stats.get(endpoint, (0, 0, 0))
        stats[endpoint] = (n + 1, total + ms, max(top, ms))


def slower(a, b):
    (ea, (na, ta, _)), (eb, (nb, tb, _)) = a, b
    if ta * nb != tb * na:
        return -1 if ta * nb > tb * na else 1
    if na != nb:
        return -1 if na > nb else 1
    return -1 if ea.encode() < eb.encode() else 1


for endpoint, (n, total, top) in sorted(stats.items(), key=cmp_to_key(slower))[:TOP]:
    print(endpoint, n, total // n, top)

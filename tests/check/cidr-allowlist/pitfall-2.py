"""Allowlist where the first rule that matches wins, not the most specific."""
import sys


def parse_ip(text):
    parts = text.split(".")
    if len(parts) != 4:
        return None
    ip = 0
    for part in parts:
        if not (part.isascii() and part.isdigit()) or (len(part) > 1 and part[0] == "0"):
            return None
        n = int(part)
        if n > 255:
            return None
        ip = ip << 8 | n
    return ip


def mask(length):
    return 0 if length == 0 else (0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF


rules = {}  # (length, network) -> deny
order = []
lines = iter(sys.stdin.read().splitlines())
for line in lines:
    if line.strip() == "---":
        break
    fields = line.split()
    if len(fields) != 2 or fields[0] not in ("ALLOW", "DENY"):
        continue
    net, slash, length = fields[1].partition("/")
    ip = parse_ip(net)
    if not slash or ip is None or not (length.isascii() and length.isdigit()) or int(length) > 32:
        continue
    key = (int(length), ip & mask(int(length)))
    rules[key] = rules.get(key, False) or fields[0] == "DENY"
    order.append(key)
lengths = sorted({length for length, _ in rules}, reverse=True)
for line in lines:
    line = line.strip()
    if not line:
        continue
    ip = parse_ip(line)
    if ip is None:
        print(line, "invalid")
        continue
    verdict = "deny"
    for length, network in order:  # in the order written
        if ip & mask(length) == network:
            verdict = "deny" if rules[(length, network)] else "allow"
            break
    print(line, verdict)

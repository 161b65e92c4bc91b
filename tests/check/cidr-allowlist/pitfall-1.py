"""Longest-prefix match by scanning every rule for every address: O(rules x addresses)."""
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
rule_list = list(rules.items())
for line in lines:
    line = line.strip()
    if not line:
        continue
    ip = parse_ip(line)
    if ip is None:
        print(line, "invalid")
        continue
    best = None
    for (length, net), deny in rule_list:
        if ip & mask(length) == net and (best is None or length > best[0]):
            best = (length, deny)
    print(line, "deny" if best is None or best[1] else "allow")

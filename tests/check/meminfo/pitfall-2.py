"""Memory use that divides by SwapTotal even on a machine without swap."""


def percent(num, den):
    tenths = (2 * num * 1000 + den) // (2 * den)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"


values = {}
with open("meminfo", encoding="utf-8") as f:
    for line in f:
        key, colon, rest = line.rstrip("\n").partition(":")
        if not colon or not key or any(c.isspace() for c in key):
            continue
        fields = rest.split()
        if len(fields) in (1, 2) and (len(fields) == 1 or fields[1] == "kB"):
            if fields[0].isascii() and fields[0].isdigit():
                values[key] = int(fields[0])
total = values.get("MemTotal", 0)
if total == 0:
    print("error: no MemTotal")
else:
    if "MemAvailable" in values:
        available = values["MemAvailable"]
    else:
        available = values.get("MemFree", 0) + values.get("Buffers", 0) + values.get("Cached", 0)
    available = min(available, total)
    swap_total = values.get("SwapTotal", 0)
    if "SwapTotal" in values:  # 0 on a machine without swap
        swap_free = min(values.get("SwapFree", 0), swap_total)
        swap = percent(swap_total - swap_free, swap_total)
    else:
        swap = "n/a"
    print(f"total_kb {total}")
    print(f"available_kb {available}")
    print(f"used_pct {percent(total - available, total)}")
    print(f"swap_used_pct {swap}")

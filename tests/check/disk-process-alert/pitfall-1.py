"""Disk and process alerts comparing percentages as text, so 100% is below 90%."""


def number(text):
    return text.isascii() and text.isdigit()


def tenths(text):
    whole, dot, frac = text.partition(".")
    if not number(whole) or (dot and (len(frac) != 1 or not number(frac))):
        return None
    return int(whole) * 10 + (int(frac) if dot else 0)


disks = []
with open("df.txt", encoding="utf-8") as f:
    for line in list(f)[1:]:
        fields = line.split()
        if len(fields) < 6 or not all(number(x) for x in fields[1:4]):
            continue
        pct = fields[4]
        if not pct.endswith("%") or not number(pct[:-1]):
            continue
        if pct >= "90%":  # text: "100%" < "90%"
            disks.append((int(pct[:-1]), " ".join(fields[5:])))
procs = []
with open("ps.txt", encoding="utf-8") as f:
    for line in list(f)[1:]:
        fields = line.split()
        if len(fields) < 3 or not number(fields[0]):
            continue
        t = tenths(fields[1])
        if t is not None and fields[1] >= "80.0":
            procs.append((t, int(fields[0]), " ".join(fields[2:])))
for pct, mount in sorted(disks, key=lambda d: (f"{d[0]}%", d[1].encode()), reverse=True):
    print(f"DISK {pct}% {mount}")
for t, pid, comm in sorted(procs, key=lambda p: (-p[0], p[1])):
    print(f"PROC {pid} {t // 10}.{t % 10} {comm}")

"""Disk and process alerts, but a disk at exactly the threshold does not alert."""


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
        if int(pct[:-1]) > 90:  # misses a disk at exactly 90%
            disks.append((int(pct[:-1]), " ".join(fields[5:])))
procs = []
with open("ps.txt", encoding="utf-8") as f:
    for line in list(f)[1:]:
        fields = line.split()
        if len(fields) < 3 or not number(fields[0]):
            continue
        t = tenths(fields[1])
        if t is not None and t >= 800:
            procs.append((t, int(fields[0]), " ".join(fields[2:])))
for pct, mount in sorted(disks, key=lambda d: (-d[0], d[1].encode())):
    print(f"DISK {pct}% {mount}")
for t, pid, comm in sorted(procs, key=lambda p: (-p[0], p[1])):
    print(f"PROC {pid} {t // 10}.{t % 10} {comm}")

"""Error budget remaining with float arithmetic and round(): halves go astray."""
import sys


def digits(text):
    return text.isascii() and text.isdigit()


def slo_milli(text):
    whole, dot, frac = text.partition(".")
    if not digits(whole) or len(frac) > 3 or (dot and not digits(frac)):
        return None
    milli = int(whole) * 1000 + int((frac + "000")[:3])
    return milli if milli <= 100000 else None


lines = sys.stdin.read().splitlines()
slo = slo_milli(lines[0].strip()) if lines else None
if slo is not None:
    sums = {}
    for line in lines[1:]:
        fields = line.split()
        if len(fields) != 3 or not digits(fields[1]) or not digits(fields[2]):
            continue
        total, failed = int(fields[1]), int(fields[2])
        if failed > total:
            continue
        t, f = sums.get(fields[0], (0, 0))
        sums[fields[0]] = (t + total, f + failed)
    for service in sorted(sums, key=lambda s: s.encode()):
        total, failed = sums[service]
        allowed = total * (100000 - slo)
        if allowed == 0:
            remaining = "n/a"
        else:
            allowed_failures = total * (100 - slo / 1000) / 100
            remaining = f"{round((allowed_failures - failed) / allowed_failures * 100, 1):.1f}%"
        print(service, total, failed, remaining)

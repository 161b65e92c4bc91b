"""Config diff done line by line, so a key that only moved shows up as changed."""


def parse(path):
    section, out = "", {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]") and len(line) >= 2:
                if line[1:-1].strip():
                    section = line[1:-1].strip()
                continue
            key, eq, value = line.partition("=")
            key = key.strip()
            if not eq or not key:
                continue
            out[f"{section}.{key}" if section else key] = value.strip()
    return out


def pairs(path):
    # The file's key lines in file order, as a line diff sees them.
    parsed = parse(path)
    return [(k, parsed[k]) for k in parsed]


old, new = pairs("old.conf"), pairs("new.conf")
for i in range(max(len(old), len(new))):
    a = old[i] if i < len(old) else None
    b = new[i] if i < len(new) else None
    if a is None:
        print(f"+ {b[0]} = {b[1]}")
    elif b is None:
        print(f"- {a[0]} = {a[1]}")
    elif a[0] != b[0]:
        print(f"- {a[0]} = {a[1]}")
        print(f"+ {b[0]} = {b[1]}")
    elif a[1] != b[1]:
        print(f"~ {a[0]} = {a[1]} -> {b[1]}")

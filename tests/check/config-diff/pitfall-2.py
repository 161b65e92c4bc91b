"""Config diff that forgets to trim values, so `a = 1` and `a=1` differ."""


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
            out[f"{section}.{key}" if section else key] = value  # keeps the spaces
    return out


old, new = parse("old.conf"), parse("new.conf")
for name in sorted(set(old) | set(new), key=lambda n: n.encode()):
    if name not in old:
        print(f"+ {name} = {new[name]}")
    elif name not in new:
        print(f"- {name} = {old[name]}")
    elif old[name] != new[name]:
        print(f"~ {name} = {old[name]} -> {new[name]}")

"""A wrong fix: clearing the shared dict on each call empties the defaults."""


def parse(path, into={}):
    into.clear()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            if key.strip():
                into[key.strip()] = value.strip()
    return into


defaults = parse("defaults.conf")
host = parse("host.conf")
for key in sorted(set(defaults) | set(host)):
    if key not in host:
        print(f"  {key} = {defaults[key]}")
    elif key not in defaults:
        print(f"+ {key} = {host[key]}")
    elif host[key] != defaults[key]:
        print(f"~ {key} = {defaults[key]} -> {host[key]}")
    else:
        print(f"  {key} = {defaults[key]}")

#!/usr/bin/env python3
"""Which part of each wasm binary is which lab: `make size`'s breakdown.

Reads the linker's output (target/wasm32-unknown-unknown/<profile>/*.wasm,
which still has its `name` section), sums the code size of the functions
whose (mangled) names mention each part, and scales the shares to the gzip
size of the shipped file in dist/ (the shipped file has no names: wasm-opt
drops them). An estimate of where the bytes go, not an exact split: shared
generic code goes to the first part its name mentions.

Usage: wasm_shares.py LINKED.wasm SHIPPED.wasm [--forbid PART]...
Exit 1 if a forbidden part has any code (the worker must link no plotters).
"""

import gzip
import re
import sys

# Parts, first match wins: each lab's page and engine folders, then the
# shared layers and the big dependencies.
PARTS = [
    ("Data lab (page)", r"mlops_playground[0-9a-z_.$]*(pages|labs)[0-9a-z_.$]*data"),
    ("Split lab (page)", r"mlops_playground[0-9a-z_.$]*(pages|labs)[0-9a-z_.$]*split"),
    ("Model lab (page)", r"mlops_playground[0-9a-z_.$]*(pages|labs)[0-9a-z_.$]*model"),
    ("Drift lab (page)", r"mlops_playground[0-9a-z_.$]*(pages|labs)[0-9a-z_.$]*drift"),
    ("Data lab (engine)", r"mlops_engine[0-9a-z_.$]*data"),
    ("Split lab (engine)", r"mlops_engine[0-9a-z_.$]*split"),
    ("Drift lab (engine)", r"mlops_engine[0-9a-z_.$]*drift"),
    ("Deploy lab (engine)", r"mlops_engine[0-9a-z_.$]*rollout"),
    ("Model lab (engine: metrics, model)", r"mlops_engine[0-9a-z_.$]*(metrics|model)"),
    ("table + basics (engine)", r"mlops_engine"),
    ("charts", r"mlops_charts|plotters"),
    ("shell + components (page)", r"mlops_playground"),
    ("leptos + reactive", r"leptos|reactive_graph|tachys|any_spawner|wasm_streams|throw_error|or_poisoned"),
    ("serde_json", r"serde_json"),
    ("serde + postcard", r"serde|postcard"),
    ("wasm-bindgen + js/web-sys", r"wasm_bindgen|js_sys|web_sys"),
    ("core + alloc + std", r"core|alloc|std|dlmalloc|compiler_builtins"),
]


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def functions(path):
    """(name, body size) of every defined function."""
    b = open(path, "rb").read()
    i = 8
    imports = 0
    bodies = []
    names = {}
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if sid == 2:  # imports: count imported functions
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(b, j)
                    j += ln
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
                else:
                    _, j = leb(b, j)
        elif sid == 10:  # code
            n, j = leb(b, i)
            for _ in range(n):
                sz, j = leb(b, j)
                bodies.append(sz)
                j += sz
        elif sid == 0:
            ln, j = leb(b, i)
            if b[j:j + ln] == b"name":
                j += ln
                while j < end:
                    sub = b[j]
                    ssz, j = leb(b, j + 1)
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            nl, k = leb(b, k)
                            names[idx] = b[k:k + nl].decode("utf-8", "replace")
                            k += nl
                    j += ssz
        i = end
    return [(names.get(imports + k, ""), sz) for k, sz in enumerate(bodies)]


def main():
    args = sys.argv[1:]
    forbid = [args[k + 1] for k, a in enumerate(args) if a == "--forbid"]
    linked, shipped = [a for k, a in enumerate(args) if a != "--forbid" and (k == 0 or args[k - 1] != "--forbid")][:2]
    funcs = functions(linked)
    total = sum(sz for _, sz in funcs) or 1
    gz = len(gzip.compress(open(shipped, "rb").read(), 9))
    shares = {p: 0 for p, _ in PARTS}
    shares["other"] = 0
    for name, sz in funcs:
        for part, pat in PARTS:
            if re.search(pat, name):
                shares[part] += sz
                break
        else:
            shares["other"] += sz
    bad = False
    for part, sz in shares.items():
        if sz == 0:
            continue
        print(f"    {part:<28} {100 * sz / total:5.1f}%  ~{gz * sz / total / 1024:5.1f} KiB gzip")
        if any(f in part for f in forbid):
            bad = True
    if bad:
        print(f"error: {linked} links {', '.join(forbid)} code")
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fails when the engine's top-level modules import each other in a circle.

An edge A -> B is a `crate::B` path (in a `use` or inline) in a non-test file
of `crates/engine/src/A` (a folder or `A.rs`). Test code is skipped: files
named `tests.rs` or under a `tests/` folder, and everything after a
`#[cfg(test)]` line (the engine keeps its test modules at the end of a file).
The check prints every edge that sits on a cycle (an edge A -> B where B
reaches A) and exits 1 if there is one; `--edges` prints the whole graph.
"""
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "crates/engine/src"
PATH = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
USE_GROUP = re.compile(r"\buse\s+crate::\{([^;]*)\}", re.S)
GROUP_HEAD = re.compile(r"(?:^|[,{]\s*)([a-z_][a-z0-9_]*)\s*(?:::|,|}|$|\s+as\b)")


def module_of(path: pathlib.Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".rs")


def production_text(path: pathlib.Path) -> str:
    if path.name == "tests.rs" or "tests" in path.relative_to(SRC).parts[:-1]:
        return ""
    text = path.read_text(encoding="utf-8")
    cut = text.find("#[cfg(test)]")
    text = text if cut < 0 else text[:cut]
    # Drop line comments and doc comments: links in docs are not imports.
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def edges() -> dict[str, set[str]]:
    modules = {module_of(p) for p in SRC.iterdir() if p.suffix == ".rs" or p.is_dir()}
    modules.discard("lib")
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in SRC.rglob("*.rs"):
        source = module_of(path)
        if source == "lib":
            continue
        text = production_text(path)
        targets = set(PATH.findall(text))
        for group in USE_GROUP.findall(text):
            # `use crate::{a::X, b}`: the first name of each item.
            depth, item, items = 0, "", []
            for ch in group:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                if ch == "," and depth == 0:
                    items.append(item)
                    item = ""
                else:
                    item += ch
            items.append(item)
            for it in items:
                m = re.match(r"\s*([a-z_][a-z0-9_]*)", it)
                if m:
                    targets.add(m.group(1))
        for target in targets:
            if target in modules and target != source:
                graph[source].add(target)
    return graph


def reaches(graph, start, goal) -> bool:
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph[node])
    return False


def main() -> int:
    graph = edges()
    all_edges = sorted((a, b) for a, bs in graph.items() for b in bs)
    on_cycle = [(a, b) for a, b in all_edges if reaches(graph, b, a)]
    if "--edges" in sys.argv:
        for a, b in all_edges:
            print(f"{a} -> {b}{'   (cycle)' if (a, b) in on_cycle else ''}")
    if on_cycle:
        print(f"error: {len(on_cycle)} of the engine's {len(all_edges)} module edges sit on a cycle:")
        for a, b in on_cycle:
            print(f"  {a} -> {b}")
        return 1
    print(f"engine-cycles: {len(all_edges)} module edges, none on a cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())

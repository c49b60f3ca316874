#!/usr/bin/env python3
"""Groups a wasm's code by crate, from `twiggy top --format csv` output on
stdin (a build with its name section). Prints bytes and share per crate.

A function is counted for the crate of the first path in its name that is
not a core/alloc/std generic wrapper, so `<F as tachys::...>::invoke` counts
for tachys and `core::iter::..::fold` with no other crate counts for std."""
import csv, re, sys
from collections import Counter

STD = {"core", "alloc", "std", "__rustc", "compiler_builtins", "dlmalloc", "hashbrown"}
# Crate names from Cargo.lock: a path segment that is one of them names the crate.
CRATES = set()
with open("Cargo.lock") as lock:
    for line in lock:
        if line.startswith('name = "'):
            CRATES.add(line.split('"')[1].replace("-", "_"))
CRATES -= STD
sizes, total = Counter(), 0
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith("Σ") or name.startswith("..."):
        continue
    total += size
    if "function names" in name or "custom section" in name or "__wbindgen_describe" in name:
        continue  # names and wasm-bindgen metadata: removed from the shipped file
    if name.startswith('data segment'):
        sizes["(data: strings and tables)"] += size
        continue
    paths = re.findall(r"([a-z_][a-z0-9_]*)::", name)
    crate = next((p for p in paths if p in CRATES), None)
    if crate is None:
        crate = "std/core/alloc" if paths else "(no name: glue, tables)"
    sizes[crate] += size
shown = sum(sizes.values())
print(f"{'crate':<28} {'bytes':>10} {'share':>7}")
for crate, size in sizes.most_common(25):
    print(f"{crate:<28} {size:>10} {100*size/shown:>6.1f}%")
rest = sum(s for _, s in sizes.most_common()[25:])
print(f"{'(others)':<28} {rest:>10} {100*rest/shown:>6.1f}%")
print(f"{'total code and data':<28} {shown:>10}")

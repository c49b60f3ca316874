#!/usr/bin/env python3
"""Reports functions and files in src/ that outgrow the house limits.

A function's length runs from its `fn` line to its closing brace; a file's
length stops at its `#[cfg(test)] mod tests`. Exits 1 when a limit is
exceeded outside the allow-list below, so scripts/check keeps the limits.
"""
import re
import sys
from pathlib import Path

FN_LIMIT = 120
FILE_LIMIT = 700
# Places over a limit on purpose, with the reason (also in ARCHITECTURE.md).
ALLOWED = {}

FN_RE = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")
TESTS_RE = re.compile(r"^#\[cfg\(test\)\]\s*$")


def strip(line, state):
    """Removes strings, chars and comments from a line; `state` carries an
    open block comment or raw string across lines."""
    out, i, n = [], 0, len(line)
    while i < n:
        if state.get("raw"):
            end = '"' + "#" * state["raw"]
            j = line.find(end, i)
            if j < 0:
                return "".join(out)
            i, state["raw"] = j + len(end), 0
            continue
        if state.get("block"):
            j = line.find("*/", i)
            if j < 0:
                return "".join(out)
            i, state["block"] = j + 2, False
            continue
        if state.get("str"):
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            if i < n:
                state["str"] = False
                i += 1
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        m = re.match(r'r(#*)"', line[i:])
        if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            state["raw"] = len(m.group(1)) or -1
            if state["raw"] == -1:
                state["raw"] = 0
                j = line.find('"', i + 2)
                if j < 0:
                    state["str"] = True
                    return "".join(out)
                i = j + 1
                continue
            i += len(m.group(0))
            continue
        if c == '"':
            state["str"] = True
            i += 1
            continue
        m = re.match(r"'(\\.|[^\\'])'", line[i:])
        if m:
            i += len(m.group(0))
            continue
        out.append(c)
        i += 1
    return "".join(out)


def scan(path):
    lines = path.read_text().splitlines()
    body_end = len(lines)
    for k, l in enumerate(lines):
        if TESTS_RE.match(l) and k + 1 < len(lines) and re.match(r"(pub(\(crate\))? )?mod tests", lines[k + 1]):
            body_end = k
            break
    state, clean = {}, []
    for l in lines[:body_end]:
        clean.append(strip(l, state))
    fns = []
    for k, l in enumerate(clean):
        m = FN_RE.match(l)
        if not m:
            continue
        depth, started = 0, False
        for j in range(k, len(clean)):
            seg = clean[j]
            if not started and ";" in seg and "{" not in seg:
                break  # a declaration without a body
            for ch in seg:
                if ch == "{":
                    depth += 1
                    started = True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                fns.append((m.group(6), k + 1, j - k + 1))
                break
    return body_end, fns


def main():
    root = Path(__file__).resolve().parent.parent
    bad, report = [], []
    for path in sorted((root / "src").rglob("*.rs")):
        rel = str(path.relative_to(root))
        length, fns = scan(path)
        if length > FILE_LIMIT:
            report.append((length, f"{rel}: {length} lines before its tests"))
            if rel not in ALLOWED:
                bad.append(rel)
        for name, line, n in fns:
            if n > FN_LIMIT:
                where = f"{rel}:{line} fn {name}"
                report.append((n, f"{where}: {n} lines"))
                if f"{rel}::{name}" not in ALLOWED:
                    bad.append(where)
    verbose = "-v" in sys.argv
    if verbose:
        for path in sorted((root / "src").rglob("*.rs")):
            for name, line, n in scan(path)[1]:
                if n > 60:
                    print(f"  {n:4} {path.relative_to(root)}:{line} fn {name}")
    for _, text in sorted(report, reverse=True):
        print(("over the limit: " if any(b in text for b in bad) else "allowed: ") + text)
    if bad:
        print(f"{len(bad)} place(s) over the limits (functions {FN_LIMIT} lines, files {FILE_LIMIT}); split them or justify them in ALLOWED and ARCHITECTURE.md")
        sys.exit(1)
    print(f"Lengths: every function within {FN_LIMIT} lines and every file within {FILE_LIMIT}.")


main()

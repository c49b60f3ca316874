#!/usr/bin/env python3
"""Check `option_feedback` in question banks (until bank-check validates it).

Every key must be an option letter of its question (A = first option), the
question must be `single` or `multiple`, and each text must be a non-empty
plain string of at most 220 characters. Feedback on a keyed option is
reported as a note (allowed, but rare). Usage:
    python3 scripts/check-option-feedback.py questions/*.toml
"""
import re
import sys
import tomllib

MAX_LEN = 220
errors, notes, count = [], [], 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        bank = tomllib.load(f)
    for q in bank.get("questions", []):
        fb = q.get("option_feedback")
        if fb is None:
            continue
        qid = q.get("id", "?")
        count += 1
        where = f"{path}: {qid}"
        if q.get("type") not in ("single", "multiple"):
            errors.append(f"{where}: option_feedback on a {q.get('type')} question")
            continue
        if not isinstance(fb, dict) or not fb:
            errors.append(f"{where}: option_feedback must be a non-empty table")
            continue
        letters = [chr(ord("A") + i) for i in range(len(q.get("options", [])))]
        key = q.get("answer")
        keys = set(key) if isinstance(key, list) else {key}
        for letter, text in fb.items():
            if letter not in letters:
                errors.append(f"{where}: key {letter!r} is not one of {''.join(letters)}")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: {letter}: text must be a non-empty string")
                continue
            if len(text) > MAX_LEN:
                errors.append(f"{where}: {letter}: {len(text)} characters (at most {MAX_LEN})")
            if re.search(r"<[a-zA-Z/]|\*\*|`|\]\(", text):
                errors.append(f"{where}: {letter}: looks like HTML or markdown")
            if letter in keys:
                notes.append(f"{where}: {letter} is a key option")
for n in notes:
    print("note:", n)
for e in errors:
    print("error:", e)
print(f"{count} questions with option_feedback, {len(errors)} errors")
sys.exit(1 if errors else 0)

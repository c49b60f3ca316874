#!/usr/bin/env python3
"""Answer-cue statistics for the question banks (issue 11).

Prints, per bank:
  * true/false: how many keys are True (target 35-65 %);
  * single choice: how often the key is the strictly longest option
    (target at most 30 %; counted in characters), and how often it is the
    longest or tied for longest (the measure the issue-11 review used), and,
    as a check against over-correcting, how often it is strictly shortest;
  * absolute words ("only", "always", "never", "all") in distractors and in
    keys of single and multiple questions, as counts and per 100 options of
    each kind, so a cue shows even though distractors outnumber keys;
  * optional lists (--list): the ids behind each number, stem words that
    appear only in the key (echo cue), British spellings and citations
    without a dated edition.

Usage: python3 scripts/cue-stats.py [questions-dir] [--list]
Exit status is 0; the script reports, it does not judge.
"""
import re
import sys
import tomllib
from pathlib import Path

ABSOLUTES = ("only", "always", "never", "all")
ABS_RE = re.compile(r"\b(" + "|".join(ABSOLUTES) + r")\b", re.IGNORECASE)
BRITISH_RE = re.compile(
    r"\b(labell\w*|jewell\w*|colour\w*|behaviour\w*|centre[sd]?|litres?|metres?|vapour\w*|"
    r"harbour\w*|favour\w*|honour\w*|odour\w*|tumour\w*|fibres?|grey|programmes?|"
    r"haem\w*|anaesth\w*|oesophag\w*|paediatric\w*|foetus|oedema|instil|enrol|enrolment|"
    r"instalment|licence|defence|offence|practised|practises|analys(?:e|ed|es|ing)|catalogue\w*|"
    r"cheque\w*|ageing|judgement|aluminium|sulph\w*|travell\w*|cancell\w*|modell\w*|whilst|amongst|"
    r"\w*(?:minimis|maximis|optimis|organis|recognis|summaris|neutralis|aerosolis|pressuris|"
    r"oxidis|sterilis|stabilis|standardis|utilis|categoris|characteris|authoris|prioritis|"
    r"realis|emphasis|immunis|homogenis|visualis|harmonis|apologis|criticis)"
    r"(?:e|ed|es|ing|ation|ations))\b",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")
STOP = set(
    "a an the of to in on for by and or with at as is are be be was were it its this that which "
    "what who when where why how from under per must may can should not no into than then".split()
)


def letters(answer):
    return [answer] if isinstance(answer, str) else list(answer)


def words(text):
    return {w for w in re.findall(r"[a-z][a-z\-]{2,}", text.lower()) if w not in STOP}


def bank_stats(path):
    bank = tomllib.loads(path.read_text(encoding="utf-8"))
    qs = bank.get("questions", [])
    tf = [q for q in qs if q.get("type") == "true_false"]
    tf_true = [q["id"] for q in tf if q.get("answer") is True]
    single = [q for q in qs if q.get("type") == "single"]
    longest, tied, shortest = [], [], []
    for q in single:
        opts = q["options"]
        k = ord(q["answer"]) - ord("A")
        others = [len(o) for i, o in enumerate(opts) if i != k]
        if len(opts[k]) > max(others):
            longest.append(q["id"])
        elif len(opts[k]) == max(others):
            tied.append(q["id"])
        if len(opts[k]) < min(others):
            shortest.append(q["id"])
    abs_key = abs_dis = n_key = n_dis = 0
    per_word = {w: [0, 0] for w in ABSOLUTES}  # [keys, distractors]
    abs_ids = {"key": set(), "distractor": set()}
    echo = []
    for q in qs:
        if q.get("type") not in ("single", "multiple"):
            continue
        keys = {ord(a) - ord("A") for a in letters(q["answer"])}
        for i, o in enumerate(q["options"]):
            hits = [m.group(1).lower() for m in ABS_RE.finditer(o)]
            if i in keys:
                n_key += 1
                abs_key += len(hits)
                for h in hits:
                    per_word[h][0] += 1
                if hits:
                    abs_ids["key"].add(q["id"])
            else:
                n_dis += 1
                abs_dis += len(hits)
                for h in hits:
                    per_word[h][1] += 1
                if hits:
                    abs_ids["distractor"].add(q["id"])
        if q["type"] == "single":
            stem_w = words(q["stem"])
            k = ord(q["answer"]) - ord("A")
            key_w = words(q["options"][k]) & stem_w
            other_w = set()
            for i, o in enumerate(q["options"]):
                if i != k:
                    other_w |= words(o)
            only_key = sorted(w for w in key_w if w not in other_w)
            if only_key:
                echo.append((q["id"], only_key))
    british, undated = [], []
    for q in qs:
        text = " ".join(
            [q.get("stem", ""), q.get("explanation", "")] + list(q.get("options", []))
        )
        found = sorted({m.group(0) for m in BRITISH_RE.finditer(text)})
        if found:
            british.append((q["id"], found))
        cit = q.get("citation", {})
        ed = str(cit.get("edition", ""))
        if not YEAR_RE.search(ed) or re.search(r"\bcurrent\b", ed, re.IGNORECASE):
            undated.append((q["id"], ed))
    return {
        "id": bank.get("id", path.stem),
        "version": bank.get("version"),
        "n": len(qs),
        "tf": len(tf),
        "tf_true": tf_true,
        "tf_false": [q["id"] for q in tf if q.get("answer") is False],
        "single": len(single),
        "longest": longest,
        "tied": tied,
        "shortest": shortest,
        "abs_key": abs_key,
        "abs_dis": abs_dis,
        "n_key": n_key,
        "n_dis": n_dis,
        "per_word": per_word,
        "abs_ids": abs_ids,
        "echo": echo,
        "british": british,
        "undated": undated,
    }


def pct(a, b):
    return f"{100 * a / b:.0f} %" if b else "n/a"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--list" in sys.argv
    folder = Path(args[0] if args else "questions")
    files = sorted(p for p in folder.glob("*.toml") if p.name != "manifest.toml")
    for path in files:
        s = bank_stats(path)
        print(f"== {s['id']} (version {s['version']}, {s['n']} questions)")
        t = len(s["tf_true"])
        print(f"  true/false True share: {t}/{s['tf']} = {pct(t, s['tf'])}  (target 35-65 %)")
        lo = len(s["longest"])
        lt = lo + len(s["tied"])
        print(
            f"  single: key strictly longest: {lo}/{s['single']} = {pct(lo, s['single'])}  (target <= 30 %);"
            f" longest or tied for longest: {lt}/{s['single']} = {pct(lt, s['single'])}"
        )
        sh = len(s["shortest"])
        print(
            f"  single: key strictly shortest (over-correction check): {sh}/{s['single']} = {pct(sh, s['single'])}"
        )
        print(
            f"  absolute words (only/always/never/all): keys {s['abs_key']} in {s['n_key']} keys"
            f" ({100 * s['abs_key'] / max(s['n_key'], 1):.1f} per 100),"
            f" distractors {s['abs_dis']} in {s['n_dis']} distractors"
            f" ({100 * s['abs_dis'] / max(s['n_dis'], 1):.1f} per 100)"
        )
        print(
            "    by word (keys/distractors): "
            + ", ".join(f"{w} {k}/{d}" for w, (k, d) in s["per_word"].items())
        )
        print(f"  stem words found only in the key (echo candidates): {len(s['echo'])}")
        print(f"  British spellings: {len(s['british'])} questions")
        print(f"  citations without a dated edition: {len(s['undated'])}")
        if show:
            print("    T/F True:", " ".join(s["tf_true"]))
            print("    T/F False:", " ".join(s["tf_false"]))
            print("    key longest:", " ".join(s["longest"]))
            print("    key tied for longest:", " ".join(s["tied"]))
            print("    key shortest:", " ".join(s["shortest"]))
            print("    absolutes in keys:", " ".join(sorted(s["abs_ids"]["key"])))
            print("    absolutes in distractors:", " ".join(sorted(s["abs_ids"]["distractor"])))
            for qid, ws in s["echo"]:
                print(f"    echo {qid}: {', '.join(ws)}")
            for qid, ws in s["british"]:
                print(f"    british {qid}: {', '.join(ws)}")
            for qid, ed in s["undated"]:
                print(f"    undated {qid}: {ed!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

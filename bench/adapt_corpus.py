#!/usr/bin/env python3
"""Turns the shared synthetic corpus (../shared/bench/gen_corpus.py) into a handbook book.

usage: adapt_corpus.py CORPUS_DIR BOOK_DIR

- hugo/content/pNNNNN.md -> content/pages/pNNNNN.md: front matter keeps title, weight -> order,
  tags; Hugo directory links `../pNNNNN/` become `pNNNNN.md` (checked by handbook).
- rules/RULE-NNNN.yaml -> content/rules/RULE-NNNN.rule.yaml in handbook's rule schema
  (deadline_days -> a time limit, "dept:text" steps -> who/what, references -> related lessons).
"""
import os, re, sys, json

def main():
    corpus, book = sys.argv[1], sys.argv[2]
    src = os.path.join(corpus, "hugo", "content")
    pages = os.path.join(book, "content", "pages")
    rules_out = os.path.join(book, "content", "rules")
    os.makedirs(pages, exist_ok=True)
    os.makedirs(rules_out, exist_ok=True)
    with open(os.path.join(book, "book.toml"), "w") as f:
        f.write('title = "Benchmark corpus"\n[build]\nsrc = "content"\ndest = "site"\n')
    with open(os.path.join(book, "content", "pages", "_index.md"), "w") as f:
        f.write("---\ntitle: 文章\norder: 1\n---\n")
    link = re.compile(r"\]\(\.\./(p\d{5})/\)")
    for name in sorted(os.listdir(src)):
        if not name.endswith(".md") or name.startswith("_"):
            continue
        text = open(os.path.join(src, name), encoding="utf-8").read()
        _, fm, body = text.split("---\n", 2)
        meta = {}
        for line in fm.splitlines():
            k, _, v = line.partition(": ")
            meta[k] = v
        out = ["---", "title: " + meta.get("title", name), "order: " + meta.get("weight", "0")]
        if "tags" in meta:
            out.append("tags: " + meta["tags"])
        out.append("---")
        body = link.sub(lambda m: "](" + m.group(1) + ".md)", body)
        with open(os.path.join(pages, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n" + body)
    cats = set()
    rdir = os.path.join(corpus, "rules")
    for name in sorted(os.listdir(rdir)):
        lines = open(os.path.join(rdir, name), encoding="utf-8").read().splitlines()
        rule = {"steps": [], "references": []}
        cur = None
        for line in lines:
            if line.startswith("  - "):
                rule[cur].append(json.loads(line[4:]) if line[4:].startswith('"') else line[4:])
            elif ": " in line or line.endswith(":"):
                k, _, v = line.partition(":")
                v = v.strip()
                cur = k
                if v:
                    rule[k] = json.loads(v) if v.startswith('"') else v
        cats.add(rule["category"])
        y = [
            "id: " + rule["id"],
            "title: " + json.dumps(rule["title"], ensure_ascii=False),
            "category: " + json.dumps(rule["category"], ensure_ascii=False),
            "summary: " + json.dumps(rule["title"], ensure_ascii=False),
            "time_limits:",
            "  - label: 办结时限",
            "    value: " + str(rule["deadline_days"]),
            "    unit: calendar_days",
            "steps:",
        ]
        for s in rule["steps"]:
            who, _, what = s.partition(":")
            y.append("  - who: " + json.dumps(who, ensure_ascii=False))
            y.append("    what: " + json.dumps(what or who, ensure_ascii=False))
        y.append("related: [" + ", ".join(r if r.startswith("RULE-") else "lesson:pages/" + r for r in rule["references"]) + "]")
        with open(os.path.join(rules_out, name.replace(".yaml", ".rule.yaml")), "w", encoding="utf-8") as f:
            f.write("\n".join(y) + "\n")
    with open(os.path.join(book, "content", "categories.yaml"), "w", encoding="utf-8") as f:
        for c in sorted(cats):
            f.write("- id: %s\n  label: %s\n" % (json.dumps(c, ensure_ascii=False), json.dumps(c, ensure_ascii=False)))

if __name__ == "__main__":
    main()

// The JavaScript normaliser, tokeniser and query planner (themes/default/static/js/search.js)
// against the shared vectors in tests/search-vectors.json, which a Rust test checks too.
// The fold table is not typed here: it comes from a freshly built site's search/meta.js.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import vm from "node:vm";
import { repo, bin, initBook } from "./helpers.mjs";

const vectors = JSON.parse(readFileSync(join(repo, "tests/search-vectors.json"), "utf8"));

/** Loads search.js the way a page would, without a DOM; returns its API. */
function loadClient() {
  const sandbox = { module: { exports: {} }, console };
  vm.runInNewContext(readFileSync(join(repo, "themes/default/static/js/search.js"), "utf8"), sandbox, {
    filename: "search.js",
  });
  return sandbox.module.exports;
}

/** Runs a search/*.js file and returns what it passed to window.__handbookSearch. */
function readIndexScript(path) {
  const calls = [];
  const window = { __handbookSearch: (kind, id, payload) => calls.push({ kind, id, payload }) };
  vm.runInNewContext(readFileSync(path, "utf8"), { window });
  assert.equal(calls.length, 1, `${path} calls window.__handbookSearch once`);
  return calls[0];
}

let S = null;
let skip = false;

before(() => {
  if (!existsSync(bin)) {
    skip = `no handbook binary at ${bin} (set HANDBOOK_BIN)`;
    return;
  }
  const root = initBook();
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const metaPath = join(root, "site/search/meta.js");
  if (!existsSync(metaPath)) {
    skip = "the built site has no search/meta.js yet (the Rust search index is not implemented): vectors need its fold table";
    return;
  }
  const meta = readIndexScript(metaPath);
  assert.equal(meta.kind, "meta");
  assert.equal(typeof meta.payload.fold, "string");
  S = loadClient();
  S.setFold(meta.payload.fold);
  S.setAlts(meta.payload.alts);
});

test("the vector file is well formed and large enough", () => {
  assert.ok(Array.isArray(vectors.normalise) && Array.isArray(vectors.tokenise) && Array.isArray(vectors.query));
  const total = vectors.normalise.length + vectors.tokenise.length + vectors.query.length;
  assert.ok(total >= 40, `${total} vectors`);
  for (const v of vectors.tokenise) {
    for (const t of v.tokens) {
      assert.ok(typeof t[0] === "string" && Number.isInteger(t[1]), JSON.stringify(t));
      assert.ok(t.length === 2 || (t.length === 3 && (t[2] === "part" || t[2] === "end")), JSON.stringify(t));
    }
  }
});

test("normalise", (t) => {
  if (skip) return t.skip(skip);
  const bad = [];
  for (const v of vectors.normalise) {
    const got = S.normalise(v.in);
    if (got !== v.out) bad.push(`normalise(${JSON.stringify(v.in)}) = ${JSON.stringify(got)}, want ${JSON.stringify(v.out)}`);
  }
  assert.deepEqual(bad, []);
});

test("normalise maps every input character to its own output (for highlighting)", (t) => {
  if (skip) return t.skip(skip);
  for (const v of vectors.normalise) {
    const m = S.normaliseMap(v.in);
    assert.equal(m.norm, v.out);
    assert.equal(m.owner.length, m.norm.length);
    assert.deepEqual([...m.chars], [...v.in]);
    // Each character's piece, concatenated in order, is the whole output.
    assert.equal([...v.in].map((c) => S.normalise(c)).join(""), v.out);
  }
});

test("tokenise (raw text, normalised first)", (t) => {
  if (skip) return t.skip(skip);
  const bad = [];
  for (const v of vectors.tokenise) {
    const got = JSON.parse(JSON.stringify(S.tokenise(S.normalise(v.in))));
    try {
      assert.deepEqual(got, v.tokens);
    } catch {
      bad.push(`tokenise(${JSON.stringify(v.in)})\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(v.tokens)}`);
    }
  }
  assert.ok(bad.length === 0, bad.join("\n"));
});

test("planQuery", (t) => {
  if (skip) return t.skip(skip);
  const bad = [];
  for (const v of vectors.query) {
    const got = JSON.parse(JSON.stringify(S.planTerms(v.in, v.synonyms || [])));
    try {
      assert.deepEqual(got, v.terms);
    } catch {
      bad.push(`planQuery(${JSON.stringify(v.in)})\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(v.terms)}`);
    }
  }
  assert.ok(bad.length === 0, bad.join("\n"));
});

test("a length of time in Chinese numerals is searched with digits too, as a synonym", (t) => {
  if (skip) return t.skip(skip);
  const digits = (q) => [...new Set(Array.from(S.planQuery(q, []).terms).filter((x) => x.syn && x.whole).map((x) => x.whole))];
  assert.deepEqual(digits("三个工作日内答复"), ["3个工作日"]);
  assert.deepEqual(digits("十个工作日"), ["10个工作日"]);
  assert.deepEqual(digits("二十四小时"), ["24小时"]);
  assert.deepEqual(digits("十五天 两个月"), ["15天", "2个月"]);
  assert.deepEqual(digits("三十分钟"), ["30分钟"]);
  assert.deepEqual(digits("十個工作天"), ["10个工作日"]);
  // Not a number (一二, 十零), nor a month's name (三月), nor a word that holds a numeral.
  for (const q of ["一二天", "十零天", "三月", "统一日期", "三个十条"]) assert.deepEqual(digits(q), [], q);
});

test("a character OpenCC keeps that is also another's traditional form is searched in both forms", (t) => {
  if (skip) return t.skip(skip);
  const others = (q) => [...new Set(Array.from(S.planQuery(q, []).terms).filter((x) => x.syn && x.whole).map((x) => x.whole))];
  // 答覆 (traditional for 答复, 覆 kept: 覆盖 is simplified too), 瞭解 for 了解.
  assert.deepEqual(others("答覆時限"), ["答复", "复时"]);
  assert.deepEqual(others("瞭解"), ["了解"]);
  assert.deepEqual(others("答复时限"), []);
});

test("weights and segments of a plan", (t) => {
  if (skip) return t.skip(skip);
  const p = S.planQuery("投诉 电 ts", [["投诉", "申诉"]]);
  const by = Object.fromEntries(p.terms.map((x) => [x.text, x]));
  assert.equal(by["投诉"].weight, 1);
  assert.equal(by["电"].weight, 0.3);
  assert.equal(by["ts"].typing, true);
  assert.equal(by["申诉"].weight, 0.5);
  assert.equal(by["申诉"].syn, true);
  // three query segments, and the synonym is its own group and segment
  assert.deepEqual(new Set([by["投诉"].seg, by["电"].seg, by["ts"].seg, by["申诉"].seg]).size, 4);
  assert.notEqual(by["申诉"].group, by["投诉"].group);
});

test("colloquial 啥 and 咋 weigh like 什么 and 怎么: what is asked about counts more", (t) => {
  if (skip) return t.skip(skip);
  const weight = (q) => Object.fromEntries(S.planQuery(q, []).terms.filter((x) => !x.char).map((x) => [x.text, x.weight]));
  const a = weight("写啥内容"), b = weight("咋办投诉");
  assert.equal(a["写啥"], 0.3);
  assert.equal(a["啥内"], 0.3);
  assert.equal(a["内容"], 1);
  assert.equal(b["咋办"], 0.3);
  assert.equal(b["投诉"], 1);
  assert.deepEqual(weight("写什么内容")["什么"], 0.3);
});

test("a rule card's hit moves to the field that holds the whole query (deepen)", (t) => {
  if (skip) return t.skip(skip);
  const page = "rules/TS-X-001/index.html";
  const hit = (href, heading, text, tier = 1, kind = "rule") =>
    ({ kind, href, page: href.split("#")[0], tier, title: "TS-X-001 答复投诉人", heading, text, variants: [heading] });
  const hits = () => [
    hit(page, "", "办结后3个工作日内答复"),
    hit("lessons/a/index.html", "", "3个工作日", 1, "lesson"),
    hit(`${page}#办理步骤`, "办理步骤", "1. 在3个工作日内答复"),
    hit(`${page}#时限`, "时限", "答复时限：3个工作日"),
    hit(`${page}#严禁`, "严禁", "拖延答复"),
  ];
  const hrefs = (out) => out.map((h) => h.href);
  // A length of time goes to the time limits, though the steps rank higher; that field is
  // not listed twice, and the hit shows its text.
  let out = S.deepen(hits(), "3个工作日");
  assert.deepEqual(hrefs(out), [`${page}#时限`, "lessons/a/index.html", `${page}#办理步骤`, `${page}#严禁`]);
  assert.equal(out[0].text, "答复时限：3个工作日");
  // Any other query: the best-ranked field that holds it.
  assert.deepEqual(hrefs(S.deepen(hits(), "内答复")).slice(0, 1), [`${page}#办理步骤`]);
  // A number is whole (13个工作日 does not hold 3个工作日); a field of a lower tier does not
  // count; a query the title holds keeps the card's top; lessons are left alone.
  const thirteen = [hit(page, "", "3个工作日"), hit(`${page}#时限`, "时限", "13个工作日")];
  assert.deepEqual(hrefs(S.deepen(thirteen, "3个工作日")), [page, `${page}#时限`]);
  const lower = [hit(page, "", "3个工作日"), hit(`${page}#时限`, "时限", "3个工作日", 0)];
  assert.deepEqual(hrefs(S.deepen(lower, "3个工作日")), [page, `${page}#时限`]);
  assert.deepEqual(hrefs(S.deepen(hits(), "答复投诉人")), hrefs(hits()));
  const lesson = [hit("l/index.html", "", "答复", 1, "lesson"), hit("l/index.html#a", "a", "答复", 1, "lesson")];
  assert.deepEqual(hrefs(S.deepen(lesson, "答复")), ["l/index.html", "l/index.html#a"]);
});

test("near ties go to the heading that holds the query, then to book order (diversify)", (t) => {
  if (skip) return t.skip(skip);
  // Impacts are rounded to levels 11 % apart, so two sections scoring within 5 % (tuning.tieBand)
  // are not told apart by their scores; which led used to flip with any text added anywhere.
  const plan = S.planQuery("电费投诉的良方");
  for (const term of plan.terms) if (term.group === 0) term.cover = 1;  // (rank sets it: weight × idf)
  const page = "prescriptions/by-category/index.html";
  const hit = (doc, anchor, heading, score) =>
    ({ doc, score, tier: 1, kind: "lesson", href: `${page}#${anchor}`, title: "分类良方", heading, text: "", variants: [] });
  const anchors = (out) => Array.from(out, (h) => h.href.split("#")[1]);
  // (tuning.tieBand 5 %, tuning.tieOrder 1 %.)
  // The same page's sections, equal but for the heading: the one whose heading holds 电费 comes
  // first, whichever is first in the book and whichever scores a little higher.
  for (const [a, b] of [[1, 2], [2, 1]]) {
    for (const edge of [0, 0.004, 0.04]) {
      const queues = hit(a, "payment-queues", "交费排队", 200 * (1 + edge));
      const billing = hit(b, "metering-billing", "计量、抄表与电费", 200);
      assert.deepEqual(anchors(S.diversify([queues, billing], plan)), ["metering-billing", "payment-queues"], `docs ${a}, ${b}; ${edge}`);
      assert.deepEqual(anchors(S.diversify([billing, queues], plan)), ["metering-billing", "payment-queues"], `docs ${a}, ${b}; ${edge}, reversed`);
    }
  }
  // Beyond the band the score decides.
  const far = [hit(1, "payment-queues", "交费排队", 200 * 1.08), hit(2, "metering-billing", "计量、抄表与电费", 200)];
  assert.deepEqual(anchors(S.diversify(far, plan)), ["payment-queues", "metering-billing"]);
  // Headings alike: within tieOrder the earlier document, whichever scores higher; beyond it,
  // the higher score.
  const alike = (edge) => [hit(7, "b", "案例", 300 * (1 + edge)), hit(3, "a", "小结", 300)];
  assert.deepEqual(anchors(S.diversify(alike(0.004), plan)), ["a", "b"]);
  assert.deepEqual(anchors(S.diversify(alike(-0.004), plan)), ["a", "b"]);
  assert.deepEqual(anchors(S.diversify(alike(0.03), plan)), ["b", "a"]);
  // A hit of a better tier still comes first (one that matched only single characters, tier
  // 0, comes after any that matched a pair of the query).
  const tiers = [{ ...hit(1, "b", "电费", 201), tier: 0 }, hit(2, "a", "交费排队", 200)];
  assert.deepEqual(anchors(S.diversify(tiers, plan)), ["a", "b"]);
});

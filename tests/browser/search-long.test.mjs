// A term in thousands of sections (客户 on a large site) has a long list: its best postings are
// in its shard and the rest in tail pieces by document range, loaded only when a query needs
// them (docs/search-index.md, "Long lists"). The answers must still be exact.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

let browser, root;
before(async () => {
  root = initBook();
  // 2,400 of 9,600 sections mention 客户 (192 in their heading); the last section of the
  // last page also 冰箱赔偿.
  for (let p = 0; p < 24; p++) {
    let body = "---\ntitle: 长列表测试\n---\n\n";
    for (let k = 0; k < 100; k++) {
      const c = String.fromCodePoint(0x4e00 + p * 100 + k);
      body += k < 8 ? `## 客户问题${p}-${k}\n\n${c}${c}客户。\n\n` : `## 第${p}页第${k}节\n\n客户${c}${c}。\n\n`;
      for (let j = 0; j < 3; j++) body += `## 第${p}页附${k}-${j}节\n\n其他${c}${c}。\n\n`;
    }
    if (p === 23) body += "## 赔偿\n\n客户要求冰箱赔偿。\n";
    writeFileSync(join(root, `content/basics/long-${p}.md`), body);
  }
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Runs a query through the client's API in a fresh page: its hrefs, whether the ranking is
 *  exact, and the tail pieces it loaded. With `all`, every tail piece is loaded first: the
 *  ranking over every posting, to compare with. */
async function ask(q, all) {
  const page = await browser.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(decodeURIComponent(r.url()).replace(/\?.*$/, "")));  // without ?v=stamp
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const pieces = all ? readdirSync(join(root, "site/search")).filter((f) => /^l\d+-\d+-\d+\.js$/.test(f)) : [];
  const out = await page.evaluate(([q, pieces]) => new Promise((done) => {
    let left = pieces.length;
    const go = () => window.HandbookSearch.search(q, (o) => done({ hrefs: o.hits.map((h) => h.href), complete: o.complete }));
    if (!left) go();
    for (const f of pieces) {
      const s = document.createElement("script");
      s.src = "../../search/" + f;
      s.onload = () => { if (--left === 0) go(); };
      document.head.appendChild(s);
    }
  }), [q, pieces]);
  await page.close();
  return { ...out, pieces: loaded.filter((u) => /search\/l\d+-\d+-\d+\.js$/.test(u)) };
}

test("a long list alone is answered from its head: no tail piece loads", async () => {
  const r = await ask("客户");
  assert.equal(r.hrefs.length, 30);
  assert.equal(r.complete, true);
  assert.deepEqual(r.pieces, []);
  // The same answer as with every piece loaded.
  const all = await ask("客户", true);
  assert.ok(all.pieces.length > 1);
  assert.deepEqual(r.hrefs, all.hrefs);
});

test("a rare phrase with a long-list word loads the one piece holding its document", async () => {
  const r = await ask("客户要求冰箱赔偿");
  assert.match(r.hrefs[0], /basics\/long-23\/index\.html#赔偿$/, r.hrefs.join("\n"));
  assert.equal(r.complete, true);
  // Its 客户 posting is in the last piece; that one is enough to rank exactly.
  assert.equal(r.pieces.length, 1, r.pieces.join("\n"));
  const all = await ask("客户要求冰箱赔偿", true);
  assert.deepEqual(r.hrefs, all.hrefs);
});

test("the search box shows the tail document first", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  await page.fill("#search", "冰箱赔偿 客户");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "冰箱赔偿 客户", null, { timeout: 15000 });
  const hrefs = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => decodeURIComponent(a.href)));
  assert.match(hrefs[0], /basics\/long-23\/index\.html#赔偿$/, hrefs.join("\n"));
  await page.close();
});

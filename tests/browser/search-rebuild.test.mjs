// A page left open on an intranet while a trainer publishes a new build, behind a web server
// that lets browsers cache every file for an hour: the next search must use the new index
// whole (meta.stamp, ?v=<stamp> on every index file; docs/search-index.md section 4), never
// the old build's files from the cache mixed with the new ones.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, staticServer } from "./helpers.mjs";

let browser, root, server, origin;

function lesson(title, text) {
  // Enough of the same characters that the build trades them in its document files.
  return `---\ntitle: ${title}\n---\n\n${text}\n\n## 细节\n\n${(text + "，").repeat(12)}\n`;
}

before(async () => {
  root = initBook();
  // Every file cacheable for an hour, as many intranet servers are set up.
  server = await staticServer(join(root, "site"), { "Cache-Control": "max-age=3600" });
  origin = server.url;
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

async function query(page, q) {
  await page.fill("#search", q);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 15000 });
  return page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => [decodeURIComponent(a.href), a.textContent]));
}

async function rebuiltUnderOpenPage(url, tag) {
  writeFileSync(join(root, "content/basics/rebuild.md"), lesson("重建测试甲", "甲乙丙丁戊己庚辛处理客户投诉"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const page = await browser.newPage();
  await page.goto(url);
  let hits = await query(page, "甲乙丙丁");
  assert.ok(hits.some(([h, t]) => h.includes("basics/rebuild/") && t.includes("重建测试甲")), JSON.stringify(hits));
  const stamp = await page.evaluate(() => new Promise((ok) => window.HandbookSearch.loadMeta((m) => ok(m.stamp))));
  assert.match(stamp, /^[0-9a-f]{12}$/);

  // The trainer publishes: new lessons before it (every later document's number moves), the
  // lesson's words and title changed.
  for (let i = 0; i < 6; i++) {
    writeFileSync(join(root, `content/basics/aa-${tag}${i}.md`), lesson(`新增课程${tag}${i}`, `新增内容${tag}${i}供电服务规范客户满意`));
  }
  writeFileSync(join(root, "content/basics/rebuild.md"), lesson("重建测试乙", "子丑寅卯辰巳午未处理客户投诉"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });

  // The page is still the old one; its next search (past the re-check interval) notices.
  await page.evaluate(() => { window.HandbookSearch.tuning.metaRecheckMs = 0; });
  hits = await query(page, "子丑寅卯");
  assert.ok(hits.length > 0 && hits[0][0].includes("basics/rebuild/"), JSON.stringify(hits));
  assert.ok(hits[0][1].includes("重建测试乙") && hits[0][1].includes("子丑寅卯"), `shown as written: ${hits[0][1]}`);
  const now = await page.evaluate(() => new Promise((ok) => window.HandbookSearch.loadMeta((m) => ok(m.stamp))));
  assert.notEqual(now, stamp);
  // The old words are gone (single characters of them may still match elsewhere).
  hits = await query(page, "甲乙丙丁");
  assert.ok(!hits.some(([, t]) => t.includes("甲乙丙丁")), JSON.stringify(hits));
  hits = await query(page, `新增内容${tag}3`);
  assert.ok(hits.some(([h, t]) => h.includes(`basics/aa-${tag}3/`) && t.includes(`新增课程${tag}3`)), JSON.stringify(hits));
  const srcs = await page.$$eval("script[src*='search/']", (ss) => ss.map((s) => s.getAttribute("src")));
  await page.close();
  return { now, srcs };
}

test("a search after the site was rebuilt under an open page uses the new index only", async () => {
  const { now, srcs } = await rebuiltUnderOpenPage(origin + "basics/first-lesson/", "h");
  // Every index file was asked for as this build's.
  assert.ok(srcs.some((s) => s.endsWith(`?v=${now}`)), srcs.join("\n"));
});

test("opened from disk, a rebuilt site is noticed too, and no query string is added", async () => {
  const { srcs } = await rebuiltUnderOpenPage("file://" + join(root, "site/basics/first-lesson/index.html"), "f");
  assert.ok(srcs.length > 0 && srcs.every((s) => !s.includes("?")), srcs.join("\n"));
});

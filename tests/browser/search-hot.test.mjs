// A character that starts thousands of tokens (的) gets index files of its own, split by the
// token's second character; the browser client must find its terms there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

let browser, root;
before(async () => {
  root = initBook();
  for (let p = 0; p < 12; p++) {
    let body = `---\ntitle: 高频字测试 ${p}\n---\n\n`;
    for (let k = 0; k < 900; k++) body += "的" + String.fromCodePoint(0x4e00 + p * 900 + k) + "，";
    writeFileSync(join(root, `content/basics/hot-${p}.md`), body);
  }
  // 电 is hot too, and unlike 的 it is not a function character.
  for (let p = 0; p < 10; p++) {
    let body = `---\ntitle: 高频字测试电 ${p}\n---\n\n`;
    for (let k = 0; k < 900; k++) body += "电" + String.fromCodePoint(0x4e00 + p * 900 + k) + "，";
    writeFileSync(join(root, `content/basics/hot-dian-${p}.md`), body);
  }
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function query(page, q) {
  await page.fill("#search", q);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 15000 });
  return page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => decodeURIComponent(a.href)));
}

test("terms of a hot character are found in its own index files", async () => {
  const meta = readFileSync(join(root, "site/search/meta.js"), "utf8");
  assert.match(meta, /"hot":\{[^}]*"的":\d+/);
  assert.ok(readdirSync(join(root, "site/search")).some((f) => f.startsWith("h" + "的".codePointAt(0) + "-")));
  const page = await browser.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url().replace(/\?.*$/, "")));  // without ?v=stamp
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  // 的丁 (U+4E01) is on page hot-0; 的 + U+4E00+900*5+3 is on page hot-5.
  assert.ok((await query(page, "的丁")).some((h) => h.includes("basics/hot-0/")));
  const other = "的" + String.fromCodePoint(0x4e00 + 5 * 900 + 3);
  assert.ok((await query(page, other)).some((h) => h.includes("basics/hot-5/")));
  // Only the part for the second character was loaded, not every part.
  const parts = loaded.filter((u) => /search\/h\d+-\d+\.js$/.test(u));
  assert.ok(parts.length >= 1 && parts.length <= 2, parts.join("\n"));
  await page.close();
});

test("a hot character on its own is answered from its small list of best documents", async () => {
  // Not from every part of its tokens (on a large site that was 159 files for 的).
  const cp = "电".codePointAt(0);
  assert.ok(readdirSync(join(root, "site/search")).includes(`t${cp}.js`));
  const page = await browser.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url().replace(/\?.*$/, "")));  // without ?v=stamp
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  const hits = await query(page, "电");
  assert.ok(hits.some((h) => h.includes("basics/hot-dian-")), hits.join("\n"));
  assert.ok(loaded.some((u) => u.endsWith(`search/t${cp}.js`)));
  const parts = loaded.filter((u) => new RegExp(`search/h${cp}-\\d+\\.js$`).test(u));
  assert.deepEqual(parts, []);
  await page.close();
});

test("a common character inside a longer query loads only the file of its bigram", async () => {
  // Each character of a query is also a ranking term matched as a prefix; for a hot
  // character that would load every one of its files, so hot characters are left out.
  const meta = readFileSync(join(root, "site/search/meta.js"), "utf8");
  assert.match(meta, /"hot":\{[^}]*"电":\d+/);
  const page = await browser.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url().replace(/\?.*$/, "")));  // without ?v=stamp
  await page.goto(fileUrl(join(root, "site/basics/first-lesson/index.html")));
  assert.ok((await query(page, "电丁")).some((h) => h.includes("basics/hot-dian-0/")));
  const dian = "电".codePointAt(0);
  const parts = loaded.filter((u) => new RegExp(`search/h${dian}-\\d+\\.js$`).test(u));
  assert.equal(parts.length, 1, parts.join("\n"));
  await page.close();
});

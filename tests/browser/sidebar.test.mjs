// The contents (sidebar, and the phone's ☰ menu) of a section of fifty lessons: opened at the
// lesson being read, it used to scroll the section's own title away, so a reader saw twenty
// sibling titles and not which section they were in. An open section's title row now stays at
// the top while its entries scroll by, a subsection's row below its section's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { withBrowserAndBook, freshPage, fileUrl, initBook, bin } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const root = initBook();
  const lesson = (title, order) => `---\ntitle: ${title}\norder: ${order}\n---\n\n${title}的内容。\n`;
  const big = join(root, "content", "many");
  mkdirSync(join(big, "deep"), { recursive: true });
  writeFileSync(join(big, "_index.md"), "---\ntitle: 五十课的栏目\norder: 50\n---\n\n很多课。\n");
  for (let n = 1; n <= 50; n++) writeFileSync(join(big, `l${String(n).padStart(2, "0")}.md`), lesson(`第${n}课`, n));
  writeFileSync(join(big, "deep", "_index.md"), "---\ntitle: 栏目里的小栏目\norder: 60\n---\n\n更多。\n");
  for (let n = 1; n <= 30; n++) writeFileSync(join(big, "deep", `d${String(n).padStart(2, "0")}.md`), lesson(`小栏目第${n}课`, n));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
});

const at = (rel) => fileUrl(join(root, "site", rel));
const PC = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** Where the rows of the sections named, the link of the page being read and the contents'
 *  visible box are on the screen. */
function where(page, titles) {
  return page.evaluate((titles) => {
    const side = document.getElementById("sidebar");
    const box = (e) => { const r = e.getBoundingClientRect(); return { top: Math.round(r.top), bottom: Math.round(r.bottom) }; };
    const rows = {};
    for (const row of side.querySelectorAll(".nav-row")) {
      const t = row.querySelector("a").textContent;
      if (titles.includes(t)) rows[t] = box(row);
    }
    // (The box inside its padding: a sticky row stops there.)
    const inner = box(side);
    inner.top += parseFloat(getComputedStyle(side).paddingTop);
    return { side: inner, rows, current: box(side.querySelector('[aria-current="page"]')) };
  }, titles);
}

for (const [name, opts] of [["PC", PC], ["phone", PHONE]]) {
  test(`${name}: opened deep in a section of fifty lessons, the contents keep the section's title in sight`, async () => {
    const { ctx, page, errors } = await freshPage(browser, opts);
    await page.goto(at("many/l40/index.html"));
    await page.waitForSelector("#sidebar .nav-row", { state: "attached" });
    if (name === "phone") {
      await page.click("#nav-toggle");
      await page.waitForFunction(() => document.body.classList.contains("nav-open"));
      await page.waitForTimeout(300);
    }
    const w = await where(page, ["五十课的栏目"]);
    const row = w.rows["五十课的栏目"];
    assert.ok(row, JSON.stringify(w));
    // Scrolled to the lesson, the section's row sits at the top of the contents' box ...
    assert.ok(Math.abs(row.top - w.side.top) <= 1, `the section's row is at ${row.top}, the contents' box starts at ${w.side.top}`);
    // ... and the lesson's link is below it, in sight.
    assert.ok(w.current.top >= row.bottom && w.current.bottom <= w.side.bottom, JSON.stringify(w));
    // Scrolled on to the section's last lessons, it is still there; past the section, it goes.
    await page.$eval("#sidebar", (s) => {
      const last = [...s.querySelectorAll("a")].find((a) => a.textContent === "第50课");
      s.scrollTop += last.getBoundingClientRect().bottom - s.getBoundingClientRect().bottom;
    });
    const end = await where(page, ["五十课的栏目"]);
    assert.ok(Math.abs(end.rows["五十课的栏目"].top - end.side.top) <= 1, JSON.stringify(end));
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("a subsection's row stays below its section's, and a section closed and opened again keeps it", async () => {
  const { ctx, page, errors } = await freshPage(browser, PC);
  await page.goto(at("many/deep/d25/index.html"));
  await page.waitForSelector("#sidebar .nav-row");
  const titles = ["五十课的栏目", "栏目里的小栏目"];
  const w = await where(page, titles);
  const [outer, inner] = titles.map((t) => w.rows[t]);
  assert.ok(Math.abs(outer.top - w.side.top) <= 1, JSON.stringify(w));
  assert.ok(Math.abs(inner.top - outer.bottom) <= 1, `the subsection's row is at ${inner.top}, under a row ending at ${outer.bottom}`);
  assert.ok(w.current.top >= inner.bottom, JSON.stringify(w));
  // Closed, its entries go and its row is an ordinary one; opened again, it stays in sight.
  const toggle = page.locator('.nav-group.open > .nav-row:has(a:text-is("栏目里的小栏目")) .nav-toggle');
  await toggle.click();
  assert.equal(await page.$eval('#sidebar', (s) => [...s.querySelectorAll(".nav-group.open > .nav-row a")].map((a) => a.textContent).join("|")), "五十课的栏目");
  await page.locator('.nav-row:has(a:text-is("栏目里的小栏目")) .nav-toggle').click();
  await page.$eval("#sidebar", (s) => {
    const last = [...s.querySelectorAll("a")].find((a) => a.textContent === "小栏目第30课");
    s.scrollTop += last.getBoundingClientRect().bottom - s.getBoundingClientRect().bottom;
  });
  const again = await where(page, titles);
  assert.ok(Math.abs(again.rows["栏目里的小栏目"].top - again.rows["五十课的栏目"].bottom) <= 1, JSON.stringify(again));
  assert.deepEqual(errors, []);
  await ctx.close();
});

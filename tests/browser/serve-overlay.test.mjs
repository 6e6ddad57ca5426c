// handbook serve's error overlay and warnings bar at a team's scale: how many there are, and
// those of the page in front of the trainer first (30 errors of a team's half-written files
// were a 96-line dump with the open page's somewhere in it; scale audit L4, M7).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initBook, launch, serve } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** `act(page, root, log)` on a page of a fresh starter book that `handbook serve` previews
 *  (`log()`: what it printed), its log in the error when it fails. */
async function onServedPage(act) {
  const root = initBook();
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    await page.goto(srv.url, { waitUntil: "load", timeout: 10000 });
    await page.waitForTimeout(300);
    await act(page, root, srv.log);
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
}

test("the overlay counts the errors and puts those of the open page first", () => onServedPage(async (page, root) => {
  // Two mistakes in a lesson (listed first: basics/ before index.md) and one on the home page.
  const lesson = join(root, "content/basics/first-lesson.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8") + "\n[甲](nope-a.md) [乙](nope-b.md)\n");
  const home = join(root, "content/index.md");
  writeFileSync(home, readFileSync(home, "utf8") + "\n[丙](nope-c.md)\n");
  const overlay = await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
  await page.waitForFunction(() => /3 个错误/.test((document.getElementById("handbook-error-overlay") || {}).textContent || ""), null, { timeout: 15000 });
  // (The messages: the box's text, beside its 暂时隐藏 button.)
  const said = await overlay.$eval(":scope > div", (d) => d.textContent);
  const lines = said.split("\n").filter((l) => /(错误|error):/.test(l));
  assert.match(said.split("\n")[0], /^构建失败：3 个错误，本页的 1 个排在最前（修复后页面会自动刷新）$/);
  assert.match(lines[0], /content\/index\.md:\d+:\d+:/, lines.join("\n"));
  assert.match(lines[1], /first-lesson\.md/, lines.join("\n"));
}));

test("a message at many lines of a file is one paragraph, and still counted line by line", () => onServedPage(async (page, root) => {
  // The rule file indented with tabs (Notepad's Tab key): each indented line is an error.
  const rule = join(root, "content/rules/example.rule.yaml");
  const tabbed = readFileSync(rule, "utf8").replace(/^((?: {2})+)/gm, (m) => "\t".repeat(m.length / 2));
  const n = tabbed.split("\n").filter((l) => l.startsWith("\t")).length;
  assert.ok(n >= 5, tabbed);
  writeFileSync(rule, tabbed);
  const overlay = await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
  await page.waitForFunction((n) => new RegExp(`构建失败：${n} 个错误`).test((document.getElementById("handbook-error-overlay") || {}).textContent || ""), n, { timeout: 15000 });
  const text = await overlay.textContent();
  assert.equal(text.match(/这一行用 Tab 字符缩进了|this line is indented with a tab/g).length, 1, text);
  assert.match(text, new RegExp(`同样的还有 ${n - 1} 处：第 |the same at ${n - 1} more places: lines `), text);
}));

test("暂时隐藏 or Esc puts the errors away until they change; the fix still reloads the page", () => onServedPage(async (page, root, log) => {
  const lesson = join(root, "content/basics/first-lesson.md");
  const good = readFileSync(lesson, "utf8");
  writeFileSync(lesson, good + "\n[甲](nope-a.md)\n");
  await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
  await page.click("#handbook-error-overlay button");
  assert.equal(await page.$("#handbook-error-overlay"), null);
  // The page under it is readable: the last good site's.
  assert.ok(await page.isVisible("main"));
  // Another save with the same errors keeps it away; a new error brings it back, Esc hides it.
  const home = join(root, "content/index.md");
  writeFileSync(home, readFileSync(home, "utf8") + "\n");
  await page.waitForTimeout(1500);
  assert.equal(await page.$("#handbook-error-overlay"), null);
  writeFileSync(lesson, good + "\n[甲](nope-a.md) [乙](nope-b.md)\n");
  await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
  await page.keyboard.press("Escape");
  assert.equal(await page.$("#handbook-error-overlay"), null);
  // Fixed: the page reloads with the new text, no overlay.
  // (The open page is the home page: the fix is said there too.)
  writeFileSync(lesson, good);
  writeFileSync(home, readFileSync(home, "utf8") + "\n改好了。\n");
  // (Asked while the page reloads too: a document not yet read has no <main>.)
  await page.waitForFunction(() => /改好了/.test((document.querySelector("main") || {}).textContent || ""), null, { timeout: 15000 });
  assert.equal(await page.$("#handbook-error-overlay"), null);
  // The terminal beside the editor says which file changed, and that the errors are mended.
  assert.match(log(), /changed: content\/basics\/first-lesson\.md/);
  assert.equal(log().match(/the errors are mended/g)?.length, 1, log());
}));

test("a save in vim's way names the file saved, not vim's probe file made and removed before it", () => onServedPage(async (page, root, log) => {
  const lesson = join(root, "content/basics/first-lesson.md");
  // vim checks it may write in the folder with a file `4913`, removed at once, then saves.
  const probe = join(root, "content/basics/4913");
  writeFileSync(probe, "");
  unlinkSync(probe);
  writeFileSync(lesson, readFileSync(lesson, "utf8") + "\nvim 存的一句。\n");
  for (let i = 0; i < 150 && !/reloaded open pages/.test(log()); i++) await page.waitForTimeout(100);
  assert.match(log(), /changed: content\/basics\/first-lesson\.md\n/, log());
  assert.doesNotMatch(log(), /4913/, log());
}));

test("the terminal says a warning again only when the warnings change, and names the preview's folder once", () => onServedPage(async (page, root, log) => {
  const rebuilt = async (n) => {
    for (let i = 0; i < 150 && (log().match(/\nrebuilt /g) || []).length < n; i++) await page.waitForTimeout(100);
  };
  const lesson = join(root, "content/basics/first-lesson.md");
  const text = readFileSync(lesson, "utf8");
  writeFileSync(lesson, text + "\n##没有空格的标题\n");
  await rebuilt(1);
  const home = join(root, "content/index.md");
  writeFileSync(home, readFileSync(home, "utf8") + "\n一句。\n");
  await rebuilt(2);
  writeFileSync(home, readFileSync(home, "utf8") + "\n又一句。\n");
  await rebuilt(3);
  assert.equal(log().match(/warning: content\/basics\/first-lesson\.md/g)?.length, 1, log());
  assert.equal(log().match(/\(the 1 warnings as before, unchanged\)/g)?.length, 2, log());
  // Mended: no warning, and nothing said of it.
  writeFileSync(lesson, text);
  await rebuilt(4);
  assert.equal(log().match(/as before/g)?.length, 2, log());
  assert.equal(log().match(/ -> /g)?.length, 1, log());
}));

test("a rule card's own errors come first too, by its file's name or its id", async () => {
  const root = initBook();
  // (Named as `handbook new rule` names it.)
  renameSync(join(root, "content/rules/example.rule.yaml"), join(root, "content/rules/ex-proc-001.rule.yaml"));
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    await page.goto(`${srv.url}rules/EX-PROC-001/index.html`, { waitUntil: "load" });
    await page.waitForTimeout(300);
    const lesson = join(root, "content/basics/first-lesson.md");
    writeFileSync(lesson, readFileSync(lesson, "utf8") + "\n[甲](nope-a.md) [乙](nope-b.md)\n");
    const rule = join(root, "content/rules/ex-proc-001.rule.yaml");
    writeFileSync(rule, readFileSync(rule, "utf8").replace("unit: working_days", "unit: weeks"));
    const overlay = await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
    await page.waitForFunction(() => /3 个错误/.test((document.getElementById("handbook-error-overlay") || {}).textContent || ""), null, { timeout: 15000 });
    const said = await overlay.$eval(":scope > div", (d) => d.textContent);
    assert.match(said.split("\n")[0], /本页的 1 个排在最前/, said);
    assert.match(said.split("\n").filter((l) => /(错误|error):/.test(l))[0], /ex-proc-001\.rule\.yaml/, said);
    await page.close();
  } finally {
    srv.stop();
  }
});

// 搜索自查 (search/checks/): a book's search-checks.yaml run through the real search box of
// the built site opened from disk, as a trainer opens it after a change.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { bin, initBook, buildBundled, launch, fileUrl, axeViolations } from "./helpers.mjs";

let browser;
after(async () => { await browser?.close(); });

async function open(root, opts = {}, init = null) {
  browser ??= await launch();
  const ctx = await browser.newContext(opts);
  if (init) await ctx.addInitScript(init);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(root, "site/search/checks/index.html")));
  await page.waitForSelector("#checks-summary[data-done]", { timeout: 60000 });
  page.done = async () => {
    await ctx.close();
    assert.deepEqual(errors, [], "no script errors");
  };
  return page;
}

// Two checks that pass on the init book (its rule; its lesson's first section), which each
// test's own follow.
const FIRST_CHECKS = [
  "- query: 投诉办理时限",
  "  expect: rule:EX-PROC-001",
  "- query: 免费的反馈",
  "  expect: lesson:basics/first-lesson#投诉是免费的反馈",
];

const rows = (page) => page.$$eval("tr.check-row", (trs) => trs.map((tr) => ({
  id: tr.id,
  cls: tr.className,
  result: tr.querySelector(".check-result").textContent.replace(/\s+/g, " ").trim(),
  found: Array.from(tr.querySelectorAll(".check-found a")).map((a) => a.textContent),
  shown: tr.offsetParent !== null,
})));

test("each check is typed into the search box: passes, a target ranked too low, one not found", async () => {
  const root = initBook();
  writeFileSync(join(root, "content/search-checks.yaml"), [
    ...FIRST_CHECKS,
    // The same query again, another target: answered from the same results.
    "- query: 免费的反馈",
    "  expect: quiz:example",
    "  note: 写错了目标",
    // Found, but not first: the rule card and the lesson both hold 投诉办理时限.
    "- query: 投诉办理时限",
    "  expect: lesson:basics/first-lesson",
    "  within: 1",
    "",
  ].join("\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const page = await open(root);
  const summary = page.locator("#checks-summary");
  assert.equal(await summary.getAttribute("data-passed"), "2", await summary.textContent());
  assert.equal(await summary.getAttribute("data-failed"), "2");
  assert.match(await summary.textContent(), /共 4 条：通过 2 条，未通过 2 条/);
  const r = await rows(page);
  assert.deepEqual(r.map((x) => x.cls), ["check-row check-pass", "check-row check-pass", "check-row check-fail", "check-row check-fail"]);
  assert.match(r[0].result, /^通过：第 1 名$/);
  assert.match(r[2].result, /^未通过：前 \d+ 条结果里没有/);
  assert.ok(r[2].found.includes("认识投诉"), `what came first is listed: ${r[2].found}`);
  assert.match(r[3].result, /^未通过：排在第 \d+ 名（要求前 1 名）/);
  // The failures are links in the summary; the box is left empty, its list closed.
  assert.deepEqual(await page.$$eval("#checks-summary a", (as) => as.map((a) => a.getAttribute("href"))), ["#check-3", "#check-4"]);
  assert.equal(await page.inputValue("#search"), "");
  assert.equal(await page.isHidden("#search-results"), true);
  // 只看未通过的 hides the passes; 重新检查 runs them all again.
  await page.check(".checks-failed-only");
  assert.deepEqual((await rows(page)).map((x) => x.shown), [false, false, true, true]);
  await page.uncheck(".checks-failed-only");
  await page.click(".checks-rerun");
  await page.waitForSelector("#checks-summary[data-done]");
  assert.equal(await summary.getAttribute("data-passed"), "2");
  // Readable in either theme, the failures' red included.
  assert.deepEqual(await axeViolations(page), []);
  await page.done();
  const dark = await open(root, { colorScheme: "dark" });
  assert.deepEqual(await axeViolations(dark, ["color-contrast", "link-in-text-block"]), []);
  await dark.done();
});

test("the bundled handbook's own checks all pass", async () => {
  const root = buildBundled();
  const page = await open(root);
  const summary = page.locator("#checks-summary");
  const failed = await page.$$eval("tr.check-fail", (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, " ")));
  assert.deepEqual(failed, []);
  assert.ok(Number(await summary.getAttribute("data-passed")) >= 10, await summary.textContent());
  await page.done();
});

// Run in the page before its scripts: notes, from the page's start, whether the results list
// was ever shown, the combobox said to be open, the search's live region written, and what
// the summary (a live region while it is one) said. `__quiet.reset()` starts a new record.
function recordQuiet() {
  const rec = { reset() { rec.shown = 0; rec.expanded = 0; rec.status = []; rec.said = []; } };
  rec.reset();
  window.__quiet = rec;
  // As on a slow computer, each query's results stay a while before the next is typed (the
  // list is said settled 0.6 s late): time enough for the search to say their count, 0.5 s
  // after it shows them.
  const set = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (name !== "data-settled" || this.id !== "search-results") return set.call(this, name, value);
    setTimeout(() => set.call(this, name, value), 600);
  };
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.getElementById("search-results");
    const input = document.getElementById("search");
    const status = document.getElementById("search-status");
    const summary = document.getElementById("checks-summary");
    const live = (el) => el.getAttribute("aria-live") !== "off" &&
      (el.getAttribute("role") === "status" || /polite|assertive/.test(el.getAttribute("aria-live") || ""));
    let statusWas = status.textContent, summaryWas = summary.textContent;
    const look = () => {
      const cs = getComputedStyle(list);
      if (cs.display !== "none" && cs.visibility !== "hidden" && list.getClientRects().length) rec.shown++;
      if (input.getAttribute("aria-expanded") === "true") rec.expanded++;
      if (status.textContent !== statusWas) { statusWas = status.textContent; if (live(status)) rec.status.push(statusWas); }
      if (summary.textContent !== summaryWas) { summaryWas = summary.textContent; if (live(summary) && /\S/.test(summaryWas)) rec.said.push(summaryWas); }
    };
    const all = { attributes: true, childList: true, subtree: true, characterData: true };
    for (const el of [list, input, status, summary]) new MutationObserver(look).observe(el, all);
    (function frame() { look(); requestAnimationFrame(frame); })();
  });
}

test("the checks run quietly: the results list stays shut, the search says nothing, the summary speaks once", async () => {
  const root = initBook();
  writeFileSync(join(root, "content/search-checks.yaml"), [
    ...FIRST_CHECKS,
    // A slip mended (its results shown twice) and one that finds nothing.
    "- query: 头诉办理",
    "  expect: rule:EX-PROC-001",
    "  within: 10",
    "- query: 第三方认证机构",
    "  expect: quiz:example",
    "",
  ].join("\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const page = await open(root, {}, recordQuiet);
  const summary = page.locator("#checks-summary");
  const quiet = () => page.evaluate(() => ({ shown: __quiet.shown, expanded: __quiet.expanded, status: __quiet.status, said: __quiet.said }));
  const final = await summary.textContent();
  assert.match(final, /共 4 条/);
  // (Let a late announcement of the search's, 0.5 s after its results, show itself.)
  await page.waitForTimeout(800);
  let q = await quiet();
  assert.deepEqual(q, { shown: 0, expanded: 0, status: [], said: [final] }, "first run");
  // The summary is a polite live region, said whole; the table is busy only while checking.
  assert.equal(await summary.getAttribute("role"), "status");
  assert.equal(await summary.getAttribute("aria-live") ?? "polite", "polite");
  assert.equal(await page.getAttribute("table.search-checks", "aria-busy"), null);
  assert.equal(await page.isHidden("#checks-progress"), true);
  // The box then answers a reader as on any page: its list opens, its count is said.
  await page.fill("#search", "投诉");
  await page.waitForSelector("#search-results:not([hidden]) a.search-hit-link");
  assert.equal(await page.getAttribute("#search", "aria-expanded"), "true");
  await page.waitForFunction(() => /条结果/.test(document.getElementById("search-status").textContent));
  assert.equal(await page.getAttribute("#search-status", "aria-live"), "polite");
  await page.keyboard.press("Escape");
  await page.fill("#search", "");
  await page.waitForSelector("#search-results", { state: "hidden" });
  // 重新检查: as quiet again, its table busy while it runs.
  await page.evaluate(() => __quiet.reset());
  await page.click(".checks-rerun");
  assert.equal(await page.getAttribute("table.search-checks", "aria-busy"), "true");
  assert.match(await page.textContent("#checks-progress"), /^正在检查……（\d \/ 4）$/);
  await page.waitForSelector("#checks-summary[data-done]");
  await page.waitForTimeout(800);
  q = await quiet();
  assert.deepEqual(q, { shown: 0, expanded: 0, status: [], said: [await summary.textContent()] }, "run again");
  assert.equal(await page.getAttribute("table.search-checks", "aria-busy"), null);
  await page.fill("#search", "免费的反馈");
  await page.waitForSelector("#search-results:not([hidden]) a.search-hit-link");
  await page.waitForFunction(() => /条结果/.test(document.getElementById("search-status").textContent));
  await page.done();
});

test("a reader who types in the box while the checks run takes it over: the run stops and says so", async () => {
  const root = initBook();
  writeFileSync(join(root, "content/search-checks.yaml"), [
    ...FIRST_CHECKS,
    "- query: 入门小测验",
    "  expect: quiz:example",
    "- query: 不要与客户争辩",
    "  expect: lesson:basics/first-lesson",
    "",
  ].join("\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  // (Each query's results said settled 0.6 s late, as on a slow computer: a run to break into.)
  const page = await open(root, {}, recordQuiet);
  assert.match(await page.textContent("#checks-summary"), /共 4 条/);
  await page.click(".checks-rerun");
  await page.waitForFunction(() => /（[12] \/ 4）/.test(document.getElementById("checks-progress").textContent));
  await page.click("#search");
  // (The box holds the query being checked: the reader selects it and types over it.)
  await page.keyboard.press("Control+A");
  await page.keyboard.type("投诉", { delay: 30 });
  await page.waitForSelector("#checks-summary[data-interrupted]");
  const said = await page.textContent("#checks-summary");
  assert.match(said, /^检查停在第 [23] 条：你在搜索框里输入了内容/, said);
  assert.match(said, /重新检查/);
  // The box is the reader's: their query stays, its results open and their count is said.
  await page.waitForSelector("#search-results:not([hidden]) a.search-hit-link");
  assert.equal(await page.getAttribute("#search", "aria-expanded"), "true");
  await page.waitForFunction(() => /条结果/.test(document.getElementById("search-status").textContent));
  await page.waitForTimeout(1000);
  assert.equal(await page.inputValue("#search"), "投诉");
  assert.equal(await page.getAttribute("#checks-summary", "data-done"), null);
  const results = await page.$$eval("tr.check-row .check-result", (cs) => cs.map((c) => c.textContent.trim()));
  assert.ok(results.some((r) => r === "未检查"), results.join(" | "));
  assert.equal(await page.isHidden("#checks-progress"), true);
  assert.equal(await page.getAttribute("table.search-checks", "aria-busy"), null);
  // 重新检查 runs them all again.
  await page.keyboard.press("Escape");
  await page.fill("#search", "");
  await page.click(".checks-rerun");
  await page.waitForSelector("#checks-summary[data-done]", { timeout: 60000 });
  assert.match(await page.textContent("#checks-summary"), /^共 4 条：通过 4 条/);
  assert.equal(await page.getAttribute("#checks-summary", "data-interrupted"), null);
  await page.done();
});

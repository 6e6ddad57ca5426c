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

async function open(root, opts = {}) {
  browser ??= await launch();
  const ctx = await browser.newContext(opts);
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
    "- query: 投诉办理时限",
    "  expect: rule:EX-PROC-001",
    "- query: 免费的反馈",
    "  expect: lesson:basics/first-lesson#投诉是免费的反馈",
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

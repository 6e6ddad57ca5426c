// A rule's versions as a reader meets them, by the reader's own date (a site built before the
// day and read after it still tells): a rule repealed (废止) by a new policy says so and counts
// no due day once repealed, nor does 时限速查 for a start on or after the day; a limit changed by
// a version published ahead is counted with its value until then (`previous`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  // TS-PROC-003 (答复 within 3 working days) is repealed far ahead: the build sees it in force.
  appendFileSync(join(r, "content/rules/ts-proc-003.rule.yaml"), "repealed: 2099-01-01\nreplaced_by: TS-PROC-002\n");
  // TS-PROC-002's ordinary limit goes from 5 to 4 working days on 2099-01-01.
  const f = join(r, "content/rules/ts-proc-002.rule.yaml");
  writeFileSync(f, readFileSync(f, "utf8")
    .replace("    value: 5\n    unit: working_days\n    condition: ordinary\n", "    value: 4\n    previous: 5\n    unit: working_days\n    condition: ordinary\n")
    .replace("within: { value: 5, unit: working_days }", "within: { value: 4, unit: working_days }")
    .replace(/^effective: .*$/m, "effective: 2099-01-01"));
  execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  return r;
});

test("a repealed rule's card says so by the reader's date and counts no due day after it", async () => {
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  // Read before the day: still in force, the note says when it goes and what replaces it.
  await card.clock.setFixedTime(new Date(2098, 11, 30, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-003/index.html")));
  await card.waitForSelector(".rule-limits .limit-due");
  assert.match(await card.textContent(".rule-repealed-ahead"), /本规则将于 2099-01-01 废止，届时由 TS-PROC-002 .* 取代；在此之前仍按本规则办理/);
  assert.equal(await card.isVisible(".rule-repealed"), false);
  assert.equal(await card.$eval(".rule-card", (c) => c.classList.contains("rule-card-repealed")), false);
  // Read on the day (the build could not know): repealed, and no due day counted from today.
  await card.clock.setFixedTime(new Date(2099, 0, 1, 10, 0));
  await card.reload();
  await card.waitForSelector(".rule-repealed:not([hidden])");
  assert.match(await card.textContent(".rule-repealed"), /本规则已于 2099-01-01 废止，由 TS-PROC-002 .* 取代/);
  assert.equal(await card.isVisible(".rule-repealed-ahead"), false);
  assert.equal(await card.$eval(".rule-card", (c) => c.classList.contains("rule-card-repealed")), true);
  assert.equal(await card.$(".rule-limits .limit-due"), null);
  // The rule that replaces it names it.
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  assert.match(await card.textContent(".rule-governance"), /取代 TS-PROC-003 .*（2099-01-01 起废止）/);

  // 时限速查: a start before the day is counted, on or after it is not.
  await card.goto(fileUrl(join(root, "site/rules/time-limits/index.html")));
  const row = 'tr:has(a[href*="TS-PROC-003"]) td.tl-due';
  // (Its 答复 counts from 办结: the date box of that day.)
  const box = "#" + await card.$eval("#deadline-calc", (c) => [...c.querySelectorAll("label")].find((l) => l.textContent.includes("办结")).htmlFor);
  await card.fill(box, "2098-12-01");
  await card.dispatchEvent(box, "change");
  assert.doesNotMatch(await card.textContent(row), /废止/);
  assert.match(await card.textContent(row), /12月/);
  await card.fill(box, "2099-01-02");
  await card.dispatchEvent(box, "change");
  assert.equal((await card.textContent(row)).trim(), "2099-01-01 起废止");
  await ctx.close();
});

test("a limit changed ahead is counted with its value until the day, the others as they are", async () => {
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  // Before the day the ordinary limit is counted as 5 working days, and says so; the complex
  // and extended limits (10, 30) are unchanged: counted as they are, with no note.
  await card.clock.setFixedTime(new Date(2098, 11, 1, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  await card.waitForSelector(".rule-limits .limit-due");
  assert.match(await card.textContent(".rule-pending"), /本版自 2099-01-01 起施行：注明“2099-01-01 前为……”的时限，在此之前按原来的时限办理/);
  const dues = await card.$$eval(".rule-limits .limit", (ls) => ls.map((l) => [l.querySelector(".limit-value").textContent, l.querySelector(".limit-due")?.textContent ?? ""]));
  assert.equal(dues[0][0], "4");
  assert.match(dues[0][1], /^今天受理的，截止 .+（按现行 5个工作日）$/);
  assert.match(await card.textContent(".rule-limits .limit-previous"), /2099-01-01 前为 5个工作日/);
  for (const [, due] of dues.slice(1)) assert.match(due, /^今天受理的，截止 /), assert.doesNotMatch(due, /施行|按现行/);
  const five = dues[0][1];
  // A card that shows TS-PROC-002's limits as its own (a kind of complaint, TS-CAT-008, itself
  // in force since 2026-12-01) counts them by TS-PROC-002's version, not its own.
  const borrowed = await ctx.newPage();
  await borrowed.clock.setFixedTime(new Date(2098, 11, 1, 10, 0));
  await borrowed.goto(fileUrl(join(root, "site/rules/TS-CAT-008/index.html")));
  await borrowed.waitForSelector(".rule-limits-borrowed .limit-due");
  const lent = await borrowed.$$eval(".rule-limits-borrowed .limit", (ls) => ls.map((l) => l.querySelector(".limit-due")?.textContent ?? ""));
  assert.match(lent[0], /^今天受理的，截止 .+（按现行 5个工作日）$/);
  assert.equal(lent[0], dues[0][1]);
  for (const due of lent.slice(1)) assert.doesNotMatch(due, /施行|按现行/);
  assert.match(await borrowed.textContent(".rule-limits-borrowed .limit-previous"), /2099-01-01 前为 5个工作日/);
  await borrowed.close();
  // From the day on: 4, no note.
  await card.clock.setFixedTime(new Date(2099, 0, 5, 10, 0));
  await card.reload();
  await card.waitForSelector(".rule-limits .limit-due");
  assert.equal(await card.isVisible(".rule-pending"), false);
  assert.doesNotMatch(await card.textContent(".rule-limits .limit:first-child .limit-due"), /按现行/);
  assert.notEqual(await card.textContent(".rule-limits .limit:first-child .limit-due"), five);

  // 时限速查: a start before the day counts 5, on or after it 4.
  await card.goto(fileUrl(join(root, "site/rules/time-limits/index.html")));
  const row = 'tr:has(a[href*="TS-PROC-002"]):has(td:text("一般情形")) td.tl-due';
  const box = "#" + await card.$eval("#deadline-calc", (c) => [...c.querySelectorAll("label")].find((l) => l.textContent.includes("受理")).htmlFor);
  const at = async (day) => {
    await card.fill(box, day);
    await card.dispatchEvent(box, "change");
    return (await card.textContent(row)).trim();
  };
  assert.match(await at("2098-12-01"), /（按 2099-01-01 前的 5个工作日）$/);
  assert.doesNotMatch(await at("2099-01-05"), /按|施行/);
  const complex = 'tr:has(a[href*="TS-PROC-002"]):has(td:text("复杂情形")) td.tl-due';
  await at("2098-12-01");
  assert.doesNotMatch(await card.textContent(complex), /按|施行/);
  await ctx.close();
});

test("按日期查看 on a card says which version applied on a past day and marks the revisions since", async () => {
  // TS-GOV-001: 1.0 from 2025-01-01, 1.1 from 2025-03-15, 1.2 from 2026-12-01 (its effective day).
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  await card.clock.setFixedTime(new Date(2027, 0, 10, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-GOV-001/index.html")));
  await card.waitForSelector(".revisions-asof:not([hidden])");
  assert.deepEqual(await card.$$eval(".revisions thead th", (ths) => ths.map((t) => t.textContent)), ["日期", "版本", "修订内容"]);
  const ask = async (day) => {
    await card.fill("#revisions-asof-day", day);
    return {
      note: await card.textContent(".asof-note"),
      marked: await card.$$eval(".revisions tr.asof-after", (rs) => rs.map((r) => r.dataset.date)),
    };
  };
  let r = await ask("2025-08-01");
  assert.equal(r.note, "2025-08-01 适用的是 1.1 版（2025-03-15 起）。此后本规则修订过 1 次（表中标出）：卡片上是现行版本，当时与现在不同的地方见这些修订的说明。");
  assert.deepEqual(r.marked, ["2026-12-01"]);
  r = await ask("2025-02-01");
  assert.match(r.note, /^2025-02-01 适用的是 1\.0 版（2025-01-01 起）。此后本规则修订过 2 次/);
  assert.equal(r.marked.length, 2);
  r = await ask("2026-12-20");
  assert.equal(r.note, "2026-12-20 适用的就是现行 1.2 版：卡片上的内容即当时的规定。");
  assert.deepEqual(r.marked, []);
  r = await ask("2024-06-01");
  assert.equal(r.note, "2024-06-01 早于本规则最早的记录（2025-01-01）。");
  await ctx.close();
});

test("按日期查看: a version published ahead applies from its effective day; a repealed rule says only that", async () => {
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  await card.clock.setFixedTime(new Date(2099, 5, 1, 10, 0));
  // TS-PROC-002 here: 1.2 recorded on 2026-12-01, in force from its effective day 2099-01-01.
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  await card.waitForSelector(".revisions-asof:not([hidden])");
  await card.fill("#revisions-asof-day", "2027-01-05");
  assert.match(await card.textContent(".asof-note"), /^2027-01-05 适用的是 1\.1 版（2025-06-20 起）。此后本规则修订过 1 次/);
  assert.deepEqual(await card.$$eval(".revisions tr.asof-after", (rs) => rs.map((r) => r.dataset.date)), ["2026-12-01"]);
  await card.fill("#revisions-asof-day", "2099-02-01");
  assert.match(await card.textContent(".asof-note"), /^2099-02-01 适用的就是现行 1\.2 版/);
  // TS-PROC-003 here: repealed on 2099-01-01.
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-003/index.html")));
  await card.waitForSelector(".revisions-asof:not([hidden])");
  await card.fill("#revisions-asof-day", "2099-03-01");
  assert.equal(await card.textContent(".asof-note"), "本规则 2099-01-01 起废止，2099-03-01 时已不适用。");
  await ctx.close();
});

test("打印质检表 before a version's day says it is not yet in force and gives a changed limit's value until then", async () => {
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  await card.clock.setFixedTime(new Date(2098, 11, 1, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  await card.waitForSelector(".rule-limits .limit-due");
  await card.evaluate(() => { window.print = () => {}; });
  await card.click(".qc-print");
  const sheet = await card.textContent(".qc-sheet");
  assert.match(sheet, /本版自 2099-01-01 起施行/);
  assert.match(sheet, /按施行前的规定质检的通话，请对照上一版/);
  assert.match(sheet, /4个工作日（[^）]*）（2099-01-01 前为 5个工作日）/);
  // After the day: neither.
  await card.clock.setFixedTime(new Date(2099, 0, 5, 10, 0));
  await card.reload();
  await card.waitForSelector(".rule-limits .limit-due");
  await card.evaluate(() => { window.print = () => {}; });
  await card.click(".qc-print");
  assert.doesNotMatch(await card.textContent(".qc-sheet"), /起施行/);
  await ctx.close();
});

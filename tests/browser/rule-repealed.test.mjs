// A rule repealed (废止) by a new policy, as a reader meets it: the card says so by the reader's
// own date (a site built before the day and read after it still tells), counts no due day with
// its limits once repealed, and 时限速查 counts none for a day on or after it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  // TS-PROC-003 (答复 within 3 working days) is repealed far ahead: the build sees it in force.
  appendFileSync(join(r, "content/rules/ts-proc-003.rule.yaml"), "repealed: 2099-01-01\nreplaced_by: TS-PROC-002\n");
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

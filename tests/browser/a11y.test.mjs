// Accessibility: every kind of page of the bundled handbook, in light and dark mode, and the
// states a reader brings about (search results open, a quiz question and its feedback, a
// phone scenario mid-call, the shortcuts dialog, starred pages), checked with axe-core, the
// standard rules engine (WCAG 2 A/AA: contrast, names and labels, roles, landmarks ...).
// Any violation fails, with the rule, the elements and axe's explanation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, axeViolations } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

const PAGES = [
  "index.html",
  "procedure/index.html",
  "procedure/time-limits/index.html",
  "phone/difficult-calls/index.html",
  "trainer/writing-rules/index.html",
  "trainer/publishing/index.html",
  "rules/index.html",
  "rules/TS-PROC-002/index.html",
  "rules/time-limits/index.html",
  "rules/changes/index.html",
  "quizzes/index.html",
  "quizzes/principles/index.html",
  "quizzes/procedure-time-limits/paper/index.html",
  "glossary/index.html",
  "tags/index.html",
  "phrases/index.html",
  "tags/时限/index.html",
  "course/index.html",
  "progress/index.html",
  "progress/team/index.html",
  "progress/mistakes/index.html",
  "search/index.html",
  "print/index.html",
  "404.html",
];

// Dark mode changes the colours only (the same elements, names and roles as light, which the
// light sweep checks whole): there axe runs its colour rules, in a third of the time.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

for (const mode of ["light", "dark"]) {
  test(`every kind of page passes axe in ${mode} mode`, async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript((dark) => { try { localStorage.setItem("handbook-theme", dark ? "dark" : "light"); } catch (e) {} }, mode === "dark");
    const page = await ctx.newPage();
    const found = [];
    for (const p of PAGES) {
      await page.goto(at(p));
      await page.waitForLoadState("load");
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), mode === "dark");
      for (const v of await axeViolations(page, mode === "dark" ? COLOUR_RULES : null)) found.push(`${p}: ${v}`);
      // WCAG 2.2's target size (24 px, or room around), not among axe's default rules: the
      // contents' ▸ toggles were 21 px wide beside their links.
      if (mode === "light") for (const v of await axeViolations(page, ["target-size"])) found.push(`${p}: ${v}`);
    }
    assert.deepEqual(found, []);
    await ctx.close();
  });
}

test("the states a reader brings about pass axe too", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const found = [];
  const check = async (state) => { for (const v of await axeViolations(page)) found.push(`${state}: ${v}`); };

  await page.goto(at("procedure/time-limits/index.html"));
  await page.fill("#search", "投诉时限");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "投诉时限");
  await page.keyboard.press("ArrowDown");
  await check("search results with one selected");
  await page.fill("#search", "受理等级");
  await page.waitForSelector("#search-results .search-suggest");
  await check("search results of a mended query, with 仍然搜索");
  await page.keyboard.press("Escape");
  await page.click(".star-button");

  await page.goto(at("index.html"));
  await page.waitForSelector("#my-pages:not([hidden])");
  await check("home page with starred and recent pages");
  await page.keyboard.press("?");
  await page.waitForSelector(".keys-dialog:not([hidden])");
  await check("keyboard shortcuts dialog");
  await page.keyboard.press("Escape");
  await page.evaluate(() => localStorage.setItem("handbook-searches:" + document.body.dataset.book, JSON.stringify(["答复时限", "TS-PROC-003"])));
  await page.focus("#search");
  await page.waitForSelector("#search-results .search-recent");
  await check("recent searches under the empty box");

  await page.goto(at("phone/difficult-calls/index.html"));
  await page.locator("a.term-hint").first().focus();
  await page.waitForSelector("#term-tip:not([hidden])");
  await check("a glossary term's definition shown");

  await page.goto(at("quizzes/principles/index.html"));
  await page.waitForSelector(".quiz-app .quiz-card");
  await check("a quiz question");
  await page.locator(".quiz-app .quiz-card input").first().check();
  await page.locator(".quiz-app .quiz-card button.primary").first().click();
  await page.waitForSelector(".quiz-app .quiz-feedback:not(:empty)");
  await check("a quiz answer's feedback");

  await page.goto(at("quizzes/scenario-outage/index.html"));
  await page.waitForSelector(".scenario-option");
  await page.locator(".scenario-option").first().click();
  await page.waitForSelector(".scenario-feedback");
  await check("a phone scenario mid-call");

  // A reader who last looked long ago: 新 on the revisions, a stale star, a revised card.
  await page.evaluate(() => {
    const book = document.body.dataset.book;
    localStorage.setItem("handbook-changes-seen:" + book, "2000-01-01");
    localStorage.setItem("handbook-pages:" + book, JSON.stringify({ stars: [{ u: "gone/", t: "已删的课" }], recent: [] }));
    localStorage.setItem("handbook-progress:" + book, JSON.stringify({ v: 1, lessons: { "rules/TS-PROC-002/": 1 }, quizzes: {}, scenarios: {}, cards: {} }));
  });
  await page.goto(at("index.html"));
  await page.waitForSelector(".badge-new");
  await page.waitForSelector(".my-pages-gone");
  await check("home page with new revisions and a deleted star");
  await page.goto(at("rules/TS-PROC-002/index.html"));
  await page.waitForSelector(".revised-notice");
  await check("a rule card revised since the reader opened it");

  // 错题本 with questions in it, and its practice.
  await page.evaluate(() => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {},
      wrong: { "principles/principles-01": { n: 2, last: Date.now(), ok: 0 }, "procedure-time-limits/procedure-time-limits-08": { n: 1, last: Date.now(), ok: 0 } } }));
  });
  await page.goto(at("progress/mistakes/index.html"));
  await page.waitForSelector(".mistakes-item");
  await check("the 错题本 listing two questions");
  await page.click(".mistakes-all");
  await page.waitForSelector(".mistakes-player .quiz-card");
  await check("a 错题本 practice");

  assert.deepEqual(found, []);
  await ctx.close();
});

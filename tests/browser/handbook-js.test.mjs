// handbook.js as frontline staff use it, often on a phone with a customer on the line: the ☰
// menu from the keyboard, a glossary term tapped mid-lesson, 话术汇编's box fed the words a
// customer uses, and the quiz list's wording for a phone call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { withBrowserAndBook, initBook, bin, fileUrl, axeViolations } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));
const PHONE = { viewport: { width: 375, height: 800 } };
const TOUCH = { viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true };

/** A page in a fresh context, opened once `ready` is in it, with its script errors. */
async function open(options, rel, ready) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(at(rel));
  await page.waitForSelector(ready, { state: "attached" });
  return { ctx, page, errors };
}

/** Where the focus is: in the ☰ menu (its quick links or contents), or else its text. */
const focusAt = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { inDrawer: !!(a && a.closest(".drawer")), inLinks: !!(a && a.closest(".drawer-links")), text: a ? (a.textContent || "").trim() : "", id: a ? a.id : "" };
});

test("phone: the closed ☰ menu's links are out of the Tab order; opened, the focus is on its first quick link; Esc gives it back to ☰", async () => {
  const { ctx, page, errors } = await open(PHONE, "procedure/time-limits/index.html", "#sidebar a");
  const firstLink = await page.$eval(".drawer-links a", (a) => a.textContent.trim());
  assert.equal(firstLink, "规则索引");
  // ☰ says it controls the whole menu (quick links and contents), not the contents alone.
  assert.equal(await page.$eval("#nav-toggle", (b) => !!document.getElementById(b.getAttribute("aria-controls"))?.querySelector(".drawer-links")), true);
  // Closed: from ☰ the Tab key goes through the bar and on into the page, never into the
  // menu off the screen (its 6 quick links and the whole contents).
  await page.focus("#nav-toggle");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const f = await focusAt(page);
    assert.equal(f.inDrawer, false, `Tab ${i + 1} reached "${f.text}" in the closed menu`);
  }
  assert.equal(await page.$$eval(".drawer a", (as) => as.filter((a) => getComputedStyle(a).visibility !== "hidden").length), 0);

  // Opened from the keyboard: the first quick link has the focus, the contents follow.
  await page.focus("#nav-toggle");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("#nav-toggle", "aria-expanded"), "true");
  let f = await focusAt(page);
  assert.equal(f.inLinks, true, JSON.stringify(f));
  assert.equal(f.text, "规则索引");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  const links = await page.$$eval(".drawer-links a", (as) => as.length);
  for (let i = 0; i < links; i++) await page.keyboard.press("Tab");
  f = await focusAt(page);
  assert.equal(f.inDrawer && !f.inLinks, true, `after the quick links, the contents: ${JSON.stringify(f)}`);

  // Esc closes it and gives the focus back to ☰; closed again, its links are out of reach.
  await page.keyboard.press("Escape");
  assert.equal(await page.getAttribute("#nav-toggle", "aria-expanded"), "false");
  assert.equal((await focusAt(page)).id, "nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().right <= 0);
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".drawer")).visibility === "hidden");
  await page.keyboard.press("Tab");
  assert.equal((await focusAt(page)).inDrawer, false);

  // By touch: ☰ opens it with every link shown, and a link works.
  await page.click("#nav-toggle");
  await page.click(".drawer-links a >> text=时限速查");
  await page.waitForSelector("#time-limits");
  assert.deepEqual(errors, []);
  await ctx.close();

  // On a desktop the same box is the sidebar: shown, and in the Tab order.
  {
    const { ctx, page, errors } = await open({ viewport: { width: 1280, height: 800 } }, "procedure/time-limits/index.html", "#sidebar a");
    assert.equal(await page.isVisible("#sidebar a"), true);
    await page.focus("#theme-toggle");
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await focusAt(page)).inDrawer;
    }
    assert.ok(reached, "Tab from the bar reaches the sidebar");
    assert.equal(await page.isVisible(".drawer-links"), false);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("touch: a first tap on a glossary term shows its definition with 在术语表中查看; a second tap opens the glossary", async () => {
  const lesson = "phone/difficult-calls/index.html";
  const { ctx, page, errors } = await open(TOUCH, lesson, "a.term-hint");
  const terms = await page.evaluate(() => window.HANDBOOK_TERMS);
  const def = terms.find((t) => t.t === "共情").d;
  const term = page.locator("a.term-hint", { hasText: "共情" }).first();
  const here = page.url();
  await term.tap();
  await page.waitForSelector("#term-tip:not([hidden])");
  await page.waitForTimeout(300);
  assert.equal(page.url(), here, "the reader is still in the lesson");
  const tip = await page.$eval("#term-tip", (t) => {
    const r = t.getBoundingClientRect();
    const link = t.querySelector("a");
    return {
      text: t.textContent, role: t.getAttribute("role"), link: link && link.textContent, href: link && link.getAttribute("href"),
      left: r.left, right: r.right, top: r.top, bottom: r.bottom, close: !!t.querySelector("button"),
    };
  });
  assert.match(tip.text, new RegExp(def.slice(0, 10)));
  assert.equal(tip.link, "在术语表中查看");
  assert.match(tip.href, /glossary\/index\.html#/);
  assert.equal(tip.close, true);
  assert.equal(tip.role, "dialog");
  assert.ok(tip.left >= 0 && tip.right <= 375 && tip.top >= 0 && tip.bottom <= 800, JSON.stringify(tip));
  assert.equal(await term.getAttribute("aria-expanded"), "true");
  // It stays while the finger is lifted and the box is read (no hover to keep it).
  await page.waitForTimeout(400);
  assert.equal(await page.isVisible("#term-tip"), true);
  assert.deepEqual(await axeViolations(page), []);

  // 关闭 closes it; the focus goes back to the term, which does not open it again.
  await page.tap("#term-tip button");
  await page.waitForTimeout(200);
  assert.equal(await page.isVisible("#term-tip"), false);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("term-hint")), true);
  assert.equal(await term.getAttribute("aria-expanded"), null);
  // A tap elsewhere closes it too.
  await term.tap();
  await page.waitForSelector("#term-tip:not([hidden])");
  await page.tap("h1");
  await page.waitForTimeout(200);
  assert.equal(await page.isVisible("#term-tip"), false);
  assert.equal(page.url(), here);
  // The link in the box opens the glossary at the term.
  await term.tap();
  await page.waitForSelector("#term-tip:not([hidden]) a");
  await page.tap("#term-tip a");
  await page.waitForURL(/glossary\/index\.html#/);
  assert.equal(await page.textContent(`[id="${decodeURIComponent(page.url().split("#")[1])}"]`), "共情");
  // A second tap on the term does too.
  await page.goto(at(lesson));
  await page.waitForSelector("a.term-hint");
  await term.tap();
  await page.waitForSelector("#term-tip:not([hidden])");
  await term.tap();
  await page.waitForURL(/glossary\/index\.html#/);
  assert.deepEqual(errors, []);
  await ctx.close();

  // With a mouse and the keyboard, as before: hover and focus show it, a click opens the glossary.
  {
    const { ctx, page, errors } = await open({ viewport: { width: 1280, height: 800 } }, "phone/difficult-calls/index.html", "a.term-hint");
    const term = page.locator("a.term-hint", { hasText: "共情" }).first();
    await term.hover();
    await page.waitForSelector("#term-tip:not([hidden])");
    assert.equal(await page.getAttribute("#term-tip", "role"), "tooltip");
    assert.equal(await page.$("#term-tip a"), null);
    await page.mouse.move(5, 790);
    await page.waitForSelector("#term-tip", { state: "hidden" });
    await term.focus();
    await page.waitForSelector("#term-tip:not([hidden])");
    await term.click();
    await page.waitForURL(/glossary\/index\.html#/);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("话术汇编's box finds a dialogue by the customer's words, not only the lesson's", async () => {
  const { ctx, page, errors } = await open(PHONE, "phrases/index.html", ".phrases-box:not([hidden])");
  const all = await page.$$eval(".phrase", (ps) => ps.length);
  const shown = () => page.$$eval(".phrase", (ps) => ps.filter((p) => !p.hidden).map((p) => p.textContent));
  const filter = async (q) => {
    await page.fill(".phrases-filter-input", q);
    await page.waitForFunction(() => /显示 \d+ \//.test(document.querySelector(".phrases-count").textContent));
    return { seen: await shown(), count: await page.textContent(".phrases-count"), more: await page.$eval(".phrases-box .phrases-more", (m) => (m.hidden ? "" : m.textContent)) };
  };
  // 翻倍 is said 翻了几倍 in one dialogue, 翻了一倍 in another; both are found, as full matches.
  let r = await filter("电费翻倍");
  assert.ok(r.seen.some((t) => t.includes("电费突然翻了几倍")), r.count);
  assert.ok(r.seen.some((t) => t.includes("翻了一倍")), r.count);
  assert.ok(r.seen.length < all / 4, r.count);
  assert.match(r.count, new RegExp(`^显示 ${r.seen.length} / ${all} 段$`));
  // In traditional characters too.
  assert.deepEqual((await filter("電費翻倍")).seen, r.seen);
  // Said as customers say it: shown, each with something of what was typed.
  for (const [q, must] of [["电费太高", /电费/], ["态度差", /态度/], ["骂人", /骂/], ["领导", /升级|上报|主管|领导/]]) {
    r = await filter(q);
    assert.ok(r.seen.length > 0 && r.seen.length < all / 2, `${q}: ${r.count}`);
    assert.ok(r.seen.every((t) => must.test(t)), `${q}: ${r.seen.map((t) => t.slice(0, 30)).join(" | ")}`);
    // Where no dialogue has them as typed, a line says so and offers the site search.
    if (/（/.test(r.count)) assert.match(r.more, new RegExp(`在全站搜索“${q}”`));
    else assert.equal(r.more, "");
  }
  // Nothing near: 0, and the same words one tap from the site search.
  r = await filter("xyzzy");
  assert.equal(r.seen.length, 0);
  assert.match(r.count, new RegExp(`显示 0 / ${all} 段`));
  const link = page.locator(".phrases-box .phrases-more a");
  assert.match(await link.getAttribute("href"), /search\/index\.html\?q=xyzzy$/);
  // (A rule's id: no dialogue says it, its card has it.)
  await page.fill(".phrases-filter-input", "TS-PROC-001");
  await page.waitForSelector(".phrases-box .phrases-more:not([hidden]) a");
  await page.click(".phrases-box .phrases-more a");
  assert.equal(await page.inputValue("#search"), "TS-PROC-001");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "TS-PROC-001");
  assert.ok(await page.$$eval("#search-results .search-hit-link", (as) => as.length) > 0);
  assert.match(page.url(), /phrases\/index\.html$/);
  // Emptied, every dialogue is back and the line is gone.
  await page.fill(".phrases-filter-input", "");
  assert.equal((await shown()).length, all);
  assert.equal(await page.isVisible(".phrases-box .phrases-more"), false);
  assert.deepEqual(errors, []);
  await ctx.close();

  // The link's own address (opened in a new tab, say) runs the words on the search page.
  {
    const { ctx, page, errors } = await open(PHONE, "search/index.html?q=" + encodeURIComponent("电费太高"), "#search");
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "电费太高");
    assert.equal(await page.inputValue("#search"), "电费太高");
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("the quiz list counts a phone scenario in calls, not questions; the trainer page names the checkpoint badge as it reads", async () => {
  const html = readFileSync(join(root, "site/quizzes/index.html"), "utf8");
  const cards = [...html.matchAll(/<strong>([^<]+)<\/strong><span>([^<]+)<\/span>/g)].map((m) => ({ title: m[1], facts: m[2] }));
  // (What a learner goes through: calls, cards, the questions drawn; 检查点 or 考试 first.)
  const calls = cards.filter((c) => c.title.startsWith("电话情景"));
  assert.ok(calls.length >= 3, JSON.stringify(cards));
  for (const c of calls) assert.match(c.facts, /^(检查点 · )?\d+ 通电话 · 约/, c.title);
  for (const c of cards.filter((x) => !x.title.startsWith("电话情景"))) {
    assert.match(c.facts, /^(检查点 · |考试 · )?(\d+ 题 · |每次 \d+ 题（题库 \d+ 题） · |\d+ 张卡片 · )/, c.title);
  }
  const trainer = readFileSync(join(root, "site/trainer/writing-quizzes/index.html"), "utf8");
  assert.ok(!trainer.includes("必考"), "the course page's badge no longer reads 必考");
  assert.match(trainer, /标“检查点”/);
});

test("a book given an id once in use: its learners' records kept under the title are carried over", async () => {
  // An init book (its id differs from its title), as if its learners had used it before it had one.
  const book = initBook();
  execFileSync(bin, ["--root", book, "build"]);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(book, "site/index.html")));
  const [id, title] = await page.evaluate(() => [document.body.dataset.book, document.body.dataset.bookTitle]);
  assert.notEqual(id, title);
  await page.evaluate((t) => {
    localStorage.clear();
    localStorage.setItem("handbook-progress:" + t, JSON.stringify({ v: 1, lessons: { "basics/first-lesson/": 1 }, quizzes: {}, scenarios: {}, cards: {} }));
    localStorage.setItem("handbook-pages:" + t, "[\"x\"]");
  }, title);
  await page.reload();
  const carried = await page.evaluate((id) => [localStorage.getItem("handbook-progress:" + id), localStorage.getItem("handbook-pages:" + id)], id);
  assert.match(carried[0], /first-lesson/);
  assert.ok(carried[1] !== null);
  // Once: what the id holds now is not replaced by the title's again.
  await page.evaluate((id) => localStorage.setItem("handbook-pages:" + id, "[\"y\"]"), id);
  await page.reload();
  assert.equal(await page.evaluate((id) => localStorage.getItem("handbook-pages:" + id), id), "[\"y\"]");
  await ctx.close();
});

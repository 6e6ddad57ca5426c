// The print pages, opened from disk as a counter PC does: print/ (the contents, and the whole
// bundled book), a chapter's own print page reached from 只打印这一章, the rule cards' page.
// What is printed of each: a chapter starts under the book's title line on the first sheet,
// the way between the print pages stays on the screen, each card is a sheet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, axeViolations } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

/** A page whose window.print counts the dialogs it would open; every request it makes. */
async function openCounting(rel) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__prints = 0;
    window.print = function () { window.__prints++; };
  });
  await page.goto(at(rel));
  return { ctx, page, requests };
}

const shown = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  return !!el && getComputedStyle(el).display !== "none";
}, sel);

test("只打印这一章 opens the chapter's own print page, whose button prints it; nothing is fetched from outside", async () => {
  const { ctx, page, requests } = await openCounting("print/index.html");
  // The whole book: a link under each chapter's title, and the contents' 单独打印 beside it.
  const chapterLinks = await page.$$eval(".print-chapter-link", (as) => as.map((a) => a.getAttribute("href")));
  const contentsLinks = await page.$$eval(".print-toc .print-part-link", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(chapterLinks.length >= 10, chapterLinks.join());
  assert.deepEqual(contentsLinks.filter((h) => !h.startsWith("rules/")), chapterLinks);
  await Promise.all([page.waitForURL(/print\/procedure\/index\.html$/), page.click('.print-chapter-link[href="procedure/index.html"]')]);
  assert.equal(await page.textContent(".print-part-book"), "供电服务投诉处理手册 · 第 4 章");
  assert.match(await page.textContent(".print-actions"), /本章 \d+ 篇，约 \d+ 张 A4 纸/);
  await page.click(".print-button");
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => window.__prints), 1);
  // A link to another chapter goes to its print page, at the section.
  const other = page.locator('.print-part a[href^="../prescriptions/index.html#p"]').first();
  const href = await other.getAttribute("href");
  await Promise.all([page.waitForURL(/print\/prescriptions\/index\.html#p\d+/), other.click()]);
  const id = decodeURIComponent(href.split("#")[1]);
  assert.ok(await page.evaluate((i) => !!document.getElementById(i), id), id);
  // The way back to the contents.
  await Promise.all([page.waitForURL(/print\/index\.html$/), page.click(".print-part-nav a >> nth=0")]);
  assert.deepEqual(requests.filter((u) => !u.startsWith("file://")), []);
  await ctx.close();
});

test("printed, a chapter starts under the book's title line and a card page is its cards, a sheet each", async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ media: "print" });
  await page.goto(at("print/procedure/index.html"));
  assert.ok(await shown(page, ".print-part-book"));
  for (const s of [".print-part-nav", ".print-part-toc", ".print-actions", ".breadcrumbs"]) assert.equal(await shown(page, s), false, s);
  const breaks = await page.$$eval(".print-part > .print-page", (ps) => ps.map((p) => getComputedStyle(p).breakBefore));
  assert.equal(breaks[0], "auto", "the chapter's title on the first sheet, under the title line");
  assert.ok(breaks.slice(1).every((b) => b !== "page"), "its pages run on: " + breaks.join());
  // （见 8.2） after a link to another chapter, on paper only.
  assert.ok(await shown(page, ".print-ref"));

  await page.goto(at("print/rules/index.html"));
  assert.equal(await shown(page, ".print-part-head"), false, "no line over the first card");
  const cards = await page.$$eval(".print-rule", (rs) => rs.map((r) => getComputedStyle(r).breakBefore));
  assert.equal(cards[0], "auto");
  assert.ok(cards.length > 20 && cards.slice(1).every((b) => b === "page"), cards.join());

  // The whole book: 只打印这一章 and 单独打印 are for the screen.
  await page.goto(at("print/index.html"));
  assert.equal(await shown(page, ".print-chapter-link"), false);
  assert.equal(await shown(page, ".print-toc .print-part-link"), false);
  assert.equal(await shown(page, ".print-toc-note"), false);
  await page.emulateMedia({ media: "screen" });
  assert.ok(await shown(page, ".print-chapter-link"));
  assert.equal(await shown(page, ".print-ref"), false);
  await page.close();
});

test("a chapter's and the cards' print pages pass axe", async () => {
  const page = await browser.newPage();
  const found = [];
  for (const rel of ["print/procedure/index.html", "print/rules/index.html"]) {
    await page.goto(at(rel));
    // (The chapter's contents open, to be checked too.)
    await page.evaluate(() => { const d = document.querySelector(".print-part-toc"); if (d) d.open = true; });
    for (const v of await axeViolations(page)) found.push(`${rel}: ${v}`);
  }
  assert.deepEqual(found, []);
  await page.close();
});

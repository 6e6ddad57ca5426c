// Search as you type on a slow computer: a query typed key by key (95598, ts-proc) is searched
// once the keys stop, not at every key, and a query the next key replaced is given up at once.
// The page's clock is playwright's (page.clock), stopped: the time between keys is exact,
// whatever the machine's load; the index files load for real.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, staticServer } from "./helpers.mjs";

let browser, site;
withBrowserAndBook((b, root) => { browser = b; site = join(root, "site"); });

/** A page of the book over http with a fake clock, the box focused and meta.js read:
 *  { page, files (index files asked for since, but meta.js), done }. */
async function open(server) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.clock.install();
  await page.goto(server.url + "procedure/time-limits/index.html");
  await page.click("#search");
  await page.evaluate(() => new Promise((ok) => window.HandbookSearch.loadMeta(ok)));
  // (An installed clock still runs with real time: stopped here, it moves only when told.)
  await page.clock.pauseAt(Date.now() + 60000);
  const files = [];
  page.on("request", (r) => {
    const m = /\/search\/([^?]+)/.exec(r.url());
    if (m && m[1] !== "meta.js") files.push(m[1]);
  });
  return { page, files, done: async () => { await ctx.close(); assert.deepEqual(errors, [], "no script errors"); } };
}

const shown = (page) => page.getAttribute("#search-results", "data-query");

/** Waits (in real time: the index files load for real) until the results of `q` are shown. */
async function until(page, q) {
  for (let i = 0; i < 150 && (await shown(page)) !== q; i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.equal(await shown(page), q);
}

test("keys typed 120 ms apart start no search; the query is searched once they stop", async () => {
  const server = await staticServer(site);
  try {
    for (const q of ["95598", "ts-proc"]) {
      const { page, files, done } = await open(server);
      for (const ch of q) {
        await page.keyboard.type(ch);
        await page.clock.runFor(120);
      }
      // Before: each key's query was searched 80 ms after it (9, 95, 955 ... each ranked and
      // its documents loaded, between the keys on a slow computer).
      assert.deepEqual(files, [], `no index file asked for while typing ${q}`);
      assert.equal(await shown(page), null);
      await page.clock.runFor(40);  // 160 ms after the last key
      await until(page, q);
      assert.ok(await page.$$eval("#search-results a.search-hit-link", (as) => as.length) > 0, `results for ${q}`);
      await done();
    }
  } finally {
    server.close();
  }
});

test("a word put in whole (an input method's, a paste) is searched without the wait for a next key", async () => {
  const server = await staticServer(site);
  try {
    const { page, done } = await open(server);
    await page.keyboard.insertText("停电");
    await page.clock.runFor(90);
    await until(page, "停电");
    await done();
  } finally {
    server.close();
  }
});

test("a query the next key replaced is given up while its files load, not ranked after them", async () => {
  const server = await staticServer(site);
  try {
    const { page, files, done } = await open(server);
    // The index files of the first query searched are held back until the next key is in.
    const held = [];
    let holding = true, heldOne;
    const heldSeen = new Promise((ok) => (heldOne = ok));
    await page.route(/\/search\/[^/]+\.js/, (route) => {
      if (holding && !/meta\.js/.test(route.request().url())) { held.push(route); heldOne(); }
      else route.continue();
    });
    await page.keyboard.type("9559");
    await page.clock.runFor(200);  // the agent paused: 9559 is searched ...
    await heldSeen;
    await page.keyboard.type("8");  // ... and typed on while its files were on their way
    const names = held.map((r) => new URL(r.request().url()).pathname.split("/").pop());
    const loaded = page.evaluate((names) => Promise.all(names.map((f) => new Promise((ok) => {
      const s = document.querySelector(`script[src*="search/${f}"]`);
      s.addEventListener("load", ok);
      s.addEventListener("error", ok);
    }))), names);
    holding = false;
    for (const r of held) await r.continue();
    await loaded;
    await new Promise((ok) => setTimeout(ok, 300));
    // Before: 9559 was still the latest query searched (95598's search had not started), so
    // it was ranked, its documents loaded and its results shown, on a slow computer between
    // the agent's keys.
    assert.deepEqual(files.filter((f) => f.startsWith("d")), [], "no document file of the replaced query");
    assert.equal(await shown(page), null);
    await page.clock.runFor(200);
    await until(page, "95598");
    await done();
  } finally {
    server.close();
  }
});

test("a search waiting for its keys is dropped when an input method starts: its half-typed pinyin is not searched", async () => {
  const server = await staticServer(site);
  try {
    const { page, done } = await open(server);
    await page.keyboard.insertText("保密");
    await page.clock.runFor(90);
    await until(page, "保密");
    // The box emptied (its search waits for a next key), then pinyin typed into the input
    // method's candidates within that wait.
    await page.evaluate(() => {
      const i = document.getElementById("search");
      i.value = "";
      i.dispatchEvent(new InputEvent("input", { inputType: "deleteContentBackward" }));
      i.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
      i.value = "tin";
      i.dispatchEvent(new InputEvent("input", { data: "tin", isComposing: true }));
    });
    await page.clock.runFor(1000);
    await new Promise((ok) => setTimeout(ok, 300));
    assert.notEqual(await shown(page), "tin", "the pinyin in the box is not searched");
    await page.evaluate(() => {
      const i = document.getElementById("search");
      i.value = "停电";
      i.dispatchEvent(new CompositionEvent("compositionend", { data: "停电" }));
    });
    await page.clock.runFor(200);
    await until(page, "停电");
    await done();
  } finally {
    server.close();
  }
});

test("a synonym is marked as the whole word, not the pair of it that matched", async () => {
  const server = await staticServer(site);
  try {
    const { page, done } = await open(server);
    // 致歉's synonyms hold 赔不是: its pair 不是 is in many texts that do not say 赔不是.
    await page.keyboard.insertText("道歉怎么说");
    await page.clock.runFor(90);
    await until(page, "道歉怎么说");
    const marks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.length > 0, "something is marked");
    assert.ok(!marks.includes("不是"), `no bare 不是 marked: ${marks.join(" ")}`);
    const terms = await page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => a.getAttribute("data-terms")).join(" "));
    assert.ok(!/"不是"/.test(terms), `no bare 不是 for the page opened: ${terms}`);
    // Escape closes the list with no option left selected.
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.$$eval("#search-results [aria-selected=true]", (as) => as.length), 1);
    await page.keyboard.press("Escape");
    assert.equal(await page.$$eval("#search-results [aria-selected=true]", (as) => as.length), 0);
    await done();
  } finally {
    server.close();
  }
});

test("on a slow intranet the box says it is searching while the index's files load, then shows the results", async () => {
  const server = await staticServer(site);
  try {
    const { page, done } = await open(server);
    // Each of the query's index files a second and a half late (meta.js is in already).
    await page.route("**/search/**", async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    });
    await page.keyboard.insertText("停电");
    await page.clock.runFor(90);
    assert.equal(await page.isVisible("#search-results"), false, "nothing yet");
    await page.clock.runFor(450);
    assert.equal(await page.isVisible("#search-results .search-loading"), true, "searching is said");
    assert.match(await page.textContent("#search-results"), /正在搜索“停电”/);
    assert.equal(await page.getAttribute("#search-results", "aria-busy"), "true");
    await until(page, "停电");
    assert.equal(await page.$$eval("#search-results .search-loading", (l) => l.length), 0);
    assert.ok(await page.$$eval("#search-results a.search-hit-link", (as) => as.length) > 0);
    await done();
  } finally {
    server.close();
  }
});

// A new agent on a phone, or a desk on a flaky intranet: the search index's files load as a
// query needs them, and the network may drop between two queries. A query whose files did
// not load must not say 无结果 (read as "the handbook has nothing on it") nor keep saying so
// once the network is back: it says the index did not load, offers 重新搜索, and the next
// search asks for the files again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildBundled, launch, freshPage, staticServer } from "./helpers.mjs";

let browser, root, server;

before(async () => {
  root = buildBundled();
  server = await staticServer(join(root, "site"), { "Cache-Control": "no-cache" });
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

const settled = (page, q) => page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-settled") === q, q);
const hits = (page) => page.$$eval("#search-results li.search-hit", (ls) => ls.length);

test("a query whose index files did not load says so, not 无结果; back online, it is answered", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(server.url + "procedure/time-limits/index.html");
  // The box focused: the index's meta.js is read (then the network drops).
  await page.focus("#search");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/search\/meta\.js/.test(e.name)));
  await page.waitForTimeout(200);
  const offline = (url) => /\/search\/[^/]+\.js$/.test(url.pathname) && !url.pathname.endsWith("/meta.js");
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  await page.fill("#search", "停电");
  await settled(page, "停电");
  const box = await page.textContent("#search-results");
  assert.match(box, /搜索索引没能载入.*这不代表手册里没有“停电”/);
  assert.doesNotMatch(box, /无结果|没有找到/);
  // (Said once the results have shown for a moment.)
  await page.waitForFunction(() => /搜索索引没能载入/.test(document.getElementById("search-status").textContent));
  // Back online: 重新搜索 answers it (the files are asked for again).
  await page.unroute(offline);
  await page.click("#search-results .search-retry");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li.search-hit").length > 0);
  assert.doesNotMatch(await page.textContent("#search-results"), /没能载入/);
  // Offline once more, a query of which some files are in: its results, said to be partial.
  await page.route(offline, (route) => route.abort("internetdisconnected"));
  await page.fill("#search", "停电抢修");
  await settled(page, "停电抢修");
  const partial = await page.textContent("#search-results");
  if (await hits(page) > 0) assert.match(partial, /部分搜索索引没能载入/);
  else assert.match(partial, /搜索索引没能载入/);
  await page.unroute(offline);
  // And typed again, the same query is answered whole (not kept as it was).
  await page.fill("#search", "");
  await page.waitForFunction(() => !document.getElementById("search-results").hasAttribute("data-settled"));
  await page.fill("#search", "停电抢修");
  await settled(page, "停电抢修");
  assert.doesNotMatch(await page.textContent("#search-results"), /没能载入/);
  assert.ok(await hits(page) > 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

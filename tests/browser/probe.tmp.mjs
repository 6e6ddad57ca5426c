import { launch, fileUrl } from "./helpers.mjs";
const site = process.env.SITE || "/tmp/hb3/site";
const browser = await launch();
const page = await browser.newPage();
await page.goto(fileUrl(site + "/index.html"));
await page.evaluate(() => { HandbookSearch.tuning.keyWaitMs = { key: 0, short: 0 }; });
for (const q of process.argv.slice(2)) {
  await page.fill("#search", "");
  await page.fill("#search", q);
  await page.waitForSelector(`#search-results[data-settled="${q.replace(/"/g, '\\"')}"]`, { state: "attached", timeout: 15000 });
  const hits = await page.$$eval("a.search-hit-link", (as) => as.slice(0, 8).map((a) => a.getAttribute("href")));
  console.log(q); hits.forEach((h, i) => console.log(`  ${i + 1}. ${decodeURIComponent(h)}`));
}
await browser.close();

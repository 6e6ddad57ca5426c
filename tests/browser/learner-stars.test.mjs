// 收藏 travel with the progress file: exported with it, added on import (a union: the
// other computer's stars stay, none twice), and the page says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, tempDir } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const stars = (page) => page.evaluate(() => (JSON.parse(localStorage.getItem("handbook-pages:" + document.body.dataset.book) || "{}").stars || []).map((s) => s.u));

test("收藏 are exported with the progress and merged in on import", async () => {
  const a = await browser.newContext({ acceptDownloads: true });
  const pa = await a.newPage();
  for (const rel of ["basics/why-complaints-matter/", "phone/opening-and-listening/"]) {
    await pa.goto(site(rel + "index.html"));
    await pa.click(".star-button");
  }
  await pa.goto(site("progress/index.html"));
  assert.match(await pa.textContent(".progress-transfer"), /收藏的页面也在文件里/);
  const [download] = await Promise.all([pa.waitForEvent("download"), pa.click(".progress-export")]);
  const path = join(tempDir(), "p.json");
  await download.saveAs(path);
  assert.deepEqual(JSON.parse(readFileSync(path, "utf8")).pages.stars.map((s) => s.u), ["basics/why-complaints-matter/", "phone/opening-and-listening/"]);
  await a.close();

  const b = await browser.newContext();
  const pb = await b.newPage();
  await pb.goto(site("basics/why-complaints-matter/index.html"));
  await pb.click(".star-button");
  await pb.goto(site("progress/index.html"));
  await pb.setInputFiles("#progress-import-file", path);
  await pb.waitForFunction(() => /已导入/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.match(await pb.textContent(".progress-transfer-note"), /1 个收藏的页面/);
  assert.deepEqual(await stars(pb), ["basics/why-complaints-matter/", "phone/opening-and-listening/"]);
  // Twice: nothing more.
  await pb.setInputFiles("#progress-import-file", path);
  await pb.waitForFunction(() => /已导入/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.deepEqual(await stars(pb), ["basics/why-complaints-matter/", "phone/opening-and-listening/"]);
  await pb.goto(site("index.html"));
  assert.match(await pb.textContent("body"), /收藏/);
  await b.close();
});

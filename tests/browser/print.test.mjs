// A rule card is printed to be pinned at a desk or filed in a binder: on one A4 sheet. Before,
// 22 of the bundled 24 ran onto a second sheet (the time limits stacked, each step two lines).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { buildBundled, launch, fileUrl } from "./helpers.mjs";

let root, browser;
before(async () => { root = buildBundled(); browser = await launch(); });
after(async () => { await browser?.close(); });

// An A4 sheet inside print.css's margins (14 mm at the sides, 14 and 16 mm at top and foot), in
// CSS pixels: 182 x 267 mm.
const SHEET = { width: 688, height: 1009 };

test("the bundled rule cards print on one A4 sheet each, all but the longest", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.emulateMedia({ media: "print" });
  const ids = readdirSync(join(root, "site/rules")).filter((d) => /^[A-Z]+-[A-Z]+-\d+$/.test(d));
  assert.ok(ids.length >= 20, ids.join());
  // The printed height, laid out at the sheet's width (measured, rather than printed to PDF
  // 24 times); and one card printed for real, to keep the measure honest.
  const heights = {};
  for (const id of ids) {
    await page.goto(fileUrl(join(root, "site/rules", id, "index.html")));
    heights[id] = await page.evaluate(() => document.documentElement.scrollHeight);
  }
  const two = ids.filter((id) => heights[id] > SHEET.height);
  assert.ok(two.length <= 2, "taller than a sheet: " + JSON.stringify(heights));
  const fits = ids.find((id) => heights[id] <= SHEET.height);
  await page.goto(fileUrl(join(root, "site/rules", fits, "index.html")));
  const pdf = await page.pdf({ format: "A4" });
  assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length, 1, fits);
  await page.close();
});

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

test("the bundled rule cards print on one A4 sheet each, all but the longest", async () => {
  const page = await browser.newPage();
  const sheets = {};
  for (const id of readdirSync(join(root, "site/rules")).filter((d) => /^[A-Z]+-[A-Z]+-\d+$/.test(d))) {
    await page.goto(fileUrl(join(root, "site/rules", id, "index.html")));
    const pdf = await page.pdf({ format: "A4" });
    sheets[id] = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  }
  const ids = Object.keys(sheets);
  assert.ok(ids.length >= 20, JSON.stringify(sheets));
  const two = ids.filter((id) => sheets[id] > 1);
  assert.ok(two.length <= 2, "on two sheets or more: " + JSON.stringify(sheets));
  await page.close();
});

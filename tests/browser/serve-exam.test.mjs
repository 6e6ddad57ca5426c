// handbook serve and an open tab (trainer serve review): with an exam in progress, an edit
// reloads it as any page (the exam's "leave the page?" prompt stopped the reload, and a trainer
// who chose to stay had the tab stop listening for good), the attempt resuming after it; a
// stopped server is said on the page (edits seemed to do nothing).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initBook, launch, serve } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("an edit reloads a tab whose exam is in progress, no leave-page prompt, and the exam resumes", async () => {
  const root = initBook();
  const tf = (n) => `  - id: e-${n}\n    type: true_false\n    prompt: 第${n}题：受理当天不计入时限。\n    answer: true\n`;
  writeFileSync(join(root, "content/quizzes/exam.quiz.yaml"), `id: exam\ntitle: 结业考试\nexam: true\ntime_limit: 10\nquestions:\n${tf(1)}${tf(2)}`);
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    const dialogs = [];
    // (A prompt left unanswered is dismissed: the tab stays on the old page.)
    page.on("dialog", (d) => { dialogs.push(d.type()); d.dismiss().catch(() => {}); });
    await page.goto(`${srv.url}quizzes/exam/index.html`, { waitUntil: "load" });
    await page.click(".quiz-start");
    await page.waitForSelector(".quiz-timer");
    await page.locator('.quiz-stage input[data-index="0"]').check();
    await page.click(".quiz-stage button[type=submit]");
    await page.evaluate(() => { window.__before = true; });
    const lesson = join(root, "content/basics/first-lesson.md");
    writeFileSync(lesson, readFileSync(lesson, "utf8") + "\n新的一句。\n");
    await page.waitForFunction(() => !window.__before && document.querySelector(".quiz-timer"), null, { timeout: 15000 });
    assert.deepEqual(dialogs, []);
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
});

test("a stopped preview server is said on the open page", async () => {
  const root = initBook();
  const srv = await serve(root);
  let stopped = false;
  try {
    const page = await browser.newPage();
    await page.goto(srv.url, { waitUntil: "load" });
    await page.waitForTimeout(500);
    assert.equal(await page.$("#handbook-serve-down"), null);
    srv.stop();
    stopped = true;
    await page.waitForSelector("#handbook-serve-down", { timeout: 15000 });
    assert.match(await page.textContent("#handbook-serve-down"), /预览服务器已停止.*重新运行 handbook serve/);
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    if (!stopped) srv.stop();
  }
});

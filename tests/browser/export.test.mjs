// `handbook export --format gift`: the GIFT file is read back by an independent parser
// (gift-pegjs), which reports any syntax error with its line and column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { bin, repo, tempDir } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const gift = require("gift-pegjs");
const parse = gift.parse || gift;

test("the GIFT export of the bundled question bank parses, with every exportable question", () => {
  const dir = tempDir();
  const out = execFileSync(bin, ["--root", repo, "export", "--format", "gift", dir], { encoding: "utf8" });
  const m = out.match(/exported (\d+) questions to .* \((\d+) skipped\)/);
  assert.ok(m, out);
  const exported = Number(m[1]);
  assert.ok(exported >= 80, out);
  // Every skipped question says why (ordering, scenarios and flash cards have no GIFT form).
  for (const line of out.split("\n").filter((l) => l.includes("skipped ") && l.includes(":"))) {
    assert.match(line, /skipped [\w-]+ \/ [\w-]+: .{10,}/);
  }
  const text = readFileSync(join(dir, "questions.gift.txt"), "utf8");
  let items;
  try {
    items = parse(text);
  } catch (e) {
    assert.fail(`GIFT syntax error at line ${e.location?.start.line}, column ${e.location?.start.column}: ${e.message}`);
  }
  const questions = items.filter((q) => q.type !== "Category");
  assert.equal(questions.length, exported);
  // One category per quiz of the bundled book with a question exported (a quiz of calls or
  // flash cards only has none), none left empty.
  const quizzes = readdirSync(join(repo, "content/quizzes")).filter((f) => f.endsWith(".quiz.yaml")).length;
  const categories = items.filter((q) => q.type === "Category").length;
  assert.ok(categories < quizzes && categories >= quizzes - 4, `${categories} of ${quizzes}`);
  assert.ok(items.every((q, i) => q.type !== "Category" || (items[i + 1] && items[i + 1].type !== "Category")), "no empty category");
  // A matching question's distractor: an answer with no question, as Moodle reads it.
  const withDistractor = questions.find((q) => q.title === "best-practices-16");
  assert.ok(withDistractor && withDistractor.matchPairs.some((p) => p.subquestion.text === "" && p.subanswer.length > 2), JSON.stringify(withDistractor));
  const types = new Set(questions.map((q) => q.type));
  for (const t of ["MC", "TF", "Short", "Matching"]) assert.ok(types.has(t), `no ${t} question`);
  // Single choice: exactly one correct choice, each wrong choice with its own feedback.
  const single = questions.find((q) => q.title === "principles-01");
  assert.ok(single, "principles-01 exported");
  assert.equal(single.choices.filter((c) => c.isCorrect).length, 1);
  assert.ok(single.choices.filter((c) => !c.isCorrect).every((c) => c.feedback && c.feedback.text.length > 2));
  // Multiple choice: the weights of the right answers add up to 100.
  for (const q of questions.filter((q) => q.type === "MC" && q.choices.some((c) => c.weight))) {
    const sum = q.choices.filter((c) => c.weight > 0).reduce((s, c) => s + c.weight, 0);
    assert.ok(Math.abs(sum - 100) < 0.01, `${q.title}: weights add up to ${sum}`);
  }
  // Chinese text and GIFT's special characters survive the round trip.
  assert.ok(questions.every((q) => /[\u4e00-\u9fff]/.test(q.stem.text)));
});

test("the GIFT parser used here does report errors with a position", () => {
  assert.throws(() => parse("::a::题目 { =对 ~错"), (e) => e.location.start.line === 1);
});

// Runs the browser and JavaScript test files two at a time, the slowest first.
//
// `node --test` sorts its files by name, so with two at a time the longest files (search,
// quizzes, the axe sweeps) could start last and leave one core idle while the other finishes
// them: ~30 s of the suite's wall time. This starts them first (longest-processing-time order),
// then the rest by name, and prints each file's own time at the end so the list below can be
// kept in step. Same TAP output and exit status as `node --test`; run.sh falls back to
// `node --test` where Node is too old for this (before 20.10).
//
//   node tests/browser/run.mjs [FILE.test.mjs ...]   (default: every tests/browser/*.test.mjs)
import { run } from "node:test";
import { tap } from "node:test/reporters";
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Slowest first, as measured in CI (file wall times, printed at the end of a run). A file not
// named here runs after these, by name; a name here without its file is an error, so the list
// cannot silently go stale when a file is renamed.
const SLOWEST = [
  "search.test.mjs",
  "quiz.test.mjs",
  "a11y.test.mjs",
  "a11y-review.test.mjs",
  "site.test.mjs",
  "deploy.test.mjs",
  "learner-team.test.mjs",
  "search-checks.test.mjs",
  "filters.test.mjs",
  "phone.test.mjs",
  "learner-profiles.test.mjs",
  "old-browser.test.mjs",
];

export function order(files) {
  const byName = new Map(files.map((f) => [basename(f), f]));
  const first = [];
  for (const name of SLOWEST) {
    if (byName.has(name)) {
      first.push(byName.get(name));
      byName.delete(name);
    }
  }
  return [...first, ...[...byName.values()].sort()];
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const all = readdirSync(here).filter((f) => f.endsWith(".test.mjs"));
  const missing = SLOWEST.filter((f) => !all.includes(f));
  if (missing.length) {
    console.error(`tests/browser/run.mjs names ${missing.join(", ")}, which no longer exist: update its SLOWEST list`);
    process.exit(2);
  }
  const given = process.argv.slice(2).map((f) => resolve(f));
  const files = order(given.length ? given : all.map((f) => join(here, f)));
  const times = [];
  const stream = run({ files, concurrency: 2 });
  stream.on("test:fail", () => { process.exitCode = 1; });
  stream.on("test:complete", (e) => {
    if (e.file && e.name === e.file) times.push([e.details?.duration_ms ?? 0, basename(e.file)]);
  });
  const out = stream.compose(tap);
  out.on("end", () => {
    times.sort((a, b) => b[0] - a[0]);
    const lines = times.slice(0, 12).map(([ms, f]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${f}`);
    console.error(`browser test files, slowest first (keep run.mjs's SLOWEST in step):\n${lines.join("\n")}`);
  });
  out.pipe(process.stdout);
}

// From a security review: the 404 page finds the site's top by asking for nav.js in the
// folders above the address. An address starting with `//host/` made `//host/` one of those
// folders: another server's, whose scripts the page then loaded into this site's origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import vm from "node:vm";
import { bin, initBook } from "./helpers.mjs";

/** Runs the 404 page's own script at `pathname`; returns the URLs it asked for and the
 *  <base> it wrote. `found` says which of them answer. */
function run404(script, pathname, found) {
  const asked = [], written = [];
  function XMLHttpRequest() {}
  XMLHttpRequest.prototype.open = function (m, u) { this.u = u; };
  XMLHttpRequest.prototype.send = function () { asked.push(this.u); this.status = found(this.u) ? 200 : 404; };
  const sandbox = {
    window: { location: { protocol: "http:", pathname } },
    document: { querySelector: () => null, write: (s) => written.push(s) },
    XMLHttpRequest,
  };
  vm.runInNewContext(script, sandbox);
  return { asked, written };
}

test("the 404 page never takes a folder of another host as the site's top", () => {
  const root = initBook();
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const html = readFileSync(join(root, "site/404.html"), "utf8");
  const script = html.match(/<script>(\(function\(\)\{var l=window\.location;[\s\S]*?)<\/script>/)[1];
  // An attacker's server answers for nav.js anywhere.
  const evil = run404(script, "//evil.example/a/x", () => true);
  for (const u of evil.asked) assert.ok(!u.startsWith("//"), u);
  assert.ok(evil.written.every((w) => !w.includes("//evil")), evil.written.join());
  // The page still finds a site under a sub-path.
  const ok = run404(script, "/handbook/basics/missing/page", (u) => u === "/handbook/nav.js");
  assert.deepEqual(ok.written, ['<base href="/handbook/">']);
});

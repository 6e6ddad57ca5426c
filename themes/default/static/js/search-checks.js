// 搜索自查 (search/checks/): types each query of the book's search-checks.yaml into the page's
// own search box, as a reader would, waits until its results are settled (a slip's mend
// included: search.js sets data-settled on #search-results), and finds the check's target
// among them. The target's address is written in data.js from this page's folder, as a link
// would be; a result matches it when it is the same page and, if the check names a section,
// the same section.
//
// The run is quiet: search.js neither opens its list nor says the count of results while
// #search-results is marked data-quiet (the results are still rendered there, to be read),
// the run's progress is written to #checks-progress, which is no live region, and the table
// is aria-busy; the summary, a live region, is written once, at the end.
(function (global) {
  var doc = global.document;
  var checks = (global.HANDBOOK_SEARCH_CHECKS || {}).checks || [];
  var box = doc.getElementById("search");
  var list = doc.getElementById("search-results");
  var summary = doc.getElementById("checks-summary");
  if (!summary) return;
  var progress = doc.getElementById("checks-progress");
  if (!box || !list) {
    if (progress) progress.hidden = true;
    summary.textContent = "这个网站的页面上没有搜索框，无法检查。";
    return;
  }
  // (A book's own copy of an older search-checks.html has none: the progress goes before the
  // summary, which said it.)
  if (!progress) {
    progress = doc.createElement("p");
    progress.id = "checks-progress";
    progress.className = "checks-progress";
    progress.hidden = true;
    summary.parentNode.insertBefore(progress, summary);
  }
  var actions = doc.querySelector(".checks-actions");
  var rerun = doc.querySelector(".checks-rerun");
  var failedOnly = doc.querySelector(".checks-failed-only");
  var table = doc.querySelector("table.search-checks");

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  /** An address as `{page, section}`: absolute, without `?…`, decoded, `index.html` dropped. */
  function place(href) {
    var a = doc.createElement("a");
    a.href = href;
    var u = a.href, section = "";
    var h = u.indexOf("#");
    if (h >= 0) { section = decode(u.slice(h + 1)); u = u.slice(0, h); }
    var q = u.indexOf("?");
    if (q >= 0) u = u.slice(0, q);
    u = decode(u).replace(/index\.html$/, "");
    return { page: u, section: section };
  }

  function type(q) {
    box.value = q;
    var e;
    try { e = new Event("input", { bubbles: true }); } catch (err) {
      e = doc.createEvent("Event");
      e.initEvent("input", true, true);
    }
    box.dispatchEvent(e);
  }

  /** Calls `done(links)` once the results shown are those of `q` (or [] after 15 s; at once
   *  when a reader has taken the box over: see runAll). */
  function settled(q, done) {
    var start = new Date().getTime();
    (function poll() {
      if (interrupted) return done([], false);
      if (list.getAttribute("data-settled") === q) {
        var links = list.querySelectorAll("a.search-hit-link");
        var out = [];
        for (var i = 0; i < links.length; i++) {
          var t = links[i].querySelector(".search-hit-title");
          out.push({ href: links[i].href, title: (t || links[i]).textContent });
        }
        return done(out, true);
      }
      if (new Date().getTime() - start > 15000) return done([], false);
      setTimeout(poll, 25);
    })();
  }

  function row(c) { return doc.getElementById("check-" + c.n); }

  function show(c, found, answered) {
    var tr = row(c);
    if (!tr) return;
    var cell = tr.querySelector(".check-result");
    var want = place(c.href);
    var rank = -1;
    for (var i = 0; i < found.length && rank < 0; i++) {
      var got = place(found[i].href);
      if (got.page === want.page && (!c.anchor || got.section === want.section)) rank = i;
    }
    var pass = rank >= 0 && rank < c.within;
    var html;
    if (!answered) html = "<strong>未通过</strong>：搜索没有在 15 秒内给出结果";
    else if (pass) html = "<strong>通过</strong>：第 " + (rank + 1) + " 名";
    else if (rank >= 0) html = "<strong>未通过</strong>：排在第 " + (rank + 1) + " 名（要求前 " + c.within + " 名）";
    else html = "<strong>未通过</strong>：" + (found.length ? "前 " + found.length + " 条结果里没有" : "没有搜到任何结果");
    if (!pass && found.length) {
      html += '<ol class="check-found">';
      for (var k = 0; k < Math.min(3, found.length); k++) {
        html += '<li><a href="' + esc(found[k].href) + '">' + esc(found[k].title) + "</a></li>";
      }
      html += "</ol>";
    }
    cell.innerHTML = html;
    tr.className = "check-row " + (pass ? "check-pass" : "check-fail");
    // (For \`handbook check --search\`, which reads the page as Chromium leaves it: the place
    // found, 0 when not among the results, -1 when the search gave none in time.)
    tr.setAttribute("data-rank", String(answered ? rank + 1 : -1));
    return { pass: pass, rank: rank };
  }

  // A reader who types in the box while the checks run (a key of theirs, not the run's own
  // typing, which is no trusted event) takes it over: the run stops there, the reader's results
  // show as on any page, and 重新检查 runs the checks again. (A browser without isTrusted, IE 11,
  // keeps the run going, as before.)
  var running = false, interrupted = false;
  box.addEventListener("input", function (e) {
    if (!running || !e.isTrusted || interrupted) return;
    interrupted = true;
    list.removeAttribute("data-quiet");
  });
  function runAll() {
    if (running) return;
    running = true;
    interrupted = false;
    if (actions) actions.hidden = true;
    var todo = [], skipped = 0;
    for (var i = 0; i < checks.length; i++) {
      if (checks[i].href) {
        todo.push(checks[i]);
        var tr = row(checks[i]);
        if (tr) { tr.className = "check-row"; tr.removeAttribute("data-rank"); tr.querySelector(".check-result").textContent = "等待检查"; }
      } else skipped++;
    }
    var passed = 0, failed = [], k = 0, last = null, lastFound = null;
    // (Emptied, not said: a live region says what is added to it.)
    summary.textContent = "";
    summary.className = "checks-summary";
    progress.textContent = "正在检查……（0 / " + todo.length + "）";
    progress.hidden = false;
    list.setAttribute("data-quiet", "");
    table.setAttribute("aria-busy", "true");
    (function next() {
      if (interrupted) return stop(k);
      if (k >= todo.length) return finish();
      var c = todo[k++];
      var record = function (found, answered) {
        if (interrupted) return stop(k - 1);
        last = c.query;
        lastFound = answered ? found : null;
        var r = show(c, found, answered);
        if (r && r.pass) passed++; else failed.push(c);
        progress.textContent = "正在检查……（" + k + " / " + todo.length + "）";
        setTimeout(next, 0);
      };
      // (The same query twice in a row: its results are on the list already.)
      if (c.query === last && lastFound) return record(lastFound, true);
      type(c.query);
      settled(c.query, record);
    })();
    // The run given up after `done` checks: those not reached say so, and the summary.
    function stop(done) {
      for (var j = done; j < todo.length; j++) {
        var tr = row(todo[j]);
        if (tr) tr.querySelector(".check-result").textContent = "未检查";
      }
      progress.hidden = true;
      table.removeAttribute("aria-busy");
      summary.textContent = "检查停在第 " + (done + 1) + " 条：你在搜索框里输入了内容，搜索框先给你用。已检查 " + done + " / " + todo.length +
        " 条（通过 " + passed + " 条）。要检查全部，请点“重新检查”。";
      summary.className = "checks-summary checks-some-failed";
      summary.setAttribute("data-interrupted", "true");
      if (actions) actions.hidden = false;
      running = false;
    }
    function finish() {
      type("");
      // (The box emptied is searched a moment later, and closes its list: quiet no longer,
      // the box is the reader's again.)
      list.removeAttribute("data-quiet");
      progress.hidden = true;
      table.removeAttribute("aria-busy");
      var text = "共 " + todo.length + " 条：通过 " + passed + " 条，未通过 " + failed.length + " 条";
      if (skipped) text += "；另有 " + skipped + " 条的页面不在本站，没有检查";
      text += "。";
      summary.innerHTML = esc(text) + (failed.length
        ? " 未通过的：" + failed.map(function (c) { return '<a href="#check-' + c.n + '">' + esc(c.query) + "</a>"; }).join("、")
        : "");
      summary.className = "checks-summary " + (failed.length ? "checks-some-failed" : "checks-all-passed");
      summary.setAttribute("data-passed", String(passed));
      summary.setAttribute("data-failed", String(failed.length));
      summary.setAttribute("data-done", "true");
      if (actions) actions.hidden = false;
      running = false;
    }
  }

  if (rerun) rerun.addEventListener("click", function () {
    summary.removeAttribute("data-done");
    summary.removeAttribute("data-interrupted");
    runAll();
  });
  if (failedOnly) failedOnly.addEventListener("change", function () {
    table.className = "search-checks" + (failedOnly.checked ? " checks-failed-only" : "");
  });
  if (!checks.length) return;
  // After search.js has set the box up (its own DOMContentLoaded handler runs first).
  var start = function () { setTimeout(runAll, 0); };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : this);

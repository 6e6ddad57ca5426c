/* Injected by `handbook serve` only (never written to the built site). Long-polls the
   server; reloads when a rebuild succeeds, shows the errors when it fails. */
(function () {
  "use strict";
  var overlay = null;
  // The build's messages (one a paragraph), those of the file this page is made from first:
  // a trainer among a team's 30 errors looks for the page in front of them. (A lesson's page
  // is at the path of its file: /procedure/time-limits/ from …/procedure/time-limits.md, a
  // section's from its _index.md, the home page from index.md.)
  // (A message said at several lines of a file is one paragraph: "同样的还有 N 处" counts them.)
  function counted(item) {
    var more = /^  = (?:同样的还有|the same at) (\d+)/m.exec(item);
    return 1 + (more ? +more[1] : 0);
  }
  function mineFirst(text) {
    var items = text.split(/\n\n/), mine = [], rest = [], all = 0, mineN = 0;
    var key = decodeURIComponent(location.pathname).replace(/index\.html$/, "").replace(/^\/+|\/+$/g, "");
    var files = key ? ["/" + key + ".md:", "/" + key + "/_index.md:"] : ["/index.md:"];
    // A rule card, a quiz, the glossary, the course: their files as `handbook new` and `mv`
    // name them (rules/ts-proc-002.rule.yaml), and a message naming the rule's id.
    var named = null, m = /^(rules|quizzes)\/([^\/]+)$/.exec(key);
    if (m && m[1] === "rules") { files.push("/" + m[2].toLowerCase() + ".rule.yaml:"); named = "`" + m[2] + "`"; }
    if (m && m[1] === "quizzes") files.push("/" + m[2] + ".quiz.yaml:");
    if (key === "glossary" || key === "course") files.push("/" + key + ".yaml:");
    for (var i = 0; i < items.length; i++) {
      var own = false, head = items[i].split("\n")[0];
      for (var f = 0; f < files.length; f++) if (head.indexOf(files[f]) >= 0) own = true;
      if (named && head.indexOf(named) >= 0) own = true;
      (own ? mine : rest).push(items[i]);
      all += counted(items[i]);
      if (own) mineN += counted(items[i]);
    }
    return { text: mine.concat(rest).join("\n\n"), all: all, mine: mineN };
  }
  // 暂时隐藏 (or Esc) puts the errors away until the next build's answer: the page under them
  // is the last good site's, still worth reading while a colleague's file is half written.
  var hidden = null;
  function hideError() {
    if (!overlay) return;
    hidden = overlay.getAttribute("data-text");
    overlay.parentNode.removeChild(overlay);
    overlay = null;
  }
  document.addEventListener("keydown", function (e) {
    if (overlay && (e.key === "Escape" || e.key === "Esc")) hideError();
  });
  function showError(text) {
    if (hidden === text) return;
    hidden = null;
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "handbook-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,0,0,.94);color:#fff;padding:2rem;overflow:auto;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "暂时隐藏（Esc）";
      close.style.cssText = "float:right;font:inherit;margin:0 0 1rem 1rem;cursor:pointer";
      close.addEventListener("click", hideError);
      overlay.appendChild(close);
      overlay.appendChild(document.createElement("div"));
      document.body.appendChild(overlay);
    }
    var m = mineFirst(text);
    overlay.setAttribute("data-text", text);
    overlay.lastChild.textContent = "构建失败：" + m.all + " 个错误" + (m.mine ? "，本页的 " + m.mine + " 个排在最前" : "") +
      "（修复后页面会自动刷新）\n\n" + m.text;
  }
  // The last build's warnings, in a bar at the foot of the page (the terminal is often hidden
  // behind the editor): 收起 hides the same warnings until they change.
  var bar = null;
  function showWarnings(text) {
    var key = "handbook-warnings-hidden", m = mineFirst(text);
    try { if (sessionStorage.getItem(key) === text) return; } catch (e) { /* no storage */ }
    if (!bar) {
      bar = document.createElement("details");
      bar.id = "handbook-warnings";
      bar.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:99998;max-height:50vh;overflow:auto;background:#fff8c5;color:#3b2300;border-top:2px solid #d4a72c;padding:.4rem 1rem;font:13px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      var summary = document.createElement("summary");
      summary.style.cursor = "pointer";
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "收起";
      hide.style.cssText = "float:right;font:inherit";
      hide.addEventListener("click", function (e) {
        e.preventDefault(); // (in the summary: not a toggle)
        try { sessionStorage.setItem(key, bar.getAttribute("data-text")); } catch (e) { /* no storage */ }
        bar.parentNode.removeChild(bar);
        bar = null;
      });
      var pre = document.createElement("div");
      pre.className = "handbook-warnings-text";
      summary.appendChild(document.createElement("span"));
      summary.appendChild(hide);
      bar.appendChild(summary);
      bar.appendChild(pre);
      document.body.appendChild(bar);
    }
    bar.setAttribute("data-text", text);
    bar.firstChild.firstChild.textContent = "预览：" + m.all + " 条警告" + (m.mine ? "，本页 " + m.mine + " 条排在最前" : "") +
      "（只在 handbook serve 中显示，展开查看）";
    bar.lastChild.textContent = m.text;
  }
  // The generation of the site this page was read from (server.rs puts it in this script's
  // address): a rebuild published while the page loaded is one it has not shown, and the
  // first answer (since=-1, at once) then reloads it. (-1: a server that does not say.)
  var mine = -1;
  var me = document.currentScript || document.querySelector('script[src^="/__handbook/livereload.js"]');
  var g = me && /[?&]g=(\d+)/.exec(me.getAttribute("src") || "");
  if (g) mine = +g[1];
  // The page read again for an edit: a leave-page prompt (an exam in progress) is not asked
  // for it (quiz.js reads the flag); if the page stays all the same, it goes on listening.
  function reload(generation) {
    window.HANDBOOK_LIVE_RELOAD = true;
    window.location.reload();
    setTimeout(function () { window.HANDBOOK_LIVE_RELOAD = false; poll(generation); }, 3000);
  }
  // The preview server stopped (Ctrl-C, the terminal closed): said on the page, or edits seem
  // to do nothing (trainer serve review); gone when it answers again (the page then reloads:
  // the new server's builds are not this page's).
  var down = null, failures = 0;
  function serverDown(on) {
    if (!on) {
      failures = 0;
      if (down) { down.parentNode.removeChild(down); down = null; }
      return;
    }
    if (++failures < 2 || down) return;
    down = document.createElement("div");
    down.id = "handbook-serve-down";
    down.setAttribute("role", "status");
    down.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:99999;background:#5c2b00;color:#fff;padding:.4rem 1rem;font:14px/1.6 system-ui,sans-serif;text-align:center";
    down.textContent = "预览服务器已停止：改了文件，这个页面也不会刷新。重新运行 handbook serve 后，页面会自动恢复。";
    document.body.appendChild(down);
  }
  function poll(since) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/__handbook/status?since=" + since, true);
    xhr.timeout = 35000;
    xhr.onload = function () {
      var s;
      // (A 503, busy: asked again below; any answer says the server is there.)
      serverDown(false);
      try { s = JSON.parse(xhr.responseText); } catch (e) { return setTimeout(function () { poll(since); }, 1000); }
      if (s.error) { showError(s.error); }
      else if (since < 0 && mine >= 0 && s.generation !== mine) { reload(s.generation); return; }
      else if (s.warnings && since < 0) { showWarnings(s.warnings); }
      else if (since >= 0 && s.generation !== since) { reload(s.generation); return; }
      else if (overlay || hidden !== null) { reload(s.generation); return; }
      poll(s.generation);
    };
    xhr.onerror = function () { serverDown(true); setTimeout(function () { poll(since); }, 1000); };
    xhr.ontimeout = function () { setTimeout(function () { poll(since); }, 1000); };
    xhr.send();
  }
  poll(-1);
})();

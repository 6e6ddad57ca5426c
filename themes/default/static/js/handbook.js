/* handbook: sidebar, dark mode, keyboard navigation, sortable tables, copy buttons, starred and
 * recently viewed pages. Plain ES5, works from file://. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var current = body.getAttribute("data-page") || "";

  // For the scripts loaded after this one (quiz.js, team.js ...): what the pages share. Made
  // first, so that they find it even on a page this script leaves at once (a moved section).
  window.Handbook = { draw: drawQuestions, seeded: seeded, copyButton: copyButton, isLearnerId: isLearnerId,
    storedKey: storedKey, isoDay: isoDay, dayStart: localDayStart, touchOnly: touchOnly,
    learnerStorage: learnerStorage, demo: demoOn, setDemo: setDemo, singleKeys: singleKeys };

  // 演示模式 (a trainer at the projector): the reading, answers, stars and searches of this
  // browser's pages of the book are kept in each tab's sessionStorage -- gone with the tab, no
  // learner's record -- instead of localStorage, where the next learner at that PC would find
  // them as their own (a classroom review: the trainer's demo call, failed, was in the file a
  // learner exported). Switched on from 我的学习进度 for the browser (localStorage: a link
  // opened in a new tab is in it too) until 退出演示模式, or by itself after DEMO_HOURS (a
  // class is over: a trainer who forgot would leave the next learners' work unkept).
  var DEMO_KEY = "handbook-demo:" + (body.getAttribute("data-book") || ""), DEMO_HOURS = 8;
  /** When 演示模式 ends (ms), or 0 when it is off. */
  function demoUntil() {
    var v = 0;
    try { v = parseInt(window.localStorage.getItem(DEMO_KEY) || "0", 10) || 0; } catch (e) { v = 0; }
    return v > new Date().getTime() ? v : 0;
  }
  function demoOn() { return demoUntil() > 0; }
  /** Where a learner's records are kept: localStorage, or this tab's sessionStorage in 演示模式;
   *  null where neither may be used. */
  function learnerStorage() {
    // (As the page opened: a tab open when another ends the mode keeps to its own storage,
    // and its banner, until it is reloaded.)
    if (demoAtLoad === null) demoAtLoad = demoOn();
    try { return (demoAtLoad ? window.sessionStorage : window.localStorage) || null; } catch (e) { return null; }
  }
  var demoAtLoad = null;
  /** 演示模式 on or off; off forgets what this tab's demonstration kept. */
  function setDemo(on) {
    try {
      if (on) {
        window.sessionStorage.setItem("handbook-demo-probe", "1");
        window.sessionStorage.removeItem("handbook-demo-probe");
        window.localStorage.setItem(DEMO_KEY, String(new Date().getTime() + DEMO_HOURS * 3600000));
        return true;
      }
      window.localStorage.removeItem(DEMO_KEY);
      var ss = window.sessionStorage, book = body.getAttribute("data-book") || "", keys = [], i;
      for (i = 0; i < ss.length; i++) keys.push(ss.key(i));
      for (i = 0; i < keys.length; i++) if (storedKey(keys[i], book)) ss.removeItem(keys[i]);
      return true;
    } catch (e) { return false; }
  }

  /** A touch screen and nothing that hovers: a phone or tablet without a keyboard (no key to
   *  name in a hint, no hover to show a heading's #). */
  function touchOnly() {
    return !!(window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches);
  }

  /** Whether `x` is a learner id as this browser keeps them: the slot of a learner of a shared
   *  PC (handbook-learner:<book>), a record's `learner` and `also` ids. The one test of it. */
  function isLearnerId(x) { return typeof x === "string" && /^[A-Za-z0-9_-]{4,64}$/.test(x); }

  // What this browser keeps of a book in localStorage, every kind of key: the one list, so
  // that carrying a book's records over to its id (below), 清除进度 and 清除我的记录
  // (quiz.js) each know every key -- a key added later goes here, or none of them knows it.
  // A key is prefix + book (book.toml's id, else its title), then, for a learner other than
  // the default one, "@" + their slot, then, for an attempt, ":" + the quiz's id.
  //   learner: the key is a learner's (else the book's); progress: 清除进度 removes it too.
  var STORED = [
    { prefix: "handbook-learner:" },                                 // who uses this browser (quiz.js)
    { prefix: "handbook-progress:", learner: true, progress: true },  // the record: progress, 错题本, name (quiz.js)
    { prefix: "handbook-attempt:", learner: true, progress: true, quiz: true }, // a quiz or exam left half done (quiz.js)
    { prefix: "handbook-pages:", learner: true },                    // 收藏 and 最近查看 (below)
    { prefix: "handbook-searches:", learner: true },                 // recent searches (search.js)
    { prefix: "handbook-changes-seen:", learner: true }              // the revisions seen (below)
  ];
  /** Whether localStorage key `key` is one that book `book` keeps (STORED): null when not;
   *  else { prefix, rest: what follows the book, slot: the learner's ("" the default one's,
   *  null for the book's own key), quiz: an attempt's quiz id (else ""), progress }. */
  function storedKey(key, book) {
    if (typeof key !== "string" || !book) return null;
    for (var i = 0; i < STORED.length; i++) {
      var kind = STORED[i], head = kind.prefix + book;
      if (key.indexOf(head) !== 0) continue;
      var rest = key.slice(head.length), slot = "", quiz = "", at;
      if (kind.quiz) {
        at = rest.indexOf(":");
        if (at < 0 || at === rest.length - 1) return null;
        quiz = rest.slice(at + 1);
        slot = rest.slice(0, at);
      } else slot = rest;
      if (slot && !(kind.learner && slot.charAt(0) === "@" && isLearnerId(slot.slice(1)))) return null;
      return { prefix: kind.prefix, rest: rest, slot: kind.learner ? slot.slice(1) : null, quiz: quiz, progress: !!kind.progress };
    }
    return null;
  }

  // A book given an `id` in book.toml once it was in use: its learners' records were kept
  // under its title. Each key of it (storedKey: every learner's) is carried over while the
  // id's is empty, before quiz.js and search.js read them.
  (function () {
    var id = body.getAttribute("data-book") || "", title = body.getAttribute("data-book-title") || "";
    if (!id || !title || id === title) return;
    try {
      var ls = window.localStorage, keys = [], i, o;
      for (i = 0; i < ls.length; i++) keys.push(ls.key(i));
      for (i = 0; i < keys.length; i++) {
        o = storedKey(keys[i], title);
        if (o && ls.getItem(o.prefix + id + o.rest) === null) ls.setItem(o.prefix + id + o.rest, ls.getItem(keys[i]));
      }
    } catch (e) { /* storage blocked or full: nothing to carry */ }
  })();

  // The learner using this browser (quiz.js keeps one record per learner of a shared PC):
  // their records are under book + "@" + slot; none, the default learner's, under the book.
  // Read once, here, for every script of the page (quiz.js, search.js).
  var learnerBook = (function () {
    var book = body.getAttribute("data-book") || "", slot = null;
    try { slot = learnerStorage().getItem("handbook-learner:" + book); } catch (e) { slot = null; }
    if (!isLearnerId(slot)) slot = "";
    // (demo: the mode as the page opened, as learnerStorage keeps to it.)
    window.HANDBOOK_LEARNER = { slot: slot, book: slot ? book + "@" + slot : book, demo: !!demoAtLoad };
    return window.HANDBOOK_LEARNER.book;
  })();

  // A lesson split in two: an old link to a section that moved (page/#id) lands on the
  // page's note of moved sections, where the section's old id is kept (without JavaScript the
  // note is what the reader sees); from there, on to the section's new place, as the old
  // address of a moved page forwards (redirect.js). From file:// as well.
  function followMovedSection() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* as written */ }
    var item = id ? document.getElementById(id) : null;
    var to = item && item.getAttribute("data-moved-to");
    if (!to) return false;
    try {
      sessionStorage.setItem("handbook-forwarded", JSON.stringify({
        note: "你打开的是“" + (item.getAttribute("data-moved-title") || id) + "”一节的旧地址，这一节已移到本页",
        at: new Date().getTime()
      }));
    } catch (e) { /* storage off: forwarded all the same */ }
    location.replace(to);
    return true;
  }
  if (followMovedSection()) return;
  window.addEventListener("hashchange", followMovedSection);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // Sidebar from nav.js (written once per site, so pages stay small on large books).
  function buildNav() {
    var data = window.HANDBOOK_NAV;
    var side = document.getElementById("sidebar");
    if (!data || !side) return;
    var currentLink = null;
    // A page the sidebar does not list (a rule card, a quiz, the glossary's …) marks the entry
    // it belongs under: the listed page whose address is the longest start of its own.
    var target = current, best = -1;
    (function find(items) {
      for (var i = 0; i < items.length; i++) {
        var u = items[i].u;
        if (u === current) best = Infinity;
        else if (u && best !== Infinity && current.indexOf(u) === 0 && u.length > best) { best = u.length; target = u; }
        if (items[i].c) find(items[i].c);
      }
    })(data.items);
    if (best === Infinity) target = current;
    function link(item) {
      var a = el("a", { href: root + item.u + "index.html" }, item.t);
      if (item.u === current) { a.setAttribute("aria-current", "page"); currentLink = a; }
      else if (item.u === target) { a.setAttribute("aria-current", "true"); currentLink = a; }
      return a;
    }
    function contains(item) {
      if (item.u === target) return true;
      if (!item.c) return false;
      for (var i = 0; i < item.c.length; i++) if (contains(item.c[i])) return true;
      return false;
    }
    // A section is a row: a toggle button, then its link (a link inside a <summary> would be
    // a control inside a control, which screen readers and keyboards handle badly). A closed
    // section's entries are made when it is first opened: on a large book the sidebar of every
    // page would otherwise hold every page of every section.
    function childList(li) {
      for (var c = li.firstChild; c; c = c.nextSibling) if (c.tagName === "OL") return c;
      return null;
    }
    function group(li, item) {
      li.className = "nav-group";
      var row = el("div", { "class": "nav-row" });
      var toggle = el("button", { type: "button", "class": "nav-toggle" });
      row.appendChild(toggle);
      row.appendChild(link(item));
      li.appendChild(row);
      function show(open) {
        var sub = childList(li);
        if (open && !sub) li.appendChild(sub = list(item.c));
        if (sub) sub.hidden = !open;
        li.className = "nav-group" + (open ? " open" : "");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.setAttribute("aria-label", (open ? "收起：" : "展开：") + item.t);
        if (built) stickRows();
      }
      toggle.addEventListener("click", function () {
        show(toggle.getAttribute("aria-expanded") !== "true");
      });
      show(contains(item));
    }
    // A very long section (hundreds of pages in one folder) shows the entries around the
    // current page, or its first ones, and a button for the rest.
    var WINDOW = 60;
    function list(items, all) {
      var ol = el("ol", {});
      var from = 0, to = items.length;
      if (!all && items.length > 4 * WINDOW) {
        var at = -1;
        for (var k = 0; k < items.length && at < 0; k++) if (contains(items[k])) at = k;
        from = Math.max(0, at - WINDOW);
        to = Math.min(items.length, Math.max(at, 0) + WINDOW);
      }
      function more(label) {
        var li = el("li", { "class": "nav-more" });
        var b = el("button", { type: "button" }, label);
        b.addEventListener("click", function () {
          var full = list(items, true);
          ol.parentNode.replaceChild(full, ol);
        });
        li.appendChild(b);
        ol.appendChild(li);
      }
      if (from > 0) more("… 显示前面 " + from + " 篇");
      for (var i = from; i < to; i++) {
        var item = items[i];
        var li = el("li", {});
        if (item.c && item.c.length) group(li, item);
        else li.appendChild(link(item));
        ol.appendChild(li);
      }
      if (to < items.length) more("… 显示其余 " + (items.length - to) + " 篇");
      return ol;
    }
    // An open section's title row stays at the top of the contents while its entries scroll
    // by (main.css), below the rows of the sections it is in: in a section of fifty lessons
    // (the phone's menu opens at the page being read) the reader still sees which it is.
    var built = false;
    function stickRows() {
      var rows = side.querySelectorAll(".nav-group.open > .nav-row");
      for (var r = 0; r < rows.length; r++) {
        var top = 0;
        for (var up = rows[r].parentNode.parentNode; up && up !== side; up = up.parentNode) {
          if (up.className === "nav-group open") top += up.firstChild.offsetHeight;
        }
        rows[r].style.top = top + "px";
      }
    }
    var stickTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(stickTimer);
      stickTimer = setTimeout(stickRows, 100);
    });
    side.innerHTML = "";
    var top = el("ol", {});
    var home = el("li", {});
    home.appendChild(link(data.home));
    top.appendChild(home);
    side.appendChild(top);
    var rest = list(data.items, true);
    while (rest.firstChild) top.appendChild(rest.firstChild);
    built = true;
    stickRows();
    if (currentLink && currentLink.scrollIntoView && side.scrollHeight > side.clientHeight) {
      // (By the boxes on the screen: a link in a section's row, which is sticky, has the row
      // as its offsetParent.)
      var at = currentLink.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop;
      side.scrollTop = Math.max(0, at - side.clientHeight / 3);
    }
  }

  function setupToggles() {
    var navToggle = document.getElementById("nav-toggle");
    if (navToggle) navToggle.addEventListener("click", function () {
      var open = body.classList.toggle("nav-open");
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
      // The focus goes to the menu's first entry: its first quick link (规则索引 ...), or the
      // first of the contents in a book without them. (Closed, the menu is hidden, so none of
      // its links is in the Tab order while off the screen: main.css.)
      if (open) {
        var a = document.querySelector(".drawer-links a");
        if (!a || !a.getClientRects().length) a = document.querySelector("#sidebar a");
        if (a) a.focus();
      }
    });
    // A tap or click outside the open menu (and outside ☰) puts it away, as Esc does; the
    // focus, if it was in the menu (now hidden) or nowhere, goes back to ☰. What was tapped
    // still gets the click. (Capturing: before a click in the page changes it.)
    var drawer = document.querySelector(".drawer");
    if (navToggle && drawer) document.addEventListener("click", function (e) {
      var t = e.target;
      if (!body.classList.contains("nav-open") || !t || drawer.contains(t) || navToggle.contains(t)) return;
      body.classList.remove("nav-open");
      navToggle.setAttribute("aria-expanded", "false");
      var f = document.activeElement;
      if (!f || f === body || f === document.documentElement || drawer.contains(f)) navToggle.focus();
    }, true);
    // Tab past the menu's last entry (or a focus moved out of it otherwise) puts it away too:
    // the focus would be on a link under the open menu, out of sight. (Not the bar above it,
    // which the menu leaves in sight: Shift+Tab from its first entry.)
    var topbar = document.querySelector(".topbar");
    if (navToggle && drawer) document.addEventListener("focusin", function (e) {
      var t = e.target;
      if (!body.classList.contains("nav-open") || !t || t === body || drawer.contains(t) || (topbar && topbar.contains(t))) return;
      body.classList.remove("nav-open");
      navToggle.setAttribute("aria-expanded", "false");
    });
    var themeToggle = document.getElementById("theme-toggle");
    // (Rendered hidden: without this script it would do nothing; and where the browser knows
    // no custom properties, IE 11, the styles are the light theme's only: oldcss.rs.)
    var themeWorks = !!(window.CSS && CSS.supports && CSS.supports("color", "var(--fg)"));
    if (themeToggle && themeWorks) themeToggle.hidden = false;
    // (A switch named 深色模式, pressed or not: a screen reader hears which mode is on.)
    if (themeToggle) themeToggle.setAttribute("aria-pressed", String(document.documentElement.classList.contains("dark")));
    // The choice is kept while it differs from the system's setting; pressed back to what the
    // system says, the page follows the system again (there was no way back to it), also
    // when the system changes while the page is open (dark in the evening).
    var systemDark = null;
    try { systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null; } catch (e) { systemDark = null; }
    function showTheme(dark) {
      document.documentElement.classList.toggle("dark", dark);
      document.documentElement.classList.toggle("light", !dark);  // (theme.js: one of the two)
      if (themeToggle) themeToggle.setAttribute("aria-pressed", String(dark));
    }
    // (The choice made on this page: kept while it is open where the browser keeps nothing.)
    var chosen = false;
    if (themeToggle) themeToggle.addEventListener("click", function () {
      var dark = !document.documentElement.classList.contains("dark");
      showTheme(dark);
      chosen = !systemDark || systemDark.matches !== dark;
      try {
        if (systemDark && systemDark.matches === dark) localStorage.removeItem("handbook-theme");
        else localStorage.setItem("handbook-theme", dark ? "dark" : "light");
      } catch (e) {}
    });
    if (systemDark && themeWorks) {
      var followSystem = function () {
        var saved = null;
        try { saved = localStorage.getItem("handbook-theme"); } catch (e) { saved = null; }
        if (saved !== "dark" && saved !== "light" && !chosen) showTheme(systemDark.matches);
      };
      if (systemDark.addEventListener) systemDark.addEventListener("change", followSystem);
      else if (systemDark.addListener) systemDark.addListener(followSystem);
    }
    // Where the pointer was last pressed: a click in a code block leaves the focus on <main>
    // (or nowhere), and the arrow keys are then the reader's to scroll that block with.
    var pressed = null;
    document.addEventListener(window.PointerEvent ? "pointerdown" : "mousedown", function (e) { pressed = e.target; }, true);
    document.addEventListener("keydown", function (e) {
      if (keysDialog && !keysDialog.hidden) {
        if (e.key === "Escape" || e.key === "Esc") {
          e.preventDefault();
          closeKeys();
          return;
        }
        if (e.key === "Tab") { // (its switch and its button keep the focus while it is open)
          e.preventDefault();
          var stops = keysDialog.querySelectorAll("input, button");
          var at = -1;
          for (var si = 0; si < stops.length; si++) if (stops[si] === document.activeElement) at = si;
          stops[(at + (e.shiftKey ? stops.length - 1 : 1) + stops.length) % stops.length].focus();
          return;
        }
      }
      if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target) && singleKeys()) {
        e.preventDefault();
        if (keysDialog && !keysDialog.hidden) closeKeys(); else openKeys();
        return;
      }
      if (e.key === "Escape" && body.classList.contains("nav-open")) {
        body.classList.remove("nav-open");
        if (navToggle) { navToggle.setAttribute("aria-expanded", "false"); navToggle.focus(); }
        return;
      }
      var t = e.target;
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      // Only when reading: not while a form control, button or quiz has the focus.
      if (t && t !== document.body && t !== document.documentElement && t.tagName !== "A" && t.id !== "main") return;
      var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
      if (!rel) return;
      // Nor while ← → scroll something sideways: a wide code block or table the focus (a
      // link in it) or the last click is in, or the page itself when zoomed wider than the
      // window.
      if (inScroller(t) || ((t === body || t === document.documentElement || (t && t.id === "main")) && inScroller(pressed))) return;
      var de = document.documentElement;
      if (de.scrollWidth > de.clientWidth + 1) return;
      var a = document.querySelector('a[rel="' + rel + '"]');
      if (a) { window.location.href = a.href; }
    });
  }

  /** Whether `node` is inside (or is) an element that scrolls sideways and is wider than its
   *  box: a code block, a table's wrapper ... (not <main> or the page). */
  function inScroller(node) {
    for (var n = node; n && n.nodeType === 1 && n !== body && n !== document.documentElement; n = n.parentNode) {
      if (n.id === "main") return false;
      if (n.scrollWidth > n.clientWidth + 1) {
        var ox = window.getComputedStyle ? getComputedStyle(n).overflowX : "";
        if (ox === "auto" || ox === "scroll") return true;
      }
    }
    return false;
  }

  function typing(t) {
    return !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName || ""));
  }

  // Whether the keys that are one character (/ s ?) act as shortcuts: on unless the reader
  // turned them off in the shortcuts' box (WCAG 2.1.4: speech input types them as words).
  // search.js reads the same setting.
  var KEYS_SETTING = "handbook-keys";
  function singleKeys() {
    try { return localStorage.getItem(KEYS_SETTING) !== "off"; } catch (e) { return true; }
  }

  // "?" lists the keyboard shortcuts (a frontline desk works from the keyboard); so does the
  // footer's 键盘快捷键, which is the way back when the one-key shortcuts are off.
  var keysDialog = null, keysReturn = null;
  function openKeys() {
    if (!keysDialog) {
      var rows = [];
      if (document.getElementById("search")) {
        rows.push(["/ 或 s", "跳到搜索框"], ["↑ ↓", "在搜索结果中选择"], ["Enter", "打开选中的结果"], ["Ctrl+Enter", "在新标签页打开选中的结果，结果列表留着"]);
      }
      if (document.querySelector(".flashcards")) rows.push(["空格", "话术卡片：翻面"], ["1 或 2", "话术卡片：记住了 / 还不熟"]);
      rows.push(["← →", "上一页 / 下一页"], ["Esc", "关闭搜索结果、手机菜单或本说明"], ["?", "显示或关闭本说明"]);
      keysDialog = el("div", { "class": "keys-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "keys-title" });
      var box = el("div", { "class": "keys-box" });
      box.appendChild(el("h2", { id: "keys-title" }, "键盘快捷键"));
      var dl = el("dl", { "class": "keys-list" });
      for (var i = 0; i < rows.length; i++) {
        var dt = el("dt"), keys = rows[i][0].split(" 或 ");
        for (var k = 0; k < keys.length; k++) {
          if (k) dt.appendChild(document.createTextNode(" 或 "));
          dt.appendChild(el("kbd", {}, keys[k]));
        }
        dl.appendChild(dt);
        dl.appendChild(el("dd", {}, rows[i][1]));
      }
      box.appendChild(dl);
      var label = el("label", { "class": "keys-switch" });
      var sw = el("input", { type: "checkbox", id: "keys-single" });
      sw.checked = singleKeys();
      sw.addEventListener("change", function () {
        try {
          if (sw.checked) localStorage.removeItem(KEYS_SETTING); else localStorage.setItem(KEYS_SETTING, "off");
        } catch (e) { /* not kept: this page only */ }
        searchHint();
      });
      label.appendChild(sw);
      label.appendChild(document.createTextNode(" 使用单键快捷键（/、s、?）"));
      box.appendChild(label);
      box.appendChild(el("p", { "class": "keys-hint" }, "关掉后，这三个键只用来打字（用语音输入时不会误触）；本说明仍可从页脚的“键盘快捷键”打开。"));
      var close = el("button", { type: "button", "class": "keys-close" }, "关闭");
      close.addEventListener("click", closeKeys);
      box.appendChild(close);
      keysDialog.appendChild(box);
      // A click outside the box closes it.
      keysDialog.addEventListener("click", function (e) { if (e.target === keysDialog) closeKeys(); });
      body.appendChild(keysDialog);
    }
    keysReturn = document.activeElement;
    keysDialog.querySelector("#keys-single").checked = singleKeys();
    keysDialog.hidden = false;
    keysDialog.querySelector(".keys-close").focus();
  }
  function closeKeys() {
    keysDialog.hidden = true;
    if (keysReturn && keysReturn.focus) keysReturn.focus();
  }
  // The search box's placeholder names the / key only where it works: not with the one-key
  // shortcuts off, nor on a touch screen (a phone has no / key to press first).
  function searchHint() {
    var box = document.getElementById("search");
    if (!box) return;
    box.setAttribute("placeholder", "搜索规则、课程、术语" + (singleKeys() && !touchOnly() ? "（按 / 聚焦）" : ""));
  }

  // The top bar stays at the top as the page scrolls, unless it would take much of the
  // screen: large text (a phone's text at 200 %) stacked it into a third or more of the
  // height, leaving half a screen to read in. Then it scrolls away with the page
  // (html.topbar-loose, main.css), and comes back at the top.
  function fitTopbar() {
    var bar = document.querySelector(".topbar"), de = document.documentElement;
    if (!bar || !window.innerHeight) return;
    function fit() {
      var loose = bar.offsetHeight > window.innerHeight * 0.3;
      if (loose !== /(^| )topbar-loose( |$)/.test(de.className)) {
        de.className = loose ? (de.className ? de.className + " " : "") + "topbar-loose" : de.className.replace(/(^| )topbar-loose(?= |$)/, "");
      }
    }
    fit();
    if (window.ResizeObserver) new window.ResizeObserver(fit).observe(bar);
    window.addEventListener("resize", fit);
  }

  function setupKeysLink() {
    var foot = document.querySelector(".footer p");
    if (!foot) return;
    var b = el("button", { type: "button", "class": "keys-open" }, "键盘快捷键");
    b.addEventListener("click", openKeys);
    foot.appendChild(document.createTextNode(" · "));
    foot.appendChild(b);
  }

  // Sortable tables: click a header button; numbers sort by data-value.
  // The header's buttons are made here (rendered as plain headers: without this script they
  // would do nothing), and so is the line that says a header sorts (.sort-hint).
  function setupSortable() {
    var tables = document.querySelectorAll("table.sortable");
    var hints = document.querySelectorAll(".sort-hint");
    for (var h = 0; h < hints.length; h++) hints[h].hidden = !tables.length;
    for (var i = 0; i < tables.length; i++) (function (table) {
      var ths = table.querySelectorAll("thead th");
      table.className += " sort-ready";
      // (A header's button says it sorts, and what it did is said: its name was the column's
      // alone, 事项, and a screen reader heard nothing change.)
      var said = el("p", { "class": "visually-hidden", role: "status", "aria-live": "polite" });
      table.parentNode.insertBefore(said, table.nextSibling);
      for (var j = 0; j < ths.length; j++) (function (th, col) {
        var btn = th.querySelector("button");
        if (!btn) {
          btn = el("button", { type: "button" });
          while (th.firstChild) btn.appendChild(th.firstChild);
          th.appendChild(btn);
        }
        var label = btn.textContent.replace(/\s+/g, " ").replace(/^ | $/g, "");
        btn.appendChild(el("span", { "class": "visually-hidden" }, "（按此列排序）"));
        if (!th.hasAttribute("aria-sort")) th.setAttribute("aria-sort", "none");
        btn.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          for (var k = 0; k < ths.length; k++) ths[k].setAttribute("aria-sort", "none");
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          said.textContent = "已按“" + label + "”" + (asc ? "升序" : "降序") + "排列。";
          var numeric = th.getAttribute("data-sort") === "number";
          var tbody = table.tBodies[0];
          var rows = Array.prototype.slice.call(tbody.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col], y = b.cells[col];
            var r;
            if (numeric) r = parseFloat(x.getAttribute("data-value")) - parseFloat(y.getAttribute("data-value"));
            else r = x.textContent.localeCompare(y.textContent, "zh-CN");
            return asc ? r : -r;
          });
          for (var m = 0; m < rows.length; m++) tbody.appendChild(rows[m]);
        });
      })(ths[j], j);
    })(tables[i]);
  }

  // Due dates on 时限速查: from the day (and time) a time limit starts -- the day a complaint
  // was accepted, or closed, as each limit says -- its last day. Working days skip weekends and the book's holidays (calendar.yaml, as
  // window.HANDBOOK_CALENDAR = {years, off, on, first}; null without one), and count the
  // weekend days worked in their place. first "next": the day it starts is not counted;
  // "same": it is day 1 when it is a working day. Days are counted as UTC day numbers, so
  // the visitor's time zone cannot shift a date.
  var WEEKDAY = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
  function pad2(n) { return (n < 10 ? "0" : "") + n; }
  /** A date (a Date, or a time in ms) as YYYY-MM-DD, in the reader's own time zone. */
  function isoDay(d) {
    if (typeof d === "number") d = new Date(d);
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
  }
  function dayNumber(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5) : null;
  }
  function dayDate(n) { return new Date(n * 864e5); }
  function dayString(n) {
    var d = dayDate(n);
    return d.getUTCFullYear() + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate());
  }
  function deadlineCounter(cal) {
    var off = {}, on = {}, years = {}, i;
    cal = cal || { years: [], off: [], on: [], first: "next" };
    for (i = 0; i < cal.off.length; i++) off[cal.off[i]] = true;
    for (i = 0; i < cal.on.length; i++) on[cal.on[i]] = true;
    for (i = 0; i < cal.years.length; i++) years[cal.years[i]] = true;
    function working(n) {
      var s = dayString(n), w = dayDate(n).getUTCDay();
      if (on[s]) return true;
      if (off[s]) return false;
      return w !== 0 && w !== 6;
    }
    return {
      // The last day of `count` working days from the day numbered `start`.
      workingDays: function (start, count) {
        var d = start, done = 0;
        if (cal.first === "same" && count > 0 && working(d)) done = 1;
        while (done < count) { d++; if (working(d)) done++; }
        return d;
      },
      /** A limit in calendar days; with `last_day: extend` one ending on a day off ends on
       *  the next working day. */
      calendarDays: function (start, count) {
        var last = cal.first === "same" && count > 0 ? start + count - 1 : start + count;
        if (cal.last === "extend") while (!working(last)) last++;
        return last;
      },
      /** Whether a limit in `unit` skips holidays (so a year without them is a gap). */
      skipsHolidays: function (unit) {
        return unit === "working_days" || (unit === "calendar_days" && cal.last === "extend");
      },
      /** The years from day `from` to day `to` whose holidays the calendar does not give. */
      uncovered: function (from, to) {
        var out = [];
        for (var y = dayDate(from).getUTCFullYear(); y <= dayDate(to).getUTCFullYear(); y++) if (!years[y]) out.push(y);
        return out;
      },
      first: cal.first
    };
  }
  /** A due day as a reader says it: 12月7日（周一）, with the year when not `startYear`'s. */
  function dueLabel(n, startYear) {
    var d = dayDate(n);
    return (d.getUTCFullYear() !== startYear ? d.getUTCFullYear() + "年" : "") +
      (d.getUTCMonth() + 1) + "月" + d.getUTCDate() + "日（" + WEEKDAY[d.getUTCDay()] + "）";
  }
  /** Today as a day number (the visitor's own date). */
  function todayNumber() {
    var now = new Date();
    return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 864e5);
  }
  // On a rule card (and a rule quoted in a lesson), each time limit in days with its due day
  // if it started today (the card links to 时限速查 to count from another day).
  /** The day a rule's version takes effect, when after `today` (a version published ahead). */
  function pendingFrom(node, today) {
    // (A limit the version leaves as it is, when it names those it changes: in force now.)
    var limit = node.closest ? node.closest(".limit") : null;
    if (limit && limit.hasAttribute("data-unchanged")) return null;
    var holder = node.closest ? node.closest("[data-effective]") : null;
    var card = node.closest ? node.closest(".rule-card") : null;
    if (!holder && card) holder = card.querySelector(".rule-pending[data-effective]");
    var eff = holder ? dayNumber(holder.getAttribute("data-effective")) : null;
    return eff !== null && eff > today ? holder.getAttribute("data-effective") : null;
  }
  /** Whether the rule around `node` is repealed (废止) by day `day`. */
  function repealedBy(node, day) {
    var card = node.closest ? node.closest("[data-repealed]") : null;
    var d = card ? dayNumber(card.getAttribute("data-repealed")) : null;
    return d !== null && d <= day;
  }
  function setupCardDeadlines() {
    var today = todayNumber();
    // 本规则已于 … 废止 / 将于 … 废止: by the reader's date (the build's guess aside).
    var cards = document.querySelectorAll(".rule-card[data-repealed], .rule-embed[data-repealed]");
    for (var c = 0; c < cards.length; c++) {
      var gone = repealedBy(cards[c], today);
      if (cards[c].classList.contains("rule-card")) cards[c].classList.toggle("rule-card-repealed", gone);
      var now = cards[c].querySelector(".rule-repealed"), ahead = cards[c].querySelector(".rule-repealed-ahead");
      if (now) now.hidden = !gone;
      if (ahead) ahead.hidden = gone;
    }
    // 本版自 … 起施行: shown while the reader's date is before it (the build's guess aside).
    var notes = document.querySelectorAll(".rule-pending[data-effective]");
    for (var j = 0; j < notes.length; j++) notes[j].hidden = !pendingFrom(notes[j], today);
    var embeds = document.querySelectorAll(".rule-embed[data-effective]");
    for (j = 0; j < embeds.length; j++) {
      var on = pendingFrom(embeds[j], today);
      if (on && !embeds[j].querySelector(".rule-pending")) {
        var head = embeds[j].querySelector(".rule-embed-summary");
        var p = el("p", { "class": "rule-pending" }, "本版自 " + on + " 起施行：在此之前仍按原规定办理。");
        if (head) head.parentNode.insertBefore(p, head.nextSibling);
      }
    }
    var limits = document.querySelectorAll(".rule-limits .limit[data-n], .rule-embed .limit[data-n]");
    if (!limits.length) return;
    var cal = window.HANDBOOK_CALENDAR || null, counter = deadlineCounter(cal);
    var start = today, year = dayDate(start).getUTCFullYear();
    for (var i = 0; i < limits.length; i++) {
      var n = Math.ceil(parseFloat(limits[i].getAttribute("data-n"))), unit = limits[i].getAttribute("data-unit");
      if (isNaN(n) || (unit !== "working_days" && unit !== "calendar_days")) continue;
      // A limit not yet in force: no due day counted with it (today the old one applies).
      // A repealed rule's limit: nothing accepted today is handled under it.
      if (repealedBy(limits[i], start)) continue;
      var later = pendingFrom(limits[i], start), prev = limits[i].getAttribute("data-previous");
      if (later && prev === null) {
        limits[i].appendChild(el("span", { "class": "limit-due" }, later + " 起施行，今天受理的仍按原规定"));
        continue;
      }
      // Not yet in force, with the value until then: today's due day is counted with that.
      if (later) n = Math.ceil(parseFloat(prev));
      var last = unit === "working_days" ? counter.workingDays(start, n) : counter.calendarDays(start, n);
      var weekendsOnly = counter.skipsHolidays(unit) && counter.uncovered(start, last).length > 0;
      // 今天受理的，截止 …: a limit that counts from something else than today (办结, say) is
      // not mistaken for one that runs from the call.
      var from = limits[i].getAttribute("data-from");
      var lead = from ? "今天" + from + "的，截止 " : "今天起算，截止 ";
      var unitText = limits[i].querySelector(".limit-unit");
      var due = el("span", { "class": "limit-due" }, lead + dueLabel(last, year) + (weekendsOnly ? "（未计节假日）" : "") +
        (later ? "（按现行 " + prev + (unitText ? unitText.textContent : "") + "）" : ""));
      if (weekendsOnly) due.title = "这本手册没有录入这一年的节假日安排：只扣除了周六、周日，遇法定节假日和调休请顺延";
      limits[i].appendChild(due);
    }
  }
  function setupDeadlines() {
    var box = document.getElementById("deadline-calc"), table = document.getElementById("time-limits");
    if (!box || !table) return;
    var from = document.getElementById("deadline-from"), at = document.getElementById("deadline-at");
    var note = document.getElementById("deadline-note");
    var cal = window.HANDBOOK_CALENDAR || null, counter = deadlineCounter(cal);
    var cells = table.querySelectorAll(".tl-due");
    for (var i = 0; i < cells.length; i++) cells[i].hidden = false;
    var now = new Date();
    var today = isoDay(now);
    from.value = today;
    at.value = pad2(now.getHours()) + ":" + pad2(now.getMinutes());
    // Limits count from different days (受理, 办结 ...: data-from): one date for each, so a
    // reply due 3 working days after closing is not counted from the day of the call. The
    // first date box serves the limits that say nothing, or else the first kind of day.
    var values = table.querySelectorAll(".tl-value[data-n]"), kinds = [], bare = false;
    for (i = 0; i < values.length; i++) {
      var f = values[i].getAttribute("data-from");
      if (!f) bare = true;
      else if (kinds.indexOf(f) < 0) kinds.push(f);
    }
    var pickers = {}, label = box.querySelector('label[for="deadline-from"]');
    if (kinds.length) {
      var help = box.querySelector(".deadline-help");
      if (!bare) {
        pickers[kinds[0]] = from;
        if (label) label.textContent = "算截止日期，" + kinds[0] + "日：";
      }
      var after = from.parentNode;
      for (i = bare ? 0 : 1; i < kinds.length; i++) {
        var p = el("p"), id = "deadline-from-" + i;
        p.appendChild(el("label", { "for": id }, kinds[i] + "日："));
        var input = el("input", { type: "date", id: id });
        input.value = today;
        p.appendChild(input);
        after.parentNode.insertBefore(p, after.nextSibling);
        after = p;
        pickers[kinds[i]] = input;
        input.addEventListener("change", changed);
        input.addEventListener("input", changed);
      }
      if (help) help.textContent = "每项时限按它的起算日计算（" + kinds.join("、") + "日各填一个日期）" + (bare ? "；没有写明的，按上面的起算日。" : "。");
    }
    // The calculation is kept in the page's address, to send to someone, bookmark or reload:
    // #from=2026-11-20&closed=2026-11-27&at=16:30&rule=TS-PROC-002 -- from is the first date
    // box, the others are named by what they count from (受理 accepted, 办结 closed, any other
    // kind by its own name), at the time, rule the rules whose rows alone are shown (a rule
    // card's link). Rewritten in place as the reader types (replaceState): no entry in the
    // back button's list for each key.
    var NAMES = { "受理": "accepted", "办结": "closed" };
    var firstKind = !bare && kinds.length ? kinds[0] : null;
    var boxes = [{ key: "from", alias: firstKind ? NAMES[firstKind] || firstKind : null, input: from }];
    for (i = 0; i < kinds.length; i++) {
      if (pickers[kinds[i]] !== from) boxes.push({ key: NAMES[kinds[i]] || kinds[i], kind: kinds[i], input: pickers[kinds[i]] });
    }
    var focusRules = [];
    var focusBox = document.getElementById("deadline-focus"), focusText = document.getElementById("deadline-focus-text");
    var focusAll = document.getElementById("deadline-focus-all"), status = document.getElementById("deadline-status");
    function readAddress() {
      var h = location.hash.replace(/^#/, ""), out = {}, parts = h.split("&");
      if (h.indexOf("=") < 0) return null;
      for (var j = 0; j < parts.length; j++) {
        var eq = parts[j].indexOf("=");
        if (eq < 0) continue;
        try { out[decodeURIComponent(parts[j].slice(0, eq))] = decodeURIComponent(parts[j].slice(eq + 1)); } catch (e) { /* not ours */ }
      }
      return out;
    }
    function applyAddress(a) {
      if (!a) return;
      for (var j = 0; j < boxes.length; j++) {
        var v = a.hasOwnProperty(boxes[j].key) ? a[boxes[j].key] : (boxes[j].alias && a.hasOwnProperty(boxes[j].alias) ? a[boxes[j].alias] : null);
        var n = dayNumber(v);
        if (n !== null && dayString(n) === v) boxes[j].input.value = v;
      }
      if (/^([01]\d|2[0-3]):[0-5]\d$/.test(a.at || "")) at.value = a.at;
      focusRules = [];
      var ids = (a.rule || "").split(",");
      for (j = 0; j < ids.length; j++) {
        var id = ids[j].replace(/^\s+|\s+$/g, "").toUpperCase();
        if (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(id) && focusRules.indexOf(id) < 0) focusRules.push(id);
      }
    }
    function writeAddress() {
      var parts = [];
      for (var j = 0; j < boxes.length; j++) {
        if (boxes[j].input.value) parts.push(encodeURIComponent(boxes[j].key) + "=" + boxes[j].input.value);
      }
      if (at.value) parts.push("at=" + at.value);
      if (focusRules.length) parts.push("rule=" + focusRules.join(","));
      var url = location.href.split("#")[0] + (parts.length ? "#" + parts.join("&") : "");
      if (url === location.href) return;
      try { history.replaceState(history.state, "", url); } catch (e) { /* the page works, unkept */ }
    }
    // (The calendar's warning under the boxes, if any: a screen reader hears it with the dates.)
    var said = null, warned = "";
    function changed() {
      update();
      writeAddress();
      // For a screen reader: what changed, once the reader stops typing.
      clearTimeout(said);
      said = setTimeout(function () { announce(true); }, 700);
    }
    function announce(dates) {
      var rows = table.tBodies[0].rows, shown = [], j;
      // (The rows shown: neither hidden here nor left out by the filter box above the table.)
      for (j = 0; j < rows.length; j++) if (!rows[j].hidden && !rows[j].classList.contains("tl-filtered")) shown.push(rows[j]);
      var text = "";
      if (dates && shown.length <= 6) {
        var each = [];
        for (j = 0; j < shown.length; j++) {
          var c = shown[j].cells;
          var n = c.length > 3 ? c[1].querySelector("strong") : null;
          var unit = n && n.nextSibling && n.nextSibling.nodeType === 3 ? n.nextSibling.nodeValue : "";
          // (Nor a row without a due day: a start date the box does not hold, 61207-02-02.)
          if (n && c[2].textContent !== "—" && /\S/.test(c[2].textContent)) each.push(c[0].textContent + " " + n.textContent + unit + "（" + c[3].textContent + "）：" + c[2].textContent);
        }
        text = each.join("；");
      }
      var due = 0;
      for (j = 0; j < shown.length; j++) if (shown[j].cells.length > 2 && /\S/.test(shown[j].cells[2].textContent) && shown[j].cells[2].textContent !== "—") due++;
      // (Many rows: the dates counted from, so that each change is heard -- the same words
      // again are not read out -- and the calendar's warning, the note under the boxes being
      // no live region: a date half typed would have it say 请选择起算日期 at every key.)
      var from = [];
      for (j = 0; j < boxes.length; j++) {
        var b = boxes[j];
        if (b.input.value && !b.input.parentNode.hidden) from.push((b.kind || firstKind || "起算") + "日 " + b.input.value);
      }
      text = text || (dates && !due ? "请选择起算日期。" : dates ? "已按" + from.join("、") + "重新计算 " + shown.length + " 项时限的截止日期。" : "显示全部 " + shown.length + " 项时限。");
      if (dates && due && warned) text = text.replace(/。?$/, "。") + "注意：" + warned;
      status.textContent = text;
    }
    function update() {
      var rows = table.tBodies[0].rows, uncovered = {}, r, unset = false;
      var t = /^(\d{1,2}):(\d{2})/.exec(at.value || "");
      var minutes = t ? +t[1] * 60 + +t[2] : null;
      var now = todayNumber(), known = [], used = {}, count = 0;
      for (r = 0; r < rows.length; r++) {
        var id = rows[r].getAttribute("data-rule");
        if (focusRules.indexOf(id) >= 0 && known.indexOf(id) < 0) known.push(id);
      }
      for (r = 0; r < rows.length; r++) {
        var v = rows[r].querySelector(".tl-value"), due = rows[r].querySelector("td.tl-due");
        if (!v || !due) continue;
        var kind = v.getAttribute("data-from");
        var start = dayNumber((kind && pickers[kind] ? pickers[kind] : from).value);
        // Shown: the rules asked for (#rule=), if any; a rule repealed by now (the reader's
        // date) only for a start before the day, when the case is still handled under it.
        var mine = known.indexOf(rows[r].getAttribute("data-rule")) >= 0;
        var gone = dayNumber(rows[r].getAttribute("data-repealed"));
        var hide = known.length ? !mine : gone !== null && gone <= now && (start === null || start >= gone);
        rows[r].hidden = hide;
        if (!hide) {
          count++;
          if (v.hasAttribute("data-n")) used[kind || ""] = true;
        }
        var startYear = start === null ? 0 : dayDate(start).getUTCFullYear();
        if (start === null && v.hasAttribute("data-n") && !hide) unset = true;
        var n = parseFloat(v.getAttribute("data-n")), unit = v.getAttribute("data-unit");
        var text = "", sort = "";
        // (A length of time that is not a deadline, hours of service say, has no data-n.)
        var eff = v.getAttribute("data-effective"), effDay = eff ? dayNumber(eff) : null;
        var rep = v.getAttribute("data-repealed"), repDay = rep ? dayNumber(rep) : null;
        // (A limit changed by a version published ahead, with its value until then: a start
        // before that day counts with the old value.)
        var prevN = v.getAttribute("data-previous"), early = start !== null && effDay !== null && start < effDay;
        if (early && prevN !== null) n = parseFloat(prevN);
        // (A version in force that names no limit it changed, a rule revised for its wording:
        // a case accepted before it counts with the limit as it stands, said so, for whoever
        // checks an older case. Only a version still ahead leaves the count to the old rule.)
        var asNow = early && prevN === null && effDay <= todayNumber();
        if (!v.hasAttribute("data-n")) text = "—";
        // (The rule is repealed by the start day: what is accepted then is not handled under it.)
        else if (start !== null && repDay !== null && start >= repDay) text = rep + " 起废止";
        // (This limit is a version in force from a later day than the start: not counted.)
        else if (early && prevN === null && !asNow) text = eff + " 起施行，此前受理的按原规定";
        else if (start !== null && !isNaN(n)) {
          if (unit === "hours" || unit === "minutes") {
            if (minutes !== null) {
              var end = minutes + Math.ceil(unit === "hours" ? n * 60 : n);
              var day = start + Math.floor(end / 1440), m = end % 1440;
              text = dueLabel(day, startYear) + " " + pad2(Math.floor(m / 60)) + ":" + pad2(m % 60) + " 前";
              sort = day * 1440 + m;
            } else text = "填起算时刻后显示";
          } else {
            var last = unit === "working_days" ? counter.workingDays(start, Math.ceil(n)) : counter.calendarDays(start, Math.ceil(n));
            text = dueLabel(last, startYear);
            sort = last * 1440 + 1439;
            if (counter.skipsHolidays(unit) && !hide) {
              var gaps = counter.uncovered(start, last);
              for (var y = 0; y < gaps.length; y++) uncovered[gaps[y]] = true;
            }
          }
        }
        var unitLabel = { working_days: "个工作日", calendar_days: "天", hours: "小时", minutes: "分钟" }[unit] || "";
        if (early && prevN !== null && sort !== "") {
          text += "（按 " + eff + " 前的 " + prevN + unitLabel + "）";
        } else if (asNow && sort !== "") {
          text += "（按现行 " + n + unitLabel + "；本版 " + eff + " 起施行，未注明此前的时限不同）";
        }
        due.textContent = text;
        due.setAttribute("data-value", sort === "" ? "Infinity" : String(sort));
      }
      // One rule's rows (or a few): say which, with the way back to all of them; a date box no
      // shown row counts from is hidden meanwhile (the card's rule counts from 办结: that box).
      var unknown = [];
      for (r = 0; r < focusRules.length; r++) if (known.indexOf(focusRules[r]) < 0) unknown.push(focusRules[r]);
      var names = [];
      for (r = 0; r < rows.length; r++) {
        var link = rows[r].cells.length > 4 ? rows[r].cells[4].querySelector("a") : null;
        if (!rows[r].hidden && known.length && link && names.indexOf(link.textContent) < 0) names.push(link.textContent);
      }
      var say = "";
      if (known.length) say = "只显示 " + names.join("、") + " 的 " + count + " 项时限。";
      if (unknown.length) say += "时限速查中没有 " + unknown.join("、") + " 的时限" + (known.length ? "。" : "，下面是全部时限。");
      focusText.textContent = say;
      focusBox.hidden = !focusRules.length;
      for (r = 1; r < boxes.length; r++) boxes[r].input.parentNode.hidden = known.length > 0 && !used[boxes[r].kind];
      warned = "";
      var missing = [];
      for (var k in uncovered) if (uncovered.hasOwnProperty(k)) missing.push(k);
      var parts = [];
      if (unset) parts.push("请选择起算日期。");
      else if (!cal) parts.push(warned = "本手册没有录入节假日安排：工作日只扣除了周六、周日，遇法定节假日和调休请顺延。");
      // (A past year the calendar does not give, for an old case: 没有录入, not 还没有.)
      else if (missing.length) parts.push(warned = missing.join("、") + " 年的节假日安排" + (+missing[missing.length - 1] < dayDate(now).getUTCFullYear() ? "没有录入" : "还没有录入") + "：这一年只扣除了周六、周日，遇法定节假日和调休请顺延。");
      parts.push(counter.first === "same" ? "起算当天是工作日的，算作第 1 天。" : "起算当天不计入，从次日开始计算。");
      if (cal && cal.last === "extend") parts.push("按自然日计的时限，最后一天是休息日或节假日的，顺延到其后第一个工作日。");
      // (Set only when it changes: it is read out as it does.)
      if (note.textContent !== parts.join("")) note.textContent = parts.join("");
      note.className = "deadline-note" + (!unset && (!cal || missing.length) ? " deadline-warn" : "");
      // (The rows shown changed: the filter box's count, of those, again.)
      if (limitFilter) limitFilter.update();
    }
    from.addEventListener("change", changed);
    from.addEventListener("input", changed);
    at.addEventListener("change", changed);
    at.addEventListener("input", changed);
    focusAll.addEventListener("click", function () {
      focusRules = [];
      update();
      writeAddress();
      announce(false);
      table.setAttribute("tabindex", "-1");
      table.focus();
    });
    // An address typed or pasted over this one (the page is not reloaded for a new #...).
    window.addEventListener("hashchange", function () {
      var a = readAddress();
      if (a) applyAddress(a);
      else focusRules = [];
      update();
    });
    applyAddress(readAddress());
    box.hidden = false;
    update();
  }

  // Revisions this reader has not seen. On the lists of revisions (the home page's and 最近修订)
  // an entry gets a 新 badge when it was revised after the reader's first visit and its page
  // has not been read since; opening 最近修订 marks them all seen. A lesson or rule card
  // read before and revised since says so at its top. When a page was last read (its end
  // reached) is quiz.js's record (localStorage["handbook-progress:" + book].lessons[page
  // dir] = ms), read here before quiz.js records this visit; the reader's watermark is
  // localStorage["handbook-changes-seen:" + book] = "YYYY-MM-DD".
  /** The local start of a day written YYYY-MM-DD, in ms; null for anything else. */
  function localDayStart(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
    return m ? new Date(+m[1], +m[2] - 1, +m[3]).getTime() : null;
  }
  // 演示模式: said at the top of every page of the tab, with the way out.
  function setupDemoNote() {
    if (!window.HANDBOOK_LEARNER.demo) return; // (as the page opened: where its records go)
    var at = document.getElementById("main") || body;
    var note = el("div", { "class": "demo-note", role: "note" });
    note.appendChild(el("strong", {}, "演示模式"));
    var end = new Date(demoUntil());
    // (The day too when it is not today: 03:57 自动结束 at 14:00 read as a few hours away.)
    var days = dayNumber(isoDay(end)) - dayNumber(isoDay(new Date()));
    var day = days <= 0 ? "" : days === 1 ? "明天 " : days === 2 ? "后天 " : (end.getMonth() + 1) + " 月 " + end.getDate() + " 日 ";
    note.appendChild(document.createTextNode("：这个浏览器里打开的本手册页面，阅读、答题、收藏和搜索记录都不记入学员的学习进度，关闭标签页就清除；仅供培训师的段落先收起。" +
      day + pad2(end.getHours()) + ":" + pad2(end.getMinutes()) + " 自动结束。"));
    var off = el("button", { type: "button", "class": "demo-off" }, "退出演示模式");
    off.addEventListener("click", function () { setDemo(false); location.reload(); });
    note.appendChild(off);
    at.insertBefore(note, at.firstChild);
    // A part for trainers alone (带教提示, a marking scheme) is folded on the projector: the
    // class sees that there is one, the trainer opens it where it helps.
    var parts = document.querySelectorAll('.readers-part[data-readers="trainer"]');
    for (var i = 0; i < parts.length; i++) (function (part) {
      var b = el("button", { type: "button", "class": "demo-unfold", "aria-expanded": "false" }, "仅供培训师的一段（演示模式下收起）· 展开");
      b.addEventListener("click", function () {
        var folded = part.classList.toggle("demo-folded");
        b.setAttribute("aria-expanded", String(!folded));
        b.textContent = folded ? "仅供培训师的一段（演示模式下收起）· 展开" : "收起这段仅供培训师的内容";
      });
      part.classList.add("demo-folded");
      part.insertBefore(b, part.firstChild);
    })(parts[i]);
  }
  // Came by an old address (redirect.js): say so at the top, and what became of it.
  function setupForwardedNote() {
    var f = null;
    try {
      f = JSON.parse(sessionStorage.getItem("handbook-forwarded") || "null");
      sessionStorage.removeItem("handbook-forwarded");
    } catch (e) { return; }
    if (!f || typeof f.at !== "number" || new Date().getTime() - f.at > 30000) return;
    var article = document.querySelector("article.content");
    if (!article) return;
    var text = (typeof f.note === "string" && f.note ? f.note + "。" : "你打开的是本页的旧地址，已转到这里。") + "请把书签改成现在的地址。";
    article.insertBefore(el("p", { "class": "revised-notice forwarded-notice", role: "note" }, text), article.firstChild);
  }
  // A page the build that wrote nav.js did not write (nav.js names its build; each page asks
  // for nav.js?v=<that build>): one left behind when a new site was copied over the old
  // folder — a lesson or rule card deleted since, with what was true then — or an old copy a
  // browser kept. Says so at its top, before anyone reads a time limit off it: in red when
  // the current handbook has no such page, else as an old copy to reload.
  // 网站版本 in the footer: which build a page belongs to, for a call to whoever publishes the
  // site ("what does it say at the bottom?"). From nav.js, which every build writes, so the
  // pages themselves stay the same bytes from build to build.
  function setupBuildId() {
    var data = window.HANDBOOK_NAV, foot = document.querySelector(".footer p");
    if (!foot || !data || typeof data.build !== "string") return;
    // (A spare put back in the site's place by a rollback: the build it was.)
    var id = data.build !== "retired" ? data.build : typeof data.was === "string" && !oldCopy() ? data.was : "";
    if (!id) return;
    foot.appendChild(document.createTextNode(" · "));
    foot.appendChild(el("span", { "class": "build-id", title: "把这个编号告诉网站管理员，他就知道你看的是哪一次发布的手册" }, "网站版本 " + id));
  }
  /** Whether this page is of the site a build replaced (`.site.spare`, nav.js's `retired` naming
   *  the site's folder) opened where it was kept, not put back in the site's place. */
  function oldCopy() {
    var data = window.HANDBOOK_NAV;
    if (!data || typeof data.retired !== "string") return false;
    var named = document.createElement("a"), here = "";
    named.href = root + "index.html";
    try { here = decodeURIComponent(named.pathname.replace(/\/index\.html$/, "").split("/").pop() || ""); } catch (e) { here = ""; }
    // Over http the address need not name the folder (nginx's `alias`: /handbook/ is
    // /srv/site): there, only the spare's own name says it is the spare. On a drive, any
    // name but the site's (a copy kept as site-2026-11 is an old copy too).
    if (typeof data.spare === "string" && /^https?:$/.test(location.protocol)) return here === data.spare;
    return here !== data.retired;
  }
  function setupStalePage() {
    var data = window.HANDBOOK_NAV, scripts = document.getElementsByTagName("script"), m = null;
    for (var i = 0; !m && i < scripts.length; i++) {
      m = /(^|\/)nav\.js\?(?:[^#]*&)?v=([0-9a-f]+)/.exec(scripts[i].getAttribute("src") || "");
    }
    if (!data || typeof data.build !== "string" || !m || m[2] === data.build) return;
    var at = document.querySelector("article.content") || document.getElementById("main");
    // The site a build replaced, kept beside the current one (`.site.spare`, for a faster next
    // build) and opened there: on a shared drive it is in plain sight.
    if (typeof data.retired === "string") {
      // Put back in the current site's place (a rollback: `site` aside, `.site.spare` renamed
      // `site`), it is the current site: its link would lead to itself.
      if (!oldCopy()) return;
      var old = el("div", { "class": "revised-notice stale-notice", role: "alert" });
      old.appendChild(el("strong", {}, "这是手册的旧副本，不是现行版本。"));
      old.appendChild(document.createTextNode("它是上一次构建被替换下来的文件夹（留作加快下次构建），时限、流程和口径可能已经过时，不要照此答复客户。　"));
      // (Not `current`: the page's own path, read below.)
      var site = { href: root + "../" + encodeURIComponent(data.retired) + "/index.html", text: "打开现行手册" };
      old.appendChild(el("a", { href: site.href }, site.text));
      if (at) at.insertBefore(old, at.firstChild);
      inSight(old, "旧副本，不是现行版本：不要照此答复客户。", site);
      return;
    }
    var gone = !siteHas(current);
    var note = el("div", { "class": "revised-notice" + (gone ? " stale-notice" : ""), role: gone ? "alert" : "note" });
    if (gone) {
      note.appendChild(el("strong", {}, "这一页不属于手册的当前版本。"));
      note.appendChild(document.createTextNode("它已被删除或移动：本页的时限、流程和口径可能已经过时，不要照此答复客户。　"));
    } else {
      note.appendChild(document.createTextNode("这是本页的旧副本（浏览器缓存的，或手册正在更新）：请重新载入，看到的才是现行内容。　"));
    }
    var again = el("button", { type: "button", "class": "quiz-btn stale-reload" }, "重新载入");
    again.addEventListener("click", function () { location.reload(); });
    note.appendChild(again);
    note.appendChild(document.createTextNode("　"));
    note.appendChild(el("a", { href: root + "index.html" }, "回首页"));
    var title = (document.querySelector("article.content h1") || {}).textContent;
    if (gone && title && document.getElementById("search")) {
      note.appendChild(document.createTextNode("　"));
      note.appendChild(el("a", { href: root + "search/index.html?q=" + encodeURIComponent(title.trim()) }, "搜索“" + title.trim() + "”的现行内容"));
    }
    if (at) at.insertBefore(note, at.firstChild);
    if (gone) inSight(note, "这一页不属于手册的当前版本：不要照此答复客户。", { href: root + "index.html", text: "回首页" });
  }
  /** A notice that the page is not to be answered from is said again in a bar at the foot of
   *  the window, in sight wherever the page is read: a link to a clause (`#严禁-3`) opened the
   *  old copy 2,000 px below its notice (agent review). (At the foot: stuck at the top, it
   *  covered the filter box and letter bar stuck there, and took half a phone's screen.) */
  function inSight(note, what, link) {
    if (!note.parentNode) return;
    var bar = el("div", { "class": "stale-bar", role: "note" });
    bar.appendChild(el("strong", {}, what));
    if (link) { bar.appendChild(document.createTextNode("　")); bar.appendChild(el("a", { href: link.href }, link.text)); }
    body.appendChild(bar);
    body.className += " has-stale-bar";
  }
  function setupRevisionNotes() {
    var s = store(), book = learnerBook;
    if (!s) return;
    var progress = null, opened = {};
    try {
      var p = JSON.parse(s.getItem("handbook-progress:" + book) || "null");
      if (p && p.v === 1) progress = p;
    } catch (e) { progress = null; }
    if (progress && progress.lessons && typeof progress.lessons === "object") opened = progress.lessons;
    // (A page read under its old folder, before it moved, counts as read: quiz.js's moveRead,
    // which has not run yet.)
    var moved = window.HANDBOOK_NAV && window.HANDBOOK_NAV.moved;
    if (moved && typeof moved === "object") {
      for (var old in opened) {
        if (!opened.hasOwnProperty(old) || !moved.hasOwnProperty(old) || typeof opened[old] !== "number") continue;
        var to = moved[old];
        if (!(opened[to] >= opened[old])) opened[to] = opened[old];
      }
    }
    function openedSince(page, date) {
      var t = localDayStart(date), o = opened.hasOwnProperty(page) ? opened[page] : null;
      return typeof o === "number" && t !== null && o >= t;
    }
    // The page's latest revision (its 修订记录's first row), and a note at the top about it.
    var row = document.querySelector(".content .revisions tbody tr");
    var date = row && row.cells.length > 1 ? row.cells[0].textContent.trim() : "";
    function noteRevised(said, advice) {
      var note = el("p", { "class": "revised-notice", role: "note" });
      note.appendChild(document.createTextNode(said + "它在 " + date + " 有修订：" + row.cells[1].textContent.trim() + "　" + advice));
      var id = (row.parentNode.parentNode.parentNode.querySelector("h2") || {}).id || "修订记录";
      note.appendChild(el("a", { href: "#" + encodeURIComponent(id) }, "看修订记录"));
      var article = document.querySelector("article.content");
      if (article) article.insertBefore(note, article.firstChild);
    }
    var kind = body.className;
    if (/\bkind-(lesson|rule)\b/.test(kind) && opened.hasOwnProperty(current)) {
      if (localDayStart(date) !== null && !openedSince(current, date)) noteRevised("你上次打开这一页之后，", "");
    }
    // A quiz passed before its latest revision (a corrected answer): says so, and when.
    var app = document.querySelector(".quiz-app[data-quiz]");
    if (/\bkind-quiz\b/.test(kind) && app && progress && progress.quizzes) {
      var rec = progress.quizzes[app.getAttribute("data-quiz")];
      var passed = rec && typeof rec.passedAt === "number" ? rec.passedAt : null;
      if (passed !== null && localDayStart(date) !== null && localDayStart(date) > passed) {
        noteRevised("你在 " + isoDay(new Date(passed)) + " 通过这套测验之后，", "答案可能变了，建议再做一次。　");
      }
    }
    var items = document.querySelectorAll("[data-change-date]");
    if (!items.length) return;
    var KEY = "handbook-changes-seen:" + book, seen = null, newest = "", i;
    try { seen = s.getItem(KEY); } catch (e) { return; }
    for (i = 0; i < items.length; i++) {
      var d = items[i].getAttribute("data-change-date");
      if (d > newest) newest = d;
    }
    if (seen && /^\d{4}-\d{2}-\d{2}$/.test(seen)) {
      for (i = 0; i < items.length; i++) {
        var it = items[i], when = it.getAttribute("data-change-date");
        if (when > seen && !openedSince(it.getAttribute("data-change-page"), when)) {
          var at = it.querySelector(".change-date") || it;
          at.appendChild(el("span", { "class": "badge badge-new", title: "你上次查看修订记录之后的新修订" }, "新"));
        }
      }
    }
    // A first visit starts the watermark (nothing is new to a new reader); 最近修订 moves it.
    if (!seen || /\bkind-changes\b/.test(kind) && newest > seen) {
      try { s.setItem(KEY, newest); } catch (e) { /* full or private */ }
    }
  }

  // 话术汇编: a box that keeps the dialogues with what the reader typed, said as a customer says
  // it rather than in the lesson's words. Text is folded as search folds it (traditional,
  // full-width, any case: the search client's normaliser once its table is loaded). Every word
  // typed must be there; a Chinese word counts as its overlapping two-character pieces, each
  // found as it is or with up to two characters put in (翻倍 in 翻了几倍), and a word of three
  // pieces or more needs all but one of them (电费翻倍 finds 电费翻了一倍). When no dialogue
  // has every word, a word stands for its glossary synonyms too (态度差 for 服务态度); then
  // the dialogues that have the most of it are shown (电费太高: those about 电费), and a line
  // offers the same words to the site search.
  function setupPhraseFilter() {
    var box = document.querySelector(".phrases-box"), input = box && box.querySelector(".phrases-filter-input");
    if (!box || !input) return;
    var count = box.querySelector(".phrases-count");
    var more = box.querySelector(".phrases-more");
    if (!more) { more = el("p", { "class": "phrases-more" }); more.hidden = true; box.appendChild(more); }
    var phrases = document.querySelectorAll(".phrase"), groups = document.querySelectorAll(".phrases-group");
    // A bad example of a section without a good one: shown with the whole list only.
    var alone = document.querySelectorAll(".phrase-alone");
    var entries = [], i;
    for (i = 0; i < groups.length; i++) {
      entries.push(document.querySelector('.phrases-contents a[href="#' + groups[i].id.replace(/-group$/, "") + '"]'));
    }
    // (search.js loads after this script: looked up when used.)
    function norm(s) {
      var H = window.HandbookSearch;
      if (H && typeof H.normalise === "function") return H.normalise(s);
      s = String(s);
      try { if (s.normalize) s = s.normalize("NFKC"); } catch (e) { /* old browser */ }
      return s.toLowerCase();
    }
    // A dialogue's text without its buttons (复制) or the bad one shown to compare (对照), a line
    // break after each line.
    function textOf(node) {
      var out = "";
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) out += c.nodeValue;
        else if (c.nodeType === 1 && c.tagName !== "BUTTON" && c.tagName !== "DETAILS") {
          out += textOf(c);
          if (/^(P|LI|DIV|FIGCAPTION|OL|UL)$/.test(c.tagName)) out += "\n";
        }
      }
      return out;
    }
    var texts = null, synonyms = null, synonymsRaw = null, asked = false;
    function ensureTexts() {
      if (texts) return;
      texts = [];
      for (var k = 0; k < phrases.length; k++) texts.push(norm(textOf(phrases[k])));
    }
    var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
    var GAP = "[^\\s，。！？、；：,!?;:“”‘’「」（）()…—]{0,2}";
    function esc(s) { return s.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"); }
    /** A word as what is looked for: its Chinese pieces (each with the pattern that finds it with
     *  characters put in) and its runs of letters and digits, which must be there as typed. */
    function compile(w) {
      var chars = w.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) || [];
      var han = [], other = [], run = "", kind = 0, k;
      function flush() {
        if (kind === 1) {
          var cs = run.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) || [];
          if (cs.length === 1) han.push({ p: run, re: null });
          for (var j = 0; j + 1 < cs.length; j++) han.push({ p: cs[j] + cs[j + 1], re: new RegExp(esc(cs[j]) + GAP + esc(cs[j + 1])) });
        } else if (kind === 2) other.push(run);
        run = ""; kind = 0;
      }
      for (k = 0; k < chars.length; k++) {
        var c = chars[k], ck = HAN.test(c) || c.length === 2 ? 1 : /[0-9a-z\u00c0-\u024f]/.test(c) ? 2 : 0;
        if (ck !== kind) flush();
        if (ck) { run += c; kind = ck; }
      }
      flush();
      var n = han.length;
      return { text: w, han: han, other: other, need: n <= 2 ? n : n - 1, chars: chars };
    }
    /** How well text `t` has word `w`: {ok, score}. */
    function scoreWord(w, t) {
      var score = 0, found = 0, ok = true, k;
      if (t.indexOf(w.text) >= 0) return { ok: true, score: w.han.length + w.other.length + 1 };
      for (k = 0; k < w.other.length; k++) {
        if (t.indexOf(w.other[k]) >= 0) score += 1; else ok = false;
      }
      for (k = 0; k < w.han.length; k++) {
        var h = w.han[k];
        if (t.indexOf(h.p) >= 0) { found++; score += 1; }
        else if (h.re && h.re.test(t)) { found++; score += 0.6; }
      }
      return { ok: ok && found >= w.need, score: score };
    }
    /** Every dialogue against the words (each a list of alternatives, the best counted). */
    function scoreAll(words) {
      var out = [];
      for (var d = 0; d < texts.length; d++) {
        var ok = true, total = 0;
        for (var k = 0; k < words.length; k++) {
          var best = { ok: false, score: 0 };
          for (var a = 0; a < words[k].length && !best.ok; a++) {
            var r = scoreWord(words[k][a], texts[d]);
            if (r.ok || r.score > best.score) best = r;
          }
          if (!best.ok) ok = false;
          total += best.score;
        }
        out.push({ ok: ok, score: total });
      }
      return out;
    }
    /** The glossary's words for the same thing as `w`: the other words of the groups with a
     *  word holding it (领导 in 请示领导), or, `exact`, with `w` itself. Null without any. */
    function synonymsOf(w, exact) {
      if (!synonyms && synonymsRaw) {
        synonyms = [];
        for (var g = 0; g < synonymsRaw.length; g++) {
          var members = [];
          for (var m = 0; m < synonymsRaw[g].length; m++) if (synonymsRaw[g][m]) members.push(norm(synonymsRaw[g][m]));
          synonyms.push(members);
        }
      }
      if (!synonyms || w.length < 2) return null;
      var out = [], seen = {};
      seen["$" + w] = true;
      for (var i2 = 0; i2 < synonyms.length && out.length < 40; i2++) {
        var hit = false;
        for (var j = 0; j < synonyms[i2].length && !hit; j++) hit = exact ? synonyms[i2][j] === w : synonyms[i2][j].indexOf(w) >= 0;
        if (!hit) continue;
        for (j = 0; j < synonyms[i2].length; j++) {
          var s = synonyms[i2][j];
          if (!seen["$" + s]) { seen["$" + s] = true; out.push(s); }
        }
      }
      return out.length ? out : null;
    }
    var searchBox = document.getElementById("search");
    function offerSearch(q, lead) {
      while (more.firstChild) more.removeChild(more.firstChild);
      more.appendChild(document.createTextNode(lead));
      if (searchBox) {
        var a = el("a", { href: root + "search/index.html?q=" + encodeURIComponent(q) }, "在全站搜索“" + q + "”");
        a.addEventListener("click", function (e) {
          // Here, in the box at the top: the reader stays on this page.
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
          e.preventDefault();
          searchBox.focus();
          searchBox.value = q;
          var ev;
          try { ev = new Event("input", { bubbles: true }); } catch (x) { ev = document.createEvent("Event"); ev.initEvent("input", true, true); }
          searchBox.dispatchEvent(ev);
        });
        more.appendChild(document.createTextNode(" "));
        more.appendChild(a);
        more.appendChild(document.createTextNode("，规则、课程和术语里也许有。"));
      }
      more.hidden = false;
    }
    function update() {
      var q = input.value.replace(/^\s+|\s+$/g, ""), shown = 0, k, keep = [];
      ensureTexts();
      var raw = q ? norm(q).split(/[\s,，、;；。!！?？:：]+/) : [], words = [];
      for (k = 0; k < raw.length; k++) {
        var w = raw[k] ? compile(raw[k]) : null;
        if (w && (w.han.length || w.other.length)) words.push([w]);
      }
      var tier = "all", also = 0;
      if (words.length) {
        var res = scoreAll(words);
        tier = "match";
        for (k = 0; k < res.length; k++) { keep.push(res[k].ok); if (res[k].ok) shown++; }
        // The glossary's synonyms of each word: with them when no dialogue has the words as
        // typed (a word in a term's synonym counts: 态度差 in 服务态度差), and beside those that
        // have them otherwise, a word that is itself one of a term's words (道歉 keeps the
        // dialogues that say 抱歉, of 致歉, too).
        var any = false, alt = [], said = [];
        for (k = 0; k < words.length; k++) {
          var syn = synonymsOf(words[k][0].text, shown > 0), list = [words[k][0]];
          said.push([words[k][0].text].concat(syn || []));
          if (syn) { any = true; for (var s = 0; s < syn.length; s++) list.push(compile(syn[s])); }
          alt.push(list);
        }
        if (any && !shown) {
          var byAlt = scoreAll(alt);
          for (k = 0; k < byAlt.length; k++) { keep[k] = byAlt[k].ok; if (keep[k]) shown++; }
          if (shown) tier = "synonym";
        } else if (any) {
          // Beside the dialogues found, those that say each word or one of its synonyms as
          // written (not with characters put in: 来电了没 is no 来…没来).
          for (k = 0; k < texts.length; k++) {
            if (keep[k]) continue;
            var every = true;
            for (var wi = 0; wi < said.length && every; wi++) {
              var one = false;
              for (var si = 0; si < said[wi].length && !one; si++) one = texts[k].indexOf(said[wi][si]) >= 0;
              every = one;
            }
            if (every) { keep[k] = true; shown++; also++; }
          }
        }
        if (!shown) {
          // The nearest: the most of the pieces (at least half the best's), or else a
          // character typed that few dialogues have (骂 of 骂人).
          res = scoreAll(words);
          var best = 0;
          for (k = 0; k < res.length; k++) if (res[k].score > best) best = res[k].score;
          if (!best) {
            var chars = {};
            for (k = 0; k < words.length; k++) for (var c = 0; c < words[k][0].chars.length; c++) {
              var ch = words[k][0].chars[c];
              if (HAN.test(ch)) chars["$" + ch] = ch;
            }
            for (var key in chars) if (chars.hasOwnProperty(key)) {
              var df = 0, has = [];
              for (k = 0; k < texts.length; k++) { has.push(texts[k].indexOf(chars[key]) >= 0); if (has[k]) df++; }
              if (!df || df > Math.max(1, texts.length / 4)) continue;
              for (k = 0; k < texts.length; k++) if (has[k]) res[k].score += 1;
            }
            for (k = 0; k < res.length; k++) if (res[k].score > best) best = res[k].score;
          }
          for (k = 0; k < res.length; k++) { keep[k] = best > 0 && res[k].score >= best / 2; if (keep[k]) shown++; }
          tier = shown ? "near" : "none";
        }
      }
      for (k = 0; k < phrases.length; k++) phrases[k].hidden = tier !== "all" && !keep[k];
      for (k = 0; k < alone.length; k++) alone[k].hidden = tier !== "all";
      for (k = 0; k < groups.length; k++) {
        var on = tier === "all" || !!groups[k].querySelector(".phrase:not([hidden])");
        groups[k].hidden = !on;
        if (entries[k] && entries[k].parentNode) entries[k].parentNode.hidden = !on;
      }
      var total = " / " + phrases.length + " 段";
      if (tier === "all") { count.textContent = ""; more.hidden = true; }
      else if (tier === "match") { count.textContent = "显示 " + shown + total + (also ? "（其中 " + also + " 段是同义说法）" : ""); more.hidden = true; }
      else if (tier === "synonym") {
        count.textContent = "显示 " + shown + total + "（同义说法）";
        offerSearch(q, "没有“" + q + "”的原话，下面是说法相近的对话。");
      } else if (tier === "near") {
        count.textContent = "显示 " + shown + total + "（部分符合）";
        offerSearch(q, "没有完全符合“" + q + "”的对话，下面是部分符合的。");
      } else {
        count.textContent = "显示 0" + total;
        offerSearch(q, "没有符合“" + q + "”的对话。");
      }
      pad();
    }
    // The box stays at the top as the page scrolls (main.css), under the top bar: a heading
    // jumped to (按课程跳转) or a 复制 reached with Tab must stop below both, whatever the
    // box's height (its line under the field comes and goes). In a short window the box does
    // not stay (main.css), and the page's usual margin is kept.
    function pad() {
      var de = document.documentElement;
      de.style.scrollPaddingTop = "";
      if (box.hidden || !window.getComputedStyle) return;
      var cs = window.getComputedStyle(box);
      if (cs.position !== "sticky" && cs.position !== "-webkit-sticky") return;
      de.style.scrollPaddingTop = Math.ceil((parseFloat(cs.top) || 0) + box.offsetHeight + 8) + "px";
    }
    var padTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(padTimer);
      padTimer = setTimeout(pad, 100);
    });
    var timer = null, kept = {};
    input.addEventListener("input", function () { typed(); kept.keep(); });
    function typed() {
      var H = window.HandbookSearch;
      // The fold table and the glossary's synonyms come with the search index's meta.js; with
      // them, fold again.
      if (!asked && H && typeof H.loadMeta === "function") {
        asked = true;
        try {
          H.loadMeta(function (m) {
            if (m && m.synonyms instanceof Array) synonymsRaw = m.synonyms;
            texts = null; synonyms = null;
            update();
          });
        } catch (e) { /* no index */ }
      }
      // (A large book's hundreds of dialogues: once the typing pauses.)
      clearTimeout(timer);
      if (phrases.length > 200) timer = setTimeout(update, 120); else update();
    }
    box.hidden = false;
    // (Words kept from before Back or a reload.)
    if (keepFilter("phrases", input, kept)) restored(typed, function () { return asked; }); else pad();
  }

  // A box (as 话术汇编's) over a long list -- 规则索引, 术语表, 时限速查 -- that keeps the entries
  // with every word typed, folded as search folds text: any case, full-width as half-width
  // (ts-proc finds TS-PROC-002, ＴＳ－ＰＲＯＣ too), traditional as simplified once the search
  // client's table is loaded. A group left with none goes, with its entry in the page's jump
  // list, whose numbers become those shown; the line beside the box says how many remain (a
  // live region), and a search of the whole site when none do. The box (and what stays at the
  // top with it) sticks below the top bar: a heading jumped to stops below them.
  //   o.box, o.input, o.count, o.more: the box, its input, its count line and its no-match line;
  //   o.groups: [{ node, also: [elements hidden with it], entry, num, items: [...] }];
  //   o.text(item): the item's words; o.hide(item, miss): hides it or shows it again;
  //   o.live(item): whether it is shown at all, apart from the box (default: yes);
  //   o.noun ("条规则"), o.what ("规则"), o.elsewhere ("课程和术语"): the words said;
  //   o.stuck: the elements that stay at the top, one below the other (default: the box).
  // Returns { update } (for a page whose list changes otherwise: 时限速查's dates).
  function fold(s) {
    var H = window.HandbookSearch;
    if (H && typeof H.normalise === "function") return H.normalise(s);
    s = String(s);
    try { if (s.normalize) s = s.normalize("NFKC"); } catch (e) { /* old browser */ }
    // (Without normalize, IE 11: full-width letters, digits and signs, and its space.)
    s = s.replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).replace(/\u3000/g, " ");
    return s.toLowerCase();
  }
  /** A filter box's words kept in the page's history entry (history.state.handbookFilter,
   *  { box name: words }), so Back from an entry opened, and a reload (serve's, after a
   *  trainer's save), find the list as it was left: a browser restores no value of an
   *  autocomplete="off" box. Written once the typing pauses and as the box is left; a jump
   *  within the page (a letter, a category: a new entry) takes the words along. Puts the kept
   *  words in the box (when empty) and returns true if it did; `o.keep` is then the writer. */
  function keepFilter(name, input, o) {
    function state() {
      var was = null, now = {};
      try { was = history.state; } catch (e) { was = null; }
      if (was && typeof was === "object") for (var k in was) if (Object.prototype.hasOwnProperty.call(was, k)) now[k] = was[k];
      return now;
    }
    function write() {
      var now = state(), kept = {}, was = now.handbookFilter, v = input.value;
      if (was && typeof was === "object") for (var k in was) if (Object.prototype.hasOwnProperty.call(was, k)) kept[k] = was[k];
      if ((kept[name] || "") === v) return;
      if (v) kept[name] = v; else delete kept[name];
      now.handbookFilter = kept;
      try { history.replaceState(now, ""); } catch (e) { /* no history API: the words live in the page only */ }
    }
    var timer = null;
    o.keep = function () { clearTimeout(timer); timer = setTimeout(write, 400); };
    input.addEventListener("change", function () { clearTimeout(timer); write(); });
    window.addEventListener("hashchange", function () { if (input.value) write(); });
    var kept = state().handbookFilter, v = kept && typeof kept === "object" ? kept[name] : null;
    if (input.value || typeof v !== "string" || !v) return false;
    input.value = v;
    return true;
  }

  /** A box's kept words filtered by at once, and again once the page has loaded when the
   *  search client (loaded after this script) was not there to fold them (`asked()` false):
   *  時限 finds 时限 after Back as it did when typed. */
  function restored(typed, asked) {
    typed();
    if (!asked() && document.readyState !== "complete") window.addEventListener("load", function () { if (!asked()) typed(); });
  }

  function listFilter(o) {
    var box = o.box, input = o.input, count = o.count, more = o.more, groups = o.groups;
    var stuck = o.stuck || [box], total = 0, g, j;
    for (g = 0; g < groups.length; g++) total += groups[g].items.length;
    var texts = null, asked = false;
    function ensureTexts() {
      if (texts) return;
      texts = [];
      for (var g = 0; g < groups.length; g++) {
        var t = [];
        for (var j = 0; j < groups[g].items.length; j++) t.push(fold(o.text(groups[g].items[j])));
        texts.push(t);
      }
    }
    function update() {
      var q = input.value.replace(/^\s+|\s+$/g, ""), words = [], shown = 0, live = 0, g, j, w, k;
      ensureTexts();
      var raw = q ? fold(q).split(/[\s,，、;；。]+/) : [];
      for (w = 0; w < raw.length; w++) if (raw[w]) words.push(raw[w]);
      for (g = 0; g < groups.length; g++) {
        var G = groups[g], here = 0;
        for (j = 0; j < G.items.length; j++) {
          var keep = true;
          for (w = 0; w < words.length && keep; w++) keep = texts[g][j].indexOf(words[w]) >= 0;
          o.hide(G.items[j], !keep);
          if (o.live && !o.live(G.items[j])) continue;
          live++;
          if (keep) here++;
        }
        shown += here;
        var gone = words.length > 0 && !here && G.items.length > 0;
        if (G.node) G.node.hidden = gone;
        for (k = 0; G.also && k < G.also.length; k++) G.also[k].hidden = gone;
        if (G.entry) G.entry.hidden = gone;
        // (The number only: its unit, for screen readers, stays after it.)
        if (G.num) {
          var nt = G.num.firstChild, nv = String(words.length ? here : G.items.length);
          if (nt && nt.nodeType === 3) nt.nodeValue = nv; else G.num.insertBefore(document.createTextNode(nv), nt);
        }
      }
      while (more.firstChild) more.removeChild(more.firstChild);
      more.hidden = true;
      if (!words.length) { count.textContent = ""; pad(); return; }
      count.textContent = "显示 " + shown + " / " + live + " " + o.noun;
      if (!shown) {
        more.appendChild(document.createTextNode("没有符合“" + q + "”的" + o.what + "。"));
        if (document.getElementById("search")) {
          more.appendChild(document.createTextNode(" "));
          more.appendChild(el("a", { href: root + "search/index.html?q=" + encodeURIComponent(q) }, "在全站搜索“" + q + "”"));
          more.appendChild(document.createTextNode("，" + o.elsewhere + "里也许有。"));
        }
        more.hidden = false;
      }
      pad();
    }
    // What stays at the top as the page scrolls (main.css), one below the other (the second
    // placed here below the first, whose height the count line changes): a heading jumped to
    // stops below them and the top bar.
    function pad() {
      var de = document.documentElement, below = 0;
      de.style.scrollPaddingTop = "";
      if (!window.getComputedStyle) return;
      for (var s = 0; s < stuck.length; s++) {
        var n = stuck[s];
        if (s) n.style.top = "";
        if (n.hidden) continue;
        var cs = window.getComputedStyle(n);
        if (cs.position !== "sticky" && cs.position !== "-webkit-sticky") continue;
        var top = parseFloat(cs.top) || 0;
        // (A pixel over the one above: at a fraction of a pixel apart, the text scrolling
        // under them showed between them on a phone.)
        if (below > top) { n.style.top = (below - 1) + "px"; top = below - 1; }
        below = top + n.getBoundingClientRect().height;
      }
      if (below) de.style.scrollPaddingTop = Math.ceil(below + 8) + "px";
    }
    var padTimer = null, timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(padTimer);
      padTimer = setTimeout(pad, 100);
    });
    function typed() {
      var H = window.HandbookSearch;
      // (The table that folds traditional characters comes with the search index's meta.js.)
      if (!asked && H && typeof H.loadMeta === "function") {
        asked = true;
        try { H.loadMeta(function () { texts = null; update(); }); } catch (e) { /* no index */ }
      }
      // (A provincial book's hundreds of entries: once the typing pauses.)
      clearTimeout(timer);
      if (total > 300) timer = setTimeout(update, 80); else update();
    }
    var kept = {};
    input.addEventListener("input", function () { typed(); kept.keep(); });
    // A link to an entry the box hides (a term from the search box's results, on the glossary
    // with 停电 in its box: the address changed and nothing seemed to happen) empties the box
    // and goes to the entry. (An entry shown, or one hidden for another reason, is left be.)
    function reveal() {
      var id = location.hash.slice(1), t;
      try { id = decodeURIComponent(id); } catch (e) { /* as written */ }
      t = id && document.getElementById(id);
      if (!t || !input.value || t.getClientRects().length) return;
      input.value = "";
      update();
      kept.keep();
      if (t.getClientRects().length && t.scrollIntoView) t.scrollIntoView();
    }
    window.addEventListener("hashchange", reveal);
    // (A link to the address's own part, #term already in it, changes no hash: second review.)
    document.addEventListener("click", function (e) {
      var a = e.target;
      while (a && !(a.tagName === "A" && a.hash)) a = a.parentNode;
      if (a && a.hash === location.hash && a.pathname === location.pathname) setTimeout(reveal, 0);
    });
    box.hidden = false;
    // (Words kept from before Back or a reload, or a box the browser filled in again.)
    if (keepFilter(o.name, input, kept)) restored(typed, function () { return asked; });
    else if (input.value) update(); else pad();
    if (location.hash) reveal();
    return { update: update };
  }
  function textIn(node, sel) { var n = node.querySelector(sel); return n ? n.textContent : ""; }
  /** The box's parts, named by their classes (no ids: a page's ids are the link targets
   *  `check` offers): `.<name>-filter`, its input `.<name>-filter-input`, `.<name>-count` and
   *  `.<name>-more`; null when the page has none. */
  function filterBox(name) {
    var box = document.querySelector("." + name + "-filter");
    var parts = box && { box: box, input: box.querySelector("." + name + "-filter-input"), count: box.querySelector("." + name + "-count"), more: box.querySelector("." + name + "-more") };
    if (parts) parts.name = name;
    return parts && parts.input && parts.count && parts.more ? parts : null;
  }

  // 规则索引: the rules whose id, title or summary has the words, by category, with 按分类跳转.
  function setupRuleFilter() {
    var o = filterBox("rules");
    if (!o) return;
    var sections = document.querySelectorAll(".rule-group"), entries = document.querySelectorAll(".rules-contents a");
    o.groups = [];
    for (var i = 0; i < sections.length; i++) {
      var h = sections[i].querySelector("h2"), entry = null, k;
      for (k = 0; h && k < entries.length; k++) if (entries[k].getAttribute("href") === "#" + h.id) entry = entries[k].parentNode;
      var lis = sections[i].querySelectorAll(".rule-list > li"), list = [];
      for (k = 0; k < lis.length; k++) list.push(lis[k]);
      o.groups.push({ node: sections[i], items: list, entry: entry, num: entry && entry.querySelector(".tag-count") });
    }
    o.text = function (li) { return textIn(li, ".mono") + "\n" + textIn(li, "strong") + "\n" + textIn(li, ".rule-summary"); };
    o.hide = function (li, miss) { li.hidden = miss; };
    o.noun = "条规则"; o.what = "规则"; o.elsewhere = "课程和术语";
    listFilter(o);
  }

  // 术语表: the terms whose term, synonyms (又称) or definition has the words, by letter; a
  // letter left with none goes from the letter bar, which stays at the top below the box
  // (after a jump to Z, A is a tap away).
  function setupGlossaryFilter() {
    var o = filterBox("glossary");
    if (!o) return;
    var heads = document.querySelectorAll("h2.glossary-letter"), bar = document.querySelector(".glossary-letters");
    var letters = bar ? bar.querySelectorAll("a") : [];
    o.groups = [];
    for (var i = 0; i < heads.length; i++) {
      var dl = heads[i].nextElementSibling, entry = null, k, items = [];
      for (k = 0; k < letters.length; k++) if (letters[k].getAttribute("href") === "#" + heads[i].id) entry = letters[k];
      if (!dl || !/\bglossary\b/.test(dl.className)) continue;
      for (var c = dl.firstElementChild; c; c = c.nextElementSibling) {
        if (c.tagName === "DT") items.push({ dt: c, dd: [] });
        else if (c.tagName === "DD" && items.length) items[items.length - 1].dd.push(c);
      }
      o.groups.push({ node: heads[i], also: [dl], entry: entry, items: items });
    }
    o.text = function (t) {
      var s = t.dt.textContent;
      // (Its definition and 又称, not the titles of its 相关规则.)
      for (var k = 0; k < t.dd.length; k++) {
        for (var n = t.dd[k].firstChild; n; n = n.nextSibling) {
          if (!(n.nodeType === 1 && /\brelated-rules\b/.test(n.className))) s += "\n" + n.textContent;
        }
      }
      return s;
    };
    o.hide = function (t, miss) {
      t.dt.hidden = miss;
      for (var k = 0; k < t.dd.length; k++) t.dd[k].hidden = miss;
    };
    o.noun = "个术语"; o.what = "术语"; o.elsewhere = "课程和规则";
    if (bar) o.stuck = [o.box, bar];
    listFilter(o);
  }

  // 时限速查: the rows whose 事项, 时限, 适用情形 or 规则 has the words. A row the calculator
  // hides (another rule asked for, #rule=; a rule repealed before the start day) stays hidden
  // and is not counted; the box hides with a class of its own, so the two never undo each
  // other, and sorting moves the rows, not what each is.
  var limitFilter = null;
  function setupLimitFilter() {
    var o = filterBox("limits"), table = document.getElementById("time-limits");
    if (!o || !table || !table.tBodies[0]) return;
    var rows = [], trs = table.tBodies[0].rows;
    for (var i = 0; i < trs.length; i++) rows.push(trs[i]);
    var wrap = table.parentNode && /\btable-wrap\b/.test(table.parentNode.className) ? table.parentNode : table;
    o.groups = [{ node: wrap, items: rows }];
    o.text = function (tr) {
      var s = "", c = tr.cells;
      for (var k = 0; k < c.length; k++) if (!/\btl-due\b/.test(c[k].className)) s += c[k].textContent + "\n";
      return s;
    };
    // (add / remove: IE 11's classList.toggle takes no second argument.)
    o.hide = function (tr, miss) { if (miss) tr.classList.add("tl-filtered"); else tr.classList.remove("tl-filtered"); };
    o.live = function (tr) { return !tr.hidden; };
    o.noun = "项时限"; o.what = "时限"; o.elsewhere = "课程和规则";
    limitFilter = listFilter(o);
  }

  // Highlight the table-of-contents entry of the section being read.
  function setupToc() {
    var links = document.querySelectorAll(".toc a");
    if (!links.length || !window.IntersectionObserver) return;
    var map = {};
    for (var i = 0; i < links.length; i++) map[decodeURIComponent(links[i].getAttribute("href").slice(1))] = links[i];
    var obs = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          for (var k in map) map[k].classList.remove("active");
          var a = map[entries[i].target.id];
          if (a) a.classList.add("active");
        }
      }
    }, { rootMargin: "0px 0px -70% 0px" });
    for (var id in map) { var h = document.getElementById(id); if (h) obs.observe(h); }
  }

  // Copy buttons: on code blocks, and on what the agent says in a good example dialogue (agents
  // on chat, SMS and work-order channels paste the wording). The clipboard API where the
  // browser allows it, else a selected text field (old browsers, some file:// set-ups).
  function copyText(text, done) {
    function fallback() {
      var ta = el("textarea", { readonly: "", "aria-hidden": "true", tabindex: "-1" });
      ta.value = text;
      ta.style.position = "fixed";
      ta.style.top = "-1000px";
      ta.style.opacity = "0";
      body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      body.removeChild(ta);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      try {
        navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
      } catch (e) { fallback(); }
    } else fallback();
  }

  // What a screen reader hears after 复制: the button's own text changes, but its name is its
  // aria-label (复制这句话术), so the outcome is said through one polite live region, put in
  // the page before it is needed (one inserted with its text is often not read).
  var copyStatus = null, copyStatusTimer = null;
  function copyAnnouncer() {
    if (copyStatus) return;
    copyStatus = el("div", { id: "copy-status", "class": "visually-hidden", role: "status", "aria-live": "polite" });
    // (Inside <main>: all content within landmarks.)
    (document.getElementById("main") || body).appendChild(copyStatus);
  }
  function sayCopied(words) {
    if (!copyStatus) return;
    clearTimeout(copyStatusTimer);
    copyStatus.textContent = "";
    // (Emptied first and filled a moment later: the same words twice are read twice.)
    copyStatusTimer = setTimeout(function () { copyStatus.textContent = words; }, 100);
  }

  /** A button that copies: `caption` on it, `text` (a string, or a function giving it when
   *  clicked) to the clipboard, then 已复制 (or 复制失败) on it for a moment and words.copied
   *  (or words.failed) said through the page's status region. `name`, given, is the button's
   *  accessible name (when the caption is a bare 复制). words.manual (the text, or a function
   *  giving it), given, is left selected in a field after the button when nothing could be
   *  copied (no clipboard, and execCommand refused), to copy by hand; words.field names it.
   *  Every page's copy buttons are these: the code blocks' and the team page's alike. */
  function copyButton(caption, text, words, cls, name) {
    copyAnnouncer();
    var b = el("button", { type: "button", "class": cls || "copy-button" }, caption);
    if (name) { b.setAttribute("aria-label", name); b.setAttribute("title", name); }
    var reset = null, field = null;
    b.addEventListener("click", function () {
      copyText(typeof text === "function" ? text() : text, function (ok) {
        sayCopied(ok ? words.copied : words.failed);
        b.textContent = ok ? "已复制" : "复制失败";
        // (The name holds the words on the button, 已复制这句话术: WCAG 2.5.3.)
        if (name) b.setAttribute("aria-label", ok ? (/^复制/.test(name) ? "已" + name : "已复制：" + name) : "复制失败：" + name);
        b.classList.toggle("copied", ok);
        if (!ok && words.manual && b.parentNode) {
          if (!field) field = el("input", { type: "text", readonly: "readonly", "class": "copy-field", "aria-label": words.field || "要复制的文字" });
          field.value = typeof words.manual === "function" ? words.manual() : words.manual;
          if (field.parentNode !== b.parentNode) b.parentNode.insertBefore(field, b.nextSibling);
          field.focus();
          field.select();
        }
        if (reset) clearTimeout(reset);
        reset = setTimeout(function () {
          b.textContent = caption;
          if (name) b.setAttribute("aria-label", name);
          b.classList.remove("copied");
        }, 1500);
      });
    });
    return b;
  }

  /** A copy button at the end of `target`: `text` (a string, or a function giving it when
   *  clicked) to the clipboard; `caption` (default 复制) comes back after 已复制. */
  function addCopy(target, text, label, caption, cls) {
    var b = copyButton(caption || "复制", text, { copied: "已复制", failed: "复制失败，请手动选择文字复制" }, "copy-button" + (cls ? " " + cls : ""), label);
    target.appendChild(b);
    return b;
  }

  function setupCopy() {
    var pres = document.querySelectorAll("article pre");
    for (var i = 0; i < pres.length; i++) {
      var code = pres[i].querySelector("code") || pres[i];
      pres[i].classList.add("has-copy");
      addCopy(pres[i], code.textContent.replace(/\n$/, ""), "复制代码");
    }
    var lines = document.querySelectorAll(".dialogue-good .dialogue-staff");
    for (var j = 0; j < lines.length; j++) {
      var said = lines[j].querySelector(".said");
      if (!said) continue;
      // (93 buttons named alike on the 话术 page: each is described by the line it copies, so
      // a screen reader's list of buttons tells them apart.)
      if (!said.id) said.id = "said-" + (j + 1);
      addCopy(lines[j], said.textContent, "复制这句话术").setAttribute("aria-describedby", said.id);
    }
  }

  // 最近修订's 复制更新通知: the latest day's changes as a message for the team's chat group or
  // an e-mail (one numbered line each, the version where there is one), with the page's
  // address when the site is on a server -- and, for a notice of at most LINKED lines, each
  // revised page's own under its line (a worker opens the rule from the chat, not the list).
  function setupChangesCopy() {
    if (!/(^|\s)kind-changes(\s|$)/.test(body.className)) return;
    var rows = document.querySelectorAll("tr[data-change-date]");
    if (!rows.length) return;
    // The notice covers the revisions from a day on: by default the latest day that has come
    // (a change published ahead, dated on its effective day, is not the release's date), and
    // a release of a month is one notice when the day is moved back.
    var today = isoDay(new Date()), newest = "", oldest = "9999";
    for (var i = 0; i < rows.length; i++) {
      var d = rows[i].getAttribute("data-change-date");
      if (d <= today && d > newest) newest = d;
      if (d < oldest) oldest = d;
    }
    if (!newest) newest = oldest;
    var table = rows[0].parentNode.parentNode, bar = el("p", { "class": "changes-actions" });
    var since = el("input", { type: "date", id: "changes-since", value: newest, max: today });
    var count = el("span", { "class": "changes-count", "aria-live": "polite" });
    bar.appendChild(el("label", { "for": "changes-since" }, "更新通知包括这一天起的修订："));
    bar.appendChild(since);
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    // (On paper, for the month's review meeting: the rows of the notice only, and from when.)
    var printed = el("p", { "class": "changes-printed" });
    table.parentNode.insertBefore(printed, table);
    // (Revisions older than the last three months are folded under the table: a notice from
    // a day among them opens them, and on paper only the notice's rows show in either.)
    var tables = document.querySelectorAll("table");
    for (var t = 0; t < tables.length; t++) if (tables[t].querySelector("tr[data-change-date]")) tables[t].classList.add("notice-ready");
    // (Its rows are newest first, as the table's.)
    var older = document.querySelector("details.changes-older");
    var olderFirst = older && older.querySelector("tr[data-change-date]");
    var olderNewest = olderFirst ? olderFirst.getAttribute("data-change-date") : "";
    function from() { return /^\d{4}-\d{2}-\d{2}$/.test(since.value) ? since.value : newest; }
    function picked() {
      var out = [], f = from();
      for (var k = 0; k < rows.length; k++) if (rows[k].getAttribute("data-change-date") >= f) out.push(rows[k]);
      return out;
    }
    function mark() {
      var f = from(), n = 0;
      for (var k = 0; k < rows.length; k++) {
        var on = rows[k].getAttribute("data-change-date") >= f;
        rows[k].classList.toggle("in-notice", on);
        if (on) n++;
      }
      if (older && f <= olderNewest) older.open = true;
      count.textContent = "（" + n + " 条，表中标出；打印时只打印这些）";
      printed.textContent = "本打印件列出 " + f + " 起的修订，共 " + n + " 条。";
    }
    since.addEventListener("change", mark);
    since.addEventListener("input", mark);
    mark();
    addCopy(bar, function () {
      var lines = [], list = picked(), f = from(), last = "", k;
      for (k = 0; k < list.length; k++) {
        var day = list[k].getAttribute("data-change-date");
        if (day <= today && day > last) last = day;
      }
      last = last || f;
      // Rules first, then lessons, then quizzes, each under its heading when the notice has
      // more than one kind (a month's release of a hundred revisions read as one mixed list);
      // numbered on through the groups, newest first within each.
      var kinds = [["rule", "规则"], ["lesson", "课程"], ["quiz", "测验"]], groups = 0, no = 0;
      var served = /^https?:/.test(location.protocol), linked = served && list.length <= 10;
      for (var g = 0; g < kinds.length; g++) {
        for (k = 0; k < list.length; k++) if ((list[k].getAttribute("data-change-kind") || "rule") === kinds[g][0]) { groups++; break; }
      }
      for (g = 0; g < kinds.length; g++) {
        var head = false;
        for (k = 0; k < list.length; k++) {
          if ((list[k].getAttribute("data-change-kind") || "rule") !== kinds[g][0]) continue;
          if (groups > 1 && !head) { lines.push(kinds[g][1] + "："); head = true; }
          var c = list[k].cells, on = list[k].getAttribute("data-change-date");
          // (Under a heading, a lesson's or quiz's line leaves out the badge the heading says.)
          var name = groups > 1 && c[1].querySelector("a") ? c[1].querySelector("a") : c[1];
          var what = name.textContent.replace(/\s+/g, " ").trim(), version = c[2].textContent.trim();
          // (Of several days, each line says its own; one published ahead, the day it applies.)
          lines.push((++no) + ". " + (f < last && on <= today ? on + " " : "") + what +
            (version && version !== "—" ? "（" + version + " 版）" : "") + "：" + c[3].textContent.trim() +
            (on > today ? "（" + on + " 起施行）" : ""));
          // (On a line of its own: a chat app reads the characters after an address into it.)
          var to = c[1].querySelector("a[href]");
          if (linked && to) lines.push("   " + to.href.replace(/#.*$/, "").replace(/\/index\.html$/, "/"));
        }
      }
      var title = body.getAttribute("data-book-title") || "手册";
      var text = "【" + title + " " + (f < last ? f + " 至 " + last : last) + " 更新】\n" +
        (lines.length ? lines.join("\n") : "（这段时间没有修订）");
      if (served) text += "\n" + (linked ? "全部修订：" : "详见：") + location.href.replace(/#.*$/, "");
      return text;
    }, "复制更新通知（所选日期起的修订，发到工作群或邮件）", "复制更新通知");
  }

  // A rule card's 复制要点: the rule as plain text (id and title, summary, when it applies,
  // time limits, who, steps, musts, escalation, version), to paste into a work order or a
  // message to a colleague; from an intranet server, with the card's address.
  function setupRuleCopy() {
    if (!/(^|\s)kind-rule(\s|$)/.test(body.className)) return;
    var card = document.querySelector(".rule-card");
    var line = card && card.querySelector(".rule-header .rule-id");
    if (!line) return;
    function txt(e) {
      if (!e) return "";
      var c = e.cloneNode(true), extra = c.querySelectorAll(".limit-due, .copy-button, h2");
      for (var k = 0; k < extra.length; k++) extra[k].parentNode.removeChild(extra[k]);
      // (Spaces between Chinese characters come from the markup, not the text.)
      return (c.textContent || "").replace(/\s+/g, " ").replace(/^ | $/g, "")
        .replace(/([\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])/g, "$1");
    }
    function all(sel, f) {
      var out = [], list = card.querySelectorAll(sel);
      for (var k = 0; k < list.length; k++) { var t = f ? f(list[k]) : txt(list[k]); if (t) out.push(t); }
      return out;
    }
    // (A step and a time limit as one line of text: 复制要点 and 打印质检表 both write them.)
    function stepText(li) {
      var within = txt(li.querySelector(".step-within"));
      return txt(li.querySelector(".step-who")) + "：" + txt(li.querySelector(".step-what")) + (within ? "（" + within + "）" : "");
    }
    function limitText(l) {
      var note = txt(l.querySelector(".limit-note")), prev = txt(l.querySelector(".limit-previous"));
      // (A limit changed by a version published ahead: its value until then too, 2027-01-01
      // 前为 3个工作日 -- a sheet without it scored calls by a limit not yet in force.)
      return txt(l.querySelector(".limit-label")) + " " + txt(l.querySelector(".limit-value")) + txt(l.querySelector(".limit-unit")) +
        (note ? "（" + note + "）" : "") + (prev ? "（" + prev + "）" : "");
    }
    function text() {
      var lines = ["【" + txt(card.querySelector(".rule-id .mono")) + " " + txt(card.querySelector(".rule-header h1")) + "】"];
      function add(label, v) { if (v) lines.push(label + v); }
      add("要点：", txt(card.querySelector(".rule-header .summary")));
      add("适用：", all(".rule-applies li").join("；"));
      add("时限：", all(".limit", limitText).join("；"));
      add("", txt(card.querySelector(".responsible")));
      var steps = all(".rule-steps .timeline li", stepText);
      for (var k = 0; k < steps.length; k++) lines.push((k ? "　　　" : "步骤：") + (k + 1) + ". " + steps[k]);
      var clause = function (li) { return txt(li.querySelector(".clause-text") || li); };
      add("必须：", all(".must li", clause).join("；"));
      add("严禁：", all(".must-not li", clause).join("；"));
      add("升级：", txt(card.querySelector(".escalation")));
      add("", txt(card.querySelector(".rule-governance")));
      if (/^https?:$/.test(location.protocol)) lines.push("详见：" + location.href.split("#")[0]);
      return lines.join("\n");
    }
    line.appendChild(document.createTextNode(" "));
    addCopy(line, text, "复制要点", "复制要点", "copy-rule").title = "把这条规则的要点复制为文字，粘贴到工单或消息里";

    // 打印质检表: the card as a quality check's scoring sheet -- each step, time limit and
    // clause a row to tick 符合 / 不符合 / 不适用, with the call's details to fill in --
    // printed alone (print.css shows nothing else while the body has print-qc).
    var qc = el("button", { type: "button", "class": "copy-button qc-print", title: "按本规则的步骤、时限和条款生成一张质检评分表并打印" }, "打印质检表");
    line.appendChild(document.createTextNode(" "));
    line.appendChild(qc);
    function qcSheet() {
      var sheet = el("section", { "class": "qc-sheet", "aria-hidden": "true" });
      sheet.appendChild(el("h1", {}, "质检评分表：" + txt(card.querySelector(".rule-id .mono")) + " " + txt(card.querySelector(".rule-header h1"))));
      sheet.appendChild(el("p", { "class": "qc-version" }, txt(card.querySelector(".rule-governance"))));
      // A version not yet in force by the reader's date: said on the sheet, as on the card.
      var pending = card.querySelector(".rule-pending");
      if (pending && !pending.hidden) sheet.appendChild(el("p", { "class": "qc-pending" }, txt(pending) + "按施行前的规定质检的通话，请对照上一版。"));
      var fields = ["坐席", "工单号", "通话 / 受理日期", "质检员", "质检日期"], f = el("p", { "class": "qc-fields" });
      for (var k = 0; k < fields.length; k++) f.appendChild(el("span", {}, fields[k] + "："));
      sheet.appendChild(f);
      var table = el("table"), head = el("tr"), cols = ["条款", "要求", "符合", "不符合", "不适用", "备注"];
      for (k = 0; k < cols.length; k++) head.appendChild(el("th", { scope: "col" }, cols[k]));
      table.appendChild(el("thead")).appendChild(head);
      var tbody = table.appendChild(el("tbody"));
      function row(label, what) {
        var tr = tbody.appendChild(el("tr"));
        tr.appendChild(el("td", { "class": "qc-label" }, label));
        tr.appendChild(el("td", {}, what));
        for (var b = 0; b < 3; b++) tr.appendChild(el("td", { "class": "qc-box" }, "☐"));
        tr.appendChild(el("td", { "class": "qc-note" }));
      }
      var items = card.querySelectorAll(".rule-steps .timeline li");
      for (k = 0; k < items.length; k++) row("办理步骤 " + (k + 1), stepText(items[k]));
      items = card.querySelectorAll(".rule-limits .limit");
      for (k = 0; k < items.length; k++) row("时限", limitText(items[k]));
      var kinds = [[".must li", "必须做到 "], [".must-not li", "严禁 "]];
      for (var j = 0; j < kinds.length; j++) {
        items = card.querySelectorAll(kinds[j][0]);
        for (k = 0; k < items.length; k++) row(kinds[j][1] + (k + 1), txt(items[k].querySelector(".clause-text") || items[k]));
      }
      sheet.appendChild(table);
      sheet.appendChild(el("p", { "class": "qc-total" }, "合计：符合 ____ 项　不符合 ____ 项　不适用 ____ 项　　质检员签字：______________"));
      return sheet;
    }
    qc.addEventListener("click", function () {
      var old = document.querySelector(".qc-sheet");
      if (old) old.parentNode.removeChild(old);
      // (Above the print stamp, which then closes the sheet.)
      body.insertBefore(qcSheet(), document.querySelector("body > .print-stamp"));
      body.classList.add("print-qc");
      window.print();
    });
    window.addEventListener("afterprint", function () { body.classList.remove("print-qc"); });
  }

  // Starred and recently viewed pages, kept in this browser for this book: a star button
  // beside the breadcrumbs, and both lists on the home page ("我的常用"), so a page a desk uses
  // all day is one click from the start page.
  // localStorage["handbook-pages:" + book] = {"stars": [{u, t}], "recent": [{u, t}]}, where
  // u is the page's folder from the site root ("" is the home page) and t its title.
  var PAGES_KEY = "handbook-pages:" + learnerBook;
  var MAX_RECENT = 8, MAX_STARS = 60;
  var UNLISTED = { home: 1, print: 1, search: 1, "404": 1 };
  function store() { return learnerStorage(); }
  function validEntries(list) {
    var out = [];
    if (!(list instanceof Array)) return out;
    for (var i = 0; i < list.length; i++) {
      var x = list[i];
      // A folder of this site only: no scheme, no absolute or parent path (a stored value is
      // turned into a link).
      if (x && typeof x.u === "string" && typeof x.t === "string" && /^([^\/:?#.][^:?#]*\/)?$/.test(x.u) && x.u.indexOf("..") < 0) {
        out.push({ u: x.u, t: x.t });
      }
    }
    return out;
  }
  function loadPages() {
    var s = store(), v = null;
    try { v = s && JSON.parse(s.getItem(PAGES_KEY) || "null"); } catch (e) { v = null; }
    v = v && typeof v === "object" ? v : {};
    return { stars: followMoved(validEntries(v.stars)), recent: followMoved(validEntries(v.recent)) };
  }
  /** `list` with a page moved since (`handbook mv`, a renumbered rule: nav.js's `moved`, old
   *  folder to new, as quiz.js's moveRead follows what was read) at its new folder, each
   *  page once: 最近查看 listed a renamed page twice, by its old address and its new. */
  function followMoved(list) {
    var nav = window.HANDBOOK_NAV, moved = nav && nav.moved && typeof nav.moved === "object" ? nav.moved : null;
    if (!moved) return list;
    var out = [], seen = {};
    for (var i = 0; i < list.length; i++) {
      var u = list[i].u;
      if (moved.hasOwnProperty(u) && typeof moved[u] === "string" && /^([^\/:?#.][^:?#]*\/)?$/.test(moved[u])) u = moved[u];
      if (seen.hasOwnProperty(u)) continue;
      seen[u] = true;
      out.push({ u: u, t: list[i].t });
    }
    return out;
  }
  /** True when the lists were written (false: storage full, or writing not allowed). */
  function savePages(v) {
    var s = store();
    if (!s) return false;
    try { s.setItem(PAGES_KEY, JSON.stringify(v)); return true; } catch (e) { return false; }
  }
  function dropPage(list, u) {
    var out = [];
    for (var i = 0; i < list.length; i++) if (list[i].u !== u) out.push(list[i]);
    return out;
  }
  function hasPage(list, u) {
    for (var i = 0; i < list.length; i++) if (list[i].u === u) return true;
    return false;
  }

  function setupMyPages() {
    var kind = (/(?:^|\s)kind-(\S+)/.exec(body.className) || [])[1] || "";
    var crumbs = document.querySelector(".breadcrumbs");
    var here = crumbs && crumbs.querySelector("[aria-current=page]");
    if (!UNLISTED[kind] && here && store()) {
      var title = here.textContent.replace(/\s+/g, " ").replace(/^ | $/g, "");
      var v = loadPages();
      // (A page of the replaced site, opened where it is kept, is no page of the handbook's
      // to come back to: 最近查看 lists the current site's.)
      if (!oldCopy()) v.recent = [{ u: current, t: title }].concat(dropPage(v.recent, current)).slice(0, MAX_RECENT);
      // A starred page's title follows the page.
      for (var i = 0; i < v.stars.length; i++) if (v.stars[i].u === current) v.stars[i].t = title;
      savePages(v);
      var star = el("button", { type: "button", "class": "star-button" });
      // Its state said by its words (收藏 / 已收藏), the star not read aloud -- not also by
      // aria-pressed, which read 已收藏, pressed.
      var show = function (on, words) {
        star.innerHTML = "";
        star.appendChild(el("span", { "aria-hidden": "true" }, on ? "★" : "☆"));
        star.appendChild(document.createTextNode(" " + (words || (on ? "已收藏" : "收藏"))));
        star.title = on ? "取消收藏：从首页“我的常用”中去掉" : "收藏：在首页“我的常用”中一键打开本页";
      };
      show(hasPage(v.stars, current));
      star.addEventListener("click", function () {
        var w = loadPages();
        var on = !hasPage(w.stars, current);
        w.stars = on ? w.stars.concat([{ u: current, t: title }]).slice(-MAX_STARS) : dropPage(w.stars, current);
        // The new state only once it is kept: a full or locked storage says so instead.
        if (savePages(w)) { show(on); return; }
        show(!on, on ? "收藏失败（浏览器不允许保存）" : "取消收藏失败（浏览器不允许保存）");
        star.title = "这个浏览器现在不允许网页保存数据（存储已满，或被设置禁止）。再点一次重试。";
      });
      crumbs.appendChild(star);
    }
    var panel = document.getElementById("my-pages");
    if (panel) renderMyPages(panel);
  }

  // The site's pages by address, each with its title where nav.js gives one (the contents'
  // tree and the course's items; the other pages by address only), "" the home page; null
  // when nav.js has no lists. Made once.
  var pagesByAddress = null;
  function sitePages() {
    var nav = window.HANDBOOK_NAV;
    if (!nav || !(nav.items instanceof Array) || !(nav.other instanceof Array)) return null;
    if (!pagesByAddress) {
      var pages = pagesByAddress = { "": "" };
      (function walk(items) {
        for (var i = 0; i < items.length; i++) {
          if (items[i] && typeof items[i].u === "string" && !pages[items[i].u]) pages[items[i].u] = typeof items[i].t === "string" ? items[i].t : "";
          if (items[i] && items[i].c instanceof Array) walk(items[i].c);
        }
      })(nav.items.concat(nav.course instanceof Array ? nav.course : []));
      for (var j = 0; j < nav.other.length; j++) if (typeof nav.other[j] === "string" && !pages[nav.other[j]]) pages[nav.other[j]] = "";
    }
    return pagesByAddress;
  }
  // Whether the site still has the folder `u`; true when that cannot be told.
  function siteHas(u) {
    var pages = sitePages();
    return !pages || pages.hasOwnProperty(u);
  }
  // The 404 page: the page of the site whose address is nearest the one asked for (a lesson
  // renamed by hand, new-lesson2 -> new-lesson3; an id typed with a slip, TS-PROC-02), from
  // nav.js's list of the site's pages, offered as 是不是要找. None when none is near.
  function setupNearest() {
    var pages = sitePages(), at = document.querySelector("article.content") || document.getElementById("main");
    if (!/(^|\s)kind-404(\s|$)/.test(body.className) || !pages || !at) return;
    var a = document.createElement("a"), asked = "";
    a.href = root + "index.html";
    var top = a.pathname.replace(/index\.html$/, "");
    try { asked = decodeURIComponent(window.location.pathname); } catch (e) { return; }
    if (asked.indexOf(top) !== 0) return;
    asked = asked.slice(top.length).replace(/index\.html$/, "").replace(/\/?$/, "/").toLowerCase();
    if (asked === "/") return;
    var best = null, bestD = Infinity, tie = false;
    for (var u in pages) {
      if (!pages.hasOwnProperty(u) || !u) continue;
      var d = distance(asked, u.toLowerCase());
      if (d < bestD) { best = u; bestD = d; tie = false; } else if (d === bestD) tie = true;
    }
    // (Near: two edits, or a fifth of the address; two pages as near is no answer.)
    if (!best || tie || bestD > Math.max(2, Math.floor(asked.length / 5))) return;
    var p = el("p", { "class": "nearest-page" }, "是不是要找：");
    p.appendChild(el("a", { href: root + best + "index.html" }, pages[best] ? pages[best] + "（" + best.replace(/\/$/, "") + "）" : best.replace(/\/$/, "")));
    // (After the page's sentence that the address is missing.)
    var said = at.querySelector("h1 + p");
    at.insertBefore(p, said ? said.nextSibling : null);
  }
  /** Edit distance (insert, delete, replace one character). (search.js has its own, with
   *  swaps, for rule ids: the two scripts load apart, search.js without this one in Node.) */
  function distance(x, y) {
    var prev = [], cur, i, k;
    for (k = 0; k <= y.length; k++) prev.push(k);
    for (i = 1; i <= x.length; i++) {
      cur = [i];
      for (k = 1; k <= y.length; k++) cur.push(Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (x.charAt(i - 1) === y.charAt(k - 1) ? 0 : 1)));
      prev = cur;
    }
    return prev[y.length];
  }

  function renderMyPages(panel) {
    var v = loadPages();
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.hidden = !v.stars.length && !v.recent.length;
    if (panel.hidden) return;
    panel.appendChild(el("h2", { id: "my-pages-title" }, "我的常用"));
    var grid = el("div", { "class": "my-pages-grid" });
    function list(heading, items, remove, removeLabel, empty) {
      var box = el("div", { "class": "my-pages-list" });
      box.appendChild(el("h3", {}, heading));
      if (!items.length) {
        box.appendChild(el("p", { "class": "my-pages-empty" }, empty));
        return box;
      }
      var ol = el("ol");
      for (var i = 0; i < items.length; i++) {
        var li = el("li");
        if (siteHas(items[i].u)) li.appendChild(el("a", { href: root + items[i].u + "index.html" }, items[i].t));
        else {
          // Deleted or renamed since: no link to a missing page, and × clears it.
          li.className = "my-pages-gone";
          li.appendChild(el("span", { title: "这一页已经删除或改名，可以点 × 去掉" }, items[i].t));
          li.appendChild(el("span", { "class": "my-pages-note" }, "（已删除或改名）"));
        }
        var x = el("button", { type: "button", "class": "my-pages-remove", "aria-label": removeLabel + "：" + items[i].t, title: removeLabel }, "×");
        x.setAttribute("data-u", items[i].u);
        x.addEventListener("click", function () {
          remove(this.getAttribute("data-u"));
          renderMyPages(panel);
          var again = panel.querySelector("button");
          if (again) again.focus();
        });
        li.appendChild(x);
        ol.appendChild(li);
      }
      box.appendChild(ol);
      return box;
    }
    grid.appendChild(list("★ 收藏", v.stars, function (u) {
      var w = loadPages(); w.stars = dropPage(w.stars, u); savePages(w);
    }, "取消收藏", "在任一页面点“☆ 收藏”，常用的处理办法就会出现在这里。"));
    grid.appendChild(list("最近查看", v.recent, function (u) {
      var w = loadPages(); w.recent = dropPage(w.recent, u); savePages(w);
    }, "从最近查看中去掉", "还没有查看过的页面。"));
    panel.appendChild(grid);
    // On a shared PC, where this goes away with the rest: 清除我的记录 sat in 我的学习进度 ›
    // 学员信息, where someone looking things up never goes (agent review).
    if (siteHas("progress/")) {
      var leave = el("p", { "class": "my-pages-leave" }, "共用电脑？离开前");
      leave.appendChild(el("a", { href: root + "progress/index.html#progress-learner-h" }, "清除我的记录"));
      leave.appendChild(document.createTextNode("（收藏、最近查看和搜索记录一起清除）"));
      panel.appendChild(leave);
    }
  }

  /** Prints with `cls` on <body> (what to leave off the paper), then `done` once the dialog
   *  is closed (most browsers return from print() then; others say afterprint). */
  function printWith(cls, done) {
    if (cls) body.classList.add(cls);
    try { window.print(); } catch (e) { /* no printer */ }
    setTimeout(done, 0);
  }

  // The print pages: 打印 / 另存为 PDF. (只打印这一章 is a link to the chapter's own print page.)
  function setupPrintPage() {
    if (!/(^|\s)kind-print(\s|$)/.test(body.className)) return;
    // Rendered hidden (without this script it would do nothing), and no onclick in the HTML
    // (a strict Content-Security-Policy blocks it).
    var printButton = document.querySelector(".print-button");
    if (printButton) {
      printButton.hidden = false;
      // (A book's own print.html, copied from an older theme, still says onclick: that one
      // prints, not a second dialog after it.)
      if (!printButton.getAttribute("onclick")) printButton.addEventListener("click", function () { printWith(null, function () {}); });
    }
  }

  // A rule card's 按日期查看: for a past day (a call or a case checked weeks later), which
  // version of the rule applied then, and which of its revisions came after it (marked in the
  // table): the card shows the present version, and what differed then is in those notes.
  function setupRevisionsAsOf() {
    var box = document.querySelector(".revisions-asof");
    var table = box && box.parentNode.querySelector("table");
    if (!table) return;
    var rows = table.tBodies[0].rows, input = box.querySelector("input"), note = box.querySelector(".asof-note");
    var version = box.getAttribute("data-version"), effective = box.getAttribute("data-effective");
    var repealed = box.getAttribute("data-repealed");
    input.max = isoDay(new Date());
    box.hidden = false;
    function show() {
      var d = /^\d{4}-\d{2}-\d{2}$/.test(input.value) ? input.value : "", after = 0, at = null, first = "", k;
      // (Rows newest first: the first in force by the day with a version is the one then. The
      // present version's revision, dated before its effective day -- published ahead --, is
      // in force from that day.)
      for (k = 0; k < rows.length; k++) {
        var day = rows[k].getAttribute("data-date"), from = day;
        if (version && effective > day && rows[k].getAttribute("data-version") === version) from = effective;
        var later = !!d && from > d;
        rows[k].classList.toggle("asof-after", later);
        if (later) after++;
        else if (d && !at && rows[k].hasAttribute("data-version")) at = rows[k];
        if (!first || day < first) first = day;
      }
      if (!d) { note.textContent = ""; return; }
      var parts = [];
      if (first && d < first) {
        parts.push(d + " 早于本规则最早的记录（" + first + "）。");
      } else if (repealed && d >= repealed) {
        parts.push("本规则 " + repealed + " 起废止，" + d + " 时已不适用。");
      } else {
        if (!after && (!effective || d >= effective)) parts.push(d + " 适用的就是现行" + (version ? " " + version + " " : "") + "版：卡片上的内容即当时的规定。");
        else {
          if (at) parts.push(d + " 适用的是 " + at.getAttribute("data-version") + " 版（" + at.getAttribute("data-date") + " 起）。");
          else if (effective && d < effective) parts.push("现行版本 " + effective + " 起施行；" + d + " 时适用哪一版，修订记录没有写明。");
          if (after) parts.push("此后本规则修订过 " + after + " 次（表中标出）：卡片上是现行版本，当时与现在不同的地方见这些修订的说明。");
        }
      }
      note.textContent = parts.join("");
    }
    input.addEventListener("change", show);
    input.addEventListener("input", show);
  }

  // A quiz printed shows its answers: a closed <details class="answer"> prints as its summary
  // alone (查看答案与解析, with nothing under it), so they are opened for the paper and closed
  // again after (print.css does the same where the browser allows it).
  function setupPrintAnswers() {
    // (Every printout says when it was printed and from where: a card filed with a quality
    // check's report names its version, the day and the address it came from.)
    var stamp = document.querySelector(".print-stamp .print-when");
    if (stamp) {
      window.addEventListener("beforeprint", function () {
        // (Not on an exam paper: the students' sheet would carry the address of the page
        // that has the key, a trainer's preview's.)
        // (Nor on a 结业记录: a learner's copy from disk named the folder on their PC.)
        stamp.textContent = " · 打印于 " + isoDay(new Date()) + (/(^|\s)kind-(paper|progress)(\s|$)/.test(document.body.className) ? "" : " · " + location.href);
      });
    }
    if (!document.querySelector("details.answer")) return;
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var ds = document.querySelectorAll("details.answer");
      for (var i = 0; i < ds.length; i++) if (!ds[i].open) { ds[i].open = true; opened.push(ds[i]); }
    });
    window.addEventListener("afterprint", function () {
      for (var i = 0; i < opened.length; i++) opened[i].open = false;
      opened = [];
    });
  }

  /** 每章抽题, the one draw of the quiz player (quiz.js, at every attempt) and of the paper (by
   *  its 卷号): of `n` questions, fromOf(i) names the quiz question i was taken from, `draws`
   *  how many of each such quiz's to ask ({quiz: N}; a quiz not named gives all of its), and
   *  `draw`, given, how many of those in all. random() in [0, 1) decides. The indices drawn:
   *  in the order written, or, when `draw` leaves some out, in the order drawn. (The calls to
   *  random() are what a 卷号 printed last month holds to: the sources by name, each shuffled
   *  whole, then what they gave.) */
  function drawQuestions(n, fromOf, draws, draw, random) {
    function shuffled(a) {
      a = a.slice();
      for (var i = a.length - 1; i > 0; i--) {
        var j = Math.floor(random() * (i + 1)), t = a[i];
        a[i] = a[j]; a[j] = t;
      }
      return a;
    }
    draws = draws && typeof draws === "object" ? draws : {};
    var groups = {}, pool = [], i, g;
    for (i = 0; i < n; i++) {
      g = fromOf(i);
      if (typeof g === "string" && g && Object.prototype.hasOwnProperty.call(draws, g) && typeof draws[g] === "number" && isFinite(draws[g])) (groups[g] = groups[g] || []).push(i);
      else pool.push(i);
    }
    var names = Object.keys(groups).sort();
    for (i = 0; i < names.length; i++) pool = pool.concat(shuffled(groups[names[i]]).slice(0, Math.max(0, Math.floor(draws[names[i]]))));
    pool.sort(function (a, b) { return a - b; });
    if (typeof draw === "number" && draw >= 1 && draw < pool.length) pool = shuffled(pool).slice(0, Math.floor(draw));
    return pool;
  }
  /** A 卷号's generator for drawQuestions (mulberry32 over the code's FNV hash): the same
   *  卷号, the same draw. */
  function seeded(code) {
    var imul = Math.imul || function (a, b) {
      var lo = (a & 0xffff) * b;
      return (((((a >>> 16) * b) & 0xffff) << 16) + lo) | 0;
    };
    var h = 2166136261;
    for (var i = 0; i < code.length; i++) { h ^= code.charCodeAt(i); h = imul(h, 16777619); }
    return function () {
      h = (h + 0x6D2B79F5) | 0;
      var t = imul(h ^ (h >>> 15), 1 | h);
      t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // 纸质试卷: 打印试卷 / 打印参考答案 print the paper or its key alone. A quiz that draws N
  // questions draws them here too, from a 卷号 kept in the address (#set-K3F9), so a paper and
  // the key printed after it (or after a reload) hold the same questions.
  function setupPaper() {
    if (!/(^|\s)kind-paper(\s|$)/.test(body.className)) return;
    var bar = document.querySelector(".paper-actions");
    var buttons = bar && bar.querySelector(".paper-buttons");
    if (!buttons) return;
    buttons.hidden = false;
    function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
    function keyOff() { body.classList.remove("print-key"); }
    window.addEventListener("afterprint", keyOff);
    buttons.querySelector(".paper-print").addEventListener("click", function () { printWith(null, keyOff); });
    buttons.querySelector(".paper-print-key").addEventListener("click", function () { printWith("print-key", keyOff); });
    // On screen the key is put away until asked for: a paper projected or scrolled in front of
    // a class showed the answers under its last question (打印参考答案 prints it all the same).
    var key = document.querySelector(".paper-key");
    if (key) {
      key.id = key.id || "paper-key";
      key.hidden = true;
      var toggle = el("button", { type: "button", "class": "quiz-btn paper-show-key", "aria-expanded": "false", "aria-controls": key.id }, "显示参考答案");
      toggle.addEventListener("click", function () {
        var on = key.hidden;
        key.hidden = !on;
        toggle.setAttribute("aria-expanded", String(on));
        toggle.textContent = on ? "收起参考答案" : "显示参考答案";
      });
      buttons.appendChild(toggle);
    }

    var total = parseInt(bar.getAttribute("data-total"), 10) || 0;
    var draw = parseInt(bar.getAttribute("data-draw"), 10) || 0;
    var pass = parseFloat(bar.getAttribute("data-pass")) || 0;
    if (!(draw >= 1 && draw < total)) return;
    var draws = {};
    try { draws = JSON.parse(bar.getAttribute("data-draws") || "{}") || {}; } catch (e) { draws = {}; }
    var qs = all(".paper-q"), rows = all(".paper-key-row");
    var ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    function newSet() {
      var c = "";
      for (var i = 0; i < 4; i++) c += ALPHA.charAt(Math.floor(Math.random() * ALPHA.length));
      return c;
    }
    function points(p) { var r = Math.round(p * 10) / 10; return String(r); }
    function show(code) {
      var keep = {}, n = total, i;
      if (code) {
        var picked = drawQuestions(qs.length, function (k) { return qs[k].getAttribute("data-from"); }, draws, draw, seeded(code));
        n = picked.length;
        for (i = 0; i < n; i++) keep[picked[i]] = true;
      }
      var no = 0;
      qs.forEach(function (q, k) {
        var on = !code || keep[k];
        q.hidden = !on;
        if (rows[k]) rows[k].hidden = !on;
        if (!on) return;
        no++;
        var label = q.querySelector(".paper-no");
        if (label) label.textContent = no + ".";
        var cell = rows[k] && rows[k].querySelector(".paper-key-no");
        if (cell) cell.textContent = String(no);
      });
      var parts = 0;
      all(".paper-part").forEach(function (part) {
        var c = 0;
        Array.prototype.forEach.call(part.querySelectorAll(".paper-q"), function (q) { if (!q.hidden) c++; });
        part.hidden = c === 0;
        if (c) parts++;
        var pn = part.querySelector(".paper-part-no");
        if (pn && c) pn.textContent = parts <= 10 ? "一二三四五六七八九十".charAt(parts - 1) : String(parts);
        var count = part.querySelector(".paper-count");
        if (count) count.textContent = String(c);
      });
      all(".paper-total").forEach(function (e) { e.textContent = String(n); });
      all(".paper-pass-points").forEach(function (e) { e.textContent = points(pass * n / 100); });
      all(".paper-set-no").forEach(function (e) { e.textContent = code || ""; });
      all(".paper-set-line").forEach(function (e) { e.hidden = !code; });
      var set = buttons.querySelector(".paper-set"), again = buttons.querySelector(".paper-reroll");
      if (set) set.hidden = !code;
      if (again) again.hidden = !code;
      var hash = code ? "#set-" + code : "#all";
      if (location.hash !== hash) {
        try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
      }
    }
    var m = /^#set-([A-Z0-9]{4})$/.exec(location.hash);
    var code = location.hash === "#all" ? null : (m ? m[1] : newSet());
    var last = code;
    var radios = all('input[name="paper-size"]');
    radios.forEach(function (r) {
      r.checked = (r.value === "all") === !code;
      r.addEventListener("change", function () {
        if (!r.checked) return;
        code = r.value === "all" ? null : (last || newSet());
        last = code || last;
        show(code);
      });
    });
    var again = buttons.querySelector(".paper-reroll");
    if (again) again.addEventListener("click", function () { code = last = newSet(); show(code); });
    show(code);
  }

  // Glossary hints: in a lesson, the first mention of each glossary term (or of one of its
  // synonyms) is marked; hovering or focusing it shows the definition, a click opens the
  // glossary at the term (on a touch screen, a first tap shows the definition: below). The
  // terms come from glossary/terms.js, loaded by lessons only.
  function setupTermHints() {
    var terms = window.HANDBOOK_TERMS;
    var box = document.querySelector("article.content");
    if (!(terms instanceof Array) || !terms.length || !box) return;
    var byWord = {}, words = [], i, j;
    for (i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (!t || typeof t.t !== "string") continue;
      var ws = [t.t].concat(t.s instanceof Array ? t.s : []);
      for (j = 0; j < ws.length; j++) {
        var w = String(ws[j] || "");
        // (One character would mark half the page.)
        if (w.length < 2 || Object.prototype.hasOwnProperty.call(byWord, w)) continue;
        byWord[w] = i;
        words.push(w);
      }
    }
    if (!words.length) return;
    // The longest word first: 电能表 before 电能.
    words.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"); }).join("|"), "g");
    var SKIP = /^(A|CODE|PRE|H1|H2|H3|H4|H5|H6|BUTTON|SCRIPT|STYLE|NAV|FIGURE|SUMMARY|HEADER|DT)$/;
    var SKIP_CLASS = /(^|\s)(dialogue|quiz-app|quiz-static|sources|meta|callout-title|revised-notice|edit-link|tag|term-tip)(\s|$)/;
    var texts = [];
    (function walk(node) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) { if (c.nodeValue.length > 1) texts.push(c); }
        else if (c.nodeType === 1 && !SKIP.test(c.tagName) && !SKIP_CLASS.test(c.className || "")) walk(c);
      }
    })(box);
    // Chinese has no spaces: 断电 is inside 挂断电话. Where the browser segments words
    // (Intl.Segmenter), a mention must start and end on word boundaries; elsewhere only the
    // terms themselves and synonyms of three characters or more are marked.
    var seg = null;
    try { if (window.Intl && Intl.Segmenter) seg = new Intl.Segmenter("zh", { granularity: "word" }); } catch (e) { seg = null; }
    function boundaries(text) {
      var b = {}, it = seg.segment(text)[Symbol.iterator](), r;
      b[text.length] = true;
      while (!(r = it.next()).done) b[r.value.index] = true;
      return b;
    }
    var used = {}, marks = [], MAX = 40;
    for (i = 0; i < texts.length && marks.length < MAX; i++) {
      var node = texts[i], text = node.nodeValue, m, pieces = [], last = 0, b = null;
      re.lastIndex = 0;
      while ((m = re.exec(text)) && marks.length + pieces.length < MAX) {
        var k = byWord[m[0]];
        if (used[k]) continue;
        if (seg) {
          if (!b) b = boundaries(text);
          if (!b[m.index] || !b[m.index + m[0].length]) { re.lastIndex = m.index + 1; continue; }
        } else if (m[0] !== terms[k].t && m[0].length < 3) { re.lastIndex = m.index + 1; continue; }
        used[k] = true;
        pieces.push([m.index, m[0], k]);
      }
      if (!pieces.length) continue;
      var frag = document.createDocumentFragment();
      for (j = 0; j < pieces.length; j++) {
        var p = pieces[j], term = terms[p[2]];
        if (p[0] > last) frag.appendChild(document.createTextNode(text.slice(last, p[0])));
        var a = el("a", { "class": "term-hint", href: root + "glossary/index.html#" + encodeURIComponent(String(term.a || term.t)), "aria-describedby": "term-tip", "data-term": String(p[2]) }, p[1]);
        frag.appendChild(a);
        marks.push(a);
        last = p[0] + p[1].length;
      }
      if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    }
    if (!marks.length) return;
    // A <span> (it may be put beside a term, inside a paragraph: below), fixed on the screen.
    var tip = el("span", { id: "term-tip", "class": "term-tip", role: "tooltip" });
    tip.hidden = true;
    // (Inside <main>: all content within landmarks.)
    var home = document.getElementById("main") || body;
    home.appendChild(tip);
    var hideTimer = null;
    // On a touch screen a tap is not a hover: the first tap on a term pins its definition
    // open (a small dialog under the word, with 在术语表中查看 and 关闭) instead of leaving
    // the lesson; a second tap, or the link, opens the glossary. `pinned` is that term.
    var pinned = null, quiet = false, lastTouch = 0;
    function place(a) {
      // Fixed, under the word (above it near the bottom of the window).
      var r = a.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
      var vw = document.documentElement.clientWidth || 320, vh = window.innerHeight || 480;
      tip.style.left = Math.max(8, Math.min(r.left, vw - w - 8)) + "px";
      tip.style.top = (r.bottom + 6 + h > vh && r.top - 6 - h > 0 ? r.top - 6 - h : r.bottom + 6) + "px";
      return r.bottom > 0 && r.top < vh;
    }
    function show(a) {
      clearTimeout(hideTimer);
      if (quiet || (pinned && pinned !== a)) return;
      var term = terms[+a.getAttribute("data-term")] || {};
      tip.innerHTML = "";
      tip.appendChild(el("strong", { id: "term-tip-title" }, String(term.t || "")));
      var syn = term.s instanceof Array && term.s.length ? "（又称" + term.s.join("、") + "）" : "";
      if (syn) tip.appendChild(el("span", { "class": "term-tip-syn" }, syn));
      tip.appendChild(el("span", { "class": "term-tip-def" }, String(term.d || "")));
      if (pinned === a) {
        var acts = el("span", { "class": "term-tip-actions" });
        acts.appendChild(el("a", { href: a.getAttribute("href"), "class": "term-tip-link" }, "在术语表中查看"));
        var close = el("button", { type: "button", "class": "term-tip-close" }, "关闭");
        close.addEventListener("click", function () { unpin(true); });
        acts.appendChild(close);
        tip.appendChild(acts);
      } else {
        tip.appendChild(el("span", { "class": "term-tip-more" }, "点击查看术语表"));
      }
      tip.hidden = false;
      place(a);
    }
    function pin(a) {
      if (pinned && pinned !== a) unpin(false);
      pinned = a;
      // Beside the word, so that it is read (and tabbed to) right after it; a dialog, as it
      // holds a link and a button, which a tooltip may not.
      a.parentNode.insertBefore(tip, a.nextSibling);
      tip.setAttribute("role", "dialog");
      tip.setAttribute("aria-labelledby", "term-tip-title");
      a.setAttribute("aria-expanded", "true");
      show(a);
    }
    function unpin(refocus) {
      var a = pinned;
      if (!a) return;
      var inside = tip.contains(document.activeElement);
      pinned = null;
      tip.hidden = true;
      a.removeAttribute("aria-expanded");
      tip.setAttribute("role", "tooltip");
      tip.removeAttribute("aria-labelledby");
      home.appendChild(tip);
      if (refocus || inside) { quiet = true; try { a.focus(); } finally { quiet = false; } }
    }
    function touched(e) {
      if (!e.pointerType || e.pointerType === "touch" || e.pointerType === "pen") lastTouch = new Date().getTime();
      else lastTouch = 0;
      // A tap anywhere but on the pinned term or its box closes the box.
      if (pinned && e.target && e.target.nodeType === 1 && !tip.contains(e.target) && e.target !== pinned && !pinned.contains(e.target)) unpin(false);
    }
    if (window.PointerEvent) document.addEventListener("pointerdown", touched, true);
    else document.addEventListener("touchstart", touched, { capture: true, passive: true });
    document.addEventListener("focusin", function (e) {
      if (pinned && e.target !== pinned && !tip.contains(e.target)) unpin(false);
    });
    var moving = false;
    window.addEventListener("scroll", function () {
      if (!pinned) { tip.hidden = true; return; }
      // Pinned, it follows its word while that is on the screen.
      if (moving) return;
      moving = true;
      (window.requestAnimationFrame || setTimeout)(function () {
        moving = false;
        if (pinned && !place(pinned)) unpin(false);
      });
    }, { passive: true });
    function hide() {
      if (pinned) return;
      hideTimer = setTimeout(function () { tip.hidden = true; }, 120);
    }
    for (i = 0; i < marks.length; i++) (function (a) {
      a.addEventListener("mouseenter", function () { show(a); });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("mouseleave", hide);
      a.addEventListener("blur", hide);
      a.addEventListener("click", function (e) {
        // A mouse or a key opens the glossary, as does a second tap.
        if (!lastTouch || new Date().getTime() - lastTouch > 1500 || pinned === a) return;
        e.preventDefault();
        pin(a);
      });
    })(marks[i]);
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", hide);
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" && e.key !== "Esc") return;
      if (pinned) unpin(false); else tip.hidden = true;
    });
  }

  // Code blocks and tables wider than their column scroll sideways: each is made a focusable
  // region named for what it is, so that the keyboard can scroll it (older browsers never
  // focus a scrolling box by themselves, and an unfocused one ignores the arrow keys).
  // Checked again when the window changes size.
  function setupScrollers() {
    function mark() {
      var boxes = document.querySelectorAll("article pre, .table-wrap, .team-wrap");
      var n = { pre: 0, table: 0 };
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i], ours = b.hasAttribute("data-scroller");
        var wide = b.scrollWidth > b.clientWidth + 1 && b.getClientRects().length > 0;
        // (One the page made a control of itself is left alone.)
        if (!ours && (b.hasAttribute("tabindex") || b.hasAttribute("role"))) continue;
        if (wide) {
          var kind = b.tagName === "PRE" ? "pre" : "table";
          n[kind]++;
          b.setAttribute("data-scroller", "");
          b.setAttribute("tabindex", "0");
          b.setAttribute("role", "region");
          b.setAttribute("aria-label", (kind === "pre" ? "代码 " : "表格 ") + n[kind] + "（可左右滚动）");
        } else if (ours) {
          b.removeAttribute("data-scroller");
          b.removeAttribute("tabindex");
          b.removeAttribute("role");
          b.removeAttribute("aria-label");
        }
      }
    }
    mark();
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(mark, 150);
    });
    window.addEventListener("load", mark);
  }

  buildNav();
  setupToggles();
  setupKeysLink();
  searchHint();
  fitTopbar();
  setupSortable();
  setupDeadlines();
  setupCardDeadlines();
  setupPhraseFilter();
  setupRuleFilter();
  setupGlossaryFilter();
  setupLimitFilter();
  setupRevisionNotes();
  setupDemoNote();
  setupForwardedNote();
  setupStalePage();
  setupBuildId();
  setupNearest();
  setupToc();
  setupCopy();
  setupRuleCopy();
  setupChangesCopy();
  setupScrollers();
  setupMyPages();
  setupPrintPage();
  setupPrintAnswers();
  setupRevisionsAsOf();
  setupPaper();
  // The glossary hints once the page is read in and idle: finding the terms (a word
  // segmenter, whose dictionary a browser tab loads on its first use, and a pattern of every
  // term) took a third of a second of a slow computer's start of a lesson, before the page
  // (and its search box) answered.
  function whenIdle(f) {
    function later() {
      if (window.requestIdleCallback) window.requestIdleCallback(f, { timeout: 1000 });
      else setTimeout(f, 50);
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
    else later();
  }
  whenIdle(setupTermHints);
})();

/* Injected by `handbook serve` only (never written to the built site). Long-polls the
   server; reloads when a rebuild succeeds, shows the errors when it fails. */
(function () {
  "use strict";
  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "handbook-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,0,0,.94);color:#fff;padding:2rem;overflow:auto;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "构建失败（修复后页面会自动刷新）\n\n" + text;
  }
  function poll(since) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/__handbook/status?since=" + since, true);
    xhr.timeout = 35000;
    xhr.onload = function () {
      var s;
      try { s = JSON.parse(xhr.responseText); } catch (e) { return setTimeout(function () { poll(since); }, 1000); }
      if (s.error) { showError(s.error); }
      else if (since >= 0 && s.generation !== since) { window.location.reload(); return; }
      else if (overlay) { window.location.reload(); return; }
      poll(s.generation);
    };
    xhr.onerror = xhr.ontimeout = function () { setTimeout(function () { poll(since); }, 1000); };
    xhr.send();
  }
  poll(-1);
})();

/* handbook: dark or light, set before the page is drawn. Loaded from <head> as a file rather
 * than written inline, so that a strict Content-Security-Policy (script-src 'self') lets it
 * run; from file:// too. The ◐ button (handbook.js) stores the reader's choice. Plain ES5. */
(function () {
  var saved = null, dark = false;
  try { saved = window.localStorage.getItem("handbook-theme"); } catch (e) { saved = null; }
  if (saved === "dark") dark = true;
  else if (saved !== "light") {
    try { dark = !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches); } catch (e) { dark = false; }
  }
  // One of the two, always: main.css follows the system's setting only where neither is set
  // (JavaScript off), so a choice of light on a dark system is html.light.
  document.documentElement.className += dark ? " dark" : " light";
})();

// An old address (a page's alias, a renumbered rule's id) forwards to the page's new one,
// keeping the #section a bookmark or a work order names. From a file, not an inline script,
// so that an intranet's strict Content-Security-Policy (script-src 'self') allows it; the page's
// <meta refresh> forwards where scripts do not run at all (without the #section).
(function () {
  var scripts = document.getElementsByTagName("script");
  var me = document.currentScript || scripts[scripts.length - 1];
  var to = me && me.getAttribute("data-to");
  if (!to) return;
  // The page forwarded to says the reader came by an old address (and what became of it),
  // so a bookmark gets updated and a merged rule is not taken for the one bookmarked.
  try {
    sessionStorage.setItem("handbook-forwarded", JSON.stringify({
      note: me.getAttribute("data-note") || "",
      at: new Date().getTime()
    }));
  } catch (e) { /* storage off: forwarded all the same */ }
  // A section of the old page that moved to another page (a lesson split in two, listed in
  // that page's aliases as `old#id`): to where it is now.
  var hash = location.hash, id = hash.slice(1), sections = {};
  try { sections = JSON.parse(me.getAttribute("data-sections") || "{}") || {}; } catch (e) { sections = {}; }
  try { id = decodeURIComponent(id); } catch (e) { /* as written */ }
  if (id && Object.prototype.hasOwnProperty.call(sections, id) && typeof sections[id] === "string") {
    location.replace(sections[id]);
    return;
  }
  location.replace(to + hash);
})();

/* District Casebook: the search page. Pagefind's own UI over the index built
   with the site (hooks/district_casebook/fulltext.py). The query lives in the
   address (?q=words), so the header's search form lands here with results and
   a search can be linked or reloaded. */
(function () {
  "use strict";
  var box = document.getElementById("cb-search");
  if (!box || typeof window.PagefindUI !== "function") return;
  box.querySelectorAll(".cb-nojs").forEach(function (node) { node.remove(); });

  function keepInAddress(term) {
    var url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    return term;
  }

  var ui = new window.PagefindUI({
    element: "#cb-search",
    bundlePath: new URL(box.dataset.bundle, window.location.href).pathname,
    baseUrl: new URL(box.dataset.root, window.location.href).pathname,
    showImages: false,
    showSubResults: true,
    autofocus: true,
    processTerm: keepInAddress,
    translations: { placeholder: "Search the casebook" }
  });
  // Pagefind names its box by a title only; screen readers want a real name.
  var input = box.querySelector("input");
  if (input) input.setAttribute("aria-label", "Search the casebook");
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

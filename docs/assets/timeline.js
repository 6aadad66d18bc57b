/* District Casebook: /timeline/?theme=a,b shows only the rows of those themes.
   The chart (an SVG made at build time) works without this script: it only
   hides the other rows, closes the gaps they leave and says what is shown.
   A row's data-t holds the positions of its themes in schema/themes.yml; the
   filter links above the chart pair each theme's key with its position.
   Plain JavaScript, no library. */
(function () {
  "use strict";

  var svg = document.querySelector(".cb-timeline__svg");
  var status = document.getElementById("cb-timeline-status");
  if (!svg || !status) return;
  var links = Array.prototype.slice.call(document.querySelectorAll(".cb-timeline-filter a"));

  function keyOf(a) {
    return (a.getAttribute("href").match(/^\?theme=([^#&]+)/) || [])[1];
  }

  /* The chosen themes, as {position: label}; unknown keys are ignored (an old link still opens). */
  function chosen() {
    var raw = (new URLSearchParams(location.search).get("theme") || "").split(",");
    var found = {};
    links.forEach(function (a) {
      if (a.dataset.t && raw.indexOf(keyOf(a)) >= 0) found[a.dataset.t] = a.textContent;
    });
    return found;
  }

  function matches(node, themes) {
    if (!Object.keys(themes).length) return true;
    return (node.getAttribute("data-t") || "").split(" ").some(function (t) { return t in themes; });
  }

  function top(row) {
    return Number((row.getAttribute("transform").match(/translate\(0,([\d.]+)\)/) || [0, 0])[1]);
  }

  /* Rows keep their order; each shown row moves up to just below the last shown.
     A theme's heading shows when one of its cases does. */
  function layout(themes) {
    var rows = Array.prototype.slice.call(svg.querySelectorAll(".cb-tl-row"));
    if (!rows.length) return 0;
    var gap = rows.length > 1 ? top(rows[1]) - top(rows[0]) : 20;
    var visible = rows.map(function (row) { return !row.classList.contains("cb-tl-head") && matches(row, themes); });
    rows.forEach(function (row, i) {
      if (!row.classList.contains("cb-tl-head")) return;
      for (var j = i + 1; j < rows.length && !rows[j].classList.contains("cb-tl-head"); j++) {
        if (visible[j]) { visible[i] = true; break; }
      }
    });
    var y = top(rows[0]), shown = 0;
    rows.forEach(function (row, i) {
      row.style.display = visible[i] ? "" : "none";
      if (!visible[i]) return;
      row.setAttribute("transform", "translate(0," + y + ")");
      y += gap;
      if (!row.classList.contains("cb-tl-head")) shown += 1;
    });
    var height = y + 10;
    var box = svg.getAttribute("viewBox").split(" ");
    svg.setAttribute("viewBox", [box[0], box[1], box[2], height].join(" "));
    svg.setAttribute("height", String(height));
    svg.querySelectorAll(".cb-tl-axis line").forEach(function (line) { line.setAttribute("y2", String(height)); });
    document.querySelectorAll(".cb-timeline-table tbody tr, .cb-timeline-undated li").forEach(function (node) {
      node.style.display = matches(node, themes) ? "" : "none";
    });
    var undated = document.querySelector(".cb-timeline-undated");
    if (undated) undated.hidden = !undated.querySelector("li:not([style*='none'])");
    countUnder(rows, visible, Object.keys(themes).length > 0);
    return shown;
  }

  /* A theme's heading counts its cases; filtered, it says how many of them are shown. */
  function countUnder(rows, visible, filtered) {
    rows.forEach(function (row, i) {
      if (!row.classList.contains("cb-tl-head")) return;
      var text = row.querySelector("text");
      var match = text.textContent.match(/^(.*) \(([\d,]+)\)$/);
      if (!match) return;
      var shownHere = 0;
      for (var j = i + 1; j < rows.length && !rows[j].classList.contains("cb-tl-head"); j++) {
        if (visible[j]) shownHere += 1;
      }
      var total = match[2].replace(/,/g, "");
      if (filtered && String(shownHere) !== total) text.textContent = match[1] + " (" + shownHere + " of " + match[2] + ")";
    });
  }

  var themes = chosen();
  var names = Object.keys(themes).map(function (t) { return themes[t]; });
  var shown = layout(themes);
  links.forEach(function (a) {
    var current = a.dataset.t ? names.length === 1 && a.dataset.t in themes : !names.length;
    if (current) a.setAttribute("aria-current", "true");
  });
  if (names.length) {
    status.textContent = svg.querySelector(".cb-tl-head")
      ? "Showing " + shown + (shown === 1 ? " case" : " cases") + " with the theme " + names.join(" or ") + "."
      : "Showing the theme " + names.join(" and the theme ") + ".";
  }
})();

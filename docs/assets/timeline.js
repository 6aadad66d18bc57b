/* District Casebook: /timeline/?theme=a,b shows only the rows of those themes.
   The chart (an SVG made at build time) works without this script: it only
   hides the other rows, closes the gaps they leave and says what is shown.
   Plain JavaScript, no library. */
(function () {
  "use strict";

  var svg = document.querySelector(".cb-timeline__svg");
  var status = document.getElementById("cb-timeline-status");
  if (!svg || !status) return;
  var ROW = 20;

  function chosen() {
    var raw = new URLSearchParams(location.search).get("theme") || "";
    return raw.split(",").map(function (key) { return key.trim(); }).filter(Boolean);
  }

  function matches(node, themes) {
    if (!themes.length) return true;
    var own = (node.getAttribute("data-themes") || "").split(" ");
    return themes.some(function (key) { return own.indexOf(key) >= 0; });
  }

  function label(key) {
    var link = document.querySelector('.cb-timeline-filter a[href^="?theme=' + key + '#"]');
    return link ? link.textContent : key;
  }

  /* Rows keep their order; each shown row moves up to just below the last shown. */
  function layout(themes) {
    var rows = Array.prototype.slice.call(svg.querySelectorAll(".cb-tl-row"));
    var shownGroups = {};
    rows.forEach(function (row) {
      if (!row.classList.contains("cb-tl-head") && matches(row, themes)) shownGroups[row.dataset.group] = true;
    });
    var y = rows.length ? Number(rows[0].dataset.y) : 0;
    var shown = 0;
    rows.forEach(function (row) {
      var head = row.classList.contains("cb-tl-head");
      var visible = head ? !!shownGroups[row.dataset.group] : matches(row, themes);
      row.style.display = visible ? "" : "none";
      if (!visible) return;
      var gap = rows.length > 1 ? Number(rows[1].dataset.y) - Number(rows[0].dataset.y) : ROW;
      row.setAttribute("transform", "translate(0," + y + ")");
      y += gap;
      if (!head) shown += 1;
    });
    var height = y + 10;
    var box = svg.getAttribute("viewBox").split(" ");
    svg.setAttribute("viewBox", box[0] + " " + box[1] + " " + box[2] + " " + height);
    svg.setAttribute("height", String(height));
    svg.querySelectorAll(".cb-tl-axis line").forEach(function (line) { line.setAttribute("y2", String(height)); });
    document.querySelectorAll(".cb-timeline-table tbody tr").forEach(function (tr) {
      tr.style.display = matches(tr, themes) ? "" : "none";
    });
    return shown;
  }

  function mark(themes) {
    document.querySelectorAll(".cb-timeline-filter a").forEach(function (a) {
      var key = (a.getAttribute("href").match(/^\?theme=([^#&]+)/) || [])[1];
      var current = key ? themes.length === 1 && themes[0] === key : !themes.length;
      if (current) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
  }

  var themes = chosen();
  var shown = layout(themes);
  mark(themes);
  if (themes.length) {
    var rowsNoun = svg.querySelector(".cb-tl-head") ? (shown === 1 ? " case" : " cases") : (shown === 1 ? " theme" : " themes");
    status.textContent = "Showing " + shown + rowsNoun + " for " + themes.map(label).join(", ") + ".";
  }
})();

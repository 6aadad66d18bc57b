/* District Casebook: the case finder's model, apart from the page. Pure
   functions over finder/data.json (hooks/district_casebook/finder.py):
   decoding, the address (URL query string) and matching with counts.
   finder.js builds the page on it. No library, no server. */
(function () {
  "use strict";
  var SORTS = { newest: "Newest first", oldest: "Oldest first", title: "Title A to Z" };

  window.CasebookFinder = function (json) {
    var data = json, cases = json.cases.map(decodeCase);

    /* ---- Data ---- */

    function decodeCase(row) {
      var districts = row[2].map(function (i) { return data.districts[i]; });
      /* start: the first year, null when no year is known; end: the last, null while the work goes on
         (or when no year is known); years: the years as the pages write them ("reported in 2012");
         summary: the summary's first sentence. */
      return { id: row[0], title: row[1], districts: districts, start: row[3], end: row[4], values: row[5],
               years: row[6], summary: row[7] || "" };
    }

    /* The words the text box matches, worked out on the first query only:
       most visits never type, and the first results should not wait for it. */
    function textOf(c) {
      if (c.text === undefined) {
        var words = [c.title].concat(c.districts.map(function (d) { return d[0]; }));
        data.facets.forEach(function (facet, f) {
          c.values[f].forEach(function (v) { words.push(facet.values[v][1]); });
        });
        c.text = " " + normalise(words.join(" "));
      }
      return c.text;
    }

    function normalise(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ");
    }

    function yearBounds() {
      var low = Infinity, high = -Infinity;
      cases.forEach(function (c) {
        if (c.start == null) return;
        low = Math.min(low, c.start);
        high = Math.max(high, c.end == null ? c.start : c.end);
      });
      return isFinite(low) ? [low, Math.max(high, new Date().getFullYear())] : [2000, new Date().getFullYear()];
    }

    /* ---- The address (URL query string) ---- */

    function readAddress(search) {
      var params = new URLSearchParams(search);
      var state = { selected: {}, from: year(params.get("from")), to: year(params.get("to")),
                    q: (params.get("q") || "").trim(), sort: SORTS[params.get("sort")] ? params.get("sort") : "newest",
                    shown: 0 };
      data.facets.forEach(function (facet) {
        var wanted = params.getAll(facet.key).join(",").toLowerCase().split(",");  // state=ca works too
        state.selected[facet.key] = new Set();
        facet.values.forEach(function (value, i) {
          if (wanted.indexOf(value[0].toLowerCase()) >= 0) state.selected[facet.key].add(i);
        });
      });
      return state;
    }

    function year(text) {
      var number = parseInt(text, 10);
      return isFinite(number) ? number : null;
    }

    function address(view) {
      var parts = [];
      data.facets.forEach(function (facet) {
        var keys = Array.from(view.selected[facet.key]).sort(function (a, b) { return a - b; })
          .map(function (i) { return encodeURIComponent(facet.values[i][0]); });
        if (keys.length) parts.push(facet.key + "=" + keys.join(","));
      });
      if (view.from != null) parts.push("from=" + view.from);
      if (view.to != null) parts.push("to=" + view.to);
      if (view.q) parts.push("q=" + encodeURIComponent(view.q));
      if (view.sort !== "newest") parts.push("sort=" + view.sort);
      return parts.join("&");
    }

    /* ---- Matching and counting ---- */

    function facetMatches(view, c, f) {
      var chosen = view.selected[data.facets[f].key];
      return !chosen.size || c.values[f].some(function (v) { return chosen.has(v); });
    }

    /* A case whose sources give no year cannot be said to fall in a range: a year filter leaves it out. */
    function otherMatches(view, c, words) {
      if (c.start == null && yearFilter(view)) return false;
      var end = c.end == null ? Infinity : c.end;
      if (view.from != null && end < view.from) return false;
      if (view.to != null && c.start > view.to) return false;
      return !words.length || words.every(function (w) { return textOf(c).indexOf(" " + w) >= 0; });
    }

    function yearFilter(view) {
      return view.from != null || view.to != null;
    }

    /* Cases the year filter alone leaves out because their sources give no year, for the page to say so. */
    function undated(view, words) {
      if (!yearFilter(view)) return 0;
      return cases.filter(function (c) {
        return c.start == null && otherMatches({ from: null, to: null }, c, words) &&
          data.facets.every(function (facet, f) { return facetMatches(view, c, f); });
      }).length;
    }

    /* One pass: a case failing no filter is a result and counts for every
       facet; a case failing exactly one facet counts only for that facet. */
    function evaluate(view) {
      var words = normalise(view.q).split(" ").filter(Boolean);
      var counts = data.facets.map(function (facet) { return new Array(facet.values.length).fill(0); });
      var results = [];
      inOrder(view.sort).forEach(function (c) {
        if (!otherMatches(view, c, words)) return;
        var failing = [];
        for (var f = 0; f < data.facets.length && failing.length < 2; f++) if (!facetMatches(view, c, f)) failing.push(f);
        if (failing.length === 0) results.push(c);
        if (failing.length > 1) return;
        data.facets.forEach(function (facet, f) {
          if (failing.length === 0 || failing[0] === f) c.values[f].forEach(function (v) { counts[f][v]++; });
        });
      });
      return { results: results, counts: counts, undated: undated(view, words) };
    }

    /* Each order is sorted once, then every update filters it in place. */
    var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }), sorted = {};
    var ORDER = {
      newest: function (a, b) { return unknownLast(a, b) || b.start - a.start || collator.compare(a.title, b.title); },
      oldest: function (a, b) { return unknownLast(a, b) || a.start - b.start || collator.compare(a.title, b.title); },
      title: function (a, b) { return collator.compare(a.title, b.title); }
    };

    function unknownLast(a, b) {
      return (a.start == null) - (b.start == null);
    }

    function inOrder(sort) {
      if (!sorted[sort]) sorted[sort] = cases.slice().sort(ORDER[sort]);
      return sorted[sort];
    }

    return { data: data, cases: cases, sorts: SORTS, readAddress: readAddress, address: address,
             evaluate: evaluate, yearBounds: yearBounds, year: year };
  };
})();

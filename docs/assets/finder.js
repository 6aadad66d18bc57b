/* District Casebook: the case finder (/finder/). No library, no server.

   Data: finder/data.json, written with the site by hooks/district_casebook/finder.py
   (vocabularies once, each case as indexes into them), read by finder-model.js.
   Filters: "any of" the ticked values within a filter, "all of" the filters.
   A value's count is how many of the cases matching the other filters (the
   other lists, words and years) have that value, so counts follow the
   current selection; the page's introduction says so in these words.
   The whole selection is in the address, e.g.
     /finder/?theme=culture-change,teacher-leadership&state=CA&from=2010&to=2015&q=union&sort=title
   so a copied link reproduces the view and reloading restores it. */
(function () {
  "use strict";
  var root = document.getElementById("cb-finder");
  if (!root) return;
  var PAGE_SIZE = 50;        // results shown at first, and added by "Show more"
  var SHORT_LIST = 8;        // a long filter shows this many values until expanded...
  var LONG_LIST = 20;        // ... when it has more than this many (all 16 themes show at once)
  var model, data, view, ui = {};

  fetch(root.dataset.src)
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(start, failed);

  function failed(error) {
    var note = root.querySelector(".cb-nojs");
    if (note) note.insertAdjacentText("afterbegin", "The list of cases could not be loaded (" + error.message + "). ");
  }

  function start(json) {
    model = window.CasebookFinder(json);
    data = model.data;
    view = readView();
    root.querySelectorAll(".cb-nojs").forEach(function (node) { node.remove(); });
    build();
    update(false);
    window.addEventListener("popstate", function () { view = readView(); syncControls(); update(false); });
  }

  function readView() {
    var read = model.readAddress(window.location.search);
    read.shown = PAGE_SIZE;
    return read;
  }

  /* ---- Building the controls ---- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function build() {
    var filters = el("form", { class: "cb-finder__filters", "aria-labelledby": "cb-finder-filters-title" });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
    filters.appendChild(el("h2", { id: "cb-finder-filters-title", class: "cb-finder__heading", text: "Filters" }));
    filters.appendChild(skipLink());
    filters.appendChild(wordsControl());
    data.facets.forEach(function (facet) { filters.appendChild(facetControl(facet)); filters.appendChild(skipLink()); });
    filters.appendChild(yearsControl());
    filters.appendChild(skipLink());
    ui.clear = el("button", { type: "button", class: "md-button cb-finder__clear", text: "Clear all filters" });
    ui.clear.addEventListener("click", clearAll);
    filters.appendChild(ui.clear);
    ui.summary = el("summary", { class: "cb-finder__summary", text: "Filters" });
    var panel = el("details", { class: "cb-finder__panel", open: "" }, [ui.summary, filters]);
    if (window.matchMedia("(max-width: 44.9375em)").matches) panel.removeAttribute("open");
    root.appendChild(el("div", { class: "cb-finder__layout" }, [panel, resultsArea()]));
  }

  /* "Skip to the results": shown when focused, at the top of the filters and after each of them, so
     after ticking a value the results are a Tab or two away, not one Tab per value. */
  function skipLink() {
    var link = el("a", { href: "#cb-finder-results-title", class: "cb-finder__skip", text: "Skip to the results" });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var first = ui.list.querySelector("a");
      (first || ui.status).focus();
    });
    return link;
  }

  function wordsControl() {
    ui.words = el("input", { type: "search", id: "cb-finder-words", class: "cb-finder__words", autocomplete: "off",
                             "aria-describedby": "cb-finder-words-help" });
    ui.words.value = view.q;
    ui.words.addEventListener("input", debounce(function () { view.q = ui.words.value.trim(); update(true); }, 150));
    ui.fullText = el("a", { text: "search the full text" });
    var help = el("p", { id: "cb-finder-words-help", class: "cb-finder__help" }, [
      document.createTextNode("Matches titles, districts, states, themes, roles and publishers. Or "), ui.fullText,
      document.createTextNode(".")]);
    return el("div", { class: "cb-finder__field" }, [
      el("label", { for: "cb-finder-words", class: "cb-finder__label", text: "Words" }), ui.words, help]);
  }

  function facetControl(facet) {
    var list = el("ul", { class: "cb-finder__values" });
    var fieldset;
    ui[facet.key] = facet.values.map(function (value, v) {
      var box = el("input", { type: "checkbox", name: facet.key, value: value[0] });
      box.checked = view.selected[facet.key].has(v);
      box.addEventListener("change", function () { toggle(facet.key, v, box.checked); });
      var count = el("span", { class: "cb-finder__count" });
      count.number = count.appendChild(document.createTextNode(""));
      count.unit = count.appendChild(el("span", { class: "cb-visually-hidden" }));
      var item = el("li", {}, [el("label", {}, [box, el("span", { class: "cb-finder__value", text: value[1] }), count])]);
      list.appendChild(item);
      return { item: item, box: box, count: count };
    });
    var more = el("button", { type: "button", class: "cb-finder__more", "aria-expanded": "false" });
    more.addEventListener("click", function () {
      more.setAttribute("aria-expanded", String(more.getAttribute("aria-expanded") !== "true"));
      update(false);
    });
    ui[facet.key].more = more;
    fieldset = el("fieldset", { class: "cb-finder__facet" }, [el("legend", { text: facet.label }), list, more]);
    ui[facet.key].fieldset = fieldset;
    return fieldset;
  }

  function yearsControl() {
    var bounds = model.yearBounds();
    function box(name, label) {
      var input = el("input", { type: "number", id: "cb-finder-" + name, name: name, inputmode: "numeric",
                                min: String(bounds[0]), max: String(bounds[1]), placeholder: String(name === "from" ? bounds[0] : bounds[1]) });
      input.value = view[name] == null ? "" : view[name];
      input.addEventListener("input", debounce(function () { view[name] = model.year(input.value); update(true); }, 300));
      ui[name] = input;
      return el("span", { class: "cb-finder__year" }, [el("label", { for: input.id, text: label }), input]);
    }
    return el("fieldset", { class: "cb-finder__facet cb-finder__years" }, [
      el("legend", { text: "Years" }), box("from", "From"), box("to", "To"),
      el("p", { class: "cb-finder__help", text: "Cases active at any time in this range." })]);
  }

  function resultsArea() {
    ui.status = el("p", { class: "cb-finder__status", role: "status", "aria-live": "polite", "aria-atomic": "true",
                          tabindex: "-1" });
    ui.chosen = el("div", { class: "cb-finder__chosen" });
    ui.sort = el("select", { id: "cb-finder-sort" });
    Object.keys(model.sorts).forEach(function (key) {
      ui.sort.appendChild(el("option", { value: key, text: model.sorts[key] }));
    });
    ui.sort.value = view.sort;
    ui.sort.addEventListener("change", function () { view.sort = ui.sort.value; update(true); });
    ui.list = el("ol", { class: "cb-finder__results" });
    ui.more = el("button", { type: "button", class: "md-button cb-finder__show-more" });
    ui.more.addEventListener("click", showMore);
    return el("section", { class: "cb-finder__main", "aria-labelledby": "cb-finder-results-title" }, [
      el("h2", { id: "cb-finder-results-title", class: "cb-finder__heading", text: "Cases" }), ui.status, ui.chosen,
      el("p", { class: "cb-finder__sort" }, [el("label", { for: "cb-finder-sort", text: "Order " }), ui.sort]),
      ui.list, ui.more]);
  }

  /* ---- Reacting ---- */

  function toggle(key, v, on) {
    if (on) view.selected[key].add(v); else view.selected[key].delete(v);
    update(true, true);
  }

  function clearAll() {
    data.facets.forEach(function (facet) { view.selected[facet.key].clear(); });
    view.from = view.to = null;
    view.q = "";
    syncControls();
    update(true, true);
    ui.words.focus();
  }

  function showMore() {
    var first = view.shown;
    view.shown += PAGE_SIZE;
    update(false);
    var link = ui.list.children[first] && ui.list.children[first].querySelector("a");
    if (link) link.focus();   // keyboard users continue where the new results start
  }

  function syncControls() {
    ui.words.value = view.q;
    ui.from.value = view.from == null ? "" : view.from;
    ui.to.value = view.to == null ? "" : view.to;
    ui.sort.value = view.sort;
    data.facets.forEach(function (facet) {
      ui[facet.key].forEach(function (control, v) { control.box.checked = view.selected[facet.key].has(v); });
    });
  }

  /* record: write the view into the address; newEntry: as a new history entry (Back undoes it). */
  function update(record, newEntry) {
    if (record) {
      view.shown = PAGE_SIZE;
      var query = model.address(view);
      window.history[newEntry ? "pushState" : "replaceState"](null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    var found = model.evaluate(view);
    renderCounts(found.counts);
    renderResults(found.results, found.undated);
    ui.fullText.href = root.dataset.search + (view.q ? "?q=" + encodeURIComponent(view.q) : "");
  }

  /* A value nobody could reach is hidden unless ticked; a long filter shows
     its first SHORT_LIST reachable values (when it has over LONG_LIST) until "Show all" is pressed. */
  function renderCounts(counts) {
    data.facets.forEach(function (facet, f) {
      var controls = ui[facet.key], open = controls.more.getAttribute("aria-expanded") === "true";
      var reachable = controls.filter(function (c, v) { return counts[f][v] > 0 || c.box.checked; }).length;
      var short = !open && reachable > LONG_LIST, shown = 0;
      controls.forEach(function (control, v) {
        var n = counts[f][v], visible = control.box.checked || (n > 0 && (!short || shown < SHORT_LIST));
        control.count.number.textContent = String(n);
        control.count.unit.textContent = n === 1 ? " case" : " cases";
        control.item.hidden = !visible;
        if (visible) shown++;
      });
      controls.fieldset.hidden = shown === 0;  // no empty legends when nothing is reachable
      controls.more.hidden = reachable <= LONG_LIST;
      controls.more.textContent = open ? "Show fewer" : "Show all " + reachable;
    });
  }

  function renderResults(results, undated) {
    var total = results.length;
    var ticked = data.facets.reduce(function (n, facet) { return n + view.selected[facet.key].size; }, 0);
    var chosen = ticked > 0 || view.q || view.from != null || view.to != null;
    ui.summary.textContent = "Filters" + (ticked ? " (" + ticked + " ticked)" : "");
    ui.status.textContent = total === 0 ? "No case matches all of your selection. Remove a filter below, or clear them all." :
      (total === 1 ? "1 case" : total + " cases") +
      (chosen ? " match" + (total === 1 ? "es" : "") + " your selection." : " in the casebook.") + undatedNote(undated);
    ui.clear.hidden = !chosen;
    renderChosen(chosen);
    var fragment = document.createDocumentFragment();
    results.slice(0, view.shown).forEach(function (c) { fragment.appendChild(resultItem(c)); });
    ui.list.replaceChildren(fragment);
    var rest = total - Math.min(total, view.shown);
    ui.more.hidden = rest === 0;
    ui.more.textContent = "Show " + Math.min(rest, PAGE_SIZE) + " more of " + rest;
  }

  /* What is chosen, each with its own remove button, and "Clear all": above the results, so
     an empty list always shows what emptied it and how to undo it. */
  function renderChosen(chosen) {
    var items = [];
    data.facets.forEach(function (facet) {
      view.selected[facet.key].forEach(function (v) {
        items.push([facet.label + ": " + facet.values[v][1], function () { toggleOff(facet.key, v); }]);
      });
    });
    if (view.q) items.push(["Words: " + view.q, function () { view.q = ""; }]);
    if (view.from != null) items.push(["From " + view.from, function () { view.from = null; }]);
    if (view.to != null) items.push(["To " + view.to, function () { view.to = null; }]);
    var list = el("ul", { class: "cb-finder__chosen-list", "aria-label": "Your selection" });
    items.forEach(function (item) {
      var button = el("button", { type: "button", class: "cb-finder__remove", "aria-label": "Remove " + item[0] },
                      [el("span", { text: item[0] }), el("span", { "aria-hidden": "true", text: " \u00d7" })]);
      button.addEventListener("click", function () {
        item[1]();
        syncControls();
        update(true, true);
        var next = ui.chosen.querySelector("button");
        (next || ui.status).focus();
      });
      list.appendChild(el("li", {}, [button]));
    });
    var clear = el("button", { type: "button", class: "cb-finder__remove cb-finder__remove-all", text: "Clear all" });
    clear.addEventListener("click", function () { clearAll(); ui.status.focus(); });
    if (items.length > 1) list.appendChild(el("li", {}, [clear]));
    ui.chosen.replaceChildren(chosen ? list : document.createTextNode(""));
  }

  function toggleOff(key, v) {
    view.selected[key].delete(v);
  }

  function undatedNote(n) {
    return n ? " The years filter leaves out " + (n === 1 ? "1 case" : n + " cases") + " whose sources give no year." : "";
  }

  function facetIndex(key) {
    return data.facets.findIndex(function (facet) { return facet.key === key; });
  }

  function resultItem(c) {
    var states = data.facets[facetIndex("state")].values, theme = facetIndex("theme");
    var where = c.districts.map(function (d) { return d[0] + " (" + states[d[1]][0] + ")"; }).join("; ");
    var themes = c.values[theme].map(function (v) { return data.facets[theme].values[v][1]; }).join(" · ");
    return el("li", { class: "cb-finder__result" }, [
      el("a", { href: root.dataset.root + "cases/" + c.id + "/", class: "cb-finder__title", text: c.title }),
      el("span", { class: "cb-finder__where", text: where + ", " + yearsText(c) }),
      c.summary ? el("span", { class: "cb-finder__lead", text: c.summary }) : null,
      el("span", { class: "cb-finder__themes", text: themes })]);
  }

  function yearsText(c) {
    return c.years;  // written by the site ("since 2021", "reported in 2012", "year unknown"): one wording everywhere
  }

  function debounce(action, wait) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(action, wait); };
  }
})();

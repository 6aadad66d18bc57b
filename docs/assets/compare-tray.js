/* District Casebook: "Add to compare" on every case page and every line of a list
   of cases (the finder's results included), and the tray at the foot of the page
   that holds the chosen cases (up to three) and links to /compare/?ids=….
   The choice is kept in localStorage, so it follows the reader from page to page;
   the compare page's own address stays its state. Without JavaScript nothing is
   added: every case is still a link. Plain JavaScript, no library. */
(function () {
  "use strict";

  var KEY = "casebook-compare";
  var MAX = 3;
  var CASE = /\/cases\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:index\.html)?$/;
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/compare-tray\.js(\?.*)?$/, "") : "/";
  var memory = [];
  var tray, list, go, status, full;

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]").slice(0, MAX); } catch (e) { return memory; }
  }

  function write(chosen) {
    memory = chosen.slice(0, MAX);
    try { localStorage.setItem(KEY, JSON.stringify(memory)); } catch (e) { /* private mode: this page only */ }
    render();
  }

  function has(id) {
    return read().some(function (c) { return c.id === id; });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(text) {
    if (!status) {  // made on first use: a page has no second live region until the tray speaks
      status = el("p", "cb-visually-hidden");
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function toggle(id, title) {
    var chosen = read();
    if (has(id)) {
      write(chosen.filter(function (c) { return c.id !== id; }));
      announce("Removed \u201c" + title + "\u201d from the cases to compare.");
    } else if (chosen.length >= MAX) {
      full.hidden = false;  // seen as well as heard: the click did something
      announce("You can compare up to " + MAX + " cases: remove one from the tray first.");
    } else {
      write(chosen.concat([{ id: id, title: title }]));
      announce("Added \u201c" + title + "\u201d: " + (chosen.length + 1) + " of " + MAX + " cases to compare.");
    }
  }

  function button(id, title, className) {
    var b = el("button", "cb-compare-add " + (className || ""));
    b.type = "button";
    b.dataset.case = id;
    b.dataset.title = title;
    b.addEventListener("click", function () { toggle(id, title); });
    return b;
  }

  function sync(b) {
    var on = has(b.dataset.case);
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.textContent = on ? "\u2713 In compare" : "+ Add to compare";
    b.appendChild(el("span", "cb-visually-hidden", ": " + b.dataset.title));
  }

  /* Every line of a list of cases: the first link to a case page names it. */
  function decorate(scope) {
    scope.querySelectorAll(".cb-case-list li, .cb-finder__results li").forEach(function (li) {
      if (li.querySelector(".cb-compare-add")) return;
      var a = li.querySelector("a[href]");
      var match = a && a.href.match(CASE);
      if (!match) return;
      var b = button(match[1], a.textContent.trim(), "cb-compare-add--small");
      li.appendChild(document.createTextNode(" "));
      li.appendChild(b);
      sync(b);
    });
  }

  /* A heading's words without the "¶" of its permalink (Material's .headerlink). */
  function headingText(h1) {
    var copy = h1.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function casePage() {
    var slot = document.querySelector(".cb-compare-links[data-case]");
    if (!slot || slot.querySelector(".cb-compare-add")) return;
    var h1 = document.querySelector("article h1, h1");
    var b = button(slot.dataset.case, h1 ? headingText(h1) : slot.dataset.case);
    slot.insertBefore(b, slot.firstChild);
    slot.insertBefore(document.createTextNode(" "), b.nextSibling);
    sync(b);
  }

  function buildTray() {
    tray = el("section", "cb-tray");
    tray.setAttribute("aria-labelledby", "cb-tray-title");
    tray.hidden = true;
    var title = tray.appendChild(el("h2", "cb-tray__title", "Cases to compare"));
    title.id = "cb-tray-title";
    list = tray.appendChild(el("ul", "cb-tray__list"));
    full = tray.appendChild(el("p", "cb-tray__full", "Up to " + MAX + " cases: remove one to add another."));
    full.hidden = true;
    var actions = tray.appendChild(el("p", "cb-tray__actions"));
    go = actions.appendChild(el("a", "cb-tray__go", "Compare"));
    var clear = actions.appendChild(el("button", "cb-tray__clear", "Clear"));
    clear.type = "button";
    clear.addEventListener("click", function () { write([]); announce("The tray is empty."); });
    document.body.appendChild(tray);
  }

  function render() {
    var chosen = read();
    full.hidden = true;
    // The compare page lists its own cases, each with a way to remove it: no tray over them.
    tray.hidden = chosen.length === 0 || !!document.getElementById("cb-compare");
    document.body.classList.toggle("cb-has-tray", !tray.hidden);
    list.replaceChildren.apply(list, chosen.map(function (c) {
      var li = el("li");
      var a = li.appendChild(el("a", "", c.title));
      a.href = root + "cases/" + c.id + "/";
      var remove = li.appendChild(el("button", "cb-tray__remove"));
      remove.type = "button";
      remove.appendChild(el("span", "", "\u00d7")).setAttribute("aria-hidden", "true");
      remove.appendChild(el("span", "cb-visually-hidden", "Remove " + c.title));
      remove.addEventListener("click", function () { toggle(c.id, c.title); });
      return li;
    }));
    go.href = root + "compare/?ids=" + chosen.map(function (c) { return c.id; }).join(",");
    go.textContent = chosen.length > 1 ? "Compare " + chosen.length + " cases" : "Compare (add one more)";
    document.querySelectorAll(".cb-compare-add").forEach(sync);
    compareLinks().forEach(function (a) { withChosen(a, chosen); });
  }

  /* Links to the compare page elsewhere on the page (the tabs, a case's "Compare with other
     cases", a theme's "compare them side by side"): they open it with the chosen cases, the
     link's own case first, rather than with none or with that case alone. */
  function compareLinks() {
    var page = new URL(root + "compare/", location.href).pathname;
    return Array.prototype.filter.call(document.querySelectorAll("a[href]"), function (a) {
      return a.pathname === page && !a.closest("#cb-compare, .cb-tray");
    });
  }

  function withChosen(a, chosen) {
    if (a.dataset.ids === undefined) a.dataset.ids = new URL(a.href).searchParams.get("ids") || "";
    var ids = a.dataset.ids ? a.dataset.ids.split(",") : [];
    chosen.forEach(function (c) { if (ids.indexOf(c.id) < 0) ids.push(c.id); });
    var url = new URL(a.href);
    if (ids.length) url.searchParams.set("ids", ids.slice(0, MAX).join(","));
    else url.searchParams.delete("ids");
    a.href = url.href.replace(/%2C/g, ",");
  }

  function start() {
    buildTray();
    decorate(document);
    casePage();
    render();
    var finder = document.getElementById("cb-finder");
    if (finder && window.MutationObserver) {
      new MutationObserver(function () { decorate(finder); }).observe(finder, { childList: true, subtree: true });
    }
    // The compare page shows the cases of its address: they become the tray's.
    document.addEventListener("cb-compare-shown", function (event) { write(event.detail.slice(0, MAX)); });
    window.addEventListener("storage", function (event) { if (event.key === KEY) render(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

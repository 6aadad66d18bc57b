/* District Casebook: each section heading's permanent link copies the
   section's address, and a "Copy" button on each citation format. Plain JavaScript, no library.
   Without JavaScript the links and the citation texts are still there to open
   or select by hand; the buttons only save a step. */
(function () {
  "use strict";

  var status;  // one polite live region announces "Copied" to screen readers

  function announce(message) {
    if (!status) {
      status = document.createElement("p");
      status.className = "cb-visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function permalink(hash) {
    // The canonical address, never the one the reader arrived by (a redirect, a query).
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href).split("#")[0] + hash;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "cb-visually-hidden";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      (done ? resolve : reject)();
    });
  }

  function copyButton(text, label, what) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cb-copy";
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () {
      copyText(what()).then(function () {
        button.textContent = "Copied";
        announce("Copied " + label.replace(/^Copy /, "") + ".");
        window.setTimeout(function () { button.textContent = text; }, 2000);
      }, function () {
        announce("Could not copy: select the text and copy it by hand.");
      });
    });
    return button;
  }

  function headingText(link) {
    var heading = link.closest("h1, h2, h3, h4, h5, h6");
    if (!heading) return "this section";
    var clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return clone.textContent.trim();
  }

  /* Each heading's one link control is its own permanent link (the ¶ MkDocs adds): following it
     still moves to the section, and it also copies the section's permanent address. */
  function sectionLink(link) {
    var name = headingText(link);
    link.setAttribute("aria-label", "Copy link to the section " + name);
    link.title = "Copy the link to this section";
    link.addEventListener("click", function () {
      copyText(permalink(link.getAttribute("href"))).then(function () {
        link.classList.add("cb-copied");
        announce("Copied the link to the section " + name + ".");
        window.setTimeout(function () { link.classList.remove("cb-copied"); }, 2000);
      }, function () {
        announce("Could not copy: the address bar now holds the section's link.");
      });
    });
  }

  /* Printing: each link followed by its full address (links.css prints data-cb-address). */
  function markAddresses() {
    var base = permalink("");  // the published address, not the one this copy was served from
    document.querySelectorAll(".md-content article a[href]:not(.headerlink)").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.closest("[data-pagefind-ignore], .cb-breadcrumb, .cb-panel")) return;
      a.dataset.cbAddress = new URL(href, base).href;
    });
  }

  function init() {
    document.querySelectorAll(".md-content a.headerlink[href^='#']").forEach(function (link) {
      if (link.dataset.cbReady) return;
      link.dataset.cbReady = "1";
      sectionLink(link);
    });
    document.querySelectorAll("[data-cb-copy]").forEach(function (block) {
      if (block.dataset.cbReady) return;
      block.dataset.cbReady = "1";
      block.before(copyButton("Copy", "Copy " + block.dataset.cbCopy,
                              function () { return block.textContent.trim() + "\n"; }));
    });
    markAddresses();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page-load signal, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

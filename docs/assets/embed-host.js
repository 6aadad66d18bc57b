/* District Casebook host script: fits each District Casebook card on your page to its height.

   Paste it once, after the iframes (the snippet under "Cite this case" on every case page
   holds both):

     <iframe src="https://district-casebook.github.io/embed/cases/<id>/" title="…"
             width="100%" height="480" style="border:0" loading="lazy"></iframe>
     <script src="https://district-casebook.github.io/assets/embed-host.js" async></script>

   Each card's page (assets/embed-size.js) posts its height to your page whenever it
   changes (a narrower window, several cards loading); this script sets that height on the
   iframe the message came from, and only if the message comes from the address that
   iframe shows. It reads nothing else, sets no cookie, loads nothing and needs no library.
   Without it, an iframe keeps the height its snippet gives. */
(function () {
  "use strict";
  var MIN = 40, MAX = 20000;

  function originOf(src) {
    try { return new URL(src, document.baseURI).origin; } catch (error) { return ""; }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.casebook !== "embed-height" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      if (originOf(frames[i].src) === event.origin) {
        frames[i].style.height = Math.min(Math.max(Math.ceil(data.height), MIN), MAX) + "px";
      }
      return;
    }
  });
})();

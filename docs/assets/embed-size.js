/* District Casebook: an embedded card (/embed/cases/<id>/, /embed/?ids=) tells the page
   holding it how tall it is, so that page's copy of assets/embed-host.js can fit the
   iframe to it. It sends its height and nothing else, and only when it is in a frame. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var sent = 0;

  function send() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ casebook: "embed-height", height: height }, "*");
  }

  send();
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();

/* Before printing (Ctrl+P or `make pdf`): open each event's claims so their quotes print, and mark
   links that leave the site so print CSS can show their address. Material rewrites internal links
   to absolute addresses, so only a comparison of origins tells the two apart. */
(function () {
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.lw-claims").forEach(function (el) { el.open = true; });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var external = a.protocol.indexOf("http") === 0 && a.origin !== window.location.origin;
      a.classList.toggle("lw-external", external);
    });
  });
})();

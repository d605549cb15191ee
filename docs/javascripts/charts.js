/* Draws every .lw-chart from the figure JSON in its data-figure attribute.
   plotly.js (and the Africa base map, for maps) are fetched from this site only when a page has a
   chart, on first load and after instant navigation. Charts follow the light/dark scheme, and are
   redrawn light and paper-wide for printing. */
(function () {
  var self = document.currentScript;
  var root = self ? self.src.replace(/javascripts\/charts\.js(\?.*)?$/, "") : "";
  var loaded = {};
  var printing = false;

  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + path;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + path)); };
        document.head.appendChild(script);
      });
    }
    return loaded[path];
  }

  function theme() {
    var dark = !printing && document.body.getAttribute("data-md-color-scheme") === "slate";
    var ink = dark ? "#e2e4e9" : "#1f2328";
    var grid = dark ? "rgba(255,255,255,0.15)" : "rgba(0,0,0,0.12)";
    return {
      "font.color": ink,
      "xaxis.gridcolor": grid, "yaxis.gridcolor": grid,
      "xaxis.zerolinecolor": grid, "yaxis.zerolinecolor": grid
    };
  }

  function draw(el) {
    var figure = JSON.parse(el.getAttribute("data-figure"));
    var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
    return window.Plotly.newPlot(el, figure.data, figure.layout, config).then(function () {
      el.setAttribute("data-rendered", "true");
      return window.Plotly.relayout(el, theme());
    });
  }

  function render() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".lw-chart:not([data-claimed])"));
    if (!charts.length) return;
    charts.forEach(function (el) { el.setAttribute("data-claimed", "true"); });
    var maps = charts.some(function (el) { return el.hasAttribute("data-geo"); });
    load("assets/javascripts/plotly.min.js")
      .then(function () { return maps ? load("assets/javascripts/africa_50m.js") : null; })
      .then(function () { return Promise.all(charts.map(draw)); })
      .catch(function (error) { console.error(error); });
  }

  function restyleAll(extra) {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".lw-chart[data-rendered]"));
    return Promise.all(charts.map(function (el) {
      return window.Plotly.relayout(el, Object.assign(theme(), extra || {}));
    }));
  }

  new MutationObserver(function () { if (window.Plotly) restyleAll(); })
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  /* On paper, charts are light and as wide as the printable area of A4 or Letter;
     body[data-print-ready] tells `make pdf` the relayout is done. */
  window.addEventListener("beforeprint", function () {
    printing = true;
    document.body.dataset.printReady = "false";
    var done = window.Plotly ? restyleAll({ width: 680, autosize: false }) : Promise.resolve();
    done.then(function () { document.body.dataset.printReady = "true"; });
  });
  window.addEventListener("afterprint", function () {
    printing = false;
    if (window.Plotly) restyleAll({ width: null, autosize: true });
  });

  /* Both: document$ fires after instant navigation, but never on a page opened from disk. */
  if (typeof document$ !== "undefined") document$.subscribe(render);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render);
  else render();
})();

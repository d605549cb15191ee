/* Draws each .lw-chart from the figure JSON in its data-figure attribute, when it comes near the
   viewport: a chart far down a page costs nothing until the reader scrolls to it (the print page,
   made to be printed, draws all at once). Until then, and without JavaScript, the figure's title,
   caption and data table are there. A bar chart comes with a static SVG of its bars, drawn at
   build time (macros/views/chartsvg.py): it is swapped for the interactive chart only when the reader
   reaches for it (pointer, touch, focus), so a page opens without running plotly.js. A chart with
   no such preview (a map, a grid) that is in view as the page opens waits for the reader's first
   gesture (scroll, pointer, touch, key), a map's box listing the places it marks meanwhile
   (.lw-chart-waiting): a phone shows the page's text first, and plotly.js's
   seconds of work come once the reader is using it (Lighthouse, issue 27). Each chart
   loads the smallest of plotly.js's own partial bundles that has all its trace types, served by
   this site (macros/publish/assets.py), and the Africa base map and Libya's districts only for a map; on
   first load and after instant navigation. Charts follow the light/dark scheme (a map's land, sea
   and Libya too), and are redrawn light and paper-wide for printing. plotly's toolbar is never
   shown: on a phone it covered the data, and every chart's figures are in its table. */
(function () {
  var self = document.currentScript;
  var root = self ? self.src.replace(/javascripts\/charts\.js(\?.*)?$/, "") : "";
  /* Smallest first; the trace types each partial bundle registers (plotly.js 4.1.1). */
  var BUNDLES = [
    ["basic", ["bar", "pie", "scatter"]],
    ["geo", ["choropleth", "scatter", "scattergeo"]],
    ["cartesian", ["bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
                   "image", "pie", "scatter", "scatterternary", "violin"]]
  ];
  var NEAR = "400px 0px"; /* how close to the viewport a chart starts loading */
  var EAGER = ".lw-cover"; /* only the print page has a cover */
  var scripts = {};
  var plotly = new WeakMap(); /* chart -> the plotly.js instance that drew it */
  var observer = null;
  var printing = false;
  var engaged = false; /* the reader has scrolled, pointed, touched or typed since the page opened */
  var nearby = new Set(); /* charts without a preview near the view, waiting for that */
  var GESTURES = ["scroll", "wheel", "pointermove", "pointerdown", "touchstart", "keydown"];

  function load(path) {
    if (!scripts[path]) {
      scripts[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + path;
        /* Each bundle sets window.Plotly as it runs and fires load right after: keep that one. */
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { reject(new Error("could not load " + path)); };
        document.head.appendChild(script);
      });
    }
    return scripts[path];
  }

  function bundleFor(figure) {
    var types = figure.data.filter(Boolean).map(function (trace) { return trace.type || "scatter"; });
    var found = BUNDLES.filter(function (bundle) {
      return types.every(function (type) { return bundle[1].indexOf(type) >= 0; });
    })[0];
    if (!found) throw new Error("no plotly.js bundle draws " + types.join(", "));
    return found[0];
  }

  function dark() {
    return !printing && document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function theme(el) {
    var ink = dark() ? "#e2e4e9" : "#1f2328";
    var grid = dark() ? "rgba(255,255,255,0.15)" : "rgba(0,0,0,0.12)";
    var keys = {
      "font.color": ink,
      "xaxis.gridcolor": grid, "yaxis.gridcolor": grid,
      "xaxis.zerolinecolor": grid, "yaxis.zerolinecolor": grid
    };
    if (el.hasAttribute("data-geo")) Object.assign(keys, GEO[dark() ? "dark" : "light"]);
    return keys;
  }

  /* A map's sea, neighbours' land and graticule in each scheme; Libya itself is the districts'
     fill (LIBYA), a step lighter than its neighbours, so land, sea and the country read apart. */
  var GEO = {
    light: { "geo.oceancolor": "#b9d4ec", "geo.landcolor": "#e6e1d6", "geo.countrycolor": "#5f6368",
             "geo.coastlinecolor": "#5f6368", "geo.lonaxis.gridcolor": "rgba(0,0,0,0.18)",
             "geo.lataxis.gridcolor": "rgba(0,0,0,0.18)" },
    dark: { "geo.oceancolor": "#0b1a2c", "geo.landcolor": "#30343d", "geo.countrycolor": "#aab0b8",
            "geo.coastlinecolor": "#aab0b8", "geo.lonaxis.gridcolor": "rgba(255,255,255,0.2)",
            "geo.lataxis.gridcolor": "rgba(255,255,255,0.2)" }
  };
  var LIBYA = { light: "#fbfaf7", dark: "#3e434d" };

  function districts(el, data) {
    /* The districts trace names its shapes; the outlines come once from libya_districts.js. */
    var fill = LIBYA[dark() ? "dark" : "light"];
    return data.map(function (trace) {
      if (trace.type !== "choropleth") return trace;
      return Object.assign({}, trace, { geojson: window.LibyaWatchDistricts, colorscale: [[0, fill], [1, fill]] });
    });
  }

  function restyleDistricts(el) {
    var indexes = [];
    (el.data || []).forEach(function (trace, i) { if (trace.type === "choropleth") indexes.push(i); });
    if (!indexes.length) return Promise.resolve();
    var fill = LIBYA[dark() ? "dark" : "light"];
    return plotly.get(el).restyle(el, { colorscale: [[[0, fill], [1, fill]]] }, indexes);
  }

  function plot(Plotly, el, figure) {
    var config = { responsive: true, displaylogo: false, displayModeBar: false };
    var layout = Object.assign({}, figure.layout);
    var keys = theme(el);
    Object.keys(keys).forEach(function (key) { setPath(layout, key, keys[key]); });
    if (el.hasAttribute("data-geo")) {
      layout.height = mapHeight(el, layout.height);
      setPath(layout, "font.size", layout.height < 400 ? 11 : 12); /* its names, smaller on a phone (11 px at least) */
    }
    if (printing) Object.assign(layout, { width: 680, autosize: false });
    plotly.set(el, Plotly);
    el.querySelectorAll(".lw-chart-preview, .lw-chart-waiting").forEach(function (stand) { stand.remove(); });
    return Plotly.newPlot(el, districts(el, figure.data), layout, config).then(function () {
      el.setAttribute("data-rendered", "true");
    });
  }

  /* A map is as tall as the view of Libya (about 1.07 wide for 1 high in its projection) at the
     chart's width, up to the figure's height: on a phone no empty band is left under it. */
  function mapHeight(el, most) {
    var width = printing ? 680 : el.clientWidth;
    return width ? Math.min(most, Math.round(width / 1.07)) : most;
  }

  function setPath(target, path, value) {
    var keys = path.split(".");
    keys.slice(0, -1).forEach(function (key) {
      target[key] = Object.assign({}, target[key]);
      target = target[key];
    });
    target[keys[keys.length - 1]] = value;
  }

  function needs(el) {
    var figure = JSON.parse(el.getAttribute("data-figure"));
    var paths = ["assets/javascripts/plotly-" + bundleFor(figure) + ".min.js"];
    if (el.hasAttribute("data-geo")) paths.push("assets/javascripts/africa_50m.js", "assets/javascripts/libya_districts.js");
    return { figure: figure, paths: paths };
  }

  function draw(el) {
    if (el.hasAttribute("data-claimed")) return;
    el.setAttribute("data-claimed", "true");
    if (observer) observer.unobserve(el);
    var need = needs(el);
    Promise.all(need.paths.map(load))
      .then(function (loaded) { return plot(loaded[0], el, need.figure); })
      .catch(function (error) { console.error(error); });
  }

  function render() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".lw-chart:not([data-claimed])"));
    if (!charts.length) return;
    if (document.querySelector(EAGER) || !("IntersectionObserver" in window)) {
      charts.forEach(draw);
      return;
    }
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) nearby.delete(entry.target);
          else if (engaged) draw(entry.target);
          else nearby.add(entry.target);
        });
      }, { rootMargin: NEAR });
      GESTURES.forEach(function (name) { window.addEventListener(name, engage, { passive: true }); });
    }
    charts.forEach(function (el) {
      el.setAttribute("data-waiting", "true"); /* seen here: it draws when it is reached */
      if (!el.hasAttribute("data-preview")) {
        ["pointerenter", "focusin"].forEach(function (name) {
          el.parentNode.addEventListener(name, engage, { once: true, passive: true });
        });
        return observer.observe(el);
      }
      var upgrade = function () { draw(el); };
      ["pointerenter", "touchstart", "focusin"].forEach(function (name) {
        el.parentNode.addEventListener(name, upgrade, { once: true, passive: true });
      });
    });
  }

  function engage() {
    if (engaged) return;
    engaged = true;
    GESTURES.forEach(function (name) { window.removeEventListener(name, engage); });
    nearby.forEach(draw);
    nearby.clear();
  }

  function restyleAll(extra) {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".lw-chart[data-rendered]"));
    return Promise.all(charts.map(function (el) {
      return plotly.get(el).relayout(el, Object.assign(theme(el), extra || {})).then(function () {
        return restyleDistricts(el);
      });
    }));
  }

  new MutationObserver(function () { restyleAll(); })
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  /* On paper, charts are light and as wide as the printable area of A4 or Letter;
     body[data-print-ready] tells `make pdf` the relayout is done. A bar chart's SVG prints as it
     is; any other chart not drawn yet prints its data table (the browser prints as soon as this
     handler returns: there is no time to load plotly.js). */
  window.addEventListener("beforeprint", function () {
    printing = true;
    document.body.dataset.printReady = "false";
    document.querySelectorAll(".lw-chart:not([data-rendered], [data-preview])").forEach(function (el) {
      var table = el.parentNode.querySelector(".lw-chart-data");
      if (table) table.open = true;
    });
    restyleAll({ width: 680, autosize: false }).then(function () { document.body.dataset.printReady = "true"; });
  });
  window.addEventListener("afterprint", function () {
    printing = false;
    restyleAll({ width: null, autosize: true });
  });

  /* Both: document$ fires after instant navigation, but never on a page opened from disk. */
  if (typeof document$ !== "undefined") document$.subscribe(render);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render);
  else render();
})();

/* Timeline filters: by event type, actor and place (a card lists its place and the towns it is
   described from, so a town's filter shows the events near it too). Without JavaScript the form stays hidden and
   the full list shows. Runs on first load and after every instant navigation (document$).
   The filters live in the address (?type=…&actor=…&place=…): a filtered view opens filtered, and
   choosing a filter rewrites the address (history.replaceState), so it can be bookmarked and shared.
   "The events shown as CSV" hands over the rows of downloads/events.csv for the cards shown, with
   its columns, byte for byte (fetched when asked; a page opened from disk cannot fetch, and hides it). */
(function () {
  var FILTERS = ["type", "actor", "place"];
  var ID_COLUMN = "event_id_cnty";

  /* Each record of a CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks):
     its text as written and its fields. */
  function records(text) {
    var out = [], fields = [], field = "", start = 0, quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') { field += '"'; i += 1; }
        else quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === ",") { fields.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        fields.push(field);
        out.push({ raw: text.slice(start, i), fields: fields });
        if (c === "\r" && text[i + 1] === "\n") i += 1;
        fields = []; field = ""; start = i + 1;
      } else field += c;
    }
    if (start < text.length) { fields.push(field); out.push({ raw: text.slice(start), fields: fields }); }
    return out;
  }

  /* events.csv's header and the rows of the events `ids` holds, in the file's order. */
  function csvOf(text, ids) {
    var rows = records(text), column = rows[0].fields.indexOf(ID_COLUMN);
    var kept = rows.slice(1).filter(function (row) { return ids.has(row.fields[column]); });
    return [rows[0]].concat(kept).map(function (row) { return row.raw + "\n"; }).join("");
  }

  function save(csv, name) {
    var url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* The file's name says what was chosen: events-type-Battles.csv. */
  function fileName(form) {
    var parts = FILTERS.filter(function (name) { return form.elements[name].value; }).map(function (name) {
      return name + "-" + form.elements[name].value.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
    });
    return ["events"].concat(parts).join("-") + ".csv";
  }

  function readAddress(form) {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var select = form.elements[name], wanted = params.get(name);
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      if (wanted !== null && known) select.value = wanted;
    });
  }

  function writeAddress(form) {
    var url = new URL(window.location.href);
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    });
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }

  function setup() {
    document.querySelectorAll("form.lw-filters").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      var events = Array.prototype.slice.call(document.querySelectorAll(".lw-event"));
      var count = form.querySelector(".lw-filter-count");
      var download = form.querySelector(".lw-filter-csv");
      function shown() {
        return new Set(events.filter(function (card) { return !card.hidden; }).map(function (card) { return card.id; }));
      }
      function apply() {
        var type = form.elements.type.value, actor = form.elements.actor.value, place = form.elements.place.value;
        var visible = 0;
        events.forEach(function (card) {
          var match = (!type || card.dataset.type === type) &&
            (!place || card.dataset.place.split(" ").indexOf(place) !== -1) &&
            (!actor || card.dataset.actors.split(" ").indexOf(actor) !== -1);
          card.hidden = !match;
          if (match) visible += 1;
        });
        document.querySelectorAll(".lw-year").forEach(function (year) {
          var any = year.querySelector(".lw-event:not([hidden])") !== null;
          year.hidden = !any;
          var heading = year.previousElementSibling;
          if (heading && heading.tagName === "H2") heading.hidden = !any;
        });
        count.textContent = visible === events.length ? "" : "Showing " + visible + " of " + events.length + " events";
      }
      readAddress(form);
      apply();
      form.addEventListener("change", function () { apply(); writeAddress(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      if (!download) return;
      if (window.location.protocol === "file:") { download.hidden = true; return; }
      download.addEventListener("click", function (event) {
        event.preventDefault();
        var ids = shown();
        fetch(download.href).then(function (response) {
          if (!response.ok) throw new Error(download.href + ": " + response.status);
          return response.text();
        }).then(function (text) { save(csvOf(text, ids), fileName(form)); });
      });
    });
  }
  /* Both: document$ fires after instant navigation, but never on a page opened from disk. */
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

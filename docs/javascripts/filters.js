/* Timeline filters: by event type, actor and place (a card lists its place and the towns it is
   described from, so a town's filter shows the events near it too). Without JavaScript the form stays hidden and
   the full list shows. Runs on first load and after every instant navigation (document$). */
(function () {
  function setup() {
    document.querySelectorAll("form.lw-filters").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      var events = Array.prototype.slice.call(document.querySelectorAll(".lw-event"));
      var count = form.querySelector(".lw-filter-count");
      function apply() {
        var type = form.elements.type.value, actor = form.elements.actor.value, place = form.elements.place.value;
        var shown = 0;
        events.forEach(function (card) {
          var match = (!type || card.dataset.type === type) &&
            (!place || card.dataset.place.split(" ").indexOf(place) !== -1) &&
            (!actor || card.dataset.actors.split(" ").indexOf(actor) !== -1);
          card.hidden = !match;
          if (match) shown += 1;
        });
        document.querySelectorAll(".lw-year").forEach(function (year) {
          var any = year.querySelector(".lw-event:not([hidden])") !== null;
          year.hidden = !any;
          var heading = year.previousElementSibling;
          if (heading && heading.tagName === "H2") heading.hidden = !any;
        });
        count.textContent = shown === events.length ? "" : "Showing " + shown + " of " + events.length + " events";
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }
  /* Both: document$ fires after instant navigation, but never on a page opened from disk. */
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

// Archive search: keeps the filters drawer, keyboard focus and the browser's
// history in order across htmx updates of the results. Without this script
// the page is a plain form and plain links, and every update a page load.
(function () {
  "use strict";

  // A run of typing makes one history entry: its first search pushes one, the
  // next ones (each within this long of the last) replace it. A pause longer
  // than this settles the search, and typing on starts a new entry.
  var TYPING_RUN_MS = 2000;
  // A live region announces a change, not its arrival: the count line, new
  // with every update, is filled this long after it is in the page.
  var ANNOUNCE_DELAY_MS = 50;

  // On a phone the filters drawer starts closed and stays as the visitor left
  // it; on wide screens the stylesheet shows the filters whatever this says.
  var filtersOpen = false;
  var lastTyping = 0;

  // The "Filters (2)" link jumps down to the filters without JavaScript; with
  // it, it becomes a button that opens and closes them in place.
  function setupDrawer(root) {
    var drawer = root.querySelector("#filters");
    var toggle = root.querySelector(".filters-toggle");
    if (!drawer || !toggle) return;
    if (toggle.tagName === "A") {
      var button = document.createElement("button");
      button.type = "button";
      button.className = toggle.className;
      button.textContent = toggle.textContent;
      button.setAttribute("aria-controls", "filters");
      toggle.replaceWith(button);
      toggle = button;
    }
    toggle.setAttribute("aria-expanded", filtersOpen ? "true" : "false");
    drawer.classList.toggle("is-open", filtersOpen);
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".filters-toggle")) return;
    filtersOpen = !filtersOpen;
    setupDrawer(document.getElementById("search-results"));
  });

  // The sort select is part of the results, which every update replaces: a
  // listener on the form follows it, where one bound to the select would not.
  document.addEventListener("change", function (event) {
    if (event.target.id === "sort" && event.target.form) {
      event.target.form.requestSubmit();
    }
  });

  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var history = event.detail.history;
    var config = event.detail.requestConfig || {};
    var typing = !!config.triggeringEvent && config.triggeringEvent.type === "input";
    var now = Date.now();
    var here = window.location.pathname + window.location.search;
    // Submitting what was typed, or the same search again, adds no entry.
    if (history.path === here || (typing && now - lastTyping < TYPING_RUN_MS)) {
      history.type = "replace";
    }
    lastTyping = typing ? now : 0;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.target;
    var active = document.activeElement;
    var focusLost = !active || active === document.body;
    if (swapped.id === "search-results") {
      setupDrawer(swapped);
      var count = document.getElementById("results-count");
      if (!count) return;
      if (focusLost) {
        // The link or chip that was followed has gone with the old results;
        // the count says what it did, and Tab goes on from there.
        count.focus();
      } else {
        // Still typing, or on the sort select (htmx keeps focus on an element
        // with the same id): leave focus there and announce the count.
        var text = count.textContent;
        count.textContent = "";
        window.setTimeout(function () {
          count.textContent = text;
        }, ANNOUNCE_DELAY_MS);
      }
    } else if (focusLost && swapped.matches && swapped.matches("form.favourite")) {
      // A heart toggled in place: focus stays on the new heart.
      var heart = swapped.querySelector("button");
      if (heart) heart.focus();
    }
  });

  // htmx settles new elements that share an id with old ones (#filters) by
  // giving them the old attributes for a moment, then their own: the drawer's
  // state goes back on once they have theirs.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === "search-results") setupDrawer(event.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("search-results");
    if (results) setupDrawer(results);
  });
})();

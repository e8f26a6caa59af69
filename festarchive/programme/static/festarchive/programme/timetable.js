// The timetable without a page load: htmx replaces the results. A day tab
// or a view link followed inside them is gone after the swap, so focus goes
// to the count (the results' live region) rather than back to the top of
// the page. A change in the filter form keeps its focus where it was.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "timetable-results") {
      return;
    }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) {
      return;
    }
    var count = document.getElementById("timetable-count");
    if (count) {
      count.focus();
    }
  });
})();

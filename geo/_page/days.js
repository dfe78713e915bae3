// Days as ISO strings ("2024-12-15") and as day numbers, and slices of time.
// Pure: no DOM, no Leaflet; tested by tests/js/days.test.js.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.days = (function () {
  "use strict";
  var DAY_MS = 86400000;

  // ISO dates compare as strings; day numbers are needed only to step by one day.
  // Remembered per string: a map's claims name a few hundred distinct days, and a step
  // of time turns every claim in view into day numbers.
  var numbers = Object.create(null);
  function toNumber(iso) {
    var number = numbers[iso];
    if (number === undefined) {
      number = numbers[iso] = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
    }
    return number;
  }
  function toIso(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }
  function nextDay(iso) { return toIso(toNumber(iso) + 1); }

  // A claim's interval with its open ends as -Infinity / Infinity (day numbers).
  function span(claim) {
    return [
      claim.start ? toNumber(claim.start) : -Infinity,
      claim.end ? toNumber(claim.end) : Infinity
    ];
  }

  // The interval as the slices see it: open ends clipped to the window (ISO strings).
  function clipped(claim, window) {
    return [claim.start || window[0], claim.end || window[1]];
  }

  // Indices [first, last] of the slices that [start, end] (ISO, inclusive) overlaps, or null.
  // Slices are sorted, contiguous and disjoint, so two binary searches find them.
  function sliceRange(slices, start, end) {
    var low = 0, high = slices.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (slices[mid].end < start) { low = mid + 1; } else { high = mid; }
    }
    var first = low;
    low = first; high = slices.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (slices[middle].start <= end) { low = middle + 1; } else { high = middle; }
    }
    var last = low - 1;
    return first <= last ? [first, last] : null;
  }

  function spanText(start, end) { return (start || "…") + " to " + (end || "…"); }

  return { toNumber: toNumber, toIso: toIso, nextDay: nextDay, span: span, clipped: clipped,
    sliceRange: sliceRange, spanText: spanText };
})();

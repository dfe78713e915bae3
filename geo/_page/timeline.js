// The timeline strip's arithmetic: claims per day and layer, claims per slice,
// the slices a brushed range of days selects, and the next step of play.
// Pure: no DOM, no Leaflet; tested by tests/js/timeline.test.js.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.timeline = (function () {
  "use strict";
  var days = geoPage.days;

  // Claims per day of the window, per layer: a claim counts on every day of its
  // interval, open ends clipped to the window (as the slices see it).
  // Returns {days: [ISO...], layers: [id...], counts: [[count per layer] per day], totals: [per day]}.
  // Difference arrays keep it linear in claims plus days, however long the intervals.
  function histogram(claims, window, layerIds) {
    var first = days.toNumber(window[0]), length = days.toNumber(window[1]) - first + 1;
    var column = {};
    layerIds.forEach(function (id, i) { column[id] = i; });
    var steps = layerIds.map(function () { return new Int32Array(length + 1); });
    claims.forEach(function (claim) {
      var span = days.clipped(claim, window);
      var from = Math.max(days.toNumber(span[0]) - first, 0), to = Math.min(days.toNumber(span[1]) - first, length - 1);
      if (from > to || column[claim.layer] === undefined) { return; }
      steps[column[claim.layer]][from] += 1;
      steps[column[claim.layer]][to + 1] -= 1;
    });
    var running = layerIds.map(function () { return 0; });
    var out = { days: [], layers: layerIds.slice(), counts: [], totals: [] };
    for (var d = 0; d < length; d += 1) {
      var row = [], total = 0;
      for (var l = 0; l < layerIds.length; l += 1) {
        running[l] += steps[l][d];
        row.push(running[l]);
        total += running[l];
      }
      out.days.push(days.toIso(first + d));
      out.counts.push(row);
      out.totals.push(total);
    }
    return out;
  }

  // How many claims each slice shows: those whose clipped interval overlaps it
  // (derive.inSlice's rule, counted for all slices at once).
  function sliceCounts(claims, slices, window) {
    var steps = new Int32Array(slices.length + 1);
    claims.forEach(function (claim) {
      var span = days.clipped(claim, window);
      if (span[1] < window[0] || span[0] > window[1]) { return; }
      var range = days.sliceRange(slices, span[0], span[1]);
      if (!range) { return; }
      steps[range[0]] += 1;
      steps[range[1] + 1] -= 1;
    });
    var out = [], running = 0;
    for (var i = 0; i < slices.length; i += 1) { running += steps[i]; out.push(running); }
    return out;
  }

  // The slices a brushed range of days selects: [first, last] indices, or null.
  // The two ends may come in either order (a brush dragged leftwards).
  function brushSlices(slices, fromIso, toIso) {
    var low = fromIso <= toIso ? fromIso : toIso, high = fromIso <= toIso ? toIso : fromIso;
    return days.sliceRange(slices, low, high);
  }

  // The slice after (step 1) or before (step -1) `index` within `range`
  // ([first, last]); from "all time" (-1) play starts at the range's first slice.
  // Returns the new index, or null at the end of the range.
  function step(index, range, direction) {
    if (index < range[0] || index > range[1]) { return direction > 0 ? range[0] : range[1]; }
    var next = index + direction;
    return next < range[0] || next > range[1] ? null : next;
  }

  return { histogram: histogram, sliceCounts: sliceCounts, brushSlices: brushSlices, step: step };
})();

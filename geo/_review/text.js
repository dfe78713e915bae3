// The article's text cut into pieces for highlighting, and selections turned back into offsets.
// Pure: no DOM; tested by tests/js/review_text.test.js.
var geoReview = globalThis.geoReview = globalThis.geoReview || {};

geoReview.text = (function () {
  "use strict";

  // Cut [0, length) at every start and end of `spans` ({start, end}); each piece lists the
  // indices of the spans covering it, so overlapping mentions and evidence both show.
  function segments(length, spans) {
    var cuts = [0, length];
    spans.forEach(function (span) {
      cuts.push(Math.max(0, Math.min(length, span.start)), Math.max(0, Math.min(length, span.end)));
    });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    var pieces = [];
    for (var i = 0; i + 1 < cuts.length; i += 1) {
      var start = cuts[i], end = cuts[i + 1];
      var covering = [];
      spans.forEach(function (span, index) {
        if (span.start <= start && span.end >= end && span.start < span.end) { covering.push(index); }
      });
      pieces.push({ start: start, end: end, spans: covering });
    }
    return pieces;
  }

  // A selection from (piece start + offset) to (piece start + offset), in either direction, as
  // [start, end) in the article; null when empty.
  function selectionRange(anchor, focus) {
    var start = Math.min(anchor, focus), end = Math.max(anchor, focus);
    return end > start ? { start: start, end: end } : null;
  }

  // A list cell ("a; b") as items, and back.
  function splitList(cell) {
    return String(cell || "").split(";").map(function (item) { return item.trim(); }).filter(Boolean);
  }
  function joinList(items) { return items.filter(Boolean).join("; "); }

  // Add a place id to a list cell once.
  function withItem(cell, item) {
    var items = splitList(cell);
    if (items.indexOf(item) < 0) { items.push(item); }
    return joinList(items);
  }

  // The curated places named inside [start, end), in order and once each, as a list cell: what a
  // claim written from that passage is about until the reviewer says otherwise. A name only the
  // fallback gazetteer knows is left out: a claim may name only gazetteer places.
  function placesWithin(mentions, start, end) {
    return mentions.reduce(function (cell, m) {
      return m.gazetteer === "curated" && m.start >= start && m.end <= end ? withItem(cell, m.place_id) : cell;
    }, "");
  }

  function isWebUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url); }

  return { segments: segments, selectionRange: selectionRange, splitList: splitList, joinList: joinList,
    withItem: withItem, placesWithin: placesWithin, isWebUrl: isWebUrl };
})();

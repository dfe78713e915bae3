// Which symbols lie under a point, and where labels fit: in screen pixels.
// Every clickable symbol is registered as a shape; one click lists every shape
// under it, so a symbol hidden by another (two places on one coordinate, a
// claim inside a dispute ring) can always be reached. Pure: no DOM, no Leaflet.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.hits = (function () {
  "use strict";
  var TOLERANCE = 3;

  function segmentDistance(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, length = dx * dx + dy * dy;
    var t = length ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length)) : 0;
    var x = ax + t * dx - px, y = ay + t * dy - py;
    return Math.sqrt(x * x + y * y);
  }

  // shape: {type: "disc", x, y, r} | {type: "ring", x, y, r, width} | {type: "line", parts: [[[x, y]...]...], width}
  function contains(shape, x, y) {
    if (shape.type === "disc") {
      return Math.hypot(x - shape.x, y - shape.y) <= shape.r + TOLERANCE;
    }
    if (shape.type === "ring") {
      // Only the ring's stroke: what lies inside it stays clickable.
      return Math.abs(Math.hypot(x - shape.x, y - shape.y) - shape.r) <= shape.width / 2 + TOLERANCE;
    }
    // A line of one or more parts (split at the antimeridian).
    return shape.parts.some(function (points) {
      for (var i = 1; i < points.length; i += 1) {
        var a = points[i - 1], b = points[i];
        if (segmentDistance(x, y, a[0], a[1], b[0], b[1]) <= shape.width / 2 + TOLERANCE) { return true; }
      }
      return false;
    });
  }

  // The symbols under (x, y), topmost first: higher `z`, then later registration.
  function under(symbols, x, y) {
    var found = [];
    symbols.forEach(function (symbol, order) {
      if (contains(symbol.shape, x, y)) { found.push({ symbol: symbol, order: order }); }
    });
    found.sort(function (a, b) { return b.symbol.z - a.symbol.z || b.order - a.order; });
    return found.map(function (hit) { return hit.symbol; });
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  // Greedy label placement: labels in priority order, each kept only if its box
  // overlaps no kept label and no obstacle (the place symbols other than its own).
  // labels: [{id, box: {x, y, width, height}, owner}], obstacles: [{box, owner}].
  // Returns the ids kept.
  function placeLabels(labels, obstacles) {
    var kept = [], ids = [];
    labels.forEach(function (label) {
      var blocked = kept.some(function (box) { return overlaps(box, label.box); }) ||
        obstacles.some(function (o) { return o.owner !== label.owner && overlaps(o.box, label.box); });
      if (!blocked) { kept.push(label.box); ids.push(label.id); }
    });
    return ids;
  }

  return { contains: contains, under: under, overlaps: overlaps, placeLabels: placeLabels,
    segmentDistance: segmentDistance, TOLERANCE: TOLERANCE };
})();

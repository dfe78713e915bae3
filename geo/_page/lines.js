// Movement lines and their arrowheads as one layer of a Leaflet canvas renderer:
// a view can hold 10^4 routes, and as one Leaflet path each a step of time spent
// more in adding, removing and stroking paths one by one than in anything else.
// Here the lines are strokes on one layer, the canvas's style set only where the
// look (colour, weight, dash) changes, arrowheads are filled a few to a path, and
// each route's points are projected (and simplified) once per zoom level. The batching is pure (tested by
// tests/js/lines.test.js); the layer needs Leaflet and is made by `layer()`.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.lines = (function () {
  "use strict";

  // Where the look (colour, weight, dash) changes along `items` ([{color, weight, dashed}],
  // in drawing order): the indices at which the canvas's style must be set again.
  function lookChanges(items) {
    var out = [], last = null;
    items.forEach(function (item, i) {
      var key = item.color + "|" + item.weight + "|" + (item.dashed ? 1 : 0);
      if (key !== last) { out.push(i); last = key; }
    });
    return out;
  }

  // The arrowheads (indices into `items`) of each colour, in the order each colour first appears.
  function arrowBatches(items) {
    var byColor = new Map(), out = [];
    items.forEach(function (item, i) {
      var batch = byColor.get(item.color);
      if (!batch) { batch = { color: item.color, items: [] }; byColor.set(item.color, batch); out.push(batch); }
      batch.items.push(i);
    });
    return out;
  }

  // [lat, lon] parts as flat [x0, y0, x1, y1, ...] absolute pixel coordinates (`project`
  // takes [lat, lon], returns {x, y}; `simplify`, optional, takes and returns a part's
  // points, as Leaflet's polylines are simplified), with their bounding box [minX, minY, maxX, maxY].
  function projectParts(parts, project, simplify) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var flat = parts.map(function (part) {
      var points = part.map(project);
      if (simplify) { points = simplify(points); }
      var out = new Float64Array(points.length * 2);
      points.forEach(function (at, i) {
        out[2 * i] = at.x;
        out[2 * i + 1] = at.y;
        if (at.x < box[0]) { box[0] = at.x; }
        if (at.y < box[1]) { box[1] = at.y; }
        if (at.x > box[2]) { box[2] = at.x; }
        if (at.y > box[3]) { box[3] = at.y; }
      });
      return out;
    });
    return { parts: flat, box: box };
  }

  function overlaps(box, view) {
    return box[0] <= view[2] && box[2] >= view[0] && box[1] <= view[3] && box[3] >= view[1];
  }

  // Leaflet's canvas draws a path's dashes per sub-path, as it did for one path per line.
  var DASH = [8, 6];
  // Arrowheads (opaque) filled 8 to a path: at 1M claims, 10^4 of them took 150 ms as one path
  // per colour and 45 ms so (a path's cost grows faster than its parts'; one per arrowhead, 80 ms).
  var ARROWS_PER_PATH = 8;

  // The layer: add it to a group with a canvas `renderer`, then `setLines([{coords: [[[lat, lon]...]...],
  // arrow: [[lat, lon]...], color, weight, dashed}])` with each view's lines, in drawing order.
  function layer(renderer) {
    var Lines = L.Path.extend({
      // Leaflet's paths' look and simplification of a line (in pixels), except a dash's ends:
      // square, so that the gaps of "8 6" stay 6 pixels at any weight (round caps closed them
      // from weight 6 up), and stroking 10^4 dashed lines took a third less time (measured at 1M claims).
      options: { interactive: false, opacity: 0.9, smoothFactor: 1, lineCap: "round", lineJoin: "round",
        dashCap: "butt", arrowsPerPath: ARROWS_PER_PATH },
      initialize: function (options) {
        L.setOptions(this, options);
        this._items = [];
        this._changes = [];
        this._arrowBatches = [];
        this._zoom = null;
        this._cache = new Map();
      },
      setLines: function (items) {
        this._items = items;
        this._changes = lookChanges(items);
        this._arrowBatches = arrowBatches(items);
        return this.redraw();
      },
      // A route's projected line and arrowhead, kept until the zoom changes (routes are shared objects).
      _projected: function (item) {
        var found = this._cache.get(item.coords);
        if (!found) {
          var map = this._map, zoom = this._zoom;
          var project = function (ll) { return map.project(ll, zoom); };
          var tolerance = this.options.smoothFactor;
          var simplify = tolerance > 0 ? function (points) { return L.LineUtil.simplify(points, tolerance); } : null;
          found = { line: projectParts(item.coords, project, simplify), arrow: projectParts([item.arrow], project) };
          this._cache.set(item.coords, found);
        }
        return found;
      },
      _project: function () {
        var zoom = this._map.getZoom();
        if (zoom !== this._zoom) { this._zoom = zoom; this._cache = new Map(); }
        this._update();
      },
      // Always redrawn with the canvas (a step of time changes most of it anyway).
      _update: function () {
        var huge = 1e7;
        this._pxBounds = L.bounds([-huge, -huge], [huge, huge]);
      },
      _containsPoint: function () { return false; },
      _updatePath: function () {
        var ctx = this._renderer._ctx, map = this._map, self = this;
        if (!ctx || !map || map.getZoom() !== this._zoom) { return; }
        var origin = map.getPixelOrigin(), bounds = this._renderer._bounds;
        // What the canvas covers, in absolute pixels, a line's width around it.
        var view = bounds ? [bounds.min.x + origin.x - 10, bounds.min.y + origin.y - 10,
          bounds.max.x + origin.x + 10, bounds.max.y + origin.y + 10] : [-Infinity, -Infinity, Infinity, Infinity];
        var items = this._items, ox = origin.x, oy = origin.y;
        function trace(shape, close) {
          shape.parts.forEach(function (flat) {
            ctx.moveTo(flat[0] - ox, flat[1] - oy);
            for (var i = 2; i < flat.length; i += 2) { ctx.lineTo(flat[i] - ox, flat[i + 1] - oy); }
            if (close) { ctx.closePath(); }
          });
        }
        ctx.save();
        ctx.lineJoin = this.options.lineJoin;
        // In the order given, as one Leaflet path per line was drawn: the colour on top where
        // lines cross stays the same; the style is set only where the look changes.
        var changes = this._changes, next = 0;
        items.forEach(function (item, i) {
          if (next < changes.length && changes[next] === i) {
            next += 1;
            ctx.setLineDash(item.dashed ? DASH : []);
            ctx.lineCap = item.dashed ? self.options.dashCap : self.options.lineCap;
            ctx.globalAlpha = self.options.opacity;
            ctx.lineWidth = item.weight;
            ctx.strokeStyle = item.color;
          }
          var line = self._projected(item).line;
          if (!overlaps(line.box, view)) { return; }
          // One stroke per line: where two lines cross, both show through each other as before
          // (and one path of 10^3 crossing lines strokes slower).
          ctx.beginPath();
          trace(line, false);
          ctx.stroke();
        });
        ctx.setLineDash([]);
        var perPath = this.options.arrowsPerPath;
        this._arrowBatches.forEach(function (batch) {
          ctx.globalAlpha = 1;
          ctx.fillStyle = batch.color;
          ctx.lineWidth = 1;
          ctx.strokeStyle = batch.color;
          var traced = 0;
          function paint() {
            // Every arrowhead winds the same way (tip, then its two wings): where two overlap, nonzero fills both.
            ctx.fill("nonzero");
            ctx.stroke();
          }
          ctx.beginPath();
          batch.items.forEach(function (i) {
            var arrow = self._projected(items[i]).arrow;
            if (!overlaps(arrow.box, view)) { return; }
            trace(arrow, true);
            traced += 1;
            if (traced % perPath === 0) { paint(); ctx.beginPath(); }
          });
          if (traced % perPath) { paint(); }
        });
        ctx.restore();
      }
    });
    return new Lines({ renderer: renderer });
  }

  return { lookChanges: lookChanges, arrowBatches: arrowBatches, projectParts: projectParts, overlaps: overlaps, layer: layer };
})();

// The timeline strip along the bottom of the map: claims per day as a stacked
// histogram by claim layer (SVG, from the page's own data), the current slice
// highlighted, a brush to select a range of slices, a play button that steps
// through them, and the arrow keys to step by hand. Text through textContent only.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.strip = function (ctx) {
  "use strict";
  var dom = geoPage.dom, el = dom.el, timeline = geoPage.timeline, days = geoPage.days;
  var data = ctx.data, map = ctx.map;
  var SVG = "http://www.w3.org/2000/svg";
  var PLOT_HEIGHT = 46, PACE_MS = 1500;
  var layerIds = data.layers.map(function (layer) { return layer.id; });
  var colours = {};
  data.layers.forEach(function (layer) { colours[layer.id] = layer.color; });
  var whole = [0, data.slices.length - 1];

  var state = { histogram: null, perSlice: [], barsDrawn: false, range: whole.slice(), playing: null, pace: PACE_MS,
    brushing: null };

  function svgNode(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  var root = el("div", null, "geo-timeline");
  root.setAttribute("data-panel", "timeline");
  root.tabIndex = 0;
  root.setAttribute("aria-label", "timeline of claims per day: arrow keys step through the slices");
  var play = el("button", "\u25b6", "geo-play");
  play.type = "button";
  play.id = "geo-play";
  play.title = "play: step through the selected slices, or the reported-by dates";
  // Play steps through the slices, or through the "reported by" dates (each publication date, then latest).
  var mode = el("select", null, "geo-play-mode");
  mode.id = "geo-play-mode";
  [["slices", "slices"], ["reported", "reported by dates"]].forEach(function (choice) {
    var option = el("option", choice[1]);
    option.value = choice[0];
    mode.appendChild(option);
  });
  mode.title = "what play steps through";
  var reportedSteps = data.published_dates.concat([null]);
  var caption = el("span", "", "geo-timeline-label");
  caption.id = "geo-timeline-label";
  var hint = el("span", "drag to select slices \u00b7 \u2190 \u2192 step", "geo-muted");
  var head = el("div", null, "geo-timeline-head");
  [play, mode, caption, hint].forEach(function (node) { head.appendChild(node); });
  root.appendChild(head);
  var plot = svgNode("svg", { height: PLOT_HEIGHT + 12, class: "geo-timeline-plot" });
  // Marks (the selected range, the current slice, the brush) under the bars; bars
  // are redrawn only when the claims change, marks on every step.
  var marks = svgNode("g", {}), bars = svgNode("g", {});
  plot.appendChild(marks);
  plot.appendChild(bars);
  root.appendChild(plot);
  map.getContainer().appendChild(root);
  L.DomEvent.disableClickPropagation(root);
  L.DomEvent.disableScrollPropagation(root);

  // Measured once per map size: measuring on every step forced a layout of the page in the
  // middle of the step's changes (the strip spans the map, so only a resize changes it).
  var plotWidth = null;
  function width() {
    if (plotWidth !== null) { return plotWidth; }
    var measured = plot.getBoundingClientRect().width;
    // Not laid out yet (a hidden map): measure again next time.
    if (measured > 0) { plotWidth = Math.max(measured, 100); }
    return Math.max(measured, 100);
  }
  function dayWidth() { return width() / state.histogram.days.length; }
  function dayAt(clientX) {
    var box = plot.getBoundingClientRect(), count = state.histogram.days.length;
    var index = Math.floor((clientX - box.left) / dayWidth());
    return state.histogram.days[Math.min(Math.max(index, 0), count - 1)];
  }
  function xOf(iso) {
    return (days.toNumber(iso) - days.toNumber(state.histogram.days[0])) * dayWidth();
  }

  // ---- drawing ---------------------------------------------------------------------
  function clear(group) { while (group.firstChild) { group.removeChild(group.firstChild); } }
  function drawBars() {
    clear(bars);
    var hist = state.histogram, step = dayWidth();
    var top = Math.max.apply(null, hist.totals.concat([1]));
    hist.days.forEach(function (day, d) {
      var y = PLOT_HEIGHT;
      hist.counts[d].forEach(function (count, l) {
        if (!count) { return; }
        var height = count / top * (PLOT_HEIGHT - 2);
        y -= height;
        var bar = svgNode("rect", { x: d * step + 0.5, y: y, width: Math.max(step - 1, 1), height: height,
          fill: colours[layerIds[l]], "data-day": day, "data-layer": layerIds[l], "data-count": count });
        var tip = svgNode("title", {});
        tip.textContent = day + ": " + count + " " + data.layers[l].name.replace(/^Claims: /, "");
        bar.appendChild(tip);
        bars.appendChild(bar);
      });
    });
    // Month ticks, so the strip reads as dates.
    hist.days.forEach(function (day, d) {
      if (d > 0 && day.slice(8) !== "01") { return; }
      var tick = svgNode("text", { x: d * step + 1, y: PLOT_HEIGHT + 11, class: "geo-timeline-tick" });
      tick.textContent = day.slice(0, 7);
      bars.appendChild(tick);
    });
    state.barsDrawn = true;
  }
  function draw() {
    if (!state.barsDrawn) { drawBars(); }
    clear(marks);
    var index = ctx.view.slice;
    if (state.range[0] !== whole[0] || state.range[1] !== whole[1]) {
      marks.appendChild(band(data.slices[state.range[0]].start, data.slices[state.range[1]].end, "geo-timeline-range"));
    }
    if (index >= 0) {
      marks.appendChild(band(data.slices[index].start, data.slices[index].end, "geo-timeline-current"));
    }
    var slice = data.slices[index];
    var count = index < 0 ? null : state.perSlice[index];
    caption.textContent = index < 0
      ? "All time" : slice.label + ": " + count + " claim" + (count === 1 ? "" : "s");
    caption.setAttribute("data-slice", index < 0 ? "" : slice.label);
    caption.setAttribute("data-claims", count === null ? "" : String(count));
  }
  function band(fromIso, toIso, className) {
    var first = state.histogram.days[0], last = state.histogram.days[state.histogram.days.length - 1];
    var from = fromIso < first ? first : fromIso, to = toIso > last ? last : toIso;
    return svgNode("rect", { x: xOf(from), y: 0, width: xOf(to) - xOf(from) + dayWidth(), height: PLOT_HEIGHT,
      class: className, "data-start": from, "data-end": to });
  }

  // ---- brushing, stepping, playing -------------------------------------------------------
  function select(range) {
    state.range = range || whole.slice();
    ctx.setSlice(state.range[0]);
  }
  function brush(fromIso, toIso) { select(timeline.brushSlices(data.slices, fromIso, toIso)); }
  plot.addEventListener("pointerdown", function (e) {
    state.brushing = { from: dayAt(e.clientX), mark: null };
    plot.setPointerCapture(e.pointerId);
  });
  plot.addEventListener("pointermove", function (e) {
    if (!state.brushing) { return; }
    var to = dayAt(e.clientX), from = state.brushing.from;
    if (state.brushing.mark) { marks.removeChild(state.brushing.mark); }
    state.brushing.mark = band(from < to ? from : to, from < to ? to : from, "geo-timeline-brush");
    marks.appendChild(state.brushing.mark);
  });
  plot.addEventListener("pointerup", function (e) {
    if (!state.brushing) { return; }
    var from = state.brushing.from;
    state.brushing = null;
    brush(from, dayAt(e.clientX));
  });

  // One step of play (or of an arrow key); false at the end of the selected range.
  function stepBy(direction) {
    var next = timeline.step(ctx.view.slice, state.range, direction);
    if (next === null) { return false; }
    ctx.setSlice(next);
    return true;
  }
  function stop() {
    if (state.playing !== null) { clearInterval(state.playing); }
    state.playing = null;
    play.textContent = "\u25b6";
    play.setAttribute("aria-pressed", "false");
  }
  // The "reported by" date after the current one; false once at the latest.
  function reportedIndex() {
    var day = ctx.view.filters.reportedBy, at = reportedSteps.length - 1;
    if (day) { at = 0; reportedSteps.forEach(function (step, i) { if (step !== null && step <= day) { at = i; } }); }
    return at;
  }
  function stepReported() {
    var at = reportedIndex();
    if (at >= reportedSteps.length - 1) { return false; }
    ctx.setReportedBy(reportedSteps[at + 1]);
    return true;
  }
  // One step of play, as the timer takes it: false (and play stops) at the end.
  function tick() {
    var stepped = mode.value === "reported" ? stepReported() : stepBy(1);
    if (!stepped) { stop(); }
    return stepped;
  }
  function start() {
    if (state.playing !== null) { return; }
    if (mode.value === "reported") {
      // From the latest, play starts again at the first publication date.
      if (reportedIndex() >= reportedSteps.length - 1) { ctx.setReportedBy(reportedSteps[0]); }
    } else if (ctx.view.slice < state.range[0] || ctx.view.slice >= state.range[1]) {
      // From the end of the range (or from all time), play starts again at its first slice.
      ctx.setSlice(state.range[0]);
    }
    state.playing = setInterval(tick, state.pace);
    play.textContent = "\u23f8";
    play.setAttribute("aria-pressed", "true");
  }
  play.addEventListener("click", function () { if (state.playing === null) { start(); } else { stop(); } });
  mode.addEventListener("change", stop);
  root.addEventListener("keydown", function (e) {
    var moves = { ArrowRight: 1, ArrowLeft: -1 };
    if (moves[e.key] === undefined) { return; }
    e.preventDefault();
    e.stopPropagation();
    stop();
    stepBy(moves[e.key]);
  });
  map.on("resize", function () { plotWidth = null; if (state.histogram) { state.barsDrawn = false; draw(); } });

  // ---- fed by main.js ----------------------------------------------------------------------
  function setClaims(filtered) {
    state.histogram = timeline.histogram(filtered, data.window, layerIds);
    state.perSlice = timeline.sliceCounts(filtered, data.slices, data.window);
    state.barsDrawn = false;
  }
  // What the strip shows, for the tests: the caption, the highlighted days and every bar drawn.
  function shown() {
    var current = plot.querySelector(".geo-timeline-current");
    var bars = Array.prototype.map.call(plot.querySelectorAll("rect[data-day]"), function (bar) {
      return [bar.getAttribute("data-day"), bar.getAttribute("data-layer"), +bar.getAttribute("data-count")];
    });
    return {
      slice: caption.getAttribute("data-slice") || null,
      claims: caption.getAttribute("data-claims") === "" ? null : +caption.getAttribute("data-claims"),
      caption: caption.textContent,
      highlighted: current ? [current.getAttribute("data-start"), current.getAttribute("data-end")] : null,
      range: [data.slices[state.range[0]].label, data.slices[state.range[1]].label],
      playing: state.playing !== null,
      mode: mode.value,
      bars: bars
    };
  }
  return { setClaims: setClaims, draw: draw, brush: brush, stepBy: stepBy, tick: tick, stop: stop, shown: shown,
    setPace: function (ms) { state.pace = ms; },
    setMode: function (name) {
      if (name !== "slices" && name !== "reported") { throw new Error("no play mode " + name); }
      stop();
      mode.value = name;
    }, height: function () { return root.getBoundingClientRect().height; } };
};

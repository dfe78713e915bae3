// The panels: header, sources and filters, time control, legend. Each can be
// collapsed; Leaflet stacks the panels of one corner, so none overlaps another
// or the layer control (top right, alone).
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.panels = function (ctx) {
  "use strict";
  var dom = geoPage.dom, el = dom.el;
  var map = ctx.map, data = ctx.data;

  function panel(position, name, title, collapsed, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var node = el("div", null, "geo-panel leaflet-bar geo-" + name);
        node.setAttribute("data-panel", name);
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        var head = el("div", null, "geo-panel-head");
        var toggle = el("button", collapsed ? "\u25b8" : "\u25be", "geo-collapse");
        toggle.type = "button";
        toggle.setAttribute("aria-label", "show or hide " + name);
        head.appendChild(toggle);
        head.appendChild(el(name === "header" ? "h3" : "span", title, name === "header" ? "" : "geo-label"));
        node.appendChild(head);
        var body = el("div", null, "geo-panel-body");
        body.hidden = collapsed;
        build(body);
        node.appendChild(body);
        toggle.addEventListener("click", function () {
          body.hidden = !body.hidden;
          toggle.textContent = body.hidden ? "\u25b8" : "\u25be";
        });
        return node;
      }
    });
    new Control({ position: position }).addTo(map);
  }

  var statusNode, reportedNode, reportedSlider, reportedValue;
  function header() {
    panel("topleft", "header", data.title, false, function (body) {
      body.appendChild(el("div", data.summary));
      reportedNode = el("div", "", "geo-reported");
      reportedNode.id = "geo-reported";
      body.appendChild(reportedNode);
      body.appendChild(el("div", data.built_from, "geo-muted"));
    });
  }

  // The "reported by" steps: each distinct publication date, then "latest" (null).
  var reportedSteps = data.published_dates.concat([null]);
  function reportedControl(body) {
    var row = el("div", null, "geo-time-controls");
    row.appendChild(el("span", "Reported by", "geo-label"));
    reportedSlider = el("input");
    reportedSlider.type = "range";
    reportedSlider.id = "geo-reported-by";
    reportedSlider.min = "0";
    reportedSlider.max = String(reportedSteps.length - 1);
    reportedSlider.value = reportedSlider.max;
    reportedSlider.title = "Hide every claim whose source was published after this day.";
    reportedValue = el("span", "latest", "geo-reported-value");
    reportedSlider.addEventListener("input", function () {
      ctx.setReportedBy(reportedSteps[parseInt(reportedSlider.value, 10)]);
    });
    row.appendChild(reportedSlider);
    row.appendChild(reportedValue);
    body.appendChild(row);
  }
  // The header line and the control, for `day` (null: latest); a day between two
  // publication dates puts the control on the earlier one.
  function reported(text, day) {
    if (reportedNode) { reportedNode.textContent = text; reportedNode.setAttribute("data-reported-by", day || "latest"); }
    if (!reportedSlider) { return; }
    var at = reportedSteps.length - 1;
    if (day) {
      at = 0;
      reportedSteps.forEach(function (step, i) { if (step !== null && step <= day) { at = i; } });
    }
    reportedSlider.value = String(at);
    reportedValue.textContent = day || "latest";
  }

  function filters() {
    panel("topleft", "filters", "Sources and filters", false, function (body) {
      body.appendChild(el("div", "Sources", "geo-label"));
      data.sources.forEach(function (source) {
        var box = dom.checkbox(source.id + " \u00b7 " + source.published + " \u00b7 " + source.title, true,
          { "data-source": source.id });
        box.label.className = "geo-source";
        box.label.title = source.title + (source.publisher ? " (" + source.publisher + ")" : "");
        box.input.addEventListener("change", function () { ctx.setFilter("sources", source.id, box.input.checked); });
        body.appendChild(box.label);
      });
      body.appendChild(el("div", "Claim layers", "geo-label"));
      data.layers.forEach(function (layer) {
        var box = dom.checkbox(layer.name.replace(/^Claims: /, ""), true, { "data-layer": layer.id });
        box.input.addEventListener("change", function () { ctx.setFilter("layers", layer.id, box.input.checked); });
        body.appendChild(box.label);
      });
      body.appendChild(el("div", "Modality", "geo-label"));
      var row = el("div", null, "geo-inline");
      data.modalities.forEach(function (modality) {
        var box = dom.checkbox(modality, true, { "data-modality": modality });
        box.input.addEventListener("change", function () {
          ctx.setFilter("modalities", modality, box.input.checked);
        });
        row.appendChild(box.label);
      });
      body.appendChild(row);
      var confirmed = dom.checkbox("confirmed only", false, { id: "geo-confirmed-only" });
      confirmed.input.addEventListener("change", function () { ctx.setConfirmedOnly(confirmed.input.checked); });
      body.appendChild(confirmed.label);
    });
  }

  function time() {
    panel("bottomleft", "time", "Time (" + data.freq_name + " slices)", false, function (body) {
      var all = dom.checkbox("All time", ctx.view.slice < 0, { id: "geo-all-time" });
      var only = dom.checkbox("this slice only", !ctx.view.carry, { id: "geo-slice-only" });
      only.label.title = "Without it, a place keeps its last reported state, drawn faded, until a newer claim.";
      var slider = el("input");
      slider.type = "range";
      slider.id = "geo-slice";
      slider.min = "0";
      slider.max = String(data.slices.length - 1);
      slider.value = String(Math.max(ctx.view.slice, 0));
      var prev = el("button", "\u25c0"), next = el("button", "\u25b6");
      prev.type = next.type = "button";
      function current() { return parseInt(slider.value, 10); }
      slider.addEventListener("input", function () { ctx.setSlice(current()); });
      all.input.addEventListener("change", function () { ctx.setSlice(all.input.checked ? -1 : current()); });
      only.input.addEventListener("change", function () { ctx.setCarry(!only.input.checked); });
      prev.addEventListener("click", function () { ctx.setSlice(Math.max(0, current() - 1)); });
      next.addEventListener("click", function () { ctx.setSlice(Math.min(data.slices.length - 1, current() + 1)); });
      var controls = el("div", null, "geo-time-controls");
      [prev, slider, next].forEach(function (node) { controls.appendChild(node); });
      body.appendChild(controls);
      var options = el("div", null, "geo-inline");
      options.appendChild(all.label);
      options.appendChild(only.label);
      body.appendChild(options);
      reportedControl(body);
      statusNode = el("div", "", "geo-status");
      statusNode.id = "geo-status";
      body.appendChild(statusNode);
      ctx.onSlice(function (index) {
        all.input.checked = index < 0;
        if (index >= 0) { slider.value = String(index); }
      });
    });
  }

  function legend() {
    panel("bottomright", "legend", "Legend", true, function (body) {
      var kinds = el("div", null, "geo-legend-kinds");
      var present = {};
      data.places.forEach(function (p) { present[p.kind] = true; });
      Object.keys(data.kind_symbols).filter(function (kind) { return present[kind]; }).forEach(function (kind) {
        var item = el("span", null, "geo-legend-item");
        item.appendChild(geoPage.symbols.placeSymbol(data.kind_symbols, kind, "#ffffff"));
        item.appendChild(el("span", " " + kind.replace(/_/g, " ")));
        kinds.appendChild(item);
      });
      body.appendChild(kinds);
      body.appendChild(el("div", "Place colour: state in the slice (faded: last reported earlier; white: no reports)",
        "geo-label"));
      var states = el("div", null, "geo-legend-kinds");
      Object.keys(data.state_colors).forEach(function (state) {
        var item = el("span", null, "geo-legend-item");
        var swatch = el("span", "", "geo-swatch");
        swatch.style.background = data.state_colors[state];
        item.appendChild(swatch);
        item.appendChild(el("span", " " + state.replace(/_/g, " ")));
        item.title = data.state_names[state];
        states.appendChild(item);
      });
      body.appendChild(states);
      body.appendChild(el("div", "Claims (circle size grows with the number of claims)", "geo-label"));
      data.layers.forEach(function (layer) {
        var item = el("div", null, "geo-legend-item");
        var swatch = el("span", "", "geo-swatch geo-round");
        swatch.style.background = layer.color;
        item.appendChild(swatch);
        item.appendChild(el("span", " " + layer.name.replace(/^Claims: /, "")));
        body.appendChild(item);
      });
      body.appendChild(el("div", data.legend_notes.join(" "), "geo-muted"));
    });
  }

  function status(text, counts) {
    if (!statusNode) { return; }
    statusNode.textContent = text;
    statusNode.setAttribute("data-claims", counts.claims);
    statusNode.setAttribute("data-movements", counts.movements);
    statusNode.setAttribute("data-disputes", counts.disputes);
  }

  return { header: header, filters: filters, time: time, legend: legend, status: status, reported: reported };
};

// The interactive part of geo's maps. Untrusted text (quotes, titles, names)
// only ever reaches the page through textContent, never innerHTML.
/* exported geoMapInit */
function geoMapInit(map, layerControl, data, world, admin1) {
  "use strict";

  var api = window.geoMap = window.geoMap || {};
  // Claims arrive as columns; make one object per claim.
  var columns = data.claims, names = Object.keys(columns);
  data.claims = columns.id.map(function (_, i) {
    var claim = {};
    names.forEach(function (name) { claim[name] = columns[name][i]; });
    return claim;
  });
  var LAYERS = data.layers;           // [{id, name, color}]
  var STATE_COLORS = data.state_colors;
  var sliceIndex = data.initial_slice; // -1 = all time
  var enabledSources = {};
  data.sources.forEach(function (s) { enabledSources[s.id] = true; });
  var placeById = {};
  data.places.forEach(function (p) { placeById[p.id] = p; });
  var sourceById = {};
  data.sources.forEach(function (s) { sourceById[s.id] = s; });
  var claimById = {};
  data.claims.forEach(function (c) { claimById[c.id] = c; });

  // ---- small DOM helpers (text only) -----------------------------------
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function row(parent, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var line = el("div", null, "geo-row");
    line.appendChild(el("span", label + ": ", "geo-label"));
    line.appendChild(el("span", value));
    parent.appendChild(line);
  }
  function safeLink(url, text) {
    var link;
    if (/^https?:\/\//i.test(url)) {
      link = el("a", text);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      return link;
    }
    return el("span", text);
  }

  // ---- time --------------------------------------------------------------
  var windowStart = data.window[0], windowEnd = data.window[1];
  function interval(c) {
    return [c.start || windowStart, c.end || windowEnd];
  }
  function inView(c) {
    if (!enabledSources[c.source]) { return false; }
    var span = interval(c);
    if (span[1] < windowStart || span[0] > windowEnd) { return false; }
    if (sliceIndex < 0) { return true; }
    var s = data.slices[sliceIndex];
    return span[0] <= s.end && span[1] >= s.start;
  }
  function spanText(start, end) { return (start || "…") + " to " + (end || "…"); }

  // ---- basemap (offline) and layers ---------------------------------------
  var countryStyle = { color: "#7a7a7a", weight: 0.8, fillColor: "#f2efe6", fillOpacity: 1 };
  var land = L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: function () { return countryStyle; },
    interactive: false
  });
  map.getContainer().style.background = "#c9dbe6";
  land.addTo(map);
  layerControl.addBaseLayer(land, "Natural Earth borders (offline)");

  var groups = {};
  function overlay(id, name, shown) {
    var group = L.layerGroup();
    if (shown) { group.addTo(map); }
    layerControl.addOverlay(group, name);
    groups[id] = group;
    return group;
  }
  // Governorates / provinces: outlines and names, beneath everything else.
  var admin1Layer = overlay("admin1", "Governorates and provinces (offline)", true);
  admin1.forEach(function (topology) {
    var name = Object.keys(topology.objects)[0];
    L.geoJSON(topojson.feature(topology, topology.objects[name]), {
      style: function () { return { color: "#8a8a8a", weight: 0.8, dashArray: "4 3", fill: false }; },
      interactive: false
    }).addTo(admin1Layer);
  });
  data.admin1_labels.forEach(function (label) {
    var text = el("span", label.name, "geo-admin1-label");
    L.marker(label.at, {
      icon: L.divIcon({ html: text, className: "geo-admin1-icon", iconSize: null }),
      interactive: false,
      keyboard: false
    }).addTo(admin1Layer);
  });
  var uncertaintyLayer = overlay("uncertainty", "Location uncertainty", true);
  var placesLayer = overlay("places", "Places (colour = state in the current slice)", true);
  LAYERS.forEach(function (layer) { overlay(layer.id, layer.name, true); });
  var movementsLayer = overlay("movements", "Movements", true);
  var contradictionsLayer = overlay("contradictions", "Contradictions", true);

  // ---- places ---------------------------------------------------------------
  var SHAPES = data.kind_symbols; // kind -> {shape, letter}
  function symbolSvg(kind, fill) {
    var sym = SHAPES[kind] || { shape: "circle", letter: "" };
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "26");
    svg.setAttribute("height", "26");
    svg.setAttribute("viewBox", "0 0 26 26");
    var shape;
    if (sym.shape === "triangle") {
      shape = document.createElementNS(ns, "polygon");
      shape.setAttribute("points", "13,2 24,23 2,23");
    } else if (sym.shape === "square") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "3"); shape.setAttribute("y", "3");
      shape.setAttribute("width", "20"); shape.setAttribute("height", "20");
    } else if (sym.shape === "diamond") {
      shape = document.createElementNS(ns, "polygon");
      shape.setAttribute("points", "13,1 25,13 13,25 1,13");
    } else {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "13"); shape.setAttribute("cy", "13");
      shape.setAttribute("r", sym.shape === "dot" ? "5" : "10");
    }
    shape.setAttribute("fill", fill);
    shape.setAttribute("stroke", "#222");
    shape.setAttribute("stroke-width", "1.5");
    svg.appendChild(shape);
    if (sym.letter) {
      var text = document.createElementNS(ns, "text");
      text.setAttribute("x", "13"); text.setAttribute("y", sym.shape === "triangle" ? "20" : "17");
      text.setAttribute("text-anchor", "middle");
      text.setAttribute("font-size", sym.letter.length > 1 ? "8" : "11");
      text.setAttribute("font-family", "sans-serif");
      text.setAttribute("font-weight", "bold");
      text.setAttribute("fill", "#fff");
      text.textContent = sym.letter;
      svg.appendChild(text);
    }
    return svg;
  }
  function placeState(p) {
    return sliceIndex < 0 ? p.status_all : p.status[sliceIndex];
  }
  function placePopup(p) {
    var box = el("div", null, "geo-popup");
    box.appendChild(el("h4", p.name));
    row(box, "Kind", p.kind);
    row(box, "Aliases", p.aliases.join(", "));
    row(box, "Arabic", p.arabic);
    row(box, "Province, country", [p.admin1, p.country].filter(Boolean).join(", "));
    row(box, "Point", p.lat + ", " + p.lon + (p.radius_km > 0 ? " (± " + p.radius_km + " km)" : ""));
    row(box, "Precision", p.precision + ": " + data.precision_names[p.precision]);
    var source = el("div", null, "geo-row");
    source.appendChild(el("span", "Coordinate source: ", "geo-label"));
    source.appendChild(safeLink(p.coord_source, p.coord_text));
    box.appendChild(source);
    row(box, "Note", p.note);
    row(box, "State now", placeState(p) || "no reports in this slice");
    box.appendChild(el("div", "Status history", "geo-label"));
    var table = el("table", null, "geo-history");
    p.history.forEach(function (h) {
      var tr = el("tr");
      tr.appendChild(el("td", h.slice));
      var state = el("td", h.state);
      state.style.color = STATE_COLORS[h.state];
      tr.appendChild(state);
      tr.appendChild(el("td", h.claims.join(", ")));
      table.appendChild(tr);
    });
    box.appendChild(table);
    return box;
  }
  var placeMarkers = {};
  data.places.forEach(function (p) {
    if (p.radius_km > 0) {
      L.circle([p.lat, p.lon], {
        radius: p.radius_km * 1000, color: "#555", weight: 1, dashArray: "4 4",
        fill: true, fillOpacity: 0.04, interactive: false
      }).addTo(uncertaintyLayer);
    }
    if (p.kind === "country") {
      var outline = world.objects.countries.geometries.filter(function (g) {
        return g.properties && g.properties.name === p.country;
      });
      if (outline.length) {
        L.geoJSON(topojson.feature(world, { type: "GeometryCollection", geometries: outline }), {
          style: function () { return { color: "#555", weight: 1.5, dashArray: "6 4", fill: false }; },
          interactive: false
        }).addTo(uncertaintyLayer);
      }
    }
    var marker = L.marker([p.lat, p.lon], {
      icon: L.divIcon({ className: "geo-place-icon", html: "", iconSize: [26, 26], iconAnchor: [13, 13] }),
      title: p.name, keyboard: false
    });
    marker.bindPopup(function () { return placePopup(p); }, popupOptions(420));
    marker.bindTooltip(p.name, { direction: "right", offset: [12, 0] });
    marker.addTo(placesLayer);
    placeMarkers[p.id] = marker;
  });
  function paintPlaces() {
    data.places.forEach(function (p) {
      var node = placeMarkers[p.id].getElement();
      if (!node) { return; }
      var state = placeState(p);
      while (node.firstChild) { node.removeChild(node.firstChild); }
      node.appendChild(symbolSvg(p.kind, state ? STATE_COLORS[state] : "#ffffff"));
      node.setAttribute("data-state", state || "");
      node.setAttribute("data-place", p.id);
    });
  }
  placesLayer.on("add", paintPlaces);

  // ---- claims ---------------------------------------------------------------
  function claimEntry(c, placeId) {
    var item = el("div", null, "geo-claim");
    var head = el("div", null, "geo-claim-head");
    head.appendChild(el("strong", c.id));
    head.appendChild(el("span", " " + c.action + " · " + c.modality + (c.unconfirmed ? " · unconfirmed" : "")));
    item.appendChild(head);
    item.appendChild(el("blockquote", c.quote, "geo-quote"));
    var s = sourceById[c.source];
    row(item, "Source", s.title + (s.publisher ? " (" + s.publisher + ")" : ""));
    row(item, "Published", s.published + " (" + s.basis + ")");
    row(item, "Date basis", s.basis_note);
    row(item, "Attribution", c.attribution || "none given");
    row(item, "What", [c.asset.join(", "), c.quantity].filter(Boolean).join(": "));
    var roles = c.places.map(function (pr) { return placeById[pr[0]].name + " (" + pr[1] + ")"; });
    row(item, "Places", roles.join("; "));
    row(item, "Time as written", c.time_text || "(no time phrase)");
    row(item, "Interval", spanText(c.start, c.end) + ", precision " + c.precision);
    var corr = corroboration(c, placeId);
    if (corr) {
      row(item, "Corroboration", corr[0] + " independent source(s) for this place and action: " + corr[1].join(", "));
    }
    return item;
  }
  // The best corroboration figure over the slices the claim's interval covers.
  function corroboration(c, placeId) {
    var entries = data.corroboration[placeId + "|" + c.action];
    if (!entries) { return null; }
    var span = interval(c), best = 0, sources = {};
    entries.forEach(function (e) {
      var s = data.slices[e[0]];
      if (span[0] <= s.end && span[1] >= s.start) {
        best = Math.max(best, e[1]);
        e[2].forEach(function (id) { sources[id] = true; });
      }
    });
    return best ? [best, Object.keys(sources).sort()] : null;
  }
  var MAX_IN_POPUP = 25;
  // Keep popups clear of the header panel (top left) and the sources panel (top right).
  function popupOptions(width, height) {
    var options = { maxWidth: width, autoPanPaddingTopLeft: L.point(380, 230), autoPanPaddingBottomRight: L.point(20, 20) };
    if (height) { options.maxHeight = height; }
    return options;
  }
  // Leaflet's auto-pan of a popup whose content is built on opening can stop
  // short, by an amount that depends on timing, and leave the popup's top under
  // the header panel: once the pan ends, fit the open popup again, once (a
  // popup too big to fit would otherwise pan forever).
  // (Leaflet starts the pan before it announces the popup as open.)
  var openPopup = null, refits = 1;
  map.on("popupopen", function (e) { openPopup = e.popup; });
  map.on("popupclose", function (e) { if (openPopup === e.popup) { openPopup = null; } refits = 1; });
  map.on("autopanstart", function () {
    if (refits < 1) { return; }
    map.once("moveend", function () {
      if (openPopup && refits > 0) { refits -= 1; openPopup.update(); }
    });
  });
  function groupPopup(placeId, layer, claims) {
    var box = el("div", null, "geo-popup");
    box.appendChild(el("h4", placeById[placeId].name + ": " + layer.name));
    box.appendChild(el("div", claims.length + " claim(s) in view", "geo-muted"));
    claims.slice(0, MAX_IN_POPUP).forEach(function (c) { box.appendChild(claimEntry(c, placeId)); });
    if (claims.length > MAX_IN_POPUP) {
      box.appendChild(el("div", "… and " + (claims.length - MAX_IN_POPUP) + " more", "geo-muted"));
    }
    return box;
  }
  var drawn = { claims: 0, claimMarkers: 0, movements: 0, departures: 0, movementSymbols: 0, contradictions: 0 };
  var renderer = L.canvas({ padding: 0.5 });

  function offsetLatLng(lat, lon, index, count) {
    if (count <= 1) { return L.latLng(lat, lon); }
    var angle = (2 * Math.PI * index) / count - Math.PI / 2;
    var point = map.project([lat, lon], map.getZoom());
    return map.unproject(point.add([Math.cos(angle) * 20, Math.sin(angle) * 20]), map.getZoom());
  }

  var markerIndex = {};
  function drawClaims(visible) {
    LAYERS.forEach(function (layer) { groups[layer.id].clearLayers(); });
    markerIndex = {};
    var buckets = {}, seen = {};
    visible.forEach(function (c) {
      c.places.forEach(function (pr) {
        var key = pr[0] + "\u0000" + c.layer;
        // A claim naming a place twice (origin and location) counts there once.
        if (seen[key + "\u0000" + c.id]) { return; }
        seen[key + "\u0000" + c.id] = true;
        (buckets[key] = buckets[key] || []).push(c);
      });
    });
    var layerIndex = {};
    LAYERS.forEach(function (layer, i) { layerIndex[layer.id] = i; });
    var markers = 0;
    Object.keys(buckets).sort().forEach(function (key) {
      var parts = key.split("\u0000");
      var p = placeById[parts[0]], layer = LAYERS[layerIndex[parts[1]]];
      var claims = buckets[key];
      var marker = L.circleMarker(offsetLatLng(p.lat, p.lon, layerIndex[layer.id], LAYERS.length), {
        renderer: renderer, radius: 5 + 2.5 * Math.sqrt(claims.length), color: "#222", weight: 1,
        fillColor: layer.color, fillOpacity: 0.9
      });
      marker.bindPopup(function () { return groupPopup(p.id, layer, claims); }, popupOptions(440, 360));
      marker.geoOffset = [p.lat, p.lon, layerIndex[layer.id], LAYERS.length];
      marker.addTo(groups[layer.id]);
      markerIndex[p.id + "/" + layer.id] = marker;
      markers += 1;
    });
    drawn.claims = visible.length;
    drawn.claimMarkers = markers;
  }

  // Movements along one route with the same colour and dash, and departures
  // from or arrivals at one place, are drawn once, with a popup listing each:
  // stacked copies would hide each other's popups, and thousands of markers
  // make Leaflet's event bookkeeping quadratic.
  var MAX_MOVES_IN_POPUP = 25;
  function movementsPopup(moves) {
    var box = el("div", null, "geo-popup");
    var first = moves[0];
    var title = first.kind === "line"
      ? placeById[first.origin].name + " → " + placeById[first.destination].name
      : (first.kind === "departure" ? "Departures from " + placeById[first.origin].name
        : "Arrivals at " + placeById[first.destination].name);
    box.appendChild(el("h4", title));
    box.appendChild(el("div", moves.length + " movement(s) in view", "geo-muted"));
    if (first.length_km !== null) { row(box, "Length", first.length_km.toFixed(0) + " km (geodesic)"); }
    moves.slice(0, MAX_MOVES_IN_POPUP).forEach(function (m) {
      box.appendChild(el("div", "Movement " + m.claim, "geo-label"));
      box.appendChild(claimEntry(claimById[m.claim], m.origin || m.destination));
    });
    if (moves.length > MAX_MOVES_IN_POPUP) {
      box.appendChild(el("div", "… and " + (moves.length - MAX_MOVES_IN_POPUP) + " more", "geo-muted"));
    }
    return box;
  }

  function drawMovements(visibleIds) {
    movementsLayer.clearLayers();
    var lines = 0, points = 0, symbols = 0;
    var bundles = {}, order = [];
    data.movements.forEach(function (m) {
      if (!visibleIds[m.claim]) { return; }
      var c = claimById[m.claim];
      // Lines differ by colour and dash; departure and arrival symbols do not.
      var key = m.kind === "line"
        ? [m.kind, m.origin, m.destination, c.layer, m.dashed ? 1 : 0].join("\u0000")
        : [m.kind, m.origin, m.destination].join("\u0000");
      if (!bundles[key]) { bundles[key] = []; order.push(key); }
      bundles[key].push(m);
      if (m.kind === "line") { lines += 1; } else { points += 1; }
    });
    order.forEach(function (key) {
      var moves = bundles[key], m = moves[0], c = claimById[m.claim];
      var color = LAYERS.filter(function (l) { return l.id === c.layer; })[0].color;
      var popup = function () { return movementsPopup(moves); };
      if (m.kind === "line") {
        var style = {
          color: color, weight: Math.min(3 + Math.sqrt(moves.length - 1), 8), opacity: 0.9,
          dashArray: m.dashed ? "8 6" : null
        };
        L.polyline(m.coords, style).bindPopup(popup, popupOptions(440, 360)).addTo(movementsLayer);
        L.polygon(m.arrow, { color: color, weight: 1, fillColor: color, fillOpacity: 1 }).addTo(movementsLayer);
      } else {
        var icon = L.divIcon({
          className: "geo-move-icon geo-" + m.kind,
          html: (m.kind === "departure" ? "\u2197" : "\u2199") + (moves.length > 1 ? moves.length : ""),
          iconSize: null, iconAnchor: m.kind === "departure" ? [-4, 22] : [22, -4]
        });
        L.marker(m.coords[0], { icon: icon, keyboard: false })
          .bindPopup(popup, popupOptions(440, 360)).addTo(movementsLayer);
      }
      symbols += 1;
    });
    drawn.movements = lines;
    drawn.departures = points;
    drawn.movementSymbols = symbols;
  }

  function drawContradictions(visibleIds) {
    contradictionsLayer.clearLayers();
    var byPlace = {};
    data.contradictions.forEach(function (x) {
      if (!visibleIds[x.a] || !visibleIds[x.b]) { return; }
      if (sliceIndex >= 0) {
        var s = data.slices[sliceIndex];
        if ((x.start || windowStart) > s.end || (x.end || windowEnd) < s.start) { return; }
      }
      (byPlace[x.place] = byPlace[x.place] || []).push(x);
    });
    var count = 0;
    Object.keys(byPlace).sort().forEach(function (placeId) {
      var p = placeById[placeId], pairs = byPlace[placeId];
      var ring = L.circleMarker([p.lat, p.lon], {
        renderer: renderer, radius: 26, color: "#c51b7d", weight: 3, dashArray: "5 4", fill: false
      });
      ring.bindPopup(function () {
        var box = el("div", null, "geo-popup");
        box.appendChild(el("h4", "Sources disagree about " + p.name));
        pairs.forEach(function (x) {
          box.appendChild(el("div", "Overlap " + spanText(x.start, x.end), "geo-muted"));
          box.appendChild(claimEntry(claimById[x.a], placeId));
          box.appendChild(el("div", "versus", "geo-versus"));
          box.appendChild(claimEntry(claimById[x.b], placeId));
        });
        return box;
      }, popupOptions(460, 380));
      ring.addTo(contradictionsLayer);
      count += pairs.length;
    });
    drawn.contradictions = count;
  }

  var statusNode;
  function redraw() {
    var visible = data.claims.filter(inView);
    var ids = {};
    visible.forEach(function (c) { ids[c.id] = true; });
    drawClaims(visible);
    drawMovements(ids);
    drawContradictions(ids);
    paintPlaces();
    if (statusNode) {
      statusNode.textContent = (sliceIndex < 0 ? "All time" : data.slices[sliceIndex].label + " (" +
        data.slices[sliceIndex].start + " to " + data.slices[sliceIndex].end + ")") + ": " + drawn.claims +
        " claims, " + drawn.movements + " movement lines, " + drawn.contradictions + " contradicting pairs";
      statusNode.setAttribute("data-claims", drawn.claims);
      statusNode.setAttribute("data-movements", drawn.movements);
    }
  }
  // Offsets are in pixels, so markers move on zoom; moving them keeps open popups open.
  map.on("zoomend", function () {
    Object.keys(markerIndex).forEach(function (key) {
      var marker = markerIndex[key], o = marker.geoOffset;
      marker.setLatLng(offsetLatLng(o[0], o[1], o[2], o[3]));
    });
  });

  // ---- panels -----------------------------------------------------------------
  function panel(position, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var box = el("div", null, "geo-panel leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        build(box);
        return box;
      }
    });
    new Control({ position: position }).addTo(map);
  }

  panel("topleft", function (box) {
    box.classList.add("geo-header");
    box.appendChild(el("h3", data.title));
    box.appendChild(el("div", data.summary));
    box.appendChild(el("div", data.built_from, "geo-muted"));
  });

  panel("bottomleft", function (box) {
    box.classList.add("geo-time");
    var all = el("input");
    all.type = "checkbox";
    all.id = "geo-all-time";
    all.checked = sliceIndex < 0;
    var allLabel = el("label", " All time");
    allLabel.prepend(all);
    var slider = el("input");
    slider.type = "range";
    slider.id = "geo-slice";
    slider.min = "0";
    slider.max = String(data.slices.length - 1);
    slider.value = String(Math.max(sliceIndex, 0));
    var prev = el("button", "\u25c0"), next = el("button", "\u25b6");
    prev.type = next.type = "button";
    function set(index) {
      sliceIndex = index;
      all.checked = index < 0;
      if (index >= 0) { slider.value = String(index); }
      redraw();
    }
    slider.addEventListener("input", function () { set(parseInt(slider.value, 10)); });
    all.addEventListener("change", function () { set(all.checked ? -1 : parseInt(slider.value, 10)); });
    prev.addEventListener("click", function () { set(Math.max(0, parseInt(slider.value, 10) - 1)); });
    next.addEventListener("click", function () { set(Math.min(data.slices.length - 1, parseInt(slider.value, 10) + 1)); });
    box.appendChild(el("div", "Time (" + data.freq_name + " slices)", "geo-label"));
    var controls = el("div", null, "geo-time-controls");
    [prev, slider, next, allLabel].forEach(function (n) { controls.appendChild(n); });
    box.appendChild(controls);
    statusNode = el("div", "", "geo-status");
    statusNode.id = "geo-status";
    box.appendChild(statusNode);
    api.setSlice = function (label) {
      var index = data.slices.map(function (s) { return s.label; }).indexOf(label);
      if (index < 0) { throw new Error("no slice " + label); }
      set(index);
    };
    api.setAllTime = function () { set(-1); };
  });

  panel("topright", function (box) {
    box.classList.add("geo-sources");
    box.appendChild(el("div", "Sources", "geo-label"));
    data.sources.forEach(function (s) {
      var input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.setAttribute("data-source", s.id);
      input.addEventListener("change", function () { enabledSources[s.id] = input.checked; redraw(); });
      var label = el("label", " " + s.id + " · " + s.published + " · " + s.title, "geo-source");
      label.prepend(input);
      box.appendChild(label);
    });
  });

  panel("bottomright", function (box) {
    box.classList.add("geo-legend");
    box.appendChild(el("div", "Legend", "geo-label"));
    var kinds = el("div", null, "geo-legend-kinds");
    var present = {};
    data.places.forEach(function (p) { present[p.kind] = true; });
    Object.keys(SHAPES).filter(function (k) { return present[k]; }).forEach(function (kind) {
      var item = el("span", null, "geo-legend-item");
      item.appendChild(symbolSvg(kind, "#ffffff"));
      item.appendChild(el("span", " " + kind.replace(/_/g, " ")));
      kinds.appendChild(item);
    });
    box.appendChild(kinds);
    box.appendChild(el("div", "Place colour: state in the current slice (white: no reports)", "geo-label"));
    var states = el("div", null, "geo-legend-kinds");
    box.appendChild(states);
    Object.keys(STATE_COLORS).forEach(function (state) {
      var item = el("span", null, "geo-legend-item");
      var swatch = el("span", "", "geo-swatch");
      swatch.style.background = STATE_COLORS[state];
      item.appendChild(swatch);
      item.appendChild(el("span", " " + state.replace(/_/g, " ")));
      item.title = data.state_names[state];
      states.appendChild(item);
    });
    box.appendChild(el("div", "Claims (circle size grows with the number of claims)", "geo-label"));
    LAYERS.forEach(function (layer) {
      var item = el("div", null, "geo-legend-item");
      var swatch = el("span", "", "geo-swatch geo-round");
      swatch.style.background = layer.color;
      item.appendChild(swatch);
      item.appendChild(el("span", " " + layer.name));
      box.appendChild(item);
    });
    box.appendChild(el("div", data.legend_notes.join(" "), "geo-muted"));
  });

  api.map = map;
  api.counts = function () {
    return {
      claims: drawn.claims, claimMarkers: drawn.claimMarkers, movements: drawn.movements,
      departures: drawn.departures, movementSymbols: drawn.movementSymbols, contradictions: drawn.contradictions
    };
  };
  api.groups = groups;
  api.sliceLabels = function () { return data.slices.map(function (s) { return s.label; }); };
  api.basemap = land;
  api.markerPoint = function (placeId, layerId) {
    var marker = markerIndex[placeId + "/" + layerId];
    if (!marker) { return null; }
    var point = map.latLngToContainerPoint(marker.getLatLng());
    var box = map.getContainer().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  };
  api.placePoint = function (placeId) {
    var p = placeById[placeId];
    var point = map.latLngToContainerPoint([p.lat, p.lon]);
    var box = map.getContainer().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  };
  api.setSources = function (ids) {
    Object.keys(enabledSources).forEach(function (id) { enabledSources[id] = ids.indexOf(id) >= 0; });
    document.querySelectorAll("input[data-source]").forEach(function (input) {
      input.checked = !!enabledSources[input.getAttribute("data-source")];
    });
    redraw();
  };
  api.ready = true;
  redraw();
}

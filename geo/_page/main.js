// geoMapInit: data in, derived view recomputed from the filters in one place
// (refresh), layers drawn from it. Every clickable symbol is registered with a
// shape in pixels; a click opens the one under it, or a chooser listing each.
/* exported geoMapInit */
function geoMapInit(map, layerControl, data, world, admin1, detail, loadDetails) {
  "use strict";
  var dom = geoPage.dom, derive = geoPage.derive, hits = geoPage.hits, days = geoPage.days;
  var el = dom.el;
  var api = window.geoMap = window.geoMap || {};

  // ---- data and indexes -------------------------------------------------------
  var claims = derive.claimsFromColumns(geoPage.pack.claimColumns(data), data.sources);
  var clippedDays = derive.clippedDays(claims, data.window);
  var moves = geoPage.pack.movements(data);
  // The popup details (quotes, notes, ...) are parsed when a popup first needs them.
  var detailsBlock = null;
  function details(claim) {
    if (!detailsBlock) { detailsBlock = loadDetails(); }
    return geoPage.pack.details(detailsBlock, claim.index);
  }
  function index(list) {
    var out = {};
    list.forEach(function (item) { out[item.id] = item; });
    return out;
  }
  var placeById = index(data.places), sourceById = index(data.sources), claimById = index(claims);
  var layerById = index(data.layers);
  var layerOrder = {};
  data.layers.forEach(function (layer, i) { layerOrder[layer.id] = i; });
  function all(list) {
    var out = {};
    list.forEach(function (id) { out[id] = true; });
    return out;
  }

  var view = {
    slice: data.initial_slice,
    carry: true,
    filters: {
      sources: all(data.sources.map(function (s) { return s.id; })),
      layers: all(data.layers.map(function (l) { return l.id; })),
      modalities: all(data.modalities),
      confirmedOnly: false,
      reportedBy: null
    }
  };
  var current = { filtered: claims, derived: null, inView: claims, disputes: [] };

  var ctx = {
    map: map, data: data, view: view, placeById: placeById, sourceById: sourceById, claimById: claimById,
    details: details,
    current: function () { return current; },
    placeInfo: function (placeId, sliceIndex, carry) {
      return derive.placeState(current.derived, data.rules, placeId,
        sliceIndex === undefined ? view.slice : sliceIndex, carry === undefined ? view.carry : carry);
    }
  };
  var popups = geoPage.popups(ctx);

  // ---- basemap (offline) and overlays ---------------------------------------------
  geoPage.basemap.panes(map);
  var land = L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: function () { return { color: "#7a7a7a", weight: 0.8, fillColor: "#f2efe6", fillOpacity: 1 }; },
    pane: "geo-land", interactive: false
  });
  map.getContainer().style.background = "#c9dbe6";
  // The close-zoom detail belongs to the offline basemap: it comes and goes with it.
  var detailGroup = L.layerGroup();
  land.on("add", function () { detailGroup.addTo(map); });
  land.on("remove", function () { map.removeLayer(detailGroup); });
  land.addTo(map);
  var detailLayers = geoPage.basemap.add(map, detailGroup, detail, el, hits.placeLabels);
  layerControl.addBaseLayer(land, "Natural Earth borders (offline)");

  // The optional online tiles: when they cannot load (no network), say so and go back to the
  // offline basemap, rather than leave a blank map.
  var notice = el("div", "", "geo-notice");
  notice.setAttribute("role", "status");
  notice.hidden = true;
  map.getContainer().appendChild(notice);
  map.on("baselayerchange", function (e) {
    notice.hidden = true;
    if (!(e.layer instanceof L.TileLayer) || e.layer.geoWatched) { return; }
    e.layer.geoWatched = true;
    e.layer.on("tileerror", function () {
      if (!map.hasLayer(e.layer)) { return; }
      map.removeLayer(e.layer);
      map.addLayer(land);
      notice.textContent = "no network: showing the offline basemap";
      notice.hidden = false;
    });
  });
  api.notice = function () { return notice.hidden ? null : notice.textContent; };

  var groups = {};
  // Overlay names are the page's own constants: Leaflet's layer control inserts them as HTML.
  function overlay(id, name, shown) {
    var group = L.layerGroup();
    if (shown) { group.addTo(map); }
    layerControl.addOverlay(group, name);
    groups[id] = group;
    return group;
  }
  var admin1Layer = overlay("admin1", "Governorates and provinces (offline)", true);
  admin1.forEach(function (topology) {
    var name = Object.keys(topology.objects)[0];
    L.geoJSON(topojson.feature(topology, topology.objects[name]), {
      style: function () { return { color: "#8a8a8a", weight: 0.8, dashArray: "4 3", fill: false }; },
      interactive: false
    }).addTo(admin1Layer);
  });
  data.admin1_labels.forEach(function (label) {
    L.marker(label.at, {
      icon: L.divIcon({ html: el("span", label.name, "geo-admin1-label"), className: "geo-admin1-icon", iconSize: null }),
      interactive: false, keyboard: false
    }).addTo(admin1Layer);
  });
  var uncertaintyLayer = overlay("uncertainty", "Location uncertainty", true);
  var disputesLayer = overlay("disputes", "Disputes (sources disagree)", true);
  var movementsLayer = overlay("movements", "Movements", true);
  data.layers.forEach(function (layer) { overlay(layer.id, layer.name, true); });
  var placesLayer = overlay("places", "Places (colour = state)", true);
  var labelsLayer = overlay("labels", "Place labels (from zoom 7)", true);
  // Claim circles and rings on one canvas, movements on another (the map's own):
  // circles move on every zoom, and a canvas redraws all it holds.
  var renderer = L.canvas({ padding: 0.5 }), movementRenderer = L.canvas({ padding: 0.5 });

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
  });

  // ---- the symbol registry: what a click or a hover can reach --------------------------
  var symbols = [];
  var Z = { place: 5, claims: 4, move: 3, line: 2, dispute: 1 };
  function point(latlng) { return map.latLngToContainerPoint(latlng); }
  function register(symbol) { symbols.push(symbol); }
  function shown(symbol) { return map.hasLayer(symbol.group); }

  // ---- places -----------------------------------------------------------------------
  var placeMarkers = {};
  data.places.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], {
      icon: L.divIcon({ className: "geo-place-icon", html: "", iconSize: [26, 26], iconAnchor: [13, 13] }),
      interactive: false, keyboard: false
    });
    marker.addTo(placesLayer);
    placeMarkers[p.id] = marker;
    var symbol = {
      key: "place:" + p.id, kind: "place", id: p.id, z: Z.place, group: placesLayer,
      at: function () { return L.latLng(p.lat, p.lon); },
      shape: function () { var at = point([p.lat, p.lon]); return { type: "disc", x: at.x, y: at.y, r: 12 }; },
      content: function () { return popups.place(p); }
    };
    // The name and the state as shown now, "last reported <slice>" included.
    Object.defineProperty(symbol, "label", {
      get: function () { return p.name + ": " + popups.stateText(ctx.placeInfo(p.id)); }
    });
    register(symbol);
  });
  function paintPlaces() {
    data.places.forEach(function (p) {
      var node = placeMarkers[p.id].getElement();
      if (!node) { return; }
      var info = ctx.placeInfo(p.id);
      while (node.firstChild) { node.removeChild(node.firstChild); }
      node.appendChild(geoPage.symbols.placeSymbol(data.kind_symbols, p.kind,
        info ? data.state_colors[info.state] : "#ffffff"));
      node.setAttribute("data-place", p.id);
      node.setAttribute("data-state", info ? info.state : "");
      node.setAttribute("data-carried", info && info.carried ? "true" : "false");
      node.style.opacity = info && info.carried ? "0.5" : "1";
    });
  }
  placesLayer.on("add", paintPlaces);

  // Labels for the kinds the payload marks, from zoom 7, placed greedily in
  // the order of the places so that none covers another or another's symbol.
  var LABEL_ZOOM = 7;
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "12px sans-serif";
  var labelMarkers = {};
  data.places.forEach(function (p) {
    if (!p.label) { return; }
    labelMarkers[p.id] = L.marker([p.lat, p.lon], {
      icon: L.divIcon({ html: el("span", p.name, "geo-place-label"), className: "geo-label-icon",
        iconSize: null, iconAnchor: [-14, 9] }),
      interactive: false, keyboard: false
    });
  });
  function layoutLabels() {
    labelsLayer.clearLayers();
    var obstacles = data.places.map(function (p) {
      var at = point([p.lat, p.lon]);
      return { owner: p.id, box: { x: at.x - 13, y: at.y - 13, width: 26, height: 26 } };
    });
    if (map.getZoom() < LABEL_ZOOM) { detailLayers.layout(obstacles); return; }
    var labels = data.label_order.map(function (placeId) {
      var p = placeById[placeId], at = point([p.lat, p.lon]);
      return { id: placeId, owner: placeId,
        box: { x: at.x + 14, y: at.y - 9, width: measure.measureText(p.name).width + 6, height: 18 } };
    });
    var placed = hits.placeLabels(labels, obstacles);
    placed.forEach(function (placeId) { labelMarkers[placeId].addTo(labelsLayer); });
    // The populated places' labels give way to the data set's symbols and labels.
    var byId = {};
    labels.forEach(function (label) { byId[label.id] = label; });
    detailLayers.layout(obstacles.concat(placed.map(function (placeId) { return { owner: "", box: byId[placeId].box }; })));
  }

  // ---- claims -------------------------------------------------------------------------
  function offsetPoint(p, layerId) {
    var angle = (2 * Math.PI * layerOrder[layerId]) / data.layers.length - Math.PI / 2;
    return point([p.lat, p.lon]).add([Math.cos(angle) * 20, Math.sin(angle) * 20]);
  }
  // The circles each claim is counted in, (place, layer) pairs as small integers, worked out
  // once (claims with the same places share them): a step of time only sorts the claims in
  // view into them. A claim naming a place twice (origin and location) counts there once.
  var bucketKeys = [], bucketIndex = {}, bucketsOf = new Array(claims.length), bucketCache = new Map();
  claims.forEach(function (claim) {
    var byLayer = bucketCache.get(claim.places);
    if (!byLayer) { byLayer = {}; bucketCache.set(claim.places, byLayer); }
    if (!byLayer[claim.layer]) {
      var ids = [], seen = {};
      claim.places.forEach(function (role) {
        if (seen[role[0]]) { return; }
        seen[role[0]] = true;
        var key = role[0] + "\u0000" + claim.layer;
        if (bucketIndex[key] === undefined) { bucketIndex[key] = bucketKeys.length; bucketKeys.push(key); }
        ids.push(bucketIndex[key]);
      });
      byLayer[claim.layer] = ids;
    }
    bucketsOf[claim.index] = byLayer[claim.layer];
  });
  var claimMarkers = [], drawn = { claims: 0, claimMarkers: 0, movements: 0, departures: 0, movementSymbols: 0,
    disputes: 0 };
  var dynamic = [];  // symbols redrawn with the view
  function drawClaims(inView) {
    data.layers.forEach(function (layer) { groups[layer.id].clearLayers(); });
    claimMarkers = [];
    // Counts only: a circle's list of claims is worked out when its popup opens.
    var counts = new Int32Array(bucketKeys.length), used = [];
    for (var c = 0; c < inView.length; c += 1) {
      var ids = bucketsOf[inView[c].index];
      for (var i = 0; i < ids.length; i += 1) {
        if (counts[ids[i]] === 0) { used.push(ids[i]); }
        counts[ids[i]] += 1;
      }
    }
    used.sort(function (a, b) { return bucketKeys[a] < bucketKeys[b] ? -1 : (bucketKeys[a] > bucketKeys[b] ? 1 : 0); });
    used.forEach(function (id) {
      var key = bucketKeys[id], parts = key.split("\u0000"), p = placeById[parts[0]], layer = layerById[parts[1]];
      var count = counts[id], radius = 5 + 2.5 * Math.sqrt(count);
      var marker = L.circleMarker(map.containerPointToLatLng(offsetPoint(p, layer.id)), {
        renderer: renderer, radius: radius, color: "#222", weight: 1, fillColor: layer.color, fillOpacity: 0.9,
        interactive: false
      });
      marker.geoPlace = p;
      marker.geoLayer = layer.id;
      marker.addTo(groups[layer.id]);
      claimMarkers.push(marker);
      dynamic.push({
        key: "claims:" + p.id + "/" + layer.id, kind: "claims", id: p.id + "/" + layer.id, z: Z.claims,
        group: groups[layer.id], label: p.name + ": " + layer.name + " (" + count + ")",
        at: function () { return marker.getLatLng(); },
        shape: function () { var at = offsetPoint(p, layer.id); return { type: "disc", x: at.x, y: at.y, r: radius }; },
        content: function () {
          return popups.claims(p.id, layer, inView.filter(function (claim) { return bucketsOf[claim.index].indexOf(id) >= 0; }));
        }
      });
    });
    drawn.claims = inView.length;
    drawn.claimMarkers = used.length;
  }
  // Claim circles sit a fixed number of pixels from their place: move them on zoom.
  map.on("zoomend", function () {
    claimMarkers.forEach(function (marker) {
      marker.setLatLng(map.containerPointToLatLng(offsetPoint(marker.geoPlace, marker.geoLayer)));
    });
    layoutLabels();
  });

  // ---- movements ------------------------------------------------------------------------
  // Movements along one route with one colour and dash, and departures from or
  // arrivals at one place, are one symbol whose popup lists each.
  // Each movement's claim (its index) and bundle (a small integer), worked out once.
  var moveClaim = new Int32Array(moves.length), moveBundle = new Int32Array(moves.length), bundleKeys = [];
  (function () {
    var ids = new Map();
    moves.forEach(function (move, i) {
      var claim = claimById[move.claim];
      var key = move.kind === "line"
        ? [move.kind, move.origin, move.destination, claim.layer, move.dashed ? 1 : 0].join("/")
        : [move.kind, move.origin || "", move.destination || ""].join("/");
      var id = ids.get(key);
      if (id === undefined) { id = bundleKeys.length; ids.set(key, id); bundleKeys.push(key); }
      moveClaim[i] = claim.index;
      moveBundle[i] = id;
    });
  })();
  // Every line and arrowhead in view is one layer of the movements' canvas (lines.js); it
  // joins the map with the first view, as one Leaflet path per line did.
  var movementLines = geoPage.lines.layer(movementRenderer);
  // A departure's or arrival's marker is kept from one view to the next (its icon
  // remade when its count changes): a step of time adds and removes only those that come and go.
  var endCache = {}, shownEnds = {};
  function endIcon(first, count) {
    var anchor = first.kind === "departure" ? [-4, 22] : [22, -4];
    return L.divIcon({ className: "geo-move-icon geo-" + first.kind,
      html: el("span", (first.kind === "departure" ? "\u2197" : "\u2199") + (count > 1 ? count : "")),
      iconSize: null, iconAnchor: anchor });
  }
  // A movement symbol: the methods are shared, as a view can hold 10^4 of these symbols.
  function MovementSymbol(key, bundle) {
    var first = bundle[0];
    this.key = "movements:" + key;
    this.id = key;
    this.bundle = bundle;
    this.first = first;
    this.weight = 0;  // a line's, set by drawMovements
    this.z = first.kind === "line" ? Z.line : Z.move;
    this.at = first.kind === "line" ? null : MovementSymbol.endAt;
  }
  MovementSymbol.prototype.kind = "movements";
  MovementSymbol.prototype.group = movementsLayer;
  MovementSymbol.prototype.content = function () { return popups.movements(this.id, this.bundle); };
  // Worked out when a hover or a chooser needs it.
  Object.defineProperty(MovementSymbol.prototype, "label", {
    get: function () {
      return popups.movementTitle(this.first) + (this.bundle.length > 1 ? " (" + this.bundle.length + ")" : "");
    }
  });
  MovementSymbol.endAt = function () { return L.latLng(this.first.coords[0]); };
  MovementSymbol.prototype.shape = function () {
    var first = this.first;
    if (first.kind === "line") {
      return { type: "line", width: this.weight + 4, parts: first.coords.map(function (part) {
        return part.map(function (ll) { var at = point(ll); return [at.x, at.y]; });
      }) };
    }
    var anchor = first.kind === "departure" ? [-4, 22] : [22, -4], at = point(first.coords[0]);
    return { type: "disc", x: at.x - anchor[0] + 8, y: at.y - anchor[1] + 10, r: 11 };
  };
  // visible: a flag per claim index.
  function drawMovements(visible) {
    if (!movementsLayer.hasLayer(movementLines)) { movementsLayer.addLayer(movementLines); }
    var members = new Array(bundleKeys.length), order = [], lines = 0, ends = 0;
    for (var i = 0; i < moves.length; i += 1) {
      if (!visible[moveClaim[i]]) { continue; }
      var b = moveBundle[i], list = members[b];
      if (!list) { members[b] = list = []; order.push(b); }
      list.push(moves[i]);
      if (moves[i].kind === "line") { lines += 1; } else { ends += 1; }
    }
    var shownLines = [], nowShown = {};
    order.forEach(function (b) {
      var key = bundleKeys[b], bundle = members[b], first = bundle[0];
      var color = layerById[claimById[first.claim].layer].color;
      var symbol = new MovementSymbol(key, bundle);
      if (first.kind === "line") {
        symbol.weight = Math.min(3 + Math.sqrt(bundle.length - 1), 8);
        shownLines.push({ coords: first.coords, arrow: first.arrow, color: color, weight: symbol.weight,
          dashed: first.dashed });
      } else {
        var cached = endCache[key];
        if (!cached) {
          cached = endCache[key] = { count: bundle.length, marker: L.marker(first.coords[0], {
            icon: endIcon(first, bundle.length), interactive: false, keyboard: false }) };
        } else if (cached.count !== bundle.length) {
          cached.count = bundle.length;
          cached.marker.setIcon(endIcon(first, bundle.length));
        }
        if (!shownEnds[key]) { movementsLayer.addLayer(cached.marker); }
        nowShown[key] = true;
      }
      dynamic.push(symbol);
    });
    movementLines.setLines(shownLines);
    Object.keys(shownEnds).forEach(function (key) {
      if (!nowShown[key]) { movementsLayer.removeLayer(endCache[key].marker); }
    });
    shownEnds = nowShown;
    drawn.movements = lines;
    drawn.departures = ends;
    drawn.movementSymbols = order.length;
  }

  // ---- disputes ---------------------------------------------------------------------------
  function drawDisputes(inView) {
    disputesLayer.clearLayers();
    var clip = view.slice < 0 ? null : [data.slices[view.slice].start, data.slices[view.slice].end];
    // Each dispute's sides (its claims and sources) are listed when a popup or a test asks.
    current.disputes = derive.disputeWindows(inView, data.dispute_sides, clip).map(function (found) {
      var dispute = { place_id: found.place_id, start: found.start, end: found.end }, sides = null;
      Object.defineProperty(dispute, "sides", { enumerable: true, get: function () {
        return sides || (sides = derive.disputeSides(found, data.dispute_sides));
      } });
      return dispute;
    });
    var perPlace = {};
    current.disputes.forEach(function (found) {
      var p = placeById[found.place_id], k = perPlace[found.place_id] = (perPlace[found.place_id] || 0) + 1;
      var radius = 30 + 6 * (k - 1);
      L.circleMarker([p.lat, p.lon], { renderer: renderer, radius: radius, color: "#c51b7d", weight: 3,
        dashArray: "5 4", fill: false, interactive: false }).addTo(disputesLayer);
      dynamic.push({
        key: "dispute:" + found.place_id + "/" + (k - 1), kind: "dispute", id: found.place_id + "/" + (k - 1), z: Z.dispute,
        group: disputesLayer, label: "Sources disagree about " + p.name + ", " + days.spanText(found.start, found.end),
        at: function () { return map.containerPointToLatLng(point([p.lat, p.lon]).subtract([0, radius])); },
        shape: function () { var at = point([p.lat, p.lon]); return { type: "ring", x: at.x, y: at.y, r: radius, width: 3 }; },
        content: function () { return popups.dispute(found, k - 1); }
      });
    });
    drawn.disputes = current.disputes.length;
  }

  // ---- the view: recomputed from the filters in one place -----------------------------------
  function refilter() {
    current.filtered = claims.filter(function (claim) { return derive.passes(claim, view.filters); });
    current.derived = derive.evidence(current.filtered, data.slices, data.window);
    strip.setClaims(current.filtered);
  }
  var sliceListeners = [], visible = new Uint8Array(claims.length);
  function refresh() {
    current.inView = derive.inSliceAll(current.filtered, clippedDays, data.slices, data.window, view.slice);
    // One flag per claim, kept from step to step (10^6 bytes at 1M claims).
    visible.fill(0);
    current.inView.forEach(function (claim) { visible[claim.index] = 1; });
    dynamic = [];
    drawDisputes(current.inView);
    drawMovements(visible);
    drawClaims(current.inView);
    paintPlaces();
    layoutLabels();
    closeTransient();
    var slice = data.slices[view.slice];
    panels.status((view.slice < 0 ? "All time" : slice.label + " (" + slice.start + " to " + slice.end + ")") + ": " +
      drawn.claims + " claims, " + drawn.movements + " movement lines, " + drawn.disputes + " disputes" +
      (view.carry ? "" : "; this slice only"), drawn);
    var day = view.filters.reportedBy, latest = data.published_dates[data.published_dates.length - 1];
    panels.reported("as reported by " + (day || "latest (" + latest + ")") + ": " +
      derive.sourcesReported(data.sources, day) + " of " + data.sources.length + " sources", day);
    strip.draw();
    sliceListeners.forEach(function (listener) { listener(view.slice); });
  }
  ctx.setSlice = function (sliceIndex) { view.slice = sliceIndex; refresh(); };
  ctx.setCarry = function (carry) { view.carry = carry; refresh(); };
  ctx.setFilter = function (name, id, on) { view.filters[name][id] = on; refilter(); refresh(); };
  ctx.setConfirmedOnly = function (on) { view.filters.confirmedOnly = on; refilter(); refresh(); };
  // null: the latest reporting, every claim.
  ctx.setReportedBy = function (day) { view.filters.reportedBy = day; refilter(); refresh(); };
  ctx.onSlice = function (listener) { sliceListeners.push(listener); };

  // ---- clicks, hovers and popups --------------------------------------------------------------
  function reachable() {
    return symbols.concat(dynamic).filter(shown).map(function (symbol) {
      return { symbol: symbol, shape: symbol.shape(), z: symbol.z };
    });
  }
  function under(containerPoint) {
    return hits.under(reachable(), containerPoint.x, containerPoint.y).map(function (hit) { return hit.symbol; });
  }
  // Keep popups clear of the panels on the left (header, filters, time).
  function popupOptions() {
    var size = map.getSize(), left = 0;
    ["topleft", "bottomleft"].forEach(function (corner) {
      var node = map._controlCorners[corner];
      if (node) { left = Math.max(left, node.getBoundingClientRect().width); }
    });
    // ... and of the timeline strip along the bottom.
    var below = strip.height();
    return { maxWidth: 460, maxHeight: Math.max(200, size.y - 140 - below),
      autoPanPaddingTopLeft: L.point(Math.min(left + 10, size.x * 0.45), 10),
      autoPanPaddingBottomRight: L.point(20, 20 + below) };
  }
  var openPopup = null, refits = 1;
  function open(symbol, latlng) {
    var node = symbol.content();
    var popup = L.popup(popupOptions()).setLatLng((symbol.at && symbol.at()) || latlng).setContent(node);
    popup.openOn(map);
    return popup;
  }
  map.on("click", function (e) {
    var found = under(e.containerPoint);
    if (!found.length) { return; }
    if (found.length === 1) { open(found[0], e.latlng); return; }
    var chooser = popups.chooser(found, function (symbol) { open(symbol, e.latlng); });
    L.popup(popupOptions()).setLatLng(e.latlng).setContent(chooser).openOn(map);
  });
  // Leaflet's auto-pan of a popup can stop short, by an amount that depends on
  // timing, and leave its top under a panel: once the pan ends, fit it again, once.
  map.on("popupopen", function (e) { openPopup = e.popup; });
  map.on("popupclose", function (e) { if (openPopup === e.popup) { openPopup = null; } refits = 1; });
  map.on("autopanstart", function () {
    if (refits < 1) { return; }
    map.once("moveend", function () {
      if (openPopup && refits > 0) { refits -= 1; openPopup.update(); }
    });
  });
  var tooltip = L.tooltip({ direction: "right", offset: [14, 0] });
  var hovered = null, pending = null;
  map.on("mousemove", function (e) {
    pending = e;
    if (hovered === "busy") { return; }
    hovered = "busy";
    L.Util.requestAnimFrame(function () {
      hovered = null;
      var found = under(pending.containerPoint);
      map.getContainer().style.cursor = found.length ? "pointer" : "";
      if (!found.length) { map.removeLayer(tooltip); return; }
      var text = found[0].label + (found.length > 1 ? " (+" + (found.length - 1) + " more: click to choose)" : "");
      tooltip.setLatLng((found[0].at && found[0].at()) || pending.latlng).setContent(el("span", text, "geo-tooltip"));
      if (!map.hasLayer(tooltip)) { tooltip.addTo(map); }
    });
  });
  map.on("mouseout", function () { map.removeLayer(tooltip); });
  function closeTransient() { map.removeLayer(tooltip); }

  // ---- panels -----------------------------------------------------------------------------------
  var panels = geoPage.panels(ctx);
  panels.header();
  panels.filters();
  panels.time();
  panels.legend();
  var strip = geoPage.strip(ctx);

  // ---- test hooks (documented in the README) ------------------------------------------------------
  function sliceIndexOf(label) {
    var found = data.slices.map(function (s) { return s.label; }).indexOf(label);
    if (found < 0) { throw new Error("no slice " + label); }
    return found;
  }
  var FILTER_ATTRIBUTES = { sources: "data-source", layers: "data-layer", modalities: "data-modality" };
  function setAll(name, ids) {
    Object.keys(view.filters[name]).forEach(function (id) { view.filters[name][id] = ids.indexOf(id) >= 0; });
    var attribute = FILTER_ATTRIBUTES[name];
    document.querySelectorAll("input[" + attribute + "]").forEach(function (input) {
      input.checked = !!view.filters[name][input.getAttribute(attribute)];
    });
    refilter();
    refresh();
  }
  api.map = map;
  api.groups = groups;
  api.basemap = land;
  api.detail = detailLayers.counts;
  api.setSlice = function (label) { ctx.setSlice(sliceIndexOf(label)); };
  api.setAllTime = function () { ctx.setSlice(-1); };
  api.setSources = function (ids) { setAll("sources", ids); };
  api.setLayers = function (ids) { setAll("layers", ids); };
  api.setModalities = function (ids) { setAll("modalities", ids); };
  api.setConfirmedOnly = function (on) {
    document.getElementById("geo-confirmed-only").checked = on;
    ctx.setConfirmedOnly(on);
  };
  api.setSliceOnly = function (on) {
    document.getElementById("geo-slice-only").checked = on;
    ctx.setCarry(!on);
  };
  // The "reported by" control: an ISO date, or null for the latest.
  api.setReportedBy = function (day) {
    if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(day))) { throw new Error("not an ISO date: " + day); }
    ctx.setReportedBy(day);
  };
  // The timeline strip: what it shows, one step of play (false at the end of the
  // range), an arrow-key step, a brushed range of days, and the pace of play.
  api.timeline = function () { return strip.shown(); };
  api.playStep = function () { return strip.tick(); };
  api.timelineStep = function (direction) { return strip.stepBy(direction); };
  api.brush = function (fromIso, toIso) { strip.brush(fromIso, toIso); };
  api.setPlayPace = function (ms) { strip.setPace(ms); };
  api.setPlayMode = function (name) { strip.setMode(name); };
  api.placeState = function (placeId) {
    var info = ctx.placeInfo(placeId);
    return info ? info.state : null;
  };
  api.placeInfo = function (placeId) {
    var info = ctx.placeInfo(placeId);
    return info ? { state: info.state, carried: info.carried,
      reported: info.reported < 0 ? null : data.slices[info.reported].label } : null;
  };
  api.disputes = function () {
    return current.disputes.map(function (found) {
      return { place_id: found.place_id, start: found.start, end: found.end, sides: found.sides };
    });
  };
  api.counts = function () {
    return { claims: drawn.claims, claimMarkers: drawn.claimMarkers, movements: drawn.movements,
      departures: drawn.departures, movementSymbols: drawn.movementSymbols, disputes: drawn.disputes };
  };
  api.sliceLabels = function () { return data.slices.map(function (s) { return s.label; }); };
  api.labels = function () {
    return labelsLayer.getLayers().map(function (marker) { return marker.getElement().textContent; });
  };
  // Every reachable symbol with a page point inside it (for clicking and hovering).
  api.symbols = function () {
    var box = map.getContainer().getBoundingClientRect();
    return reachable().map(function (entry) {
      var shape = entry.shape, at;
      if (shape.type === "disc") { at = [shape.x, shape.y]; }
      else if (shape.type === "ring") { at = [shape.x, shape.y - shape.r]; }
      else {
        // The middle of the line's longest segment, away from both ends.
        var best = null;
        shape.parts.forEach(function (points) {
          for (var i = 1; i < points.length; i += 1) {
            var a = points[i - 1], b = points[i], length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (!best || length > best[0]) { best = [length, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; }
          }
        });
        at = [best[1], best[2]];
      }
      return { key: entry.symbol.key, kind: entry.symbol.kind, id: entry.symbol.id, label: entry.symbol.label,
        x: box.left + at[0], y: box.top + at[1] };
    });
  };
  // Open a symbol's popup by its key, as a click on it would.
  api.open = function (key) {
    var found = symbols.concat(dynamic).filter(function (symbol) { return symbol.key === key; })[0];
    if (!found) { throw new Error("no symbol " + key); }
    open(found, found.at ? found.at() : map.getCenter());
  };
  // The keys of the symbols under a page point, topmost first (what a click there lists).
  api.under = function (x, y) {
    var box = map.getContainer().getBoundingClientRect();
    return under(L.point(x - box.left, y - box.top)).map(function (symbol) { return symbol.key; });
  };
  api.placePoint = function (placeId) {
    var p = placeById[placeId], at = point([p.lat, p.lon]), box = map.getContainer().getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  };
  api.markerPoint = function (placeId, layerId) {
    var found = dynamic.filter(function (s) { return s.key === "claims:" + placeId + "/" + layerId; })[0];
    if (!found) { return null; }
    var shape = found.shape(), box = map.getContainer().getBoundingClientRect();
    return { x: box.left + shape.x, y: box.top + shape.y };
  };

  refilter();
  refresh();
  api.ready = true;
}

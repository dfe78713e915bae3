// The offline basemap's close-zoom detail (Natural Earth): the 1:10m coast and sea, lakes,
// rivers, and populated places as small dots with text labels. Each layer is drawn only
// from the zoom the payload gives for it, where it adds something the countries do not.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.basemap = (function () {
  "use strict";

  // Whether the detail layer `name` is drawn at `zoom` (zooms: layer name -> first zoom).
  function shown(zooms, name, zoom) {
    return Object.prototype.hasOwnProperty.call(zooms, name) && zoom >= zooms[name];
  }

  // Whether a populated place of `population` gets a label at `zoom`: thresholds are
  // [zoom, smallest population] pairs, the last one at or below `zoom` applies.
  function labelled(thresholds, population, zoom) {
    var least = Infinity;
    thresholds.forEach(function (pair) { if (zoom >= pair[0]) { least = pair[1]; } });
    return population >= least;
  }

  // The populated places whose labels fit: biggest first, none over another label or over
  // an obstacle (the data set's symbols and labels). places: [name, lat, lon, population];
  // project(lat, lon) -> {x, y}; width(text) -> pixels. Returns the indexes of those kept.
  function placeLabels(places, thresholds, zoom, project, width, obstacles, placeLabelsFn) {
    var labels = [];
    places.forEach(function (place, i) {
      if (!labelled(thresholds, place[3], zoom)) { return; }
      var at = project(place[1], place[2]);
      labels.push({ id: i, owner: "populated:" + i, box: { x: at.x + 5, y: at.y - 8, width: width(place[0]) + 4, height: 16 } });
    });
    return placeLabelsFn(labels, obstacles);
  }

  // Adds the layers to `group` (a Leaflet layer group shown with the offline basemap) and
  // keeps each to its zooms. Returns { layout(obstacles), counts() } for the page.
  // The basemap's panes, under the overlay pane (400) where the data are drawn: the
  // countries, then the detail over them (its sea hides the coarser coast), then its labels.
  function panes(map) {
    var zIndex = { "geo-land": 240, "geo-detail": 250, "geo-detail-labels": 260 };
    Object.keys(zIndex).forEach(function (name) {
      if (!map.getPane(name)) { map.createPane(name).style.zIndex = String(zIndex[name]); }
    });
  }

  function add(map, group, detail, el, placeLabelsFn) {
    panes(map);
    var styles = {
      sea: { stroke: false, fillColor: "#c9dbe6", fillOpacity: 1 },
      coast: { color: "#6f8ea3", weight: 0.9, fill: false },
      lakes: { color: "#6f8ea3", weight: 0.6, fillColor: "#c9dbe6", fillOpacity: 1 },
      rivers: { color: "#7fa6c2", weight: 1, fill: false }
    };
    var layers = {};
    ["sea", "coast", "lakes", "rivers"].forEach(function (name) {
      if (!detail[name]) { return; }
      layers[name] = L.geoJSON(detail[name], {
        pane: "geo-detail", interactive: false, style: function () { return styles[name]; }
      });
    });
    // The credit shows in the map's attribution while the towns are on the map.
    var dots = L.layerGroup([], { attribution: detail.attribution }), labelLayer = L.layerGroup(), dotMarkers = {}, labelMarkers = {};
    detail.places.forEach(function (place, i) {
      dotMarkers[i] = L.circleMarker([place[1], place[2]], {
        pane: "geo-detail", radius: 2.5, color: "#555", weight: 1, fillColor: "#fff", fillOpacity: 1,
        interactive: false
      });
      labelMarkers[i] = L.marker([place[1], place[2]], {
        pane: "geo-detail-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ html: el("span", place[0], "geo-populated-label"), className: "geo-label-icon",
          iconSize: null, iconAnchor: [-5, 8] })
      });
    });
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "11px sans-serif";
    var obstaclesNow = [];

    // A place's dot is drawn from the zoom its label may be; the label where it fits.
    function layout(obstacles) {
      obstaclesNow = obstacles || obstaclesNow;
      labelLayer.clearLayers();
      dots.clearLayers();
      var zoom = map.getZoom();
      if (!shown(detail.zooms, "places", zoom)) { return; }
      detail.places.forEach(function (place, i) {
        if (labelled(detail.label_population, place[3], zoom)) { dotMarkers[i].addTo(dots); }
      });
      placeLabels(detail.places, detail.label_population, zoom, function (lat, lon) {
        return map.latLngToContainerPoint([lat, lon]);
      }, function (text) { return measure.measureText(text).width; }, obstaclesNow, placeLabelsFn)
        .forEach(function (i) { labelMarkers[i].addTo(labelLayer); });
    }

    function update() {
      var zoom = map.getZoom();
      Object.keys(layers).forEach(function (name) {
        var kind = name === "sea" || name === "coast" ? "coast" : "water";
        if (shown(detail.zooms, kind, zoom)) { group.addLayer(layers[name]); } else { group.removeLayer(layers[name]); }
      });
      if (shown(detail.zooms, "places", zoom)) {
        group.addLayer(dots);
        group.addLayer(labelLayer);
      } else {
        group.removeLayer(dots);
        group.removeLayer(labelLayer);
      }
    }
    map.on("zoomend", update);
    update();

    // What is on the map now (the group leaves it with the offline basemap).
    function counts() {
      var out = { layers: [], dots: 0, labels: 0 };
      Object.keys(layers).forEach(function (name) { if (map.hasLayer(layers[name])) { out.layers.push(name); } });
      out.layers.sort();
      if (map.hasLayer(dots)) { out.dots = dots.getLayers().length; out.labels = labelLayer.getLayers().length; }
      return out;
    }
    return { layout: layout, counts: counts };
  }

  return { shown: shown, labelled: labelled, placeLabels: placeLabels, panes: panes, add: add };
})();

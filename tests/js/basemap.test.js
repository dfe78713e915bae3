"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { basemap, hits } = require("./load.js");

test("a detail layer is drawn from its first zoom on, and a layer with no zoom never", () => {
  const zooms = { coast: 7, water: 6 };
  assert.equal(basemap.shown(zooms, "coast", 6), false);
  assert.equal(basemap.shown(zooms, "coast", 7), true);
  assert.equal(basemap.shown(zooms, "coast", 12), true);
  assert.equal(basemap.shown(zooms, "water", 6), true);
  assert.equal(basemap.shown(zooms, "places", 18), false);
  assert.equal(basemap.shown(zooms, "toString", 18), false);
});

test("the population a label needs falls with the zoom; below the first zoom none is labelled", () => {
  const thresholds = [[7, 100000], [8, 40000], [9, 0]];
  assert.equal(basemap.labelled(thresholds, 5000000, 6), false);
  assert.equal(basemap.labelled(thresholds, 100000, 7), true);
  assert.equal(basemap.labelled(thresholds, 99999, 7), false);
  assert.equal(basemap.labelled(thresholds, 50000, 8), true);
  assert.equal(basemap.labelled(thresholds, 39999, 8), false);
  assert.equal(basemap.labelled(thresholds, 15000, 9), true);
  assert.equal(basemap.labelled(thresholds, 15000, 11), true);
});

test("populated places' labels go biggest first, and give way to each other and to the data's labels", () => {
  // Already sorted biggest first, as the payload is; x is lon * 100 px, y is lat * 100 px.
  const places = [["Big", 0, 0, 900000], ["Near big", 0, 0.1, 500000], ["Far", 3, 3, 200000], ["Small", 5, 5, 20000]];
  const project = (lat, lon) => ({ x: lon * 100, y: lat * 100 });
  const width = (text) => text.length * 6;
  const thresholds = [[7, 100000], [9, 0]];
  // "Near big" starts 10 px right of "Big", inside Big's label: it is left out.
  assert.deepEqual(basemap.placeLabels(places, thresholds, 7, project, width, [], hits.placeLabels), [0, 2]);
  // At zoom 9 the small place may have a label too.
  assert.deepEqual(basemap.placeLabels(places, thresholds, 9, project, width, [], hits.placeLabels), [0, 2, 3]);
  // A data label over "Far" keeps it off; "Big" keeps its label.
  const obstacle = { owner: "", box: { x: 290, y: 290, width: 40, height: 20 } };
  assert.deepEqual(basemap.placeLabels(places, thresholds, 7, project, width, [obstacle], hits.placeLabels), [0]);
});

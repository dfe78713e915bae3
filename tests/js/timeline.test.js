"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { timeline, derive } = require("./load.js");

const SLICES = [
  { label: "W1", start: "2024-12-02", end: "2024-12-08" },
  { label: "W2", start: "2024-12-09", end: "2024-12-15" },
  { label: "W3", start: "2024-12-16", end: "2024-12-22" },
];
const WINDOW = ["2024-12-04", "2024-12-20"];
const LAYERS = ["leaving", "retained"];

function claim(id, layer, start, end) { return { id: id, layer: layer, start: start, end: end }; }

test("claims count on every day of their interval, open ends clipped to the window, per layer", () => {
  const claims = [
    claim("a", "leaving", "2024-12-05", "2024-12-06"),
    claim("b", "retained", "2024-12-19", null),
    claim("c", "leaving", null, "2024-12-04"),
    claim("d", "retained", "2024-11-01", "2024-11-30"),
    claim("e", "leaving", "2024-12-06", "2024-12-06"),
  ];
  const hist = timeline.histogram(claims, WINDOW, LAYERS);
  assert.equal(hist.days.length, 17);
  assert.equal(hist.days[0], "2024-12-04");
  assert.equal(hist.days[16], "2024-12-20");
  assert.deepEqual(hist.counts[0], [1, 0]);
  assert.deepEqual(hist.counts[1], [1, 0]);
  assert.deepEqual(hist.counts[2], [2, 0]);
  assert.deepEqual(hist.counts[3], [0, 0]);
  assert.deepEqual(hist.counts.slice(15), [[0, 1], [0, 1]]);
  assert.equal(hist.totals.reduce((a, b) => a + b, 0), 1 + 1 + 2 + 2);
});

test("claims per slice follow the slice rule: the clipped interval overlaps the slice", () => {
  const claims = [
    claim("a", "leaving", "2024-12-05", "2024-12-10"),
    claim("b", "retained", "2024-12-19", null),
    claim("c", "leaving", null, null),
    claim("d", "retained", "2024-11-01", "2024-11-30"),
  ];
  assert.deepEqual(timeline.sliceCounts(claims, SLICES, WINDOW), [2, 2, 2]);
  const inSlice = SLICES.map((_, i) => claims.filter((c) => derive.inSlice(c, SLICES, WINDOW, i)).length);
  assert.deepEqual(timeline.sliceCounts(claims, SLICES, WINDOW), inSlice);
});

test("a brushed range selects the slices it touches, dragged either way", () => {
  assert.deepEqual(timeline.brushSlices(SLICES, "2024-12-08", "2024-12-16"), [0, 2]);
  assert.deepEqual(timeline.brushSlices(SLICES, "2024-12-16", "2024-12-10"), [1, 2]);
  assert.deepEqual(timeline.brushSlices(SLICES, "2024-12-12", "2024-12-12"), [1, 1]);
  assert.equal(timeline.brushSlices(SLICES, "2025-01-01", "2025-01-02"), null);
});

test("play steps through the range and stops at its end; from outside it starts at its first slice", () => {
  assert.equal(timeline.step(-1, [0, 2], 1), 0);
  assert.equal(timeline.step(0, [0, 2], 1), 1);
  assert.equal(timeline.step(2, [0, 2], 1), null);
  assert.equal(timeline.step(0, [0, 2], -1), null);
  assert.equal(timeline.step(0, [1, 2], 1), 1);
  assert.equal(timeline.step(2, [0, 1], -1), 1);
});

test("as reported by a day, a claim shows only once its source is published", () => {
  const columns = { id: ["x", "y"], source: ["s1", "s2"] };
  const sources = [{ id: "s1", published: "2024-12-15" }, { id: "s2", published: "2024-12-16" }];
  const claims = derive.claimsFromColumns(columns, sources);
  assert.deepEqual(claims.map((c) => c.published), ["2024-12-15", "2024-12-16"]);
  assert.deepEqual(claims.map((c) => derive.reportedBy(c, "2024-12-15")), [true, false]);
  assert.deepEqual(claims.map((c) => derive.reportedBy(c, "2024-12-14")), [false, false]);
  assert.deepEqual(claims.map((c) => derive.reportedBy(c, null)), [true, true]);
  const filters = { sources: { s1: true, s2: true }, layers: { l: true }, modalities: { m: true }, confirmedOnly: false };
  const full = claims.map((c) => Object.assign(c, { layer: "l", modality: "m" }));
  assert.deepEqual(full.filter((c) => derive.passes(c, Object.assign({ reportedBy: "2024-12-15" }, filters))).map((c) => c.id), ["x"]);
  assert.deepEqual(full.filter((c) => derive.passes(c, filters)).map((c) => c.id), ["x", "y"]);
  assert.equal(derive.sourcesReported(sources, "2024-12-15"), 1);
  assert.equal(derive.sourcesReported(sources, null), 2);
});

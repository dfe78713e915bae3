"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { hits } = require("./load.js");

test("a disc is hit inside its radius plus the tolerance", () => {
  const disc = { type: "disc", x: 100, y: 100, r: 10 };
  assert.ok(hits.contains(disc, 100, 100));
  assert.ok(hits.contains(disc, 112, 100));
  assert.ok(!hits.contains(disc, 115, 100));
});

test("a ring is hit on its stroke only, so what is inside stays clickable", () => {
  const ring = { type: "ring", x: 0, y: 0, r: 30, width: 3 };
  assert.ok(hits.contains(ring, 30, 0));
  assert.ok(hits.contains(ring, 0, -33));
  assert.ok(!hits.contains(ring, 0, 0));
  assert.ok(!hits.contains(ring, 20, 0));
});

test("a line is hit near any segment of any part", () => {
  const line = { type: "line", width: 4, parts: [[[0, 0], [100, 0]], [[200, 50], [200, 150]]] };
  assert.ok(hits.contains(line, 50, 4));
  assert.ok(!hits.contains(line, 50, 8));
  assert.ok(hits.contains(line, 203, 100));
  assert.ok(!hits.contains(line, 150, 0));
});

test("under lists every symbol at a point, topmost first", () => {
  const symbols = [
    { key: "ring", z: 1, shape: { type: "ring", x: 0, y: 0, r: 10, width: 3 } },
    { key: "place", z: 5, shape: { type: "disc", x: 10, y: 0, r: 12 } },
    { key: "claims", z: 4, shape: { type: "disc", x: 10, y: 0, r: 6 } },
    { key: "far", z: 9, shape: { type: "disc", x: 500, y: 0, r: 6 } },
  ];
  assert.deepEqual(hits.under(symbols, 10, 0).map((s) => s.key), ["place", "claims", "ring"]);
  assert.deepEqual(hits.under(symbols, 300, 0), []);
});

test("labels are placed greedily: none overlaps a kept label or another place's symbol", () => {
  const box = (x, y) => ({ x: x, y: y, width: 50, height: 18 });
  const labels = [
    { id: "first", owner: "a", box: box(0, 0) },
    { id: "overlaps-first", owner: "b", box: box(30, 5) },
    { id: "clear", owner: "c", box: box(0, 40) },
    { id: "covers-a-symbol", owner: "d", box: box(100, 0) },
  ];
  const obstacles = [{ owner: "a", box: { x: 0, y: 0, width: 26, height: 26 } },
    { owner: "e", box: { x: 110, y: 0, width: 26, height: 26 } }];
  assert.deepEqual(hits.placeLabels(labels, obstacles), ["first", "clear"]);
});

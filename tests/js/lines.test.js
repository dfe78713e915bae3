"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { lines } = require("./load.js");

test("the style is set again only where the look changes along the lines, in their order", () => {
  const items = [
    { color: "#f00", weight: 3, dashed: false },
    { color: "#f00", weight: 3, dashed: false },
    { color: "#00f", weight: 3, dashed: false },
    { color: "#00f", weight: 3, dashed: true },
    { color: "#00f", weight: 3, dashed: true },
    { color: "#00f", weight: 4, dashed: true },
    { color: "#f00", weight: 3, dashed: false }
  ];
  assert.deepEqual(lines.lookChanges(items), [0, 2, 3, 5, 6]);
  assert.deepEqual(lines.lookChanges([]), []);
});

test("arrowheads batch by colour alone", () => {
  const items = [{ color: "#f00", weight: 3, dashed: true }, { color: "#00f", weight: 8 }, { color: "#f00", weight: 5 }];
  assert.deepEqual(lines.arrowBatches(items).map((b) => [b.color, b.items]), [["#f00", [0, 2]], ["#00f", [1]]]);
});

test("parts are projected to flat coordinates with their bounding box", () => {
  const project = (ll) => ({ x: ll[1] * 10, y: -ll[0] * 10 });
  const out = lines.projectParts([[[1, 2], [3, 4]], [[-1, 5]]], project);
  assert.deepEqual(out.parts.map((flat) => Array.from(flat)), [[20, -10, 40, -30], [50, 10]]);
  assert.deepEqual(out.box, [20, -30, 50, 10]);
});

test("a box is drawn when it overlaps the view, edges included", () => {
  const view = [0, 0, 100, 100];
  assert.ok(lines.overlaps([10, 10, 20, 20], view));
  assert.ok(lines.overlaps([-50, -50, 0, 0], view));
  assert.ok(lines.overlaps([-50, 40, 150, 60], view));
  assert.ok(!lines.overlaps([101, 0, 120, 50], view));
  assert.ok(!lines.overlaps([0, -30, 50, -1], view));
});

"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { days } = require("./load.js");

test("ISO dates and day numbers round-trip, across months and leap days", () => {
  for (const iso of ["2024-02-28", "2024-02-29", "2024-03-01", "2024-12-31", "2025-01-01"]) {
    assert.equal(days.toIso(days.toNumber(iso)), iso);
  }
  assert.equal(days.nextDay("2024-02-28"), "2024-02-29");
  assert.equal(days.nextDay("2024-12-31"), "2025-01-01");
  assert.equal(days.toNumber("2024-12-16") - days.toNumber("2024-12-15"), 1);
});

test("open ends are infinite spans and clip to the window", () => {
  assert.deepEqual(days.span({ start: null, end: "2024-12-15" }), [-Infinity, days.toNumber("2024-12-15")]);
  assert.deepEqual(days.span({ start: "2024-12-15", end: null }), [days.toNumber("2024-12-15"), Infinity]);
  assert.deepEqual(days.clipped({ start: null, end: null }, ["2024-12-01", "2025-01-31"]), ["2024-12-01", "2025-01-31"]);
});

test("sliceRange finds the slices an interval overlaps, inclusive at both ends", () => {
  const slices = [
    { start: "2024-12-02", end: "2024-12-08" },
    { start: "2024-12-09", end: "2024-12-15" },
    { start: "2024-12-16", end: "2024-12-22" },
  ];
  assert.deepEqual(days.sliceRange(slices, "2024-12-08", "2024-12-08"), [0, 0]);
  assert.deepEqual(days.sliceRange(slices, "2024-12-08", "2024-12-09"), [0, 1]);
  assert.deepEqual(days.sliceRange(slices, "2024-12-15", "2024-12-30"), [1, 2]);
  assert.deepEqual(days.sliceRange(slices, "2024-11-01", "2025-01-01"), [0, 2]);
  assert.equal(days.sliceRange(slices, "2024-11-01", "2024-12-01"), null);
  assert.equal(days.sliceRange(slices, "2024-12-23", "2024-12-30"), null);
});

"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
require(path.join(__dirname, "..", "..", "geo", "_review", "text.js"));
const text = globalThis.geoReview.text;

test("the text is cut at every span boundary and each piece lists the spans covering it", () => {
  // "Russian troops left Hmeimim." : evidence 0..28, mention 20..27
  const pieces = text.segments(28, [{ start: 0, end: 28 }, { start: 20, end: 27 }]);
  assert.deepEqual(pieces, [
    { start: 0, end: 20, spans: [0] },
    { start: 20, end: 27, spans: [0, 1] },
    { start: 27, end: 28, spans: [0] },
  ]);
});

test("text outside every span is one uncovered piece; spans are clipped to the text", () => {
  assert.deepEqual(text.segments(10, []), [{ start: 0, end: 10, spans: [] }]);
  assert.deepEqual(text.segments(5, [{ start: 3, end: 99 }]), [
    { start: 0, end: 3, spans: [] },
    { start: 3, end: 5, spans: [] },
  ].map((piece, i) => (i === 1 ? { ...piece, spans: [0] } : piece)));
});

test("a selection made backwards gives the same range; an empty one none", () => {
  assert.deepEqual(text.selectionRange(12, 4), { start: 4, end: 12 });
  assert.equal(text.selectionRange(7, 7), null);
});

test("list cells: a place is added once", () => {
  assert.equal(text.withItem("a; b", "c"), "a; b; c");
  assert.equal(text.withItem("a; b", "a"), "a; b");
  assert.equal(text.withItem("", "a"), "a");
  assert.deepEqual(text.splitList(" a ;; b "), ["a", "b"]);
});

test("only http and https addresses are links", () => {
  assert.ok(text.isWebUrl("https://example.org/x"));
  assert.ok(!text.isWebUrl("javascript:alert(1)"));
  assert.ok(!text.isWebUrl("https://a b"));
});

test("a passage's places are its curated mentions, once each, in order", () => {
  const mentions = [
    { start: 0, end: 7, place_id: "hmeimim", gazetteer: "curated" },
    { start: 20, end: 26, place_id: "tartus", gazetteer: "curated" },
    { start: 30, end: 35, place_id: "ne:Libya", gazetteer: "fallback" },
    { start: 40, end: 46, place_id: "tartus", gazetteer: "curated" },
    { start: 50, end: 57, place_id: "latakia", gazetteer: "curated" },
  ];
  assert.equal(text.placesWithin(mentions, 0, 47), "hmeimim; tartus");
  assert.equal(text.placesWithin(mentions, 21, 60), "tartus; latakia"); // a name cut by the selection is out
  assert.equal(text.placesWithin(mentions, 27, 36), "");
});

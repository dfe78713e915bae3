"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { derive, days } = require("./load.js");

// Evidence bits as geo.slices.EVIDENCE orders them, and the rules as geo.slices.rule_masks gives them.
const FULL = 1, RETAINED = 2, VACATING = 4, WITHDRAWING = 8, LEAVING = 16, WITHDRAWAL = 32, REPORTED = 64;
const RULES = [
  { state: "contested", all: FULL | RETAINED, any: 0 },
  { state: "vacated_reported", all: VACATING, any: 0 },
  { state: "drawing_down", all: 0, any: WITHDRAWING | LEAVING },
  { state: "withdrawal_planned", all: WITHDRAWAL, any: 0 },
  { state: "retained_reported", all: RETAINED, any: 0 },
  { state: "present", all: REPORTED, any: 0 },
];
const SIDES = [{ stance: "leaving", mask: FULL }, { stance: "staying", mask: RETAINED }];
const SLICES = [
  { label: "W1", start: "2024-12-02", end: "2024-12-08" },
  { label: "W2", start: "2024-12-09", end: "2024-12-15" },
  { label: "W3", start: "2024-12-16", end: "2024-12-22" },
  { label: "W4", start: "2024-12-23", end: "2024-12-29" },
];
const WINDOW = ["2024-12-02", "2024-12-29"];

function claim(id, mask, start, end, extra) {
  return Object.assign({ id: id, source: "s1", layer: "leaving", modality: "occurred", unconfirmed: false,
    start: start, end: end, places: [["base", "location", mask | REPORTED]], chain: [0] }, extra || {});
}

test("the first rule that holds wins, in the order of precedence", () => {
  assert.equal(derive.stateOf(FULL | RETAINED | VACATING | REPORTED, RULES), "contested");
  assert.equal(derive.stateOf(FULL | VACATING | WITHDRAWAL | WITHDRAWING | REPORTED, RULES), "vacated_reported");
  assert.equal(derive.stateOf(RETAINED | LEAVING | REPORTED, RULES), "drawing_down");
  assert.equal(derive.stateOf(FULL | WITHDRAWAL | REPORTED, RULES), "withdrawal_planned");
  assert.equal(derive.stateOf(REPORTED, RULES), "present");
  assert.equal(derive.stateOf(0, RULES), null);
});

test("a contest needs both kinds in the slice, from any claims", () => {
  const claims = [claim("a", FULL | WITHDRAWAL, "2024-12-09", "2024-12-09"), claim("b", RETAINED, "2024-12-14", null)];
  const derived = derive.evidence(claims, SLICES, WINDOW);
  assert.equal(derive.placeState(derived, RULES, "base", 0, false), null);
  assert.equal(derive.placeState(derived, RULES, "base", 1, false).state, "contested");
  assert.equal(derive.placeState(derived, RULES, "base", 2, false).state, "retained_reported");
  assert.equal(derive.placeState(derived, RULES, "base", -1, false).state, "contested");
});

test("the last known state carries forward, marked, until a newer report", () => {
  const claims = [
    claim("gone", FULL | VACATING | WITHDRAWAL | WITHDRAWING, "2024-12-03", "2024-12-04"),
    claim("seen", 0, "2024-12-24", "2024-12-24"),
  ];
  const derived = derive.evidence(claims, SLICES, WINDOW);
  assert.deepEqual(derive.placeState(derived, RULES, "base", 0, true), { state: "vacated_reported", reported: 0, carried: false });
  assert.deepEqual(derive.placeState(derived, RULES, "base", 2, true), { state: "vacated_reported", reported: 0, carried: true });
  assert.equal(derive.placeState(derived, RULES, "base", 2, false), null);
  assert.deepEqual(derive.placeState(derived, RULES, "base", 3, true), { state: "present", reported: 3, carried: false });
  assert.equal(derive.placeState(derived, RULES, "elsewhere", 3, true), null);
});

test("filters keep sources, layers, modalities, and confirmed claims only when asked", () => {
  const filters = { sources: { s1: true }, layers: { leaving: true }, modalities: { occurred: true }, confirmedOnly: false };
  const base = claim("a", FULL, "2024-12-09", "2024-12-09");
  assert.equal(derive.passes(base, filters), true);
  assert.equal(derive.passes(Object.assign({}, base, { source: "s2" }), filters), false);
  assert.equal(derive.passes(Object.assign({}, base, { layer: "seen" }), filters), false);
  assert.equal(derive.passes(Object.assign({}, base, { modality: "planned" }), filters), false);
  const unconfirmed = Object.assign({}, base, { unconfirmed: true });
  assert.equal(derive.passes(unconfirmed, filters), true);
  assert.equal(derive.passes(unconfirmed, Object.assign({}, filters, { confirmedOnly: true })), false);
});

test("independent chains: claims sharing a key are one chain, transitively", () => {
  assert.equal(derive.independent([]), 0);
  assert.equal(derive.independent([{ chain: [1] }, { chain: [2] }]), 2);
  assert.equal(derive.independent([{ chain: [1, 9] }, { chain: [2, 9] }, { chain: [3] }]), 2);
  // a links b through 9, b links c through 7: one chain
  assert.equal(derive.independent([{ chain: [1, 9] }, { chain: [2, 9, 7] }, { chain: [3, 7] }]), 1);
});

test("union merges touching runs; a one-day gap splits them", () => {
  const n = days.toNumber;
  assert.deepEqual(derive.union([[n("2024-12-01"), n("2024-12-05")], [n("2024-12-06"), n("2024-12-08")]]),
    [[n("2024-12-01"), n("2024-12-08")]]);
  assert.deepEqual(derive.union([[n("2024-12-01"), n("2024-12-05")], [n("2024-12-07"), n("2024-12-08")]]).length, 2);
  assert.deepEqual(derive.union([[-Infinity, 5], [3, Infinity]]), [[-Infinity, Infinity]]);
});

test("one dispute per place and window, each claim listed once per side", () => {
  const claims = [
    claim("w1", FULL, "2024-12-10", "2024-12-20"),
    claim("w2", FULL, "2024-12-12", "2024-12-13", { source: "s2", chain: [1] }),
    claim("r1", RETAINED, "2024-12-11", "2024-12-25", { source: "s3", chain: [2] }),
    claim("r2", RETAINED, null, "2024-12-12", { source: "s3", chain: [2] }),
    claim("late", FULL, "2025-02-01", "2025-02-02"),
  ];
  const found = derive.disputes(claims, SIDES, null);
  assert.deepEqual(found, [{
    place_id: "base", start: "2024-12-10", end: "2024-12-20",
    sides: [
      { stance: "leaving", claim_ids: ["w1", "w2"], source_ids: ["s1", "s2"], independent: 2 },
      { stance: "staying", claim_ids: ["r1", "r2"], source_ids: ["s3"], independent: 1 },
    ],
  }]);
  // clipped to a slice, the window shrinks to it and a claim outside the slice drops out
  const clipped = derive.disputes(claims, SIDES, ["2024-12-16", "2024-12-22"]);
  assert.equal(clipped.length, 1);
  assert.equal(clipped[0].start, "2024-12-16");
  assert.deepEqual(clipped[0].sides[1].claim_ids, ["r1"]);
  // a gap between the staying claims splits the disagreement into two windows
  const split = derive.disputes([
    claim("w", FULL, "2024-12-01", "2024-12-31"),
    claim("r1", RETAINED, "2024-12-03", "2024-12-04"),
    claim("r2", RETAINED, "2024-12-20", "2024-12-21"),
  ], SIDES, null);
  assert.deepEqual(split.map((d) => [d.start, d.end]), [["2024-12-03", "2024-12-04"], ["2024-12-20", "2024-12-21"]]);
  assert.deepEqual(split.map((d) => d.sides[0].claim_ids), [["w"], ["w"]]);
  assert.deepEqual(derive.disputes([claim("r", RETAINED, null, null)], SIDES, null), []);
});

test("disputes take time linear in the claims, not in the pairs", () => {
  const many = [];
  for (let i = 0; i < 20000; i += 1) {
    many.push(claim("w" + i, FULL, "2024-12-01", "2024-12-31", { chain: [i] }));
    many.push(claim("r" + i, RETAINED, "2024-12-05", "2024-12-25", { chain: [100000 + i] }));
  }
  const began = Date.now();
  const found = derive.disputes(many, SIDES, null);  // 400 million pairs
  assert.equal(found.length, 1);
  assert.equal(found[0].sides[0].claim_ids.length, 20000);
  assert.ok(Date.now() - began < 5000);
});

test("inSliceAll keeps, in order, exactly the claims inSlice keeps, for every slice and all time", () => {
  // Every pair of days from a week before the window to a week after, and open ends.
  const ends = [null];
  for (let d = -7; d <= 35; d += 3) { ends.push(days.toIso(days.toNumber("2024-12-02") + d)); }
  const claims = [];
  ends.forEach((start) => ends.forEach((end) => {
    if (start && end && end < start) { return; }
    claims.push(Object.assign(claim("c" + claims.length, FULL, start, end), { index: claims.length }));
  }));
  // A filtered subset, as the page passes: indices into the full set, not positions.
  const subset = claims.filter((c, i) => i % 3 !== 1);
  const clipped = derive.clippedDays(claims, WINDOW);
  for (let i = -1; i < SLICES.length; i += 1) {
    const expected = subset.filter((c) => derive.inSlice(c, SLICES, WINDOW, i)).map((c) => c.id);
    assert.deepEqual(derive.inSliceAll(subset, clipped, SLICES, WINDOW, i).map((c) => c.id), expected);
    assert.ok(expected.length > 0 && expected.length < subset.length);
  }
});

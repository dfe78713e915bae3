"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { pack, derive } = require("./load.js");

// A packed main block and details block as geo/_pack.py writes them: two claims, one movement.
const DATA = {
  places: [{ id: "p0" }, { id: "p1" }],
  strings: ["s0", "withdraw", "leaving", "reported", "2024-12-01", null, "origin", "destination", "location"],
  claims: {
    id: ["c1", "c2"], source: [0, 0], action: [1, 1], layer: [2, 2], modality: [3, 3],
    start: [4, 5], end: [5, 4], unconfirmed: [0, 1], places: [0, 1], chain: [0, 0]
  },
  role_lists: [[[0, 6, 5], [1, 7, 2]], [[1, 8, 1]]],
  chains: [[3]],
  movements: { claim: [0], route: [0], dashed: [1] },
  routes: [{ kind: "line", origin: "p0", destination: "p1", coords: [[[1, 2], [3, 4]]], arrow: [[3, 4]], length_km: 9.5 }]
};
const DETAILS = {
  strings: ["Russia", "", "a quote <b>", "another"],
  assets: [["troops"], []],
  columns: { actor: [0, 0], quantity: [1, 1], attribution: [1, 1], time_text: [1, 1], precision: [1, 1], note: [1, 1],
    quote: [2, 3], asset: [0, 1] }
};

test("claim columns come back as values: strings, nulls, flags, places with their roles, chains", () => {
  const columns = pack.claimColumns(DATA);
  assert.deepEqual(columns.start, ["2024-12-01", null]);
  assert.deepEqual(columns.end, [null, "2024-12-01"]);
  assert.deepEqual(columns.unconfirmed, [false, true]);
  assert.deepEqual(columns.places, [[["p0", "origin", 5], ["p1", "destination", 2]], [["p1", "location", 1]]]);
  assert.deepEqual(columns.chain, [[3], [3]]);
  const claims = derive.claimsFromColumns(columns, [{ id: "s0", published: "2024-12-02" }]);
  assert.deepEqual(claims.map(function (c) { return [c.id, c.index, c.source, c.published]; }),
    [["c1", 0, "s0", "2024-12-02"], ["c2", 1, "s0", "2024-12-02"]]);
});

test("movements share their route's line and carry their own claim and dash", () => {
  const moves = pack.movements(DATA);
  assert.deepEqual(moves, [{ claim: "c1", kind: "line", origin: "p0", destination: "p1",
    coords: [[[1, 2], [3, 4]]], arrow: [[3, 4]], dashed: true, length_km: 9.5 }]);
  assert.equal(moves[0].coords, DATA.routes[0].coords);
});

test("a claim's details are read from the details block by its index, text as given", () => {
  assert.deepEqual(pack.details(DETAILS, 0), { actor: "Russia", quantity: "", attribution: "", time_text: "",
    precision: "", note: "", quote: "a quote <b>", asset: ["troops"] });
  assert.deepEqual(pack.details(DETAILS, 1).asset, []);
  assert.equal(pack.details(DETAILS, 1).quote, "another");
});

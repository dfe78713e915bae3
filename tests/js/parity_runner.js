// Runs the page's derived-state code (geo/_page/days.js, derive.js) on cases
// written by tests/test_parity.py, packed as the page gets them (pack.js
// unpacks them), and prints what it unpacks and derives, as JSON.
// Usage: node tests/js/parity_runner.js CASES.json
"use strict";
const fs = require("fs");
const path = require("path");
const page = path.join(__dirname, "..", "..", "geo", "_page");
require(path.join(page, "days.js"));
require(path.join(page, "derive.js"));
require(path.join(page, "pack.js"));
const { derive, pack } = globalThis.geoPage;

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const out = cases.map(function (one) {
  const data = one.payload;
  const columns = pack.claimColumns(data);
  const every = derive.claimsFromColumns(columns, data.sources);
  const details = {};
  every.forEach(function (claim) {
    const detail = pack.details(one.details, claim.index);
    Object.keys(detail).forEach(function (name) { (details[name] = details[name] || []).push(detail[name]); });
  });
  const claims = every.filter(function (claim) {
    return derive.passes(claim, one.filters);
  });
  const derived = derive.evidence(claims, data.slices, data.window);
  const places = data.places.map(function (p) { return p.id; });
  const states = {}, carried = {};
  data.slices.forEach(function (slice, index) {
    places.forEach(function (place) {
      const now = derive.placeState(derived, data.rules, place, index, false);
      if (now) { states[slice.label + "|" + place] = now.state; }
      const known = derive.placeState(derived, data.rules, place, index, true);
      if (known) { carried[slice.label + "|" + place] = [known.state, data.slices[known.reported].label]; }
    });
  });
  const allTime = {};
  places.forEach(function (place) {
    const info = derive.placeState(derived, data.rules, place, -1, false);
    if (info) { allTime[place] = info.state; }
  });
  return {
    columns: columns,
    movements: pack.movements(data),
    details: details,
    claims: claims.map(function (claim) { return claim.id; }),
    states: states,
    carried: carried,
    all_time: allTime,
    disputes: derive.disputes(claims, data.dispute_sides, null)
  };
});
process.stdout.write(JSON.stringify(out));

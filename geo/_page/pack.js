// The packed payload (geo/_pack.py) back into the shapes the page works with:
// claim columns of values, movement records that share their route's line,
// and one claim's popup details from the details block, which the page parses
// only when a popup first needs it. Pure: no DOM, no Leaflet.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.pack = (function () {
  "use strict";
  // The same lists as geo._pack.MAIN_INTERNED and DETAIL_COLUMNS.
  var INTERNED = ["source", "action", "layer", "modality", "start", "end"];
  var DETAILS = ["actor", "quantity", "attribution", "time_text", "precision", "note", "quote"];

  function decode(codes, table) {
    var out = new Array(codes.length);
    for (var i = 0; i < codes.length; i += 1) { out[i] = table[codes[i]]; }
    return out;
  }

  // The main block's claims as columns of values (what derive.claimsFromColumns takes).
  function claimColumns(data) {
    var packed = data.claims, strings = data.strings, columns = { id: packed.id };
    INTERNED.forEach(function (name) { columns[name] = decode(packed[name], strings); });
    columns.unconfirmed = packed.unconfirmed.map(function (flag) { return flag === 1; });
    // Claims with the same places or chain share one array (nothing changes them).
    var roleLists = data.role_lists.map(function (roles) {
      return roles.map(function (role) { return [data.places[role[0]].id, strings[role[1]], role[2]]; });
    });
    columns.places = decode(packed.places, roleLists);
    columns.chain = decode(packed.chain, data.chains);
    return columns;
  }

  // One record per movement; the movements of one route share its coordinates.
  function movements(data) {
    var moves = data.movements, ids = data.claims.id;
    return moves.claim.map(function (claimIndex, i) {
      var route = data.routes[moves.route[i]];
      return { claim: ids[claimIndex], kind: route.kind, origin: route.origin, destination: route.destination,
        coords: route.coords, arrow: route.arrow, dashed: moves.dashed[i] === 1, length_km: route.length_km };
    });
  }

  // The popup details of the claim at `index` (its position in the claim columns).
  function details(block, index) {
    var out = {}, columns = block.columns, strings = block.strings;
    DETAILS.forEach(function (name) { out[name] = strings[columns[name][index]]; });
    out.asset = block.assets[columns.asset[index]];
    return out;
  }

  return { claimColumns: claimColumns, movements: movements, details: details };
})();

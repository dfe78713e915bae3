// The derived view: what the visible claims say about each place, recomputed
// whenever the slice or a filter changes. The rules themselves are data from
// Python (geo.slices.STATE_RULES as bit masks of geo.slices.EVIDENCE, and the
// two sides of a dispute); this file only evaluates them, and
// tests/test_parity.py proves it agrees with geo.place_status and geo.disputes.
// Pure: no DOM, no Leaflet.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.derive = (function () {
  "use strict";
  var days = geoPage.days;

  // Claims arrive as columns (a smaller page that parses faster); make one object per claim,
  // with its position in the columns (`index`) and its source's publication date (`published`)
  // when the sources are given.
  function claimsFromColumns(columns, sources) {
    var names = Object.keys(columns), published = {};
    (sources || []).forEach(function (source) { published[source.id] = source.published; });
    return columns.id.map(function (_, i) {
      var claim = {};
      names.forEach(function (name) { claim[name] = columns[name][i]; });
      claim.index = i;
      claim.published = published[claim.source] || null;
      return claim;
    });
  }

  // ---- filters ----------------------------------------------------------------
  // As reported by `day` (ISO; null: latest): the claim's source was published on or
  // before it. The same rule as geo.reporting.reported_mask.
  function reportedBy(claim, day) {
    return !day || (claim.published !== null && claim.published <= day);
  }

  // filters: {sources: {id: bool}, layers: {id: bool}, modalities: {m: bool}, confirmedOnly: bool,
  //           reportedBy: ISO date or null (latest)}
  function passes(claim, filters) {
    return !!filters.sources[claim.source] && !!filters.layers[claim.layer] &&
      !!filters.modalities[claim.modality] && !(filters.confirmedOnly && claim.unconfirmed) &&
      reportedBy(claim, filters.reportedBy || null);
  }

  // The header's count: how many of the sources had been published by `day` (null: latest).
  function sourcesReported(sources, day) {
    return sources.filter(function (source) { return !day || source.published <= day; }).length;
  }

  // Whether a claim shows in slice `index` (-1: all time): its interval, open
  // ends clipped to the window, overlaps the window and the slice.
  function inSlice(claim, slices, window, index) {
    // days.clipped, without an array per claim: a step of time asks this of every claim.
    var start = claim.start || window[0], end = claim.end || window[1];
    if (end < window[0] || start > window[1]) { return false; }
    if (index < 0) { return true; }
    var slice = slices[index];
    return start <= slice.end && end >= slice.start;
  }

  // Each claim's interval as inSlice sees it (open ends clipped to the window), as day
  // numbers by claim index: worked out once, since a step of time asks it of every claim.
  function clippedDays(claims, window) {
    var size = 0;
    claims.forEach(function (claim) { size = Math.max(size, claim.index + 1); });
    var from = new Float64Array(size), to = new Float64Array(size);
    claims.forEach(function (claim) {
      from[claim.index] = days.toNumber(claim.start || window[0]);
      to[claim.index] = days.toNumber(claim.end || window[1]);
    });
    return { from: from, to: to };
  }

  // The claims that show in slice `index` (-1: all time), in their order: inSlice of each,
  // on the day numbers of clippedDays.
  function inSliceAll(claims, clipped, slices, window, index) {
    var first = days.toNumber(window[0]), last = days.toNumber(window[1]);
    var start = index < 0 ? first : days.toNumber(slices[index].start);
    var end = index < 0 ? last : days.toNumber(slices[index].end);
    var from = clipped.from, to = clipped.to, out = [];
    for (var i = 0; i < claims.length; i += 1) {
      var k = claims[i].index, a = from[k], b = to[k];
      if (b < first || a > last) { continue; }
      if (a <= end && b >= start) { out.push(claims[i]); }
    }
    return out;
  }

  // ---- states -----------------------------------------------------------------
  // For each place, the union (bitwise or) of the evidence masks of the claims
  // in each slice, and over the whole window.
  function evidence(claims, slices, window) {
    var bySlice = {}, allTime = {};
    claims.forEach(function (claim) {
      var span = days.clipped(claim, window);
      if (span[1] < window[0] || span[0] > window[1]) { return; }
      var range = days.sliceRange(slices, span[0], span[1]);
      claim.places.forEach(function (role) {
        var place = role[0], mask = role[2];
        allTime[place] = (allTime[place] || 0) | mask;
        if (!range) { return; }
        var series = bySlice[place] || (bySlice[place] = new Int32Array(slices.length));
        for (var i = range[0]; i <= range[1]; i += 1) { series[i] |= mask; }
      });
    });
    return { bySlice: bySlice, allTime: allTime };
  }

  // The first rule that holds for a mask (the order is the precedence), or null.
  function stateOf(mask, rules) {
    if (!mask) { return null; }
    for (var i = 0; i < rules.length; i += 1) {
      var rule = rules[i];
      if ((mask & rule.all) === rule.all && (!rule.any || (mask & rule.any))) { return rule.state; }
    }
    return null;
  }

  // A place's state in slice `index` (-1: all time). With `carry`, a slice with
  // no report keeps the state of the place's latest earlier report, marked
  // carried, until a newer claim changes it. Returns {state, reported, carried} or null.
  function placeState(derived, rules, placeId, index, carry) {
    if (index < 0) {
      var all = stateOf(derived.allTime[placeId] || 0, rules);
      return all ? { state: all, reported: -1, carried: false } : null;
    }
    var series = derived.bySlice[placeId];
    if (!series) { return null; }
    for (var i = index; i >= 0; i -= 1) {
      if (series[i]) { return { state: stateOf(series[i], rules), reported: i, carried: i !== index }; }
      if (!carry) { return null; }
    }
    return null;
  }

  // ---- independence -------------------------------------------------------------
  // The number of independent reporting chains among claims: two claims are one
  // chain when they share a key (same article, publisher or originator; the keys
  // come from geo.evidence.chain_links). Union-find over the keys.
  function independent(claims) {
    var parent = {};
    function find(key) {
      var root = key;
      while (parent[root] !== undefined && parent[root] !== root) { root = parent[root]; }
      while (parent[key] !== undefined && parent[key] !== root) {
        var next = parent[key];
        parent[key] = root;
        key = next;
      }
      return root;
    }
    claims.forEach(function (claim) {
      var first = claim.chain[0];
      if (parent[first] === undefined) { parent[first] = first; }
      for (var i = 1; i < claim.chain.length; i += 1) {
        var key = claim.chain[i];
        if (parent[key] === undefined) { parent[key] = key; }
        var a = find(key), b = find(first);
        if (a !== b) { parent[a] = b; }
      }
    });
    var roots = {};
    claims.forEach(function (claim) { roots[find(claim.chain[0])] = true; });
    return Object.keys(roots).length;
  }

  // ---- disputes -------------------------------------------------------------------
  // Sorted, merged runs of days covered by intervals ([from, to] day numbers,
  // inclusive; a run starting the day after another ends continues it).
  function union(spans) {
    var sorted = spans.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    sorted.forEach(function (span) {
      var last = out[out.length - 1];
      if (last && span[0] <= last[1] + 1) {
        if (span[1] > last[1]) { last[1] = span[1]; }
      } else {
        out.push([span[0], span[1]]);
      }
    });
    return out;
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var from = Math.max(a[i][0], b[j][0]), to = Math.min(a[i][1], b[j][1]);
      if (from <= to) { out.push([from, to]); }
      if (a[i][1] < b[j][1]) { i += 1; } else { j += 1; }
    }
    return union(out);
  }
  function firstEndingAtOrAfter(windows, day) {
    var low = 0, high = windows.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (windows[mid][1] < day) { low = mid + 1; } else { high = mid; }
    }
    return low;
  }

  // union of one side's columns of days (disputeWindows), without an array per claim.
  function runs(side) {
    var from = side.from, to = side.to, order = from.map(function (_, i) { return i; });
    order.sort(function (i, j) { return from[i] - from[j] || to[i] - to[j]; });
    var out = [];
    order.forEach(function (i) {
      var last = out[out.length - 1];
      if (last && from[i] <= last[1] + 1) {
        if (to[i] > last[1]) { last[1] = to[i]; }
      } else {
        out.push([from[i], to[i]]);
      }
    });
    return out;
  }

  // One dispute per (place, window): a window is a maximal run of days that
  // some claim of each side covers. sides: [{stance, mask}], the evidence bit
  // of each side. `clip` ([from, to] ISO, optional) cuts every interval to a slice.
  // Returns [{place_id, start, end, group, index}]: disputeSides lists each side's claims of one
  // (what a popup shows), which a step of time need not work out.
  function disputeWindows(claims, sides, clip) {
    var from = clip ? days.toNumber(clip[0]) : -Infinity, to = clip ? days.toNumber(clip[1]) : Infinity;
    var byPlace = {}, count = sides.length;
    // Each side's claims at a place as three columns (claim, from, to): a step of time passes
    // 10^5 claims here, and an object and an array for each cost more in garbage than the rest.
    function columns() {
      var out = [];
      for (var s = 0; s < count; s += 1) { out.push({ claims: [], from: [], to: [] }); }
      return out;
    }
    for (var c = 0; c < claims.length; c += 1) {
      var claim = claims[c], roles = claim.places;
      var first = claim.start ? Math.max(days.toNumber(claim.start), from) : from;
      var last = claim.end ? Math.min(days.toNumber(claim.end), to) : to;
      if (first > last) { continue; }
      // Most claims name one place: only claims naming several need to count each place once.
      var seen = roles.length > 1 ? {} : null;
      for (var r = 0; r < roles.length; r += 1) {
        var place = roles[r][0], mask = roles[r][2];
        for (var s = 0; s < count; s += 1) {
          if (!(mask & sides[s].mask)) { continue; }
          if (seen) {
            if (seen[place + "\u0000" + s]) { continue; }
            seen[place + "\u0000" + s] = true;
          }
          var side = (byPlace[place] || (byPlace[place] = columns()))[s];
          side.claims.push(claim);
          side.from.push(first);
          side.to.push(last);
        }
      }
    }
    var out = [];
    Object.keys(byPlace).sort().forEach(function (place) {
      var members = byPlace[place];
      if (members.some(function (list) { return !list.claims.length; })) { return; }
      var windows = runs(members[0]);
      for (var s = 1; s < members.length; s += 1) { windows = intersect(windows, runs(members[s])); }
      // The place's windows share one assignment of claims to windows, made when first asked.
      var group = { members: members, windows: windows, found: null };
      windows.forEach(function (window, w) {
        out.push({
          place_id: place,
          start: isFinite(window[0]) ? days.toIso(window[0]) : null,
          end: isFinite(window[1]) ? days.toIso(window[1]) : null,
          group: group,
          index: w
        });
      });
    });
    return out;
  }

  // Each side of one of disputeWindows' disputes: [{stance, claim_ids, source_ids, independent}],
  // from the claims of the side whose interval meets the window.
  function disputeSides(dispute, sides) {
    var group = dispute.group, windows = group.windows;
    if (!group.found) {
      group.found = windows.map(function () { return sides.map(function () { return []; }); });
      group.members.forEach(function (side, s) {
        side.claims.forEach(function (claim, i) {
          var first = side.from[i], last = side.to[i];
          for (var w = firstEndingAtOrAfter(windows, first); w < windows.length && windows[w][0] <= last; w += 1) {
            group.found[w][s].push(claim);
          }
        });
      });
    }
    return sides.map(function (side, s) {
      var list = group.found[dispute.index][s];
      var sources = {};
      list.forEach(function (claim) { sources[claim.source] = true; });
      return {
        stance: side.stance,
        claim_ids: list.map(function (claim) { return claim.id; }).sort(),
        source_ids: Object.keys(sources).sort(),
        independent: independent(list)
      };
    });
  }

  // Every dispute with its sides: [{place_id, start, end, sides: [{stance, claim_ids, source_ids,
  // independent}]}], as geo.disputes.
  function disputes(claims, sides, clip) {
    return disputeWindows(claims, sides, clip).map(function (found) {
      return { place_id: found.place_id, start: found.start, end: found.end, sides: disputeSides(found, sides) };
    });
  }

  return { claimsFromColumns: claimsFromColumns, reportedBy: reportedBy, passes: passes, sourcesReported: sourcesReported,
    inSlice: inSlice, clippedDays: clippedDays, inSliceAll: inSliceAll, evidence: evidence, stateOf: stateOf, placeState: placeState,
    independent: independent, union: union, intersect: intersect, disputeWindows: disputeWindows,
    disputeSides: disputeSides, disputes: disputes };
})();

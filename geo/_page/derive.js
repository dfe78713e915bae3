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

  // One dispute per (place, window): a window is a maximal run of days that
  // some claim of each side covers. sides: [{stance, mask}], the evidence bit
  // of each side. `clip` ([from, to] ISO, optional) cuts every interval to a slice.
  // Returns [{place_id, start, end, sides: [{stance, claim_ids, source_ids, independent}]}], as geo.disputes.
  function disputes(claims, sides, clip) {
    var from = clip ? days.toNumber(clip[0]) : -Infinity, to = clip ? days.toNumber(clip[1]) : Infinity;
    var byPlace = {};
    claims.forEach(function (claim) {
      var span = days.span(claim);
      span = [Math.max(span[0], from), Math.min(span[1], to)];
      if (span[0] > span[1]) { return; }
      // Most claims name one place: only claims naming several need to count each place once.
      var seen = claim.places.length > 1 ? {} : null;
      claim.places.forEach(function (role) {
        var place = role[0], mask = role[2];
        sides.forEach(function (side, s) {
          if (!(mask & side.mask)) { return; }
          if (seen) {
            if (seen[place + "\u0000" + s]) { return; }
            seen[place + "\u0000" + s] = true;
          }
          var entry = byPlace[place] || (byPlace[place] = sides.map(function () { return []; }));
          entry[s].push({ claim: claim, span: span });
        });
      });
    });
    var out = [];
    Object.keys(byPlace).sort().forEach(function (place) {
      var members = byPlace[place];
      if (members.some(function (list) { return !list.length; })) { return; }
      var windows = union(members[0].map(function (m) { return m.span; }));
      for (var s = 1; s < members.length; s += 1) {
        windows = intersect(windows, union(members[s].map(function (m) { return m.span; })));
      }
      var found = windows.map(function () { return sides.map(function () { return []; }); });
      members.forEach(function (list, s) {
        list.forEach(function (m) {
          for (var w = firstEndingAtOrAfter(windows, m.span[0]); w < windows.length && windows[w][0] <= m.span[1]; w += 1) {
            found[w][s].push(m.claim);
          }
        });
      });
      windows.forEach(function (window, w) {
        out.push({
          place_id: place,
          start: isFinite(window[0]) ? days.toIso(window[0]) : null,
          end: isFinite(window[1]) ? days.toIso(window[1]) : null,
          sides: sides.map(function (side, s) {
            var list = found[w][s];
            var sources = {};
            list.forEach(function (claim) { sources[claim.source] = true; });
            return {
              stance: side.stance,
              claim_ids: list.map(function (claim) { return claim.id; }).sort(),
              source_ids: Object.keys(sources).sort(),
              independent: independent(list)
            };
          })
        });
      });
    });
    return out;
  }

  return { claimsFromColumns: claimsFromColumns, reportedBy: reportedBy, passes: passes, sourcesReported: sourcesReported,
    inSlice: inSlice, evidence: evidence, stateOf: stateOf, placeState: placeState,
    independent: independent, union: union, intersect: intersect, disputes: disputes };
})();

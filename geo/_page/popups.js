// Popup contents: places, claims, movements, disputes, and the chooser that
// lists every symbol under a click. Built from the current view when opened.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.popups = function (ctx) {
  "use strict";
  var dom = geoPage.dom, derive = geoPage.derive, days = geoPage.days;
  var el = dom.el, row = dom.row;
  var MAX_CLAIMS = 25;

  function box(kind, id) {
    var node = el("div", null, "geo-popup");
    node.setAttribute("data-popup", kind + ":" + id);
    return node;
  }

  function sourceLine(parent, source) {
    var line = el("div", null, "geo-row geo-source-line");
    line.appendChild(el("span", "Source: ", "geo-label"));
    line.appendChild(el("span", source.title + (source.publisher ? " (" + source.publisher + ")" : "") +
      ", " + source.published));
    if (source.url) {
      line.appendChild(el("span", " \u00b7 "));
      line.appendChild(dom.safeLink(source.url, "read the article"));
    }
    if (source.archive_url) {
      line.appendChild(el("span", " \u00b7 "));
      line.appendChild(dom.safeLink(source.archive_url, "archived copy"));
    }
    parent.appendChild(line);
  }

  // Corroboration of a claim at a place: independent chains among the claims
  // in view there with the same action (geo.corroboration for this slice).
  function corroboration(claim, placeId) {
    var same = ctx.current().inView.filter(function (other) {
      return other.action === claim.action && other.places.some(function (role) { return role[0] === placeId; });
    });
    if (!same.length) { return null; }
    var sources = {};
    same.forEach(function (other) { sources[other.source] = true; });
    return { independent: derive.independent(same), sources: Object.keys(sources).sort() };
  }

  function claimEntry(claim, placeId) {
    var detail = ctx.details(claim);
    var item = el("div", null, "geo-claim");
    item.setAttribute("data-claim", claim.id);
    var head = el("div", null, "geo-claim-head");
    head.appendChild(el("strong", claim.id));
    head.appendChild(el("span", " " + claim.action + " \u00b7 " + claim.modality +
      (claim.unconfirmed ? " \u00b7 unconfirmed" : "")));
    item.appendChild(head);
    item.appendChild(el("blockquote", detail.quote, "geo-quote"));
    var source = ctx.sourceById[claim.source];
    sourceLine(item, source);
    row(item, "Attribution", detail.attribution || "none given");
    row(item, "What", [detail.asset.join(", "), detail.quantity].filter(Boolean).join(": "));
    row(item, "Places", claim.places.map(function (role) {
      return ctx.placeById[role[0]].name + " (" + role[1] + ")";
    }).join("; "));
    row(item, "Time as written", detail.time_text || "(no time phrase)");
    row(item, "Interval", days.spanText(claim.start, claim.end) + ", precision " + detail.precision);
    var found = corroboration(claim, placeId);
    if (found) {
      row(item, "Corroboration", found.independent + " independent source(s) for this place and action in view: " +
        found.sources.join(", "));
    }
    dom.details(item, function (more) {
      row(more, "Actor", detail.actor);
      row(more, "Published", source.published + " (" + source.basis + ")");
      row(more, "Date basis", source.basis_note);
      row(more, "Note", detail.note);
    });
    return item;
  }

  function stateText(info) {
    if (!info) { return "no reports in view"; }
    var text = ctx.data.state_names[info.state] ? info.state.replace(/_/g, " ") : info.state;
    if (info.carried) { text += " (last reported " + ctx.data.slices[info.reported].label + ")"; }
    return text;
  }

  function place(p) {
    var node = box("place", p.id);
    node.appendChild(el("h4", p.name));
    row(node, "Kind", p.kind.replace(/_/g, " "));
    row(node, "State now", stateText(ctx.placeInfo(p.id)));
    row(node, "Aliases", p.aliases.join(", "));
    row(node, "Arabic", p.arabic);
    row(node, "Province, country", [p.admin1, p.country].filter(Boolean).join(", "));
    row(node, "Point", p.lat + ", " + p.lon + (p.radius_km > 0 ? " (\u00b1 " + p.radius_km + " km)" : ""));
    row(node, "Precision", p.precision + ": " + ctx.data.precision_names[p.precision]);
    var source = el("div", null, "geo-row");
    source.appendChild(el("span", "Coordinate source: ", "geo-label"));
    source.appendChild(dom.safeLink(p.coord_source, p.coord_text));
    node.appendChild(source);
    dom.details(node, function (more) {
      row(more, "Note", p.note);
      more.appendChild(el("div", "State by slice (claims in view)", "geo-label"));
      var table = el("table", null, "geo-history");
      ctx.data.slices.forEach(function (slice, index) {
        var info = ctx.placeInfo(p.id, index, false);
        if (!info) { return; }
        var tr = el("tr");
        tr.appendChild(el("td", slice.label));
        var cell = el("td", info.state.replace(/_/g, " "));
        cell.style.color = ctx.data.state_colors[info.state];
        tr.appendChild(cell);
        table.appendChild(tr);
      });
      more.appendChild(table);
    });
    return node;
  }

  function claims(placeId, layer, list) {
    var node = box("claims", placeId + "/" + layer.id);
    node.appendChild(el("h4", ctx.placeById[placeId].name + ": " + layer.name));
    node.appendChild(el("div", list.length + " claim(s) in view", "geo-muted"));
    list.slice(0, MAX_CLAIMS).forEach(function (claim) { node.appendChild(claimEntry(claim, placeId)); });
    if (list.length > MAX_CLAIMS) {
      node.appendChild(el("div", "\u2026 and " + (list.length - MAX_CLAIMS) + " more", "geo-muted"));
    }
    return node;
  }

  function movementTitle(first) {
    if (first.kind === "line") {
      return ctx.placeById[first.origin].name + " \u2192 " + ctx.placeById[first.destination].name;
    }
    return first.kind === "departure" ? "Departures from " + ctx.placeById[first.origin].name
      : "Arrivals at " + ctx.placeById[first.destination].name;
  }

  function movements(key, moves) {
    var node = box("movements", key);
    var first = moves[0];
    node.appendChild(el("h4", movementTitle(first)));
    node.appendChild(el("div", moves.length + " movement(s) in view", "geo-muted"));
    if (first.length_km !== null) { row(node, "Length", first.length_km.toFixed(0) + " km (geodesic)"); }
    moves.slice(0, MAX_CLAIMS).forEach(function (move) {
      node.appendChild(claimEntry(ctx.claimById[move.claim], move.origin || move.destination));
    });
    if (moves.length > MAX_CLAIMS) {
      node.appendChild(el("div", "\u2026 and " + (moves.length - MAX_CLAIMS) + " more", "geo-muted"));
    }
    return node;
  }

  // One dispute: each side's sources once, each claim's quote once; the rest
  // behind a details toggle.
  function dispute(found, index) {
    var node = box("dispute", found.place_id + "/" + index);
    node.appendChild(el("h4", "Sources disagree about " + ctx.placeById[found.place_id].name));
    node.appendChild(el("div", "Overlap " + days.spanText(found.start, found.end), "geo-muted"));
    found.sides.forEach(function (side) {
      var part = el("div", null, "geo-side");
      part.setAttribute("data-stance", side.stance);
      part.appendChild(el("div", ctx.data.stance_names[side.stance] + ": " + side.claim_ids.length + " claim(s) from " +
        side.source_ids.length + " source(s), " + side.independent + " independent", "geo-side-head"));
      side.source_ids.forEach(function (sourceId) {
        var source = ctx.sourceById[sourceId];
        var line = el("div", null, "geo-row");
        line.appendChild(el("span", sourceId + ": ", "geo-label"));
        line.appendChild(el("span", source.title + ", " + source.published));
        if (source.url) {
          line.appendChild(el("span", " \u00b7 "));
          line.appendChild(dom.safeLink(source.url, "read"));
        }
        part.appendChild(line);
      });
      side.claim_ids.forEach(function (claimId) {
        var claim = ctx.claimById[claimId], detail = ctx.details(claim);
        var item = el("div", null, "geo-claim");
        item.setAttribute("data-claim", claimId);
        item.appendChild(el("strong", claimId + " "));
        item.appendChild(el("span", claim.action + " \u00b7 " + claim.modality, "geo-muted"));
        item.appendChild(el("blockquote", detail.quote, "geo-quote"));
        dom.details(item, function (more) {
          row(more, "Attribution", detail.attribution || "none given");
          row(more, "Interval", days.spanText(claim.start, claim.end) + ", precision " + detail.precision);
          row(more, "Time as written", detail.time_text);
          row(more, "Note", detail.note);
        });
        part.appendChild(item);
      });
      node.appendChild(part);
    });
    return node;
  }

  // Every symbol under a click, topmost first: choosing one opens its popup.
  function chooser(symbols, open) {
    var node = box("chooser", symbols.length);
    node.appendChild(el("h4", symbols.length + " symbols here"));
    symbols.forEach(function (symbol) {
      var button = el("button", symbol.label, "geo-choice");
      button.type = "button";
      button.setAttribute("data-symbol", symbol.key);
      button.addEventListener("click", function () { open(symbol); });
      node.appendChild(button);
    });
    return node;
  }

  return { place: place, claims: claims, movements: movements, dispute: dispute, chooser: chooser,
    claimEntry: claimEntry, stateText: stateText, movementTitle: movementTitle };
};

// The review page: the article with its mentions and evidence, candidate cards, the place picker
// and the new-place form. Every string from the article or the data reaches the DOM as text
// (textContent, properties, option values); links only for http(s) addresses.
(function () {
  "use strict";
  var textTools = globalThis.geoReview.text;
  var token = document.querySelector('meta[name="geo-token"]').content;
  var sourceId = document.querySelector('meta[name="geo-source"]').content;
  var app = document.getElementById("app");

  var CARD_FIELDS = ["actor", "action", "modality", "asset", "quantity", "origin", "destination", "places",
    "time_text", "start", "end", "time_precision", "attribution", "unconfirmed", "note"];
  var PLACE_FIELDS = ["origin", "destination", "places"];
  var CHOICES = { action: "action", modality: "modality", time_precision: "time_precision",
    unconfirmed: "unconfirmed" };

  var state = { payload: null, selection: null, target: null, map: null, results: null, clicked: null };
  var api = globalThis.geoReview.api = { ready: false };

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function button(label, action) {
    var node = el("button", label);
    node.type = "button";
    node.setAttribute("data-action", action);
    return node;
  }

  function request(path, body) {
    var options = { headers: {} };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.headers["X-Geo-Token"] = token;
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().then(function (value) {
        if (!response.ok) { throw new Error(value.error || response.statusText); }
        return value;
      });
    });
  }

  var statusLine = el("div", "", "status");
  statusLine.id = "status";
  statusLine.setAttribute("role", "status");
  function say(message, isError) {
    statusLine.textContent = message;
    statusLine.className = isError ? "status error" : "status";
  }
  function failed(error) { say(error.message, true); }

  // ---- the list of sources with candidates ------------------------------------------------
  function renderIndex() {
    app.replaceChildren(el("h1", "Candidates waiting for review"), statusLine);
    request("/api/sources").then(function (sources) {
      if (!sources.length) { app.appendChild(el("p", "No candidates wait for review. Add an article with geo add.")); }
      var list = el("ul", null, "sources");
      sources.forEach(function (source) {
        var item = el("li");
        var link = el("a", source.source_id);
        link.href = "/review/" + encodeURIComponent(source.source_id);
        item.append(link, el("span", " " + source.candidates + " candidate" + (source.candidates === 1 ? "" : "s")));
        list.appendChild(item);
      });
      app.appendChild(list);
      api.ready = true;
    }).catch(failed);
  }

  // ---- one article ------------------------------------------------------------------------
  function load(message) {
    return request("/api/review/" + encodeURIComponent(sourceId)).then(function (payload) {
      state.payload = payload;
      render(payload);
      if (message) { say(message); }
      api.ready = true;
    }).catch(failed);
  }

  function placeName(placeId) {
    var place = state.payload.places[placeId];
    return place ? place.name : placeId;
  }

  // Code points, as Python counts the offsets.
  function renderArticle(payload) {
    var chars = Array.from(payload.text);
    var spans = [];
    payload.candidates.forEach(function (candidate) {
      spans.push({ start: +candidate.evidence_start, end: +candidate.evidence_end, claim: candidate.claim_id });
    });
    payload.mentions.forEach(function (mention, index) {
      spans.push({ start: mention.start, end: mention.end, mention: index });
    });
    (payload.unresolved || []).forEach(function (name, index) {
      spans.push({ start: name.start, end: name.end, unresolved: index });
    });
    var article = el("div", null, "article");
    article.id = "article";
    textTools.segments(chars.length, spans).forEach(function (piece) {
      var node = el("span", chars.slice(piece.start, piece.end).join(""));
      node.setAttribute("data-start", String(piece.start));
      var claims = [], mention = null, open = null;
      piece.spans.forEach(function (index) {
        var span = spans[index];
        if (span.claim !== undefined) { claims.push(span.claim); }
        else if (span.unresolved !== undefined) { open = span.unresolved; }
        else { mention = span.mention; }
      });
      if (claims.length) { node.classList.add("evidence"); node.setAttribute("data-evidence", claims.join(" ")); }
      if (mention !== null) {
        node.classList.add("mention");
        node.setAttribute("data-mention", String(mention));
        node.addEventListener("click", function () { showMention(payload.mentions[mention]); });
      } else if (open !== null) {
        node.classList.add("unresolved");
        node.setAttribute("data-unresolved", String(open));
        node.addEventListener("click", function () { showUnresolved(payload.unresolved[open]); });
      }
      article.appendChild(node);
    });
    article.addEventListener("mouseup", function () { state.selection = selectionIn(article); showSelection(); });
    article.addEventListener("keyup", function () { state.selection = selectionIn(article); showSelection(); });
    return article;
  }

  // The selection as {start, end, quote} in code points of the article, or null.
  function offsetOf(node, offset) {
    var piece = node.nodeType === 3 ? node.parentElement : node;
    piece = piece && piece.closest("[data-start]");
    if (!piece) { return null; }
    var within = node.nodeType === 3 ? Array.from(node.textContent.slice(0, offset)).length : 0;
    return +piece.getAttribute("data-start") + within;
  }
  function selectionIn(article) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    if (!article.contains(selection.anchorNode) || !article.contains(selection.focusNode)) { return null; }
    var range = textTools.selectionRange(offsetOf(selection.anchorNode, selection.anchorOffset),
      offsetOf(selection.focusNode, selection.focusOffset));
    if (!range) { return null; }
    range.quote = Array.from(state.payload.text).slice(range.start, range.end).join("");
    return range;
  }
  function showSelection() {
    var box = document.getElementById("selection");
    box.textContent = state.selection ? "selected: \u201c" + state.selection.quote + "\u201d" : "no passage selected";
  }

  // A name no candidate fits well enough: its candidates and why, for the reviewer to add or ignore.
  function showUnresolved(name) {
    var box = document.getElementById("mention");
    box.replaceChildren(el("h3", "\u201c" + name.surface + "\u201d"));
    box.setAttribute("data-mention-place", "");
    box.appendChild(el("div", "unresolved: no candidate fits the article well enough (" + name.signals.join(", ") + ")"));
    var list = el("ul");
    name.candidates.forEach(function (c) {
      list.appendChild(el("li", c.name + " (" + c.place_id + ", confidence " + c.confidence + ")"));
    });
    box.appendChild(list);
  }

  function showMention(mention) {
    var box = document.getElementById("mention");
    box.replaceChildren(el("h3", "\u201c" + mention.surface + "\u201d"));
    box.setAttribute("data-mention-place", mention.place_id);
    box.appendChild(el("div", "resolved to " + mention.name + " (" + mention.place_id + ")"));
    box.appendChild(el("div", "kind " + mention.kind + ", precision " + mention.precision + ", " + mention.gazetteer +
      " gazetteer"));
    box.appendChild(el("div", "rule: " + mention.resolved_by +
      (mention.confidence !== undefined ? ", confidence " + mention.confidence : "")));
    if (mention.others.length) {
      box.appendChild(el("div", "other candidates:"));
      var list = el("ul");
      mention.others.forEach(function (other) {
        list.appendChild(el("li", other.name + " (" + other.place_id + ", " + other.kind + ", " + other.gazetteer + ")"));
      });
      box.appendChild(list);
    } else {
      box.appendChild(el("div", "no other candidates"));
    }
    showOnMap([mention]);
  }

  function control(field, value) {
    var input;
    if (CHOICES[field]) {
      input = el("select");
      state.payload.vocabularies[CHOICES[field]].forEach(function (choice) {
        var option = el("option", choice);
        option.value = choice;
        input.appendChild(option);
      });
      input.value = value;
    } else {
      input = el("input");
      input.type = field === "start" || field === "end" ? "date" : "text";
      input.value = value || "";
    }
    input.name = field;
    input.setAttribute("data-field", field);
    return input;
  }

  function renderCard(candidate) {
    var card = el("div", null, "card");
    card.setAttribute("data-candidate", candidate.claim_id);
    var head = el("div", null, "card-head");
    head.appendChild(el("strong", candidate.claim_id));
    if (candidate.hedged === "true") { head.appendChild(el("span", " hedged", "tag")); }
    card.appendChild(head);
    var quote = el("blockquote", candidate.quote, "quote");
    quote.setAttribute("data-field", "quote");
    card.appendChild(quote);
    var quoteButton = button("quote from selection", "quote");
    quoteButton.addEventListener("click", function () {
      if (!state.selection) { say("select the passage in the article first", true); return; }
      quote.textContent = state.selection.quote;
      card.setAttribute("data-evidence-start", String(state.selection.start));
    });
    card.appendChild(quoteButton);
    var grid = el("div", null, "fields");
    CARD_FIELDS.forEach(function (field) {
      var label = el("label", field);
      var input = control(field, candidate[field]);
      label.appendChild(input);
      if (PLACE_FIELDS.indexOf(field) >= 0) {
        var names = el("span", "", "place-names");
        var update = function () { names.textContent = textTools.splitList(input.value).map(placeName).join(", "); };
        input.addEventListener("input", update);
        input.addEventListener("change", update);
        update();
        var pick = el("button", "pick");
        pick.type = "button";
        pick.setAttribute("data-pick", field);
        pick.addEventListener("click", function () {
          state.target = { card: card, input: input, field: field };
          document.getElementById("picker-target").textContent = "choosing " + field + " of " + candidate.claim_id;
          document.getElementById("place-search").focus();
        });
        label.append(pick, names);
      }
      grid.appendChild(label);
    });
    card.appendChild(grid);
    var actions = el("div", null, "card-actions");
    var save = button("save edits", "save"), accept = button("accept", "accept"), reject = button("reject", "reject");
    save.addEventListener("click", function () { post("save", candidate.claim_id, card, "saved "); });
    accept.addEventListener("click", function () { post("accept", candidate.claim_id, card, "accepted "); });
    reject.addEventListener("click", function () {
      request(base() + "/reject", { claim_id: candidate.claim_id })
        .then(function () { return load("rejected " + candidate.claim_id); }).catch(failed);
    });
    actions.append(save, accept, reject);
    card.appendChild(actions);
    card.addEventListener("mouseenter", function () { highlight(candidate.claim_id, true); });
    card.addEventListener("mouseleave", function () { highlight(candidate.claim_id, false); });
    return card;
  }

  function base() { return "/api/review/" + encodeURIComponent(sourceId); }

  function cardFields(card) {
    var fields = {};
    card.querySelectorAll("[data-field]").forEach(function (input) {
      var name = input.getAttribute("data-field");
      fields[name] = name === "quote" ? input.textContent : input.value;
    });
    if (card.hasAttribute("data-evidence-start")) { fields.evidence_start = card.getAttribute("data-evidence-start"); }
    return fields;
  }

  function post(action, claimId, card, done) {
    request(base() + "/" + action, { claim_id: claimId, fields: cardFields(card) }).then(function (result) {
      return load(done + claimId + (result.claim_id ? " as " + result.claim_id : ""));
    }).catch(failed);
  }

  function highlight(claimId, on) {
    document.querySelectorAll("#article [data-evidence]").forEach(function (node) {
      if (node.getAttribute("data-evidence").split(" ").indexOf(claimId) >= 0) { node.classList.toggle("active", on); }
    });
  }

  // ---- the place picker and its map --------------------------------------------------------
  function renderPicker() {
    var box = el("section", null, "picker");
    box.appendChild(el("h2", "Places"));
    box.appendChild(el("div", "choose a field's pick button, then a place", "hint")).id = "picker-target";
    var search = el("input");
    search.type = "search";
    search.id = "place-search";
    search.placeholder = "search the gazetteers by name or alias";
    var results = el("ul", null, "results");
    results.id = "place-results";
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { find(search.value, results); }, 150);
    });
    var mapBox = el("div", null, "map");
    mapBox.id = "picker-map";
    box.append(search, results, mapBox, renderPlaceForm());
    return box;
  }

  function find(query, results) {
    return request("/api/places?q=" + encodeURIComponent(query)).then(function (places) {
      results.replaceChildren();
      places.forEach(function (place) {
        var item = el("li");
        var choose = el("button", place.name);
        choose.type = "button";
        choose.setAttribute("data-place", place.place_id);
        choose.addEventListener("click", function () { choosePlace(place); });
        item.append(choose, el("span", " " + place.place_id + " \u00b7 " + place.kind + " \u00b7 " + place.country +
          " \u00b7 " + place.gazetteer + (place.matched !== place.name ? " (as " + place.matched + ")" : "")));
        results.appendChild(item);
      });
      if (!places.length) { results.appendChild(el("li", "no place found")); }
      showOnMap(places);
    }).catch(failed);
  }

  function choosePlace(place) {
    if (!state.target) { say("press a field's pick button first", true); return; }
    var input = state.target.input;
    if (!state.payload.places[place.place_id]) { state.payload.places[place.place_id] = place; }
    input.value = state.target.field === "places" ? textTools.withItem(input.value, place.place_id) : place.place_id;
    input.dispatchEvent(new Event("change"));
    say(state.target.field + " of " + state.target.card.getAttribute("data-candidate") + " set to " + place.name +
      (place.gazetteer === "fallback" ? " (a fallback place: add it to the gazetteer before accepting)" : ""));
  }

  function setUpMap() {
    var map = L.map("picker-map", { preferCanvas: true, zoomControl: true, attributionControl: false })
      .setView([34.8, 38.5], 5);
    state.map = map;
    state.results = L.layerGroup().addTo(map);
    request("/static/countries.json").then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        style: { color: "#777", weight: 1, fillColor: "#f2efe6", fillOpacity: 1 }, interactive: false,
      }).addTo(map).bringToBack();
    }).catch(failed);
    map.on("click", function (event) {
      var lat = event.latlng.lat.toFixed(5), lon = event.latlng.lng.toFixed(5);
      document.querySelector('#place-form [name="lat"]').value = lat;
      document.querySelector('#place-form [name="lon"]').value = lon;
      if (state.clicked) { state.clicked.remove(); }
      state.clicked = L.circleMarker(event.latlng, { radius: 6, color: "#c00" }).addTo(map);
    });
  }

  function showOnMap(places) {
    if (!state.map) { return; }
    state.results.clearLayers();
    var points = [];
    places.forEach(function (place) {
      var marker = L.circleMarker([place.lat, place.lon], { radius: 5, color: "#1565c0" });
      var tip = el("span", place.name);  // a DOM node: Leaflet inserts it as is, never as HTML
      marker.bindTooltip(tip);
      state.results.addLayer(marker);
      points.push([place.lat, place.lon]);
    });
    if (points.length) { state.map.fitBounds(points, { maxZoom: 8, padding: [20, 20] }); }
  }

  function renderPlaceForm() {
    var form = el("form", null, "place-form");
    form.id = "place-form";
    form.appendChild(el("h3", "New place"));
    var fields = [["name", "text"], ["kind", "kind"], ["lat", "text"], ["lon", "text"], ["coord_source", "url"],
      ["coord_text", "text"], ["precision", "precision"], ["radius_km", "text"], ["country", "text"],
      ["aliases", "text"]];
    fields.forEach(function (spec) {
      var label = el("label", spec[0]);
      var input;
      if (spec[1] === "kind" || spec[1] === "precision") {
        input = el("select");
        state.payload.vocabularies[spec[1]].forEach(function (choice) {
          var option = el("option", choice);
          option.value = choice;
          input.appendChild(option);
        });
      } else {
        input = el("input");
        input.type = spec[1];
      }
      input.name = spec[0];
      if (spec[0] === "radius_km") { input.value = "0"; }
      if (spec[0] === "country") { input.placeholder = "from the point if empty"; }
      if (spec[0] === "coord_source") { input.placeholder = "https://\u2026 (required)"; }
      label.appendChild(input);
      form.appendChild(label);
    });
    var add = button("add place", "add-place");
    add.addEventListener("click", function () {
      var values = {};
      form.querySelectorAll("[name]").forEach(function (input) { values[input.name] = input.value; });
      if (!textTools.isWebUrl(values.coord_source)) { say("coord_source must be an http(s) address", true); return; }
      request("/api/places", { fields: values }).then(function (result) {
        form.reset();
        say("added place " + result.place.place_id + " (" + result.place.name + ") to the gazetteer");
        state.payload.places[result.place.place_id] = { name: result.place.name, kind: result.place.kind,
          lat: +result.place.lat, lon: +result.place.lon };
      }).catch(failed);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.appendChild(add);
    return form;
  }

  function render(payload) {
    var keepMap = state.map;
    var head = el("header");
    head.appendChild(el("h1", payload.source.title));
    var meta = el("div", payload.source.source_id + " \u00b7 published " + payload.source.published + " \u00b7 " +
      payload.candidates.length + " candidate" + (payload.candidates.length === 1 ? "" : "s"), "meta");
    if (textTools.isWebUrl(payload.source.url)) {
      var link = el("a", " read the article");
      link.href = payload.source.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      meta.appendChild(link);
    }
    var back = el("a", "all sources");
    back.href = "/";
    head.append(meta, back, statusLine);
    var left = el("section", null, "left");
    left.appendChild(el("h2", "Article"));
    left.appendChild(renderArticle(payload));
    var tools = el("div", null, "tools");
    var selection = el("div", "no passage selected", "hint");
    selection.id = "selection";
    var newClaim = button("new claim from selection", "new-claim");
    newClaim.addEventListener("click", function () {
      if (!state.selection) { say("select the passage in the article first", true); return; }
      var chosen = state.selection;
      var fields = { quote: chosen.quote, evidence_start: String(chosen.start),
        places: textTools.placesWithin(state.payload.mentions, chosen.start, chosen.end) };
      request(base() + "/new", { fields: fields })
        .then(function (result) { return load("new candidate " + result.created.claim_id); }).catch(failed);
    });
    tools.append(newClaim, selection);
    var mention = el("div", "click a place name in the article", "mention-info");
    mention.id = "mention";
    left.append(tools, mention);
    var middle = el("section", null, "cards");
    middle.appendChild(el("h2", "Candidates"));
    payload.candidates.forEach(function (candidate) { middle.appendChild(renderCard(candidate)); });
    if (!payload.candidates.length) { middle.appendChild(el("p", "No candidates left for this article.")); }
    var picker = keepMap ? document.querySelector(".picker") : renderPicker();
    var columns = el("main", null, "columns");
    columns.append(left, middle, picker);
    app.replaceChildren(head, columns);
    if (!keepMap) { setUpMap(); } else { state.map.invalidateSize(); }
    state.selection = null;
    state.target = null;
  }

  if (sourceId) { load(); } else { renderIndex(); }
})();

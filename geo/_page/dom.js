// DOM helpers. Every string from data reaches the page through textContent,
// an attribute set as a property, or a link whose scheme is http or https.
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.dom = (function () {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  // "Label: value", skipped when the value is empty.
  function row(parent, label, value) {
    if (value === undefined || value === null || value === "") { return null; }
    var line = el("div", null, "geo-row");
    line.appendChild(el("span", label + ": ", "geo-label"));
    line.appendChild(el("span", value));
    parent.appendChild(line);
    return line;
  }

  function isWebUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url); }

  // A link only for http(s) addresses; anything else is shown as plain text.
  function safeLink(url, text) {
    if (!isWebUrl(url)) { return el("span", text); }
    var link = el("a", text);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  // A "details" toggle whose content is built on first opening, so long notes
  // cost nothing until asked for.
  function details(parent, build) {
    var toggle = el("button", "details \u25b8", "geo-details-toggle");
    toggle.type = "button";
    var box = null;
    toggle.addEventListener("click", function () {
      if (!box) {
        box = el("div", null, "geo-details");
        build(box);
        parent.appendChild(box);
      } else {
        box.hidden = !box.hidden;
      }
      toggle.textContent = box.hidden ? "details \u25b8" : "details \u25be";
    });
    parent.appendChild(toggle);
    return toggle;
  }

  function checkbox(label, checked, attributes) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    Object.keys(attributes || {}).forEach(function (name) { input.setAttribute(name, attributes[name]); });
    var wrapper = el("label", " " + label);
    wrapper.prepend(input);
    return { input: input, label: wrapper };
  }

  return { el: el, row: row, safeLink: safeLink, isWebUrl: isWebUrl, details: details, checkbox: checkbox };
})();

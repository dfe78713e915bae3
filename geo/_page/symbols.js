// The SVG symbol of a place kind (shape and letter code from the payload).
var geoPage = globalThis.geoPage = globalThis.geoPage || {};

geoPage.symbols = (function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function svgNode(tag, attributes) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function placeSymbol(shapes, kind, fill) {
    var symbol = shapes[kind] || { shape: "circle", letter: "" };
    var svg = svgNode("svg", { width: "26", height: "26", viewBox: "0 0 26 26" });
    var shape;
    if (symbol.shape === "triangle") {
      shape = svgNode("polygon", { points: "13,2 24,23 2,23" });
    } else if (symbol.shape === "square") {
      shape = svgNode("rect", { x: "3", y: "3", width: "20", height: "20" });
    } else if (symbol.shape === "diamond") {
      shape = svgNode("polygon", { points: "13,1 25,13 13,25 1,13" });
    } else {
      shape = svgNode("circle", { cx: "13", cy: "13", r: symbol.shape === "dot" ? "5" : "10" });
    }
    shape.setAttribute("fill", fill);
    shape.setAttribute("stroke", "#222");
    shape.setAttribute("stroke-width", "1.5");
    svg.appendChild(shape);
    if (symbol.letter) {
      var text = svgNode("text", {
        x: "13", y: symbol.shape === "triangle" ? "20" : "17", "text-anchor": "middle",
        "font-size": symbol.letter.length > 1 ? "8" : "11", "font-family": "sans-serif",
        "font-weight": "bold", fill: "#fff"
      });
      text.textContent = symbol.letter;
      svg.appendChild(text);
    }
    return svg;
  }

  return { placeSymbol: placeSymbol };
})();

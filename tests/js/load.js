// Loads the page's pure modules into globalThis.geoPage, in the page's order.
"use strict";
const path = require("path");
const page = path.join(__dirname, "..", "..", "geo", "_page");
for (const name of ["days.js", "derive.js", "pack.js", "hits.js", "timeline.js", "basemap.js", "lines.js"]) { require(path.join(page, name)); }
module.exports = globalThis.geoPage;

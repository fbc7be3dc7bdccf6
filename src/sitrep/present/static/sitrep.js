// sitrep: live filters, CSV export and sentence highlighting. Data is only ever inserted with
// textContent, never as HTML, so article text cannot become markup here. The only text this script
// writes is its own row count; outside text stays in the server-rendered <bdi> isolates.
(function () {
  "use strict";

  function rowsOf(table) {
    return table && table.tBodies.length ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }

  function value(bar, name) {
    var el = bar.querySelector("[name='" + name + "']");
    return el ? el.value.trim() : "";
  }

  function applyFilter(bar) {
    var table = document.getElementById(bar.getAttribute("data-filter-for"));
    var rows = rowsOf(table);
    var words = value(bar, "q").toLowerCase().split(/\s+/).filter(Boolean);
    var actor = value(bar, "actor"), outlet = value(bar, "outlet"), type = value(bar, "type");
    var from = value(bar, "from"), to = value(bar, "to");
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var d = row.getAttribute("data-date") || "";
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
        (!actor || row.getAttribute("data-actor") === actor) &&
        (!outlet || row.getAttribute("data-outlet") === outlet) &&
        (!type || row.getAttribute("data-type") === type) &&
        (!from || (d && d >= from)) &&
        (!to || (d && d.slice(0, to.length) <= to));
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var count = bar.querySelector(".count");
    if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
  }

  function csvCell(s) {
    s = s.replace(/\s+/g, " ").trim();
    return /[",\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  function exportCsv(button) {
    var id = button.getAttribute("data-for");
    var table = document.getElementById(id);
    if (!table) { return; }
    var lines = [];
    Array.prototype.forEach.call(table.tHead ? table.tHead.rows : [], function (r) {
      lines.push(Array.prototype.map.call(r.cells, function (c) { return csvCell(c.textContent); }).join(","));
    });
    rowsOf(table).forEach(function (r) {
      if (!r.hidden) {
        lines.push(Array.prototype.map.call(r.cells, function (c) { return csvCell(c.textContent); }).join(","));
      }
    });
    var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = id + ".csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function highlightTarget() {
    document.querySelectorAll(".hit").forEach(function (el) { el.classList.remove("hit"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = id ? document.getElementById(id) : null;
    if (!anchor || !anchor.hasAttribute("data-end")) { return; }
    var start = +anchor.getAttribute("data-s"), end = +anchor.getAttribute("data-end");
    var el = anchor.nextElementSibling;
    while (el && +el.getAttribute("data-s") < end) {
      if (!el.classList.contains("anchor") && +el.getAttribute("data-s") >= start) { el.classList.add("hit"); }
      el = el.nextElementSibling;
    }
    var art = anchor.closest("details");
    if (art) { art.open = true; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".tools[data-filter-for]").forEach(function (bar) {
      bar.addEventListener("input", function () { applyFilter(bar); });
      bar.addEventListener("change", function () { applyFilter(bar); });
      applyFilter(bar);
    });
    document.querySelectorAll("button.csv").forEach(function (b) {
      b.addEventListener("click", function () { exportCsv(b); });
    });
    window.addEventListener("hashchange", highlightTarget);
    highlightTarget();
  });
})();

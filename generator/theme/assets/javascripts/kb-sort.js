/* Sortable tables (class "kb-sortable"): each column heading becomes a button that sorts
   the table's body by that column, ascending then descending. A cell's `data-sort` is the
   value it sorts by (numbers); other cells sort by their text; empty values go last.
   No inline script, no network: it works under the site's Content-Security-Policy and
   from file:// (the offline bundle). With Material's instant navigation, pages are
   swapped in without a reload: `document$` tells when one is; setting up twice does nothing. */
(function () {
  "use strict";

  function value(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return null;
    var raw = cell.getAttribute("data-sort");
    if (numeric) {
      var n = raw === null ? NaN : parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    var text = (raw === null ? cell.textContent : raw).trim();
    return text === "" || text === "\u2013" ? null : text;
  }

  function sortBy(table, index, button) {
    var heading = button.parentNode;
    var numeric = heading.getAttribute("data-type") === "number";
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-kb-order", String(i)); });
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      if (x === null || y === null) {
        if (x === y) return Number(a.getAttribute("data-kb-order")) - Number(b.getAttribute("data-kb-order"));
        return x === null ? 1 : -1;
      }
      var c = numeric ? x - y : String(x).localeCompare(String(y), "id");
      if (c === 0) return Number(a.getAttribute("data-kb-order")) - Number(b.getAttribute("data-kb-order"));
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setUp(table) {
    if (table.getAttribute("data-kb-sortable") === "ready" || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-kb-sortable", "ready");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.setAttribute("title", "Urutkan menurut kolom ini");
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kb-sortable"), setUp);
  }

  // Now (the script comes after the content), and on every page instant navigation swaps in.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUpAll);
  }
})();

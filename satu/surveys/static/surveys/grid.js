// Paper entry grid: a typed digit moves on to the next cell, Enter to the next row.
// Only an enhancement: without it the grid is a plain form where Tab moves and Enter saves.
(function () {
  "use strict";
  var form = document.getElementById("entry-grid");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("tbody input"));
  function move(from, step) {
    var next = inputs[inputs.indexOf(from) + step];
    if (next) { next.focus(); next.select(); }
  }
  form.addEventListener("input", function (event) {
    var cell = event.target;
    if (cell.classList.contains("digit") && /^[1-9]$/.test(cell.value)) move(cell, 1);
  });
  form.addEventListener("keydown", function (event) {
    var cell = event.target;
    if (event.key !== "Enter" || cell.tagName !== "INPUT" || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    var row = cell.closest("tr");
    var nextRow = row && row.nextElementSibling;
    var first = nextRow && nextRow.querySelector("input");
    if (first) { first.focus(); first.select(); } else { form.querySelector("button[type=submit]").focus(); }
  });
})();

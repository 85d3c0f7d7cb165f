// Live word count under text areas that have a word limit (data-max-words). Without
// JavaScript the limit is still checked when saving.
(function () {
  "use strict";
  var form = document.querySelector("form.profile-form");
  if (!form) return;
  var label = form.getAttribute("data-words-label") || "words";
  form.querySelectorAll("textarea[data-max-words]").forEach(function (area) {
    var max = parseInt(area.getAttribute("data-max-words"), 10);
    var out = document.createElement("p");
    out.className = "word-count";
    out.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", out);
    function update() {
      var words = (area.value.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) || []).length;
      out.textContent = words + " / " + max + " " + label;
      out.classList.toggle("over", words > max);
    }
    area.addEventListener("input", update);
    update();
  });
})();

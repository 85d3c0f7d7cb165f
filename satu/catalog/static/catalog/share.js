// "Copy link" on share bars: a progressive enhancement of the selectable address field.
(function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var status = document.getElementById(button.getAttribute("data-status"));
        if (status) { status.textContent = button.getAttribute("data-done"); }
      });
    });
  });
})();

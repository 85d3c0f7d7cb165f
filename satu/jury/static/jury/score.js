// The scoring form: once the juror submits the form, no background draft save may start, so
// the final submit is never raced by an autosave of the same sheet.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("[data-autosave]")) {
      form.dataset.submitting = "1";
    }
  });
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("[data-autosave]") : null;
    if (form && form.dataset.submitting) {
      event.preventDefault();
    }
  });
})();

// Refuse a file above the upload limit before it is sent (the server refuses it anyway).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var file = input.files && input.files[0];
    input.setCustomValidity(file && file.size > max ? input.getAttribute("data-too-large") : "");
    input.reportValidity();
  });
})();

// Fill the coordinates from the phone's location when the verifier asks; typing stays possible.
(function () {
  "use strict";
  var button = document.getElementById("use-location");
  if (!button || !("geolocation" in navigator)) { return; }
  var status = document.getElementById("location-status");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var source = document.getElementById("id_location_source");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lon.value = position.coords.longitude.toFixed(6);
      source.value = "device";
      status.textContent = "✔ " + lat.value + ", " + lon.value;
    }, function (error) {
      status.textContent = error.message;
    }, { enableHighAccuracy: true, timeout: 20000 });
  });
  [lat, lon].forEach(function (input) {
    input.addEventListener("input", function () { source.value = "typed"; });
  });
})();

// Tremplin's only script of its own. No inline scripts anywhere (the CSP forbids them).
(function () {
  "use strict";
  // A form submits once: the button is disabled after the first click (the server's
  // idempotency keys are the real guard; this only spares people a second click).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.method.toLowerCase() === "post") {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    }
  });
})();

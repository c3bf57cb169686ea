// Long console operations (checking and importing files, issuing letter codes, verifying the
// audit chain) run while the browser waits for the answer. This shows that they are running,
// in a live region, and keeps a second press from sending the form twice. Without it the forms
// work the same; the answer page says what was done.
(function () {
  "use strict";
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      var status = form.querySelector("[data-progress-status]");
      if (status) {
        var bar = document.createElement("progress");
        bar.setAttribute("aria-hidden", "true");
        status.textContent = form.dataset.progress + " ";
        status.appendChild(bar);
      }
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
      });
    });
  });
})();

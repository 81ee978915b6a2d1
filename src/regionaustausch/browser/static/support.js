// One-click support on an exchange proposal without reloading the page. Without JavaScript the form
// posts and the page reloads; with it, the same form is sent in the background (with its CSRF token)
// and the progress bars, the quorum text and the button are updated from the answer.
(function () {
  "use strict";

  // The list of supporters by municipality is rendered by the page (who may see it is decided there);
  // after a change it is taken from a fresh copy of the page. Without it the counts are still right.
  function refreshSupporters() {
    var region = document.getElementById("ra-supporters-region");
    if (!region) return;
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("ra-supporters-region");
        if (fresh) region.innerHTML = fresh.innerHTML;
      })
      .catch(function () {});
  }

  function update(form, data) {
    var bars = {
      "ra-progress-supports": [data.supports, data.quorum.supports],
      "ra-progress-municipalities": [data.municipalities, data.quorum.municipalities],
    };
    Object.keys(bars).forEach(function (id) {
      var bar = document.getElementById(id);
      if (!bar) return;
      var reached = bars[id][0], max = bars[id][1];
      bar.max = max;
      bar.value = Math.min(reached, max);
      bar.textContent = Math.min(reached, max) + "/" + max;
      var count = document.querySelector('label[for="' + id + '"] .ra-progress-count');
      if (count) count.textContent = count.textContent.replace(/\d+(\D+)\d+/, reached + "$1" + max);
    });
    var status = document.getElementById("ra-quorum-status");
    if (status) {
      status.textContent = data.quorum.met ? status.dataset.metText || data.message : data.missing_messages.join(" ");
    }
    var button = form.querySelector("button");
    var action = form.querySelector('input[name="action"]');
    if (data.supported_by_me) {
      action.value = "withdraw";
      button.textContent = button.dataset.labelWithdraw;
    } else {
      action.value = "support";
      button.textContent = button.dataset.labelSupport;
    }
    var notice = document.getElementById("ra-support-notice");
    if (notice) notice.textContent = data.message;
  }

  function enhance(form) {
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      // not `disabled`: a disabled button loses the keyboard focus; aria-disabled keeps it in place
      var button = form.querySelector("button");
      button.setAttribute("aria-disabled", "true");
      // getAttribute: the form's field named "action" shadows the form's `action` property
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if ((response.headers.get("Content-Type") || "").indexOf("application/json") === -1) {
            throw new Error("no JSON answer: " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (!data.quorum) throw new Error("not the answer of @@support-toggle");
          update(form, data);
          refreshSupporters();
        })
        .catch(function () {
          form.submit();
        })
        .finally(function () {
          busy = false;
          button.removeAttribute("aria-disabled");
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.ra-support-form").forEach(enhance);
  });
})();

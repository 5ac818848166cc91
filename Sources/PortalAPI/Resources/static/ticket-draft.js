// Saves the new-ticket form as a draft while it is typed: ~800 ms after the last change, the form's
// text (not its files) is posted to the server with the page's CSRF token. The server fills the form
// in from the draft when the page is opened again, on this device or another; sending the ticket
// clears the draft.
//
// Loaded with <script src defer>: the content security policy forbids inline script.
(function () {
  "use strict";
  var form = document.getElementById("ticket-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var url = form.getAttribute("data-draft-url");
  var status = document.getElementById("draft-status");
  var timer = null;
  var last = null;
  var sending = false;

  function body() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "file" || el.type === "submit") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      params.append(el.name, el.value);
    });
    return params.toString();
  }

  function say(text) { if (status) status.textContent = text; }

  function save() {
    var data = body();
    if (data === last) { form.setAttribute("data-draft-state", "saved"); return; }
    if (sending) { schedule(); return; }
    sending = true;
    say("Saving draft…");
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" }, body: data,
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      last = data;
      var at = new Date();
      say("Draft saved at " + at.toLocaleTimeString() + ".");
      // Typed on while it was saving: the newer text is saved a moment later.
      if (body() === data) form.setAttribute("data-draft-state", "saved"); else schedule();
    }).catch(function () {
      say("The draft could not be saved; your text is still here.");
    }).then(function () { sending = false; });
  }

  function schedule() {
    form.setAttribute("data-draft-state", "pending");
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  last = body();
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function () { clearTimeout(timer); });
})();

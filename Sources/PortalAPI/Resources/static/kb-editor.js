// The knowledge base editor: keeps the preview beside the Markdown current while typing, a moment
// after the last keystroke, by asking the server (POST /kb/edit/preview with the form's CSRF token)
// to render it exactly as readers will see it.
//
// A progressive enhancement: without it the "Preview" button shows the form again with the preview.
// Loaded with <script src defer>: the content security policy forbids inline script.
(function () {
  "use strict";
  var form = document.getElementById("kb-edit-form");
  var body = document.getElementById("body");
  var pane = document.getElementById("preview");
  if (!form || !body || !pane || !window.fetch) return;
  var url = form.getAttribute("data-preview-url");
  var csrf = form.querySelector("input[name=csrf]");
  if (!url || !csrf) return;
  var timer = null;
  var shown = body.value;
  var asked = 0;

  function refresh() {
    var text = body.value;
    if (text === shown) return;
    var ticket = ++asked;
    var data = new URLSearchParams();
    data.set("markdown", text);
    data.set("csrf", csrf.value);
    fetch(url, {
      method: "POST", credentials: "same-origin", body: data,
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" }
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        // An older answer arriving after a newer one is dropped.
        if (!answer || ticket !== asked) return;
        shown = text;
        // The server's renderer has already made the HTML safe.
        pane.innerHTML = answer.html;
      })
      .catch(function () { /* the Preview button still works */ });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();

// The new-ticket form: shows a field only when its condition holds (data-show-when-field /
// data-show-when-equals), and while the subject is typed, lists the customer's own open tickets that
// look alike ("add to it instead?"); while the subject and description are typed, the help center's
// articles and questions that may answer them.
//
// A progressive enhancement: without it every field shows (with a hint saying when it applies) and
// the server ignores answers to fields whose condition does not hold. Loaded with <script src defer>:
// the content security policy forbids inline script.
(function () {
  "use strict";
  var form = document.getElementById("ticket-form");
  if (!form) return;

  // --- Conditional fields ---
  var conditional = Array.prototype.slice.call(form.querySelectorAll("[data-show-when-field]"));

  function chosen(name) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name !== name) return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.value) values.push(el.value);
    });
    return values;
  }

  function update() {
    conditional.forEach(function (wrapper) {
      var show = chosen(wrapper.getAttribute("data-show-when-field")).indexOf(wrapper.getAttribute("data-show-when-equals")) !== -1;
      wrapper.hidden = !show;
      Array.prototype.forEach.call(wrapper.querySelectorAll("input, textarea, select"), function (el) { el.disabled = !show; });
    });
  }

  form.querySelectorAll(".condition").forEach(function (hint) { hint.hidden = true; });
  form.addEventListener("change", update);
  update();

  // --- Articles and questions that may answer it ---
  suggestAnswers();

  // --- Similar open tickets ---
  var subject = document.getElementById("subject");
  var box = document.getElementById("similar");
  var url = form.getAttribute("data-similar-url");
  if (!subject || !box || !url || !window.fetch) return;
  var timer = null;
  var asked = "";

  function show(tickets) {
    box.textContent = "";
    if (!tickets.length) return;
    var list = document.createElement("ul");
    list.className = "links similar-list";
    tickets.forEach(function (t) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode("Looks like your open ticket "));
      var link = document.createElement("a");
      link.href = t.path;
      link.className = "similar-link";
      link.textContent = "“" + t.subject + "”";
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — add to it instead?"));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function look() {
    var text = subject.value.trim();
    if (text === asked) return;
    asked = text;
    if (text.length < 3) { show([]); return; }
    fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { tickets: [] }; })
      .then(function (body) { if (asked === text) show(body.tickets || []); })
      .catch(function () { /* the hint is optional */ });
  }

  subject.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(look, 400);
  });

  // While the subject and description are typed, the help center's articles and questions that may
  // answer them (POST /tickets/new/suggestions with the form's CSRF token), quick answers inline. Their
  // links say they came from this form, so that an answer found here instead of a ticket is counted.
  function suggestAnswers() {
    var area = document.getElementById("kb-suggestions");
    var subjectField = document.getElementById("subject");
    var descriptionField = document.getElementById("description");
    var endpoint = form.getAttribute("data-kb-suggestions-url");
    var csrf = form.querySelector("input[name=csrf]");
    if (!area || !subjectField || !descriptionField || !endpoint || !csrf || !window.fetch) return;
    var pending = null;
    var sent = "";
    var ticket = 0;

    function render(items) {
      area.textContent = "";
      if (!items.length) return;
      var heading = document.createElement("h2");
      heading.id = "kb-suggestions-heading";
      heading.textContent = "These may answer your question";
      area.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "links kb-suggestion-list";
      list.setAttribute("aria-labelledby", heading.id);
      items.forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.path;
        link.className = "kb-suggestion-link";
        link.textContent = item.title;
        entry.appendChild(link);
        if (item.answer) {
          var answer = document.createElement("span");
          answer.className = item.isFAQ ? "hint kb-quick-answer" : "hint";
          answer.textContent = item.answer;
          entry.appendChild(answer);
        }
        list.appendChild(entry);
      });
      area.appendChild(list);
    }

    function ask() {
      var text = subjectField.value.trim() + "\n" + descriptionField.value.trim();
      if (text === sent) return;
      sent = text;
      if (text.trim().length < 3) { render([]); return; }
      var mine = ++ticket;
      var data = new URLSearchParams();
      data.set("subject", subjectField.value);
      data.set("description", descriptionField.value);
      data.set("csrf", csrf.value);
      fetch(endpoint, {
        method: "POST", credentials: "same-origin", body: data,
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" }
      })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (body) { if (mine === ticket) render(body.items || []); })
        .catch(function () { /* the suggestions are optional */ });
    }

    function later() {
      clearTimeout(pending);
      pending = setTimeout(ask, 700);
    }
    subjectField.addEventListener("input", later);
    descriptionField.addEventListener("input", later);
  }
})();

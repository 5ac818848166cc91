// The header's search box: titles from the help center complete what the reader types (GET /kb/suggest,
// a moment after the last keystroke), as a listbox the keyboard can walk: Down and Up move through the
// suggestions, Enter opens the chosen one, Escape closes the list.
//
// A progressive enhancement: without it the box submits to the search page. Loaded with <script src
// defer>: the content security policy forbids inline script.
(function () {
  "use strict";
  var form = document.getElementById("site-search");
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  if (!form || !input || !list || !window.fetch) return;
  var url = form.getAttribute("data-suggest-url");
  if (!url) return;

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var items = [];
  var active = -1;
  var timer = null;
  var asked = "";

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    items.forEach(function (item, i) { item.element.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", items[index].element.id);
    else input.removeAttribute("aria-activedescendant");
  }

  function show(suggestions) {
    close();
    if (!suggestions.length) { status.textContent = ""; return; }
    suggestions.forEach(function (s, i) {
      var option = document.createElement("li");
      option.id = "site-search-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.appendChild(document.createTextNode(s.title));
      var kind = document.createElement("span");
      kind.className = "suggestion-kind";
      kind.textContent = " · " + s.kind;
      option.appendChild(kind);
      // mousedown, not click: the box loses focus (and closes the list) before a click arrives.
      option.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.assign(s.path); });
      list.appendChild(option);
      items.push({ element: option, path: s.path });
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") + "; use the arrow keys to choose.";
  }

  function look() {
    var text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (text.length < 2) { close(); return; }
    fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) { if (asked === text && document.activeElement === input) show(body.suggestions || []); })
      .catch(function () { /* the search page still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(look, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      choose(active + step < -1 ? items.length - 1 : active + step >= items.length ? -1 : active + step);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(items[active].path);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
      asked = "";
    }
  });

  input.addEventListener("blur", function () { close(); asked = ""; });
})();

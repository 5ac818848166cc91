// The chat widget on every page: a button that opens a panel talking to the assistant over a WebSocket
// (/ws/chat). The conversation survives page changes (its id, and a visitor's token, live in sessionStorage).
// Text is always inserted as text, never as HTML; links come only from the server's own relative paths.
(function () {
  "use strict";
  var root = document.getElementById("chat-widget");
  if (!root || !("WebSocket" in window)) return;
  var KEY = "portal-chat";
  var socket = null, conversation = null, status = "open", pending = [], shown = {};
  var open = false, reconnectDelay = 1000;

  var toggle = el("button", { id: "chat-toggle", type: "button", "aria-expanded": "false", "aria-controls": "chat-panel" }, "Chat with us");
  var panel = el("section", { id: "chat-panel", "aria-label": "Chat with the assistant", hidden: "" });
  var header = el("div", { class: "chat-header" });
  var title = el("h2", { id: "chat-title" }, "Help chat");
  var statusLine = el("p", { id: "chat-status", class: "chat-status", role: "status" }, "");
  var close = el("button", { type: "button", class: "link", id: "chat-close" }, "Close");
  header.append(title, statusLine, close);
  var log = el("ol", { id: "chat-log", class: "chat-log", "aria-live": "polite", "aria-relevant": "additions" });
  var quick = el("div", { id: "chat-quick", class: "chat-quick" });
  var form = el("form", { id: "chat-form", class: "chat-form" });
  var label = el("label", { for: "chat-input", class: "visually-hidden" }, "Your message");
  var input = el("input", { id: "chat-input", name: "text", type: "text", maxlength: "2000", autocomplete: "off", placeholder: "Ask a question…" });
  var send = el("button", { type: "submit", id: "chat-send" }, "Send");
  var human = el("button", { type: "button", class: "secondary", id: "chat-human" }, "Talk to a person");
  form.append(label, input, send, human);
  panel.append(header, log, quick, form);
  root.append(toggle, panel);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function saved() { try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; } }
  function save(v) { try { v ? sessionStorage.setItem(KEY, JSON.stringify(v)) : sessionStorage.removeItem(KEY); } catch (e) {} }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/chat");
    socket.onopen = function () {
      reconnectDelay = 1000;
      var s = saved();
      if (s && s.id) socket.send(JSON.stringify({ type: "resume", conversation: s.id, token: s.token || undefined }));
      else socket.send(JSON.stringify({ type: "start", timeZone: zone() }));
    };
    socket.onmessage = function (m) { receive(JSON.parse(m.data)); };
    socket.onclose = function () {
      socket = null;
      if (open) { setStatus("Reconnecting…"); setTimeout(connect, reconnectDelay); reconnectDelay = Math.min(reconnectDelay * 2, 15000); }
    };
  }

  function zone() { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; } }

  function transmit(msg) {
    if (socket && socket.readyState === 1 && conversation) socket.send(JSON.stringify(msg)); else pending.push(msg);
  }

  function receive(msg) {
    switch (msg.type) {
      case "started":
        save({ id: msg.conversation.id, token: msg.visitorToken });
        show(msg.conversation);
        break;
      case "conversation":
        show(msg.conversation);
        break;
      case "lines":
        if (conversation && msg.id === conversation) msg.lines.forEach(add);
        break;
      case "status":
        if (conversation && msg.id === conversation) setState(msg.status);
        break;
      case "error":
        if (msg.status === 404 && !conversation) { save(null); socket.send(JSON.stringify({ type: "start", timeZone: zone() })); return; }
        add({ from: "system", text: msg.detail || msg.title });
        break;
    }
  }

  function show(view) {
    conversation = view.id;
    log.textContent = "";
    shown = {};
    if (!view.lines.length) add({ from: "assistant", text: "Hello! Ask me anything, or open a ticket and I'll help you fill it in.", quickReplies: [] });
    view.lines.forEach(add);
    setState(view.status);
    while (pending.length) socket.send(JSON.stringify(pending.shift()));
  }

  function setState(s) {
    status = s;
    var text = { open: "", waitingForAgent: "Waiting for a person to join…", withAgent: "You are chatting with a person from the team.", closed: "This conversation has ended." }[s] || "";
    setStatus(text);
    human.textContent = s === "waitingForAgent" ? "Stop waiting" : "Talk to a person";
    human.hidden = s === "withAgent";
    if (s === "closed") { save(null); input.placeholder = "Write to start a new conversation"; }
  }

  function setStatus(text) { statusLine.textContent = text; }

  function add(line) {
    var li = el("li", { class: "chat-line from-" + line.from });
    var who = { customer: "You", assistant: "Assistant", agent: "Support agent", system: "" }[line.from] || "";
    if (who) li.append(el("span", { class: "chat-who" }, who + ": "));
    li.append(el("span", { class: "chat-text" }, line.text));
    (line.sources || []).forEach(function (s) {
      if (typeof s.url !== "string" || s.url.charAt(0) !== "/" || s.url.charAt(1) === "/") return;
      var p = el("p", { class: "chat-source" });
      var a = el("a", { href: s.url }, s.title);
      p.append(a);
      li.append(p);
    });
    if (line.asksFeedback && line.turn && !shown["fb" + line.turn]) {
      shown["fb" + line.turn] = true;
      var fb = el("p", { class: "chat-feedback" }, "Did this help? ");
      var yes = el("button", { type: "button", class: "secondary chat-helpful", "data-turn": line.turn }, "Yes");
      var no = el("button", { type: "button", class: "secondary chat-not-helpful", "data-turn": line.turn }, "No");
      [yes, no].forEach(function (b) {
        b.addEventListener("click", function () {
          transmit({ type: "rate", turn: line.turn, helpful: b === yes });
          fb.textContent = b === yes ? "Thanks for telling us." : "Sorry about that.";
        });
      });
      fb.append(yes, no);
      li.append(fb);
    }
    log.append(li);
    li.scrollIntoView({ block: "nearest" });
    quick.textContent = "";
    if (line.from === "assistant") {
      (line.quickReplies || []).forEach(function (q) {
        var b = el("button", { type: "button", class: "secondary chat-quick-reply" }, q.label);
        b.addEventListener("click", function () { transmit({ type: "message", text: q.label, quickReply: q.payload }); quick.textContent = ""; });
        quick.append(b);
      });
    }
  }

  function openPanel() {
    open = true;
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    if (!socket) connect();
    input.focus();
  }

  toggle.addEventListener("click", function () { open ? closePanel() : openPanel(); });
  close.addEventListener("click", closePanel);
  function closePanel() {
    open = false;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    if (status === "closed") {
      conversation = null;
      pending.push({ type: "message", text: text });
      socket.send(JSON.stringify({ type: "start", timeZone: zone() }));
      return;
    }
    transmit({ type: "message", text: text });
  });

  human.addEventListener("click", function () {
    if (status === "waitingForAgent") transmit({ type: "leave-queue" });
    else transmit({ type: "message", text: "Talk to a person", quickReply: "/human" });
  });

  if (saved()) openPanel();
})();

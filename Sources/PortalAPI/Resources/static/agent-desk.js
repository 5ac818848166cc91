// The agents' chat desk (/agent/chats): the live queue over a WebSocket (/ws/agent), picking a conversation up,
// and chatting with the customer in real time. Text is inserted as text only.
(function () {
  "use strict";
  var desk = document.getElementById("chat-desk");
  if (!desk || !("WebSocket" in window)) return;
  var queueList = document.getElementById("chat-queue"), mineList = document.getElementById("chat-mine");
  var pane = document.getElementById("chat-conversation"), log = document.getElementById("desk-log");
  var form = document.getElementById("desk-form"), input = document.getElementById("desk-input");
  var statusLine = document.getElementById("desk-status"), endButton = document.getElementById("desk-end");
  var current = null, socket;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function connect() {
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/agent");
    socket.onmessage = function (m) { receive(JSON.parse(m.data)); };
    socket.onopen = function () {
      statusLine.textContent = "Connected. You are online for chats.";
      // `?open=<id>` (the link from a ticket opened in a chat) shows that conversation's transcript.
      var wanted = new URLSearchParams(location.search).get("open");
      if (!current && wanted && /^[0-9a-f-]{36}$/i.test(wanted)) current = wanted;
      if (current) send({ type: "open", conversation: current });
    };
    socket.onclose = function () { statusLine.textContent = "Disconnected; reconnecting…"; setTimeout(connect, 2000); };
  }

  function send(msg) { if (socket && socket.readyState === 1) socket.send(JSON.stringify(msg)); }

  function receive(msg) {
    if (msg.type === "desk") { list(queueList, msg.queue, true); list(mineList, msg.mine, false); }
    else if (msg.type === "conversation") show(msg.conversation);
    else if (msg.type === "lines" && msg.id === current) msg.lines.forEach(add);
    else if (msg.type === "status" && msg.id === current) state(msg.status);
    else if (msg.type === "error") statusLine.textContent = msg.detail || msg.title;
  }

  function list(target, entries, pickable) {
    target.textContent = "";
    if (!entries.length) { target.append(el("li", { class: "muted" }, pickable ? "Nobody is waiting." : "No conversations.")); return; }
    entries.forEach(function (e) {
      var li = el("li", { class: "desk-entry", "data-id": e.id });
      var waited = e.waitingSince ? Math.max(0, Math.round((Date.now() - Date.parse(e.waitingSince)) / 1000)) + " s" : "";
      li.append(el("span", {}, (e.intent || "no intent") + " · " + (e.reason || "") + (waited && pickable ? " · waiting " + waited : "") + (e.signedIn ? "" : " · visitor")));
      var open = el("button", { type: "button", class: pickable ? "desk-pickup" : "secondary desk-open" }, pickable ? "Pick up" : "Open");
      open.addEventListener("click", function () {
        current = e.id;
        send({ type: "open", conversation: e.id });
        if (pickable) send({ type: "pickup", conversation: e.id });
      });
      li.append(open);
      target.append(li);
    });
  }

  function show(view) {
    current = view.id;
    pane.hidden = false;
    log.textContent = "";
    view.lines.forEach(add);
    state(view.status);
  }

  function state(s) {
    var mine = s === "withAgent";
    form.hidden = !mine;
    endButton.hidden = !mine;
    document.getElementById("desk-conversation-status").textContent =
      { open: "With the assistant", waitingForAgent: "Waiting in the queue", withAgent: "You are chatting", closed: "Ended" }[s] || s;
    if (mine) input.focus();
  }

  function add(line) {
    var li = el("li", { class: "chat-line from-" + line.from });
    var who = { customer: "Customer", assistant: "Assistant", agent: "You", system: "" }[line.from] || "";
    if (who) li.append(el("span", { class: "chat-who" }, who + ": "));
    li.append(el("span", { class: "chat-text" }, line.text));
    if (line.from === "customer" && line.intent) li.append(el("span", { class: "muted" }, " [" + line.intent + " " + Math.round((line.confidence || 0) * 100) + " %]"));
    log.append(li);
    li.scrollIntoView({ block: "nearest" });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || !current) return;
    input.value = "";
    send({ type: "message", conversation: current, text: text });
  });
  endButton.addEventListener("click", function () { if (current) send({ type: "end", conversation: current }); });
  connect();
})();

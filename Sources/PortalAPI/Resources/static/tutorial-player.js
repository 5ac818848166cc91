// Reports which stretches of a tutorial video were played, so the step counts as watched at 90 %.
// Stretches are [start, end] in seconds of the video; seeking starts a new stretch. Reports go out every
// few seconds while playing, on pause, at the end and when the page is left.
(function () {
  "use strict";
  var video = document.getElementById("step-video");
  if (!video || !video.dataset.report) return;
  var url = video.dataset.report;
  var csrf = video.dataset.csrf;
  var status = document.getElementById("watched");
  var duration = parseFloat(video.dataset.duration) || 0;
  var pending = [];
  var start = null;
  var last = null;
  var watched = [];

  function close() {
    if (start !== null && last !== null && last > start) {
      pending.push([start, last]);
      watched.push([start, last]);
    }
    start = null;
    last = null;
  }

  function covered() {
    var sorted = watched.slice().sort(function (a, b) { return a[0] - b[0]; });
    var total = 0, from = null, to = null;
    sorted.forEach(function (r) {
      if (from === null || r[0] > to + 0.5) { if (from !== null) total += to - from; from = r[0]; to = r[1]; } else { to = Math.max(to, r[1]); }
    });
    if (from !== null) total += to - from;
    return total;
  }

  function send(useBeacon) {
    if (start !== null && last !== null && last > start) { pending.push([start, last]); watched.push([start, last]); start = last; }
    if (!pending.length) return;
    var body = new URLSearchParams();
    body.set("csrf", csrf);
    body.set("ranges", JSON.stringify(pending));
    pending = [];
    if (useBeacon && navigator.sendBeacon) { navigator.sendBeacon(url, body); return; }
    fetch(url, { method: "POST", credentials: "same-origin", body: body,
                 headers: { "Content-Type": "application/x-www-form-urlencoded" } }).catch(function () {});
    if (status && duration > 0) {
      var share = Math.min(100, Math.round(covered() * 100 / duration));
      status.textContent = share >= 90 ? "Watched." : "Watched " + share + " %.";
    }
  }

  video.addEventListener("timeupdate", function () {
    if (video.paused || video.seeking) return;
    var t = video.currentTime;
    if (start === null) { start = t; last = t; return; }
    // A jump (seek without a seeking event, or a stall) starts a new stretch.
    if (t < last || t - last > 1.5) { close(); start = t; }
    last = t;
  });
  video.addEventListener("seeking", close);
  video.addEventListener("pause", function () { close(); send(false); });
  video.addEventListener("ended", function () { last = video.currentTime; close(); send(false); });
  setInterval(function () { if (!video.paused) send(false); }, 5000);
  window.addEventListener("pagehide", function () { close(); send(true); });
})();

// The anti-bot check of the sign-up and forgot-password forms (and of the sign-in form after
// failed attempts): a proof of work, solved in this page.
//
// The page carries a challenge signed by the server (data-captcha, data-captcha-difficulty). The
// check is a nonce such that SHA-256(challenge ":" nonce) starts with `difficulty` zero bits: a
// browser finds one in a second or two, while a bot pays the same for every attempt. The answer,
// `challenge:nonce`, goes into the form's hidden `captcha` field. Nothing is fetched and nothing
// about the visitor is collected.
//
// The form can be sent at any time: while the check still runs, sending waits for it and then
// goes ahead by itself. The submit button is never disabled, so the form works from the keyboard.
// Each challenge is accepted once; the server renders a fresh one with every form it sends.
//
// Loaded with <script src defer>: the content security policy forbids inline script.
(function () {
  "use strict";

  // Digests requested at once (WebCrypto answers asynchronously, so one at a time is slow), and
  // how many tries between pauses that let the page paint and handle input.
  var BATCH = 256;
  var PAUSE_EVERY = 4096;

  function leadingZeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i += 1) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  }

  function pause() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  // The first nonce (base 36, like the server's own solver) that meets the difficulty.
  async function solve(challenge, difficulty, progress) {
    var encoder = new TextEncoder();
    var prefix = challenge + ":";
    var tried = 0;
    for (;;) {
      var pending = [];
      for (var i = 0; i < BATCH; i += 1) {
        pending.push(crypto.subtle.digest("SHA-256", encoder.encode(prefix + (tried + i).toString(36))));
      }
      var digests = await Promise.all(pending);
      for (var j = 0; j < digests.length; j += 1) {
        if (leadingZeroBits(new Uint8Array(digests[j])) >= difficulty) { return prefix + (tried + j).toString(36); }
      }
      tried += BATCH;
      if (tried % PAUSE_EVERY === 0) {
        progress(tried);
        await pause();
      }
    }
  }

  function attach(box) {
    var form = box.closest("form");
    var field = box.querySelector("input[name=captcha]");
    var status = box.querySelector(".captcha-status");
    if (!form || !field || !status) { return; }
    var challenge = box.getAttribute("data-captcha");
    var difficulty = parseInt(box.getAttribute("data-captcha-difficulty"), 10) || 0;

    // Shown, not announced: the live region speaks when the check starts and when it is done.
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.className = "captcha-progress";
    bar.setAttribute("aria-hidden", "true");
    status.insertAdjacentElement("afterend", bar);

    var state = "running";
    var waitingSubmitter = null;
    var waiting = false;

    function say(text, kind) {
      status.textContent = text;
      box.setAttribute("data-state", kind);
    }

    if (!window.crypto || !crypto.subtle || !window.TextEncoder) {
      // WebCrypto exists only on secure pages (HTTPS, or localhost).
      state = "failed";
      bar.remove();
      say("This browser cannot run the anti-bot check on this page. Open the portal over HTTPS, or use an up-to-date browser.", "failed");
      return;
    }

    say("Running a quick anti-bot check in your browser…", "running");

    form.addEventListener("submit", function (event) {
      if (state !== "running") { return; }
      event.preventDefault();
      if (waiting) { return; }
      waiting = true;
      waitingSubmitter = event.submitter || null;
      say("Finishing the anti-bot check. The form will be sent as soon as it is done…", "running");
    });

    // The chance of having found a solution after n tries, with 2^difficulty tries expected.
    var expected = Math.pow(2, difficulty);
    solve(challenge, difficulty, function (tried) {
      bar.value = Math.min(99, Math.round(100 * (1 - Math.exp(-tried / expected))));
    }).then(function (solution) {
      field.value = solution;
      state = "solved";
      bar.value = 100;
      say("Check passed.", "passed");
      if (waiting) {
        if (form.requestSubmit) { form.requestSubmit(waitingSubmitter); } else { form.submit(); }
      }
    }, function () {
      state = "failed";
      say("The anti-bot check could not run in this browser. Reload the page to try again.", "failed");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-captcha]"), attach);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

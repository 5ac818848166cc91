// Password strength meter for the sign-up, reset and change-password forms.
//
// A progressive enhancement: the forms work without it, and the server's password policy stays
// authoritative (8–256 characters, not common or breached, not made from the e-mail address or
// name, not one of the last five). The estimate below only helps while typing: it splits the
// password into the patterns a guesser tries first (common passwords and words, the person's own
// address and name, keyboard rows, sequences, repeats, years) and counts what is left as random
// characters, then turns the estimated number of guesses (in bits) into a score from 0 to 4.
//
// Loaded with <script src defer>: the content security policy forbids inline script.
(function () {
  "use strict";

  // The most used passwords (lower case). A small sample of the server's much longer list.
  var COMMON_PASSWORDS = [
    "password", "123456", "12345678", "123456789", "1234567890", "qwerty", "qwertyuiop", "abc123", "111111", "123123",
    "baseball", "football", "superman", "1qaz2wsx", "trustno1", "sunshine", "iloveyou", "computer", "starwars", "princess",
    "11111111", "corvette", "1234qwer", "internet", "samantha", "q1w2e3r4t5", "maverick", "whatever", "mercedes", "steelers",
    "qwer1234", "midnight", "password1", "1q2w3e4r", "cocacola", "asdfasdf", "12344321", "liverpool", "qwerty123", "passw0rd",
    "abcd1234", "slipknot", "scorpion", "startrek", "asdfghjkl", "qazwsxedc", "dolphins", "mountain", "elephant", "1q2w3e4r5t",
    "creative", "garfield", "1qazxsw2", "brooklyn", "godzilla", "darkness", "blink182", "platinum", "11223344", "snowball",
    "nintendo", "explorer", "guinness", "lasvegas", "789456123", "asdf1234", "babygirl", "minecraft", "metallica", "snickers",
    "paradise", "147258369", "lacrosse", "poohbear", "qweasdzxc", "einstein", "spitfire", "champion", "security", "zaq12wsx",
    "scarface", "qwerty12", "stargate", "12345qwert", "scotland", "simpsons", "infinity", "passport", "password123", "hello123",
    "123qweasd", "predator", "panthers", "peekaboo", "letmein", "welcome", "monkey", "dragon", "master", "shadow", "admin",
    "login", "freedom", "whatever", "trustme", "access", "batman", "michael", "jordan", "mustang", "harley", "ranger",
    "jennifer", "hunter", "buster", "soccer", "hockey", "killer", "charlie", "thomas", "tigger", "pepper", "ginger", "daniel",
    "letmein1", "welcome1", "admin123", "p@ssw0rd", "p@ssword", "changeme", "zaq1xsw2", "000000", "654321", "666666",
    "121212", "7777777", "987654321", "qazwsx", "pass1234", "test1234", "iloveyou1", "princess1", "sunshine1", "football1",
    "correcthorsebatterystaple",
  ];

  // Common words people build passwords from (lower case, at least four letters).
  var COMMON_WORDS = [
    "love", "hello", "secret", "summer", "winter", "spring", "autumn", "flower", "angel", "happy", "heaven", "family",
    "friend", "friends", "money", "power", "magic", "music", "dance", "party", "sweet", "honey", "baby", "lucky", "smile",
    "sunny", "purple", "orange", "yellow", "black", "white", "green", "silver", "golden", "diamond", "banana", "cheese",
    "chocolate", "coffee", "cookie", "apple", "google", "facebook", "samsung", "iphone", "windows", "portal", "support",
    "customer", "company", "office", "house", "home", "world", "earth", "ocean", "river", "water", "fire", "storm",
    "thunder", "tiger", "lion", "eagle", "horse", "puppy", "kitty", "kitten", "doggy", "bear", "wolf", "fish", "bird",
    "monday", "tuesday", "friday", "sunday", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "london", "paris", "berlin", "america", "canada", "england",
    "europe", "jesus", "christ", "blessed", "faith", "grace", "hope", "peace", "freedom", "liberty", "dream", "forever",
    "always", "never", "sexy", "cool", "crazy", "hot", "king", "queen", "prince", "princess", "star", "moon", "rock",
    "rocks", "game", "games", "player", "gamer", "pokemon", "ninja", "pirate", "zombie", "soccer", "hockey", "tennis",
    "guitar", "piano", "matrix", "hacker", "admin", "user", "guest", "test", "login", "pass", "word", "letme", "welcome",
    "qwerty", "asdf", "abcd", "name", "mother", "father", "sister", "brother", "daughter", "husband", "wife",
  ];

  var KEYBOARD_ROWS = [
    "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "~!@#$%^&*()_+", "qwertzuiop", "azertyuiop",
    "yxcvbnm", "wxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/", "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
  ];
  var SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "0123456789"];
  var LEET = { "@": "a", "4": "a", "8": "b", "(": "c", "3": "e", "6": "g", "1": "i", "!": "i", "|": "l", "0": "o", "$": "s", "5": "s", "7": "t", "+": "t", "2": "z" };
  var LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"];

  var commonPasswords = {};
  COMMON_PASSWORDS.forEach(function (p) { commonPasswords[p] = true; });
  var commonWords = {};
  COMMON_WORDS.concat(COMMON_PASSWORDS).forEach(function (w) { if (w.length >= 4) { commonWords[w] = true; } });

  function log2(x) { return Math.log(x) / Math.LN2; }

  function chars(s) { return Array.from(s); }

  function unleet(s) {
    return chars(s).map(function (c) { return LEET[c] || c; }).join("");
  }

  // Bits per character for a password of these characters: the size of the alphabet it draws on.
  function poolBits(list) {
    var lower = false, upper = false, digit = false, symbol = false, other = false;
    list.forEach(function (c) {
      if (c >= "a" && c <= "z") { lower = true; }
      else if (c >= "A" && c <= "Z") { upper = true; }
      else if (c >= "0" && c <= "9") { digit = true; }
      else if (c.charCodeAt(0) < 128) { symbol = true; }
      else { other = true; }
    });
    var size = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    return log2(Math.max(size, 10));
  }

  // Length of the run starting at i that follows one of the strings in `lines`, forwards or backwards.
  function runIn(lower, i, lines) {
    var best = 0;
    lines.forEach(function (line) {
      [line, chars(line).reverse().join("")].forEach(function (l) {
        var start = l.indexOf(lower[i]);
        if (start < 0) { return; }
        var n = 1;
        while (i + n < lower.length && l[start + n] === lower[i + n]) { n += 1; }
        if (n > best) { best = n; }
      });
    });
    return best;
  }

  // The longest pattern starting at position i, or null.
  function patternAt(original, lower, plain, i, personal) {
    var best = null;
    function consider(length, bits, kind) {
      if (length < 3) { return; }
      if (!best || length > best.length || (length === best.length && bits < best.bits)) {
        best = { length: length, bits: bits, kind: kind };
      }
    }
    var segmentHasUpper = function (length) { return original.slice(i, i + length).some(function (c) { return c !== c.toLowerCase(); }); };
    var segmentHasLeet = function (length) { return lower.slice(i, i + length).join("") !== plain.slice(i, i + length).join(""); };

    personal.forEach(function (word) {
      var length = chars(word).length;
      var text = plain.slice(i, i + length).join("");
      if (text === word || lower.slice(i, i + length).join("") === word) { consider(length, 3, "personal"); }
    });
    for (var length = Math.min(plain.length - i, 30); length >= 4; length -= 1) {
      var candidate = plain.slice(i, i + length).join("");
      if (commonWords[candidate]) {
        var bits = (commonPasswords[candidate] ? 8 : 11) + (segmentHasUpper(length) ? 1 : 0) + (segmentHasLeet(length) ? 1 : 0);
        consider(length, bits, "word");
        break;
      }
    }
    var keyboard = runIn(lower, i, KEYBOARD_ROWS);
    consider(keyboard, 6 + log2(Math.max(keyboard, 1)), "keyboard");
    var sequence = runIn(lower, i, SEQUENCES);
    consider(sequence, 5 + log2(Math.max(sequence, 1)), "sequence");
    var repeat = 1;
    while (i + repeat < lower.length && lower[i + repeat] === lower[i]) { repeat += 1; }
    consider(repeat, 4 + log2(repeat), "repeat");
    var year = lower.slice(i, i + 4).join("");
    if (/^(19|20)\d\d$/.test(year)) { consider(4, 7, "year"); }
    return best;
  }

  // Estimated bits of guessing work, and which patterns were found.
  function estimate(password, personal) {
    var original = chars(password);
    var lower = chars(password.toLowerCase());
    var plain = chars(unleet(password.toLowerCase()));
    var found = {};
    // A password that is one shorter piece repeated is as strong as the piece, barely more.
    for (var unit = 1; unit <= original.length / 2; unit += 1) {
      if (original.length % unit === 0 && original.slice(0, unit).join("").repeat(original.length / unit) === password) {
        var inner = estimate(original.slice(0, unit).join(""), personal);
        inner.found.repeat = true;
        return { bits: inner.bits + log2(original.length / unit), found: inner.found };
      }
    }
    var separators = /[\s\-_.]/;
    var perChar = poolBits(original.filter(function (c) { return !separators.test(c); }));
    var bits = 0, i = 0, pieces = 0;
    while (i < original.length) {
      var p = patternAt(original, lower, plain, i, personal);
      var letters = 0;
      while (i + letters < original.length && /\p{L}/u.test(original[i + letters]) && (letters === 0 || original[i + letters] === lower[i + letters])) { letters += 1; }
      if (p) {
        bits += p.bits;
        found[p.kind] = true;
        i += p.length;
      } else if (letters >= 4) {
        // A word not on the list: as hard as one from a large dictionary, not as random letters.
        bits += Math.min(letters * perChar, 6 + 2.2 * letters) + (original[i] !== lower[i] ? 1 : 0);
        i += letters;
      } else if (separators.test(original[i])) {
        bits += 1;
        i += 1;
      } else {
        bits += perChar;
        i += 1;
      }
      pieces += 1;
    }
    // Joining pieces in some order adds a little work for the guesser.
    bits += log2(Math.max(pieces, 1));
    return { bits: bits, found: found };
  }

  // The person's own words, as the server sees them: the e-mail address (whole, its local part and
  // that part's pieces) and the name (whole and its parts), from the same form's fields or, where
  // the form has none, from the input's data-email and data-name attributes.
  function personalWords(input) {
    var form = input.form;
    function value(name) {
      var field = form ? form.elements.namedItem(name) : null;
      if (field && typeof field.value === "string" && field.type !== "hidden") { return field.value; }
      return input.getAttribute("data-" + name) || "";
    }
    var words = [];
    var strip = function (s) { return s.replace(/[^\p{L}\p{N}]/gu, ""); };
    var email = value("email").toLowerCase();
    if (email) {
      var local = email.split("@")[0];
      words.push(strip(email), strip(local));
      local.split(/[^\p{L}\p{N}]+/u).forEach(function (w) { words.push(w); });
    }
    var name = value("name").toLowerCase();
    if (name) {
      words.push(strip(name));
      name.split(/[^\p{L}\p{N}]+/u).forEach(function (w) { words.push(w); });
    }
    return words.filter(function (w, index) { return chars(w).length >= 3 && words.indexOf(w) === index; })
      .sort(function (a, b) { return chars(b).length - chars(a).length; });
  }

  // Score 0–4 and a short text for the meter.
  function assess(password, input) {
    var length = chars(password).length;
    var min = parseInt(input.getAttribute("minlength"), 10) || 8;
    var max = parseInt(input.getAttribute("data-max-length"), 10) || 256;
    if (length === 0) { return { score: -1, text: "" }; }
    if (length > max) { return { score: 0, text: "Too long: use at most " + max + " characters." }; }
    var lowered = password.toLowerCase();
    if (commonPasswords[lowered] || commonPasswords[unleet(lowered)]) {
      return { score: 0, text: "Very weak: this is one of the most used passwords." };
    }
    if (length >= min && new Set(chars(lowered)).size <= 2) {
      return { score: 0, text: "Very weak: it has too few different characters." };
    }
    var personal = personalWords(input);
    var stripped = lowered.replace(/[^\p{L}\p{N}]/gu, "");
    var fromPersonal = personal.some(function (w) { return chars(w).length >= 4 && stripped.indexOf(w) >= 0 && chars(w).length * 2 >= chars(stripped).length; });
    if (length < min) { return { score: 0, text: "Too short: use at least " + min + " characters." }; }
    if (fromPersonal) { return { score: 0, text: "Very weak: don’t build your password from your e-mail address or name." }; }

    var result = estimate(password, personal);
    var bits = result.bits;
    var score = bits < 24 ? 0 : bits < 32 ? 1 : bits < 42 ? 2 : bits < 54 ? 3 : 4;
    var tip = "";
    if (score < 4) {
      if (result.found.personal) { tip = "Leave out your name and e-mail address."; }
      else if (result.found.keyboard) { tip = "Avoid keyboard patterns like qwerty or asdf."; }
      else if (result.found.sequence) { tip = "Avoid sequences like abc or 1234."; }
      else if (result.found.repeat) { tip = "Avoid repeated characters and words."; }
      else if (result.found.year) { tip = "Avoid years and dates."; }
      else if (result.found.word) { tip = "Common words are easy to guess: add another unrelated word."; }
      else if (score < 3) { tip = "Make it longer: a few unrelated words work well."; }
    }
    return { score: score, text: "Strength: " + LABELS[score].toLowerCase() + "." + (tip ? " " + tip : "") };
  }

  function attach(input) {
    var box = document.createElement("div");
    box.className = "strength";
    box.setAttribute("data-score", "-1");
    var bar = document.createElement("div");
    bar.className = "strength-bar";
    bar.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 5; i += 1) { bar.appendChild(document.createElement("span")); }
    var text = document.createElement("p");
    text.className = "strength-text";
    text.id = input.id + "-strength";
    // Announced politely, and only once typing pauses, so a screen reader is not flooded.
    text.setAttribute("aria-live", "polite");
    box.appendChild(bar);
    box.appendChild(text);
    input.insertAdjacentElement("afterend", box);

    var timer = null;
    function update() {
      var result = assess(input.value, input);
      box.setAttribute("data-score", String(result.score));
      clearTimeout(timer);
      timer = setTimeout(function () { text.textContent = result.text; }, input.value ? 400 : 0);
    }
    input.addEventListener("input", update);
    if (input.form) {
      ["email", "name"].forEach(function (name) {
        var field = input.form.elements.namedItem(name);
        if (field && field.addEventListener) { field.addEventListener("input", function () { if (input.value) { update(); } }); }
      });
    }
    if (input.value) { update(); }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-strength]"), attach);
  }

  // Exposed for the checks in the test suite; nothing on the page uses it.
  if (typeof window !== "undefined") { window.portalPasswordStrength = { assess: assess, estimate: estimate }; }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

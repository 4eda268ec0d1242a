/* Een wijkanalyse maken: one SCORM 1.2 SCO with four pages of text and a quiz of three questions. */
(function () {
  "use strict";

  var MAX_PARENT_STEPS = 7;
  var PASS_MARK = 2;

  /* ---- Talking to the LMS (SCORM 1.2 run-time API) ---- */

  function apiIn(win) {
    var steps = 0;
    try {
      while (win && !win.API && win.parent && win.parent !== win && steps < MAX_PARENT_STEPS) {
        steps += 1;
        win = win.parent;
      }
      return win && win.API ? win.API : null;
    } catch (e) {
      return null; // a window of another origin: no API there
    }
  }

  function findApi() {
    var api = apiIn(window);
    if (!api && window.opener) {
      api = apiIn(window.opener);
    }
    return api;
  }

  var lms = {
    api: null,
    running: false,
    startedAt: Date.now(),

    start: function () {
      this.api = findApi();
      if (!this.api) {
        return false;
      }
      this.running = String(this.api.LMSInitialize("")) === "true";
      return this.running;
    },
    get: function (name) {
      return this.running ? String(this.api.LMSGetValue(name) || "") : "";
    },
    set: function (name, value) {
      if (this.running) {
        this.api.LMSSetValue(name, String(value));
      }
    },
    commit: function () {
      if (this.running) {
        this.api.LMSCommit("");
      }
    },
    finish: function () {
      if (!this.running) {
        return;
      }
      this.set("cmi.core.session_time", sessionTime(Date.now() - this.startedAt));
      this.commit();
      this.api.LMSFinish("");
      this.running = false;
    }
  };

  function twoDigits(n) {
    return n < 10 ? "0" + n : String(n);
  }

  /* CMITimespan: HH:MM:SS (hours may run to four digits). */
  function sessionTime(ms) {
    var total = Math.max(0, Math.round(ms / 1000));
    var hours = Math.min(9999, Math.floor(total / 3600));
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    return twoDigits(hours) + ":" + twoDigits(minutes) + ":" + twoDigits(seconds);
  }

  /* ---- State of this attempt ---- */

  var pages = Array.prototype.slice.call(document.querySelectorAll(".pagina"));
  var questions = Array.prototype.slice.call(document.querySelectorAll(".vraag"));
  var current = 0;
  var state = { antwoorden: {}, gecontroleerd: false };

  function finalStatus(status) {
    return status === "passed" || status === "failed" || status === "completed";
  }

  function saveState() {
    lms.set("cmi.suspend_data", JSON.stringify(state));
  }

  function readState() {
    var raw = lms.get("cmi.suspend_data");
    if (!raw) {
      return;
    }
    try {
      var saved = JSON.parse(raw);
      if (saved && typeof saved.antwoorden === "object") {
        state.antwoorden = saved.antwoorden;
        state.gecontroleerd = saved.gecontroleerd === true;
      }
    } catch (e) {
      /* unreadable data from an earlier version: start again */
    }
  }

  /* ---- Pages ---- */

  var previousButton = document.getElementById("vorige");
  var nextButton = document.getElementById("volgende");
  var progress = document.getElementById("voortgang");

  function showPage(index, moveFocus) {
    current = Math.max(0, Math.min(pages.length - 1, index));
    pages.forEach(function (page, i) {
      page.hidden = i !== current;
    });
    previousButton.disabled = current === 0;
    nextButton.disabled = current === pages.length - 1;
    progress.textContent = "Pagina " + (current + 1) + " van " + pages.length;
    if (moveFocus) {
      pages[current].querySelector("h1").focus();
    }
    lms.set("cmi.core.lesson_location", String(current + 1));
    if (!finalStatus(lms.get("cmi.core.lesson_status"))) {
      lms.set("cmi.core.lesson_status", "incomplete");
    }
    saveState();
    lms.commit();
  }

  /* ---- Quiz ---- */

  function answerOf(fieldset) {
    var checked = fieldset.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function restoreAnswers() {
    questions.forEach(function (fieldset) {
      var name = fieldset.querySelector("input[type=radio]").name;
      var value = state.antwoorden[name];
      if (value) {
        var input = fieldset.querySelector("input[value='" + value.replace(/[^a-z]/g, "") + "']");
        if (input) {
          input.checked = true;
        }
      }
    });
  }

  function rememberAnswer(event) {
    if (event.target.type !== "radio") {
      return;
    }
    state.antwoorden[event.target.name] = event.target.value;
    saveState();
    lms.commit();
  }

  function showFeedback() {
    var right = 0;
    questions.forEach(function (fieldset) {
      var name = fieldset.querySelector("input[type=radio]").name;
      var feedback = document.getElementById("t-" + name);
      var given = answerOf(fieldset);
      var correct = given !== "" && given === fieldset.getAttribute("data-goed");
      if (correct) {
        right += 1;
        feedback.textContent = "Goed.";
      } else {
        var label = fieldset.querySelector("input[value='" + fieldset.getAttribute("data-goed") + "'] + label");
        feedback.textContent = (given ? "Niet goed. " : "Niet beantwoord. ") + "Het juiste antwoord is: " + label.textContent + ".";
      }
      feedback.className = "terugkoppeling " + (correct ? "goed" : "fout");
    });
    var passed = right >= PASS_MARK;
    document.getElementById("uitslag").textContent =
      "Je hebt " + right + " van de " + questions.length + " vragen goed. " +
      (passed ? "Je hebt de module gehaald." : "Lees de pagina's nog eens en probeer het opnieuw.");
    return right;
  }

  function checkAnswers() {
    var right = showFeedback();
    var passed = right >= PASS_MARK;
    state.gecontroleerd = true;
    lms.set("cmi.core.score.min", "0");
    lms.set("cmi.core.score.max", "100");
    lms.set("cmi.core.score.raw", String(Math.round((100 * right) / questions.length)));
    lms.set("cmi.core.lesson_status", passed ? "passed" : "failed");
    lms.set("cmi.core.exit", "");
    saveState();
    lms.commit();
  }

  /* ---- Start and end ---- */

  function leave() {
    if (lms.running && !finalStatus(lms.get("cmi.core.lesson_status"))) {
      lms.set("cmi.core.exit", "suspend");
    }
    lms.finish();
  }

  function start() {
    var connected = lms.start();
    document.getElementById("melding").hidden = connected;
    var page = 0;
    if (connected) {
      var entry = lms.get("cmi.core.entry");
      var location = parseInt(lms.get("cmi.core.lesson_location"), 10);
      if (entry === "resume" || !isNaN(location)) {
        readState();
        if (!isNaN(location)) {
          page = location - 1;
        }
      }
    }
    restoreAnswers();
    if (state.gecontroleerd) {
      showFeedback();
    }
    showPage(page, false);

    previousButton.addEventListener("click", function () {
      showPage(current - 1, true);
    });
    nextButton.addEventListener("click", function () {
      showPage(current + 1, true);
    });
    document.getElementById("toets").addEventListener("change", rememberAnswer);
    document.getElementById("toets").addEventListener("submit", function (event) {
      event.preventDefault();
    });
    document.getElementById("controleer").addEventListener("click", checkAnswers);
    window.addEventListener("pagehide", leave);
    window.addEventListener("beforeunload", leave);
  }

  start();
})();

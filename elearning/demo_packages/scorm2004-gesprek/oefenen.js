/* Het keukentafelgesprek, SCO 2: three practice questions with a score. */
(function () {
  "use strict";

  var PASS_MARK = 2;
  var lms = window.OpbouwLms;
  var questions = Array.prototype.slice.call(document.querySelectorAll(".vraag"));
  var state = { antwoorden: {}, gecontroleerd: false };

  function nameOf(fieldset) {
    return fieldset.querySelector("input[type=radio]").name;
  }

  function answerOf(fieldset) {
    var checked = fieldset.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function save(location) {
    lms.set("cmi.location", location);
    lms.set("cmi.suspend_data", JSON.stringify(state));
    lms.commit();
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

  function restoreAnswers() {
    questions.forEach(function (fieldset) {
      var value = String(state.antwoorden[nameOf(fieldset)] || "").replace(/[^a-z]/g, "");
      var input = value && fieldset.querySelector("input[value='" + value + "']");
      if (input) {
        input.checked = true;
      }
    });
  }

  function showFeedback() {
    var right = 0;
    questions.forEach(function (fieldset) {
      var good = fieldset.getAttribute("data-goed");
      var given = answerOf(fieldset);
      var feedback = document.getElementById("t-" + nameOf(fieldset));
      var correct = given === good;
      if (correct) {
        right += 1;
        feedback.textContent = "Goed.";
      } else {
        var label = fieldset.querySelector("input[value='" + good + "'] + label");
        feedback.textContent = (given ? "Niet goed. " : "Niet beantwoord. ") + "Het juiste antwoord is: " + label.textContent + ".";
      }
      feedback.className = "terugkoppeling " + (correct ? "goed" : "fout");
    });
    document.getElementById("uitslag").textContent =
      "Je hebt " + right + " van de " + questions.length + " vragen goed. " +
      (right >= PASS_MARK ? "Je hebt de oefening gehaald." : "Lees de uitleg nog eens en probeer het opnieuw.");
    return right;
  }

  function checkAnswers() {
    var right = showFeedback();
    state.gecontroleerd = true;
    lms.set("cmi.score.min", "0");
    lms.set("cmi.score.max", String(questions.length));
    lms.set("cmi.score.raw", String(right));
    lms.set("cmi.score.scaled", (right / questions.length).toFixed(2));
    lms.set("cmi.success_status", right >= PASS_MARK ? "passed" : "failed");
    lms.set("cmi.completion_status", "completed");
    save("resultaat");
  }

  var connected = lms.start();
  document.getElementById("melding").hidden = connected;
  if (connected) {
    if (lms.get("cmi.entry") === "resume" || lms.get("cmi.location") !== "") {
      readState();
    }
    if (lms.get("cmi.completion_status") !== "completed") {
      lms.set("cmi.completion_status", "incomplete");
    }
  }
  restoreAnswers();
  if (state.gecontroleerd) {
    showFeedback();
  }
  save(state.gecontroleerd ? "resultaat" : "vragen");

  document.getElementById("toets").addEventListener("change", function (event) {
    if (event.target.type === "radio") {
      state.antwoorden[event.target.name] = event.target.value;
      save("vragen");
    }
  });
  document.getElementById("toets").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  document.getElementById("controleer").addEventListener("click", checkAnswers);
  document.getElementById("terug").addEventListener("click", function () {
    if (!lms.running) {
      window.location.href = "uitleg.html"; // opened outside the LMS: go back by ourselves
      return;
    }
    lms.end("previous");
  });
  document.getElementById("afronden").addEventListener("click", function () {
    lms.end("exit");
  });
})();

/* Het keukentafelgesprek, SCO 1: three pages of explanation; "Verder" asks the LMS for the next SCO. */
(function () {
  "use strict";

  var lms = window.OpbouwLms;
  var pages = Array.prototype.slice.call(document.querySelectorAll(".pagina"));
  var previousButton = document.getElementById("vorige");
  var nextButton = document.getElementById("volgende");
  var onwardButton = document.getElementById("verder");
  var progress = document.getElementById("voortgang");
  var current = 0;
  var furthest = 0;

  function showPage(index, moveFocus) {
    current = Math.max(0, Math.min(pages.length - 1, index));
    var last = current === pages.length - 1;
    pages.forEach(function (page, i) {
      page.hidden = i !== current;
    });
    previousButton.disabled = current === 0;
    nextButton.hidden = last;
    onwardButton.hidden = !last;
    progress.textContent = "Pagina " + (current + 1) + " van " + pages.length;
    if (moveFocus) {
      pages[current].querySelector("h1").focus();
    }
    lms.set("cmi.location", String(current + 1));
    if (last) {
      lms.set("cmi.completion_status", "completed");
    } else if (lms.get("cmi.completion_status") !== "completed") {
      lms.set("cmi.completion_status", "incomplete");
    }
    furthest = Math.max(furthest, current + 1);
    lms.set("cmi.suspend_data", JSON.stringify({ gelezen: furthest }));
    lms.commit();
  }

  var connected = lms.start();
  document.getElementById("melding").hidden = connected;
  var start = 0;
  if (connected) {
    var location = parseInt(lms.get("cmi.location"), 10);
    if (lms.get("cmi.entry") === "resume" || !isNaN(location)) {
      start = isNaN(location) ? 0 : location - 1;
      try {
        furthest = Number(JSON.parse(lms.get("cmi.suspend_data") || "{}").gelezen) || 0;
      } catch (e) {
        furthest = 0;
      }
    }
  }
  showPage(start, false);

  previousButton.addEventListener("click", function () {
    showPage(current - 1, true);
  });
  nextButton.addEventListener("click", function () {
    showPage(current + 1, true);
  });
  onwardButton.addEventListener("click", function () {
    if (!lms.running) {
      window.location.href = "oefenen.html"; // opened outside the LMS: go on by ourselves
      return;
    }
    onwardButton.disabled = true;
    lms.end("continue");
  });
})();

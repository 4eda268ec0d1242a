/* A small wrapper around the SCORM 2004 run-time API (API_1484_11), shared by both SCOs. */
(function () {
  "use strict";

  var MAX_PARENT_STEPS = 7;

  function apiIn(win) {
    var steps = 0;
    try {
      while (win && !win.API_1484_11 && win.parent && win.parent !== win && steps < MAX_PARENT_STEPS) {
        steps += 1;
        win = win.parent;
      }
      return win && win.API_1484_11 ? win.API_1484_11 : null;
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

  /* ISO 8601 duration, e.g. PT3M12S. */
  function sessionTime(ms) {
    var total = Math.max(0, Math.round(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var text = "PT";
    if (hours) { text += hours + "H"; }
    if (minutes) { text += minutes + "M"; }
    if (seconds || text === "PT") { text += seconds + "S"; }
    return text;
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
      this.running = String(this.api.Initialize("")) === "true";
      return this.running;
    },
    get: function (name) {
      return this.running ? String(this.api.GetValue(name) || "") : "";
    },
    set: function (name, value) {
      if (this.running) {
        this.api.SetValue(name, String(value));
      }
    },
    commit: function () {
      if (this.running) {
        this.api.Commit("");
      }
    },
    /* Ends the session; navRequest ("continue", "previous", "exit") tells the LMS what comes next. */
    end: function (navRequest) {
      if (!this.running) {
        return;
      }
      if (this.get("cmi.completion_status") !== "completed") {
        this.set("cmi.exit", "suspend");
      } else {
        this.set("cmi.exit", "normal");
      }
      this.set("cmi.session_time", sessionTime(Date.now() - this.startedAt));
      if (navRequest) {
        this.set("adl.nav.request", navRequest);
      }
      this.commit();
      this.running = false;
      this.api.Terminate("");
    },
    sessionTime: sessionTime
  };

  window.addEventListener("pagehide", function () { lms.end(""); });
  window.addEventListener("beforeunload", function () { lms.end(""); });

  window.OpbouwLms = lms;
})();

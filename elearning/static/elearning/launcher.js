/*
 * The e-learning launcher, on the content origin. It holds the SCORM API (scorm-again) in its own
 * window and loads the SCO in the child frame #sco, where the SCO finds the API through
 * window.parent; or it plays an H5P package with h5p-standalone. It never talks to the site's
 * server: everything the learner does goes to the lesson page (its parent, on the site origin)
 * by postMessage, and the lesson page stores it.
 *
 * Messages to the parent (targetOrigin = the site's origin):
 *   {type: "elearning:ready", item}
 *   {type: "elearning:commit", item, event: "commit" | "terminate" | "unload", cmi}
 *   {type: "elearning:progress", item, cmi}   (not stored yet; the parent keeps it for pagehide)
 *   {type: "elearning:navigate", item, request, target}   (SCORM 2004, after Terminate)
 *   {type: "elearning:xapi", item, statement}   (H5P)
 *   {type: "elearning:left", item}   (after "elearning:leave": the last state has been sent)
 * From the parent (accepted only from the site's origin and from window.parent):
 *   {type: "elearning:init", item, cmi, learner: {id, name}, has_next, has_previous}
 *   {type: "elearning:leave", item}   (the parent is about to load another item in the frame)
 */
(function () {
  "use strict";

  var stage = document.getElementById("elearning-launcher");
  if (!stage) {
    return;
  }
  var config = {
    kind: stage.dataset.kind,
    item: stage.dataset.item,
    siteOrigin: stage.dataset.siteOrigin,
    launchUrl: stage.dataset.launchUrl,
    h5pRoot: stage.dataset.h5pRoot,
    frameJs: stage.dataset.frameJs,
    frameCss: stage.dataset.frameCss,
  };
  var PROGRESS_DELAY_MS = 800;

  var api = null;
  var started = false;
  var unloading = false;
  var progressTimer = null;

  function toParent(message) {
    if (window.parent === window) {
      return;
    }
    message.item = config.item;
    window.parent.postMessage(message, config.siteOrigin);
  }

  // A deep copy through JSON: what the parent gets and stores is plain data, and loads back the
  // same way (loadFromJSON) on the next launch.
  function plain(value) {
    return JSON.parse(JSON.stringify(value || {}));
  }

  /*
   * The CMI as it stands, for a state the SCO did not commit itself (between commits, or when the
   * launcher goes before the SCO terminated). renderCommitCMI(true) includes total_time (the
   * launch's total plus this session). A session that ends without Terminate and without an exit
   * of its own counts as suspended, so that the learner resumes where the state was taken.
   */
  function uncommittedCmi() {
    var rendered = api.renderCommitCMI(true);
    var cmi = plain(rendered && rendered.cmi ? rendered.cmi : rendered);
    var scope = config.kind === "scorm2004" ? cmi : cmi.core || {};
    if (!scope.exit) {
      scope.exit = "suspend";
    }
    return cmi;
  }

  /*
   * The stored CMI, made ready for a new session: cmi.exit and session_time belong to the session
   * that wrote them; entry says how this one starts (SCORM 1.2 RTE 3.4.4 cmi.core.entry; SCORM 2004
   * RTE 4.2.9 cmi.entry): "ab-initio" the first time, "resume" after an exit with "suspend".
   */
  function cmiForLaunch(stored, learner, is2004) {
    var cmi = plain(stored);
    var fresh = Object.keys(cmi).length === 0;
    var scope = cmi;
    if (!is2004) {
      scope = cmi.core = cmi.core || {};
    }
    var exit = scope.exit;
    delete scope.exit;
    delete scope.session_time;
    scope.entry = fresh ? "ab-initio" : exit === "suspend" ? "resume" : "";
    if (is2004) {
      cmi.learner_id = String(learner.id);
      cmi.learner_name = learner.name || "";
    } else {
      scope.student_id = String(learner.id);
      scope.student_name = learner.name || "";
      scope.credit = scope.credit || "credit";
      scope.lesson_mode = scope.lesson_mode || "normal";
    }
    return cmi;
  }

  // scorm-again's http service, replaced: a commit is a message to the lesson page, and the SCO
  // is told it succeeded (the lesson page queues and retries the post to the site).
  var messageService = {
    processHttpRequest: function (url, params, immediate, apiLog, processListeners, metadata) {
      var terminate = Boolean(metadata && metadata.isTerminateCommit);
      window.clearTimeout(progressTimer);
      toParent({
        type: "elearning:commit",
        event: terminate ? "terminate" : unloading ? "unload" : "commit",
        cmi: plain(params && params.cmi ? params.cmi : params),
      });
      return { result: "true", errorCode: 0 };
    },
    updateSettings: function () {},
  };

  function navigationRequest() {
    var value = api.adl && api.adl.nav ? String(api.adl.nav.request || "") : "";
    var match = /^\{target=([^}]*)\}(choice|jump)$/.exec(value);
    if (match) {
      return { request: match[2], target: match[1] };
    }
    return { request: value, target: "" };
  }

  function startScorm(init) {
    var is2004 = config.kind === "scorm2004";
    var ApiClass = is2004 ? window.Scorm2004API : window.Scorm12API;
    api = new ApiClass({
      // Any string: without one scorm-again skips the http service. It is never fetched.
      lmsCommitUrl: "#elearning-commit",
      httpService: messageService,
      autocommit: false,
      alwaysSendTotalTime: true,
      sendFullCommit: true,
      dataCommitFormat: "json",
      logLevel: 4,
    });
    api.loadFromJSON(cmiForLaunch(init.cmi, init.learner || {}, is2004));

    if (is2004) {
      // What the lesson page can do next (RTE 4.4 adl.nav.request_valid); settable before Initialize.
      try {
        if (typeof init.has_next === "boolean") {
          api.adl.nav.request_valid.continue = init.has_next ? "true" : "false";
        }
        if (typeof init.has_previous === "boolean") {
          api.adl.nav.request_valid.previous = init.has_previous ? "true" : "false";
        }
      } catch (error) {
        // The default ("unknown") stands.
      }
      window.API_1484_11 = api;
      api.on("Terminate", function () {
        var nav = navigationRequest();
        if (!unloading && nav.request && nav.request !== "_none_") {
          toParent({ type: "elearning:navigate", request: nav.request, target: nav.target });
        }
      });
    } else {
      window.API = api;
    }

    // Between commits, the newest state goes to the lesson page too, so that closing the tab
    // (when the SCO may have no time left to commit) still saves it.
    api.on(is2004 ? "SetValue.cmi.*" : "LMSSetValue.cmi.*", function () {
      window.clearTimeout(progressTimer);
      progressTimer = window.setTimeout(function () {
        if (api.isInitialized()) {
          toParent({ type: "elearning:progress", cmi: uncommittedCmi() });
        }
      }, PROGRESS_DELAY_MS);
    });

    document.getElementById("sco").src = config.launchUrl;
  }

  function startH5p() {
    var element = document.getElementById("h5p");
    new window.H5PStandalone.H5P(element, {
      h5pJsonPath: config.h5pRoot,
      frameJs: config.frameJs,
      frameCss: config.frameCss,
      frame: false,
      fullScreen: true,
    }).then(function () {
      // h5p-standalone plays the item in a frame of its own, without a name or a title: both
      // get the item's title, so that a screen reader says what the frame holds.
      var itemFrame = element.querySelector("iframe");
      if (itemFrame) {
        itemFrame.title = document.title;
        try {
          itemFrame.contentDocument.title = document.title;
        } catch (error) {
          // Another origin: its own document's title stands.
        }
      }
      window.H5P.externalDispatcher.on("xAPI", function (event) {
        toParent({ type: "elearning:xapi", statement: plain(event.data.statement) });
      });
    });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== config.siteOrigin || event.source !== window.parent) {
      return;
    }
    var data = event.data;
    if (!data || data.item !== config.item) {
      return;
    }
    if (data.type === "elearning:init" && !started) {
      started = true;
      if (config.kind === "h5p") {
        startH5p();
      } else {
        startScorm(data);
      }
    } else if (data.type === "elearning:leave") {
      // The lesson page opens another item: the state goes now, while this window can still be
      // recognised as the frame's (a message sent from pagehide arrives without a source).
      sendLastState();
      toParent({ type: "elearning:left" });
    }
  });

  // The last state when the launcher goes while the SCO has not terminated.
  function sendLastState() {
    unloading = true;
    window.clearTimeout(progressTimer);
    if (api && api.isInitialized() && !api.isTerminated()) {
      toParent({ type: "elearning:commit", event: "unload", cmi: uncommittedCmi() });
    }
  }

  window.addEventListener("pagehide", sendLastState);

  toParent({ type: "elearning:ready" });
})();

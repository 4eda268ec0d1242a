/*
 * The e-learning player on the lesson page (site origin). It loads the launcher (content origin)
 * in #elearning-frame, answers it by postMessage, and posts what the launcher reports to the
 * site's commit endpoint with the learner's session and CSRF token: one post at a time, in order.
 *
 * Configuration (json_script "elearning-config"): kind, content_origin, launcher_url, commit_url,
 * items [{identifier, title, depth, launchable}], current, states {identifier: cmi},
 * learner {id, name}, and optionally lesson_done.
 * Messages are accepted only from content_origin and from the frame's window.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-elearning-player]");
  var configElement = document.getElementById("elearning-config");
  if (!root || !configElement) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var frame = root.querySelector("#elearning-frame");
  var statusRegion = root.querySelector('[role="status"]');
  var outline = root.querySelector("[data-elearning-outline]");
  var tokenInput = root.querySelector('input[name="csrfmiddlewaretoken"]');
  var labels = root.dataset;

  var RETRY_FIRST_MS = 2000;
  var RETRY_LAST_MS = 60000;
  var KEEPALIVE_MAX_BYTES = 60000; // browsers refuse keepalive bodies over 64 KiB in flight
  var LEAVE_WAIT_MS = 500;

  var items = config.items || [];
  var launchable = items.filter(function (item) {
    return item.launchable;
  });
  var states = Object.assign({}, config.states || {});
  var current = null;
  var lessonDone = Boolean(config.lesson_done);

  // Posts waiting for the endpoint, oldest first. A newer commit of an item takes the place of a
  // waiting one; xAPI statements each keep their own.
  var queue = [];
  var inFlight = null;
  var retryDelay = RETRY_FIRST_MS;
  var retryTimer = null;
  // The newest state the launcher reported between commits, per item, not yet posted.
  var unsaved = {};
  var pendingNotice = "";
  // The launcher in the frame has said it is ready; an item being left waits for its "left".
  var launcherReady = false;
  var leaving = null;

  function say(text) {
    if (!text) {
      return;
    }
    // Emptied first, so that the same message twice is announced twice.
    statusRegion.textContent = "";
    window.setTimeout(function () {
      statusRegion.textContent = text;
    }, 50);
  }

  function itemById(identifier) {
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].identifier === identifier) {
        return items[i];
      }
    }
    return null;
  }

  function launchableIndex(identifier) {
    for (var i = 0; i < launchable.length; i += 1) {
      if (launchable[i].identifier === identifier) {
        return i;
      }
    }
    return -1;
  }

  function showDone() {
    root.ownerDocument.querySelectorAll("[data-elearning-done]").forEach(function (element) {
      element.hidden = false;
    });
  }

  // --- Posting to the site -------------------------------------------------------------------

  function requestInit(body, keepalive) {
    var json = JSON.stringify(body);
    return {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": tokenInput ? tokenInput.value : "" },
      credentials: "same-origin",
      body: json,
      keepalive: Boolean(keepalive) && json.length <= KEEPALIVE_MAX_BYTES,
    };
  }

  function enqueue(body) {
    if (!config.commit_url) {
      // An editor looking at the package: nothing of theirs is kept.
      return;
    }
    if (body.event !== "xapi") {
      delete unsaved[body.item];
      for (var i = 0; i < queue.length; i += 1) {
        if (queue[i].event !== "xapi" && queue[i].item === body.item) {
          queue[i] = body;
          pump();
          return;
        }
      }
    }
    queue.push(body);
    pump();
  }

  // What the player itself has to say waits for the site's answer to the posts before it, so that
  // the two are read out together instead of one replacing the other.
  function notify(text) {
    if (inFlight || queue.length) {
      pendingNotice = text;
    } else {
      say(text);
    }
  }

  function sayAfterPost(text) {
    var parts = [text, pendingNotice];
    pendingNotice = "";
    say(parts.filter(Boolean).join(" "));
  }

  function handleAnswer(answer) {
    var text = answer.message || "";
    if (answer.lesson_done && !lessonDone) {
      lessonDone = true;
      showDone();
      text = text || labels.msgDone;
    }
    sayAfterPost(text);
  }

  function retryLater() {
    say(labels.msgOffline);
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      pump();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_LAST_MS);
  }

  function pump() {
    if (inFlight || retryTimer || queue.length === 0) {
      return;
    }
    inFlight = queue.shift();
    var body = inFlight;
    fetch(config.commit_url, requestInit(body, body.event === "unload"))
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (answer) {
            return { status: response.status, answer: answer };
          });
      })
      .then(
        function (result) {
          inFlight = null;
          if (result.status >= 500) {
            queue.unshift(body);
            retryLater();
            return;
          }
          retryDelay = RETRY_FIRST_MS;
          if (result.answer.ok) {
            handleAnswer(result.answer);
          } else {
            sayAfterPost(result.answer.error || result.answer.message || labels.msgFailed);
          }
          pump();
        },
        function () {
          // No answer at all: the network. The post waits at the front of the queue, unless a
          // newer commit of the same item arrived meanwhile.
          inFlight = null;
          var replaced = body.event !== "xapi" && queue.some(function (waiting) {
            return waiting.event !== "xapi" && waiting.item === body.item;
          });
          if (!replaced) {
            queue.unshift(body);
          }
          retryLater();
        }
      );
  }

  // The page goes: what has not reached the site yet goes with keepalive, which outlives the page.
  function flushOnLeave() {
    if (!config.commit_url) {
      return;
    }
    var leaving = [];
    if (inFlight && inFlight.event !== "xapi") {
      // A normal fetch still under way is cancelled with the page.
      leaving.push(inFlight);
    }
    leaving = leaving.concat(queue);
    Object.keys(unsaved).forEach(function (identifier) {
      var waiting = leaving.some(function (body) {
        return body.event !== "xapi" && body.item === identifier;
      });
      if (!waiting) {
        leaving.push({ item: identifier, event: "unload", cmi: unsaved[identifier] });
      }
    });
    queue = [];
    unsaved = {};
    leaving.forEach(function (body) {
      fetch(config.commit_url, requestInit(body, true)).catch(function () {});
    });
  }

  // --- The frame and the outline -------------------------------------------------------------

  function markCurrent() {
    if (!outline) {
      return;
    }
    outline.querySelectorAll("button[data-item]").forEach(function (button) {
      if (button.dataset.item === current) {
        button.setAttribute("aria-current", "true");
      } else {
        button.removeAttribute("aria-current");
      }
    });
  }

  // Another item is opened only after the launcher has sent the state of the one it plays: a
  // message it sends while its page goes arrives without a source, and is not accepted.
  function open(identifier, announce) {
    var item = itemById(identifier);
    if (!item || !item.launchable) {
      return;
    }
    if (leaving) {
      leaving.identifier = identifier;
      leaving.announce = announce;
      return;
    }
    if (!launcherReady) {
      load(item, announce);
      return;
    }
    leaving = { identifier: identifier, announce: announce, timer: window.setTimeout(left, LEAVE_WAIT_MS) };
    frame.contentWindow.postMessage({ type: "elearning:leave", item: current }, config.content_origin);
  }

  function left() {
    var next = leaving;
    window.clearTimeout(next.timer);
    leaving = null;
    load(itemById(next.identifier), next.announce);
  }

  function load(item, announce) {
    current = item.identifier;
    launcherReady = false;
    frame.title = labels.labelFrame + ": " + item.title;
    frame.src = config.launcher_url + "?item=" + encodeURIComponent(item.identifier);
    markCurrent();
    if (announce) {
      notify(`${labels.msgOpened} ${item.title}`);
    }
  }

  function outlineShown() {
    return Boolean(outline) && !outline.hidden;
  }

  function showOutline(message) {
    notify(message);
    if (outlineShown()) {
      var button = outline.querySelector('button[aria-current="true"]') || outline.querySelector("button");
      outline.scrollIntoView({ block: "nearest" });
      if (button) {
        button.focus();
      }
    }
  }

  function navigate(request, target) {
    var index = launchableIndex(current);
    if (request === "continue") {
      if (index >= 0 && index + 1 < launchable.length) {
        open(launchable[index + 1].identifier, true);
      } else {
        showOutline(labels.msgEnd);
      }
    } else if (request === "previous") {
      if (index > 0) {
        open(launchable[index - 1].identifier, true);
      } else {
        showOutline(outlineShown() ? labels.msgChoose : "");
      }
    } else if (request === "choice" || request === "jump") {
      if (launchableIndex(target) >= 0) {
        open(target, true);
      } else {
        showOutline(outlineShown() ? labels.msgChoose : "");
      }
    } else {
      // exit, exitAll, suspendAll, abandon, abandonAll: the learner stays, and chooses if there
      // is anything to choose.
      showOutline(outlineShown() ? labels.msgChoose : "");
    }
  }

  // --- Messages from the launcher ------------------------------------------------------------

  function knownItem(identifier) {
    return typeof identifier === "string" && itemById(identifier) !== null;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== config.content_origin || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || typeof data.type !== "string" || !knownItem(data.item)) {
      return;
    }
    var index;
    switch (data.type) {
      case "elearning:ready":
        if (data.item !== current) {
          return;
        }
        launcherReady = true;
        index = launchableIndex(current);
        frame.contentWindow.postMessage(
          {
            type: "elearning:init",
            item: current,
            cmi: states[current] || {},
            learner: config.learner,
            has_next: index >= 0 && index + 1 < launchable.length,
            has_previous: index > 0,
          },
          config.content_origin
        );
        break;
      case "elearning:commit":
        if (["commit", "terminate", "unload"].indexOf(data.event) === -1 || !data.cmi) {
          return;
        }
        states[data.item] = data.cmi;
        enqueue({ item: data.item, event: data.event, cmi: data.cmi });
        break;
      case "elearning:progress":
        if (data.cmi) {
          states[data.item] = data.cmi;
          unsaved[data.item] = data.cmi;
        }
        break;
      case "elearning:xapi":
        if (data.statement) {
          enqueue({ item: data.item, event: "xapi", statement: data.statement });
        }
        break;
      case "elearning:left":
        if (leaving && data.item === current) {
          left();
        }
        break;
      case "elearning:navigate":
        if (data.item === current) {
          navigate(String(data.request || ""), String(data.target || ""));
        }
        break;
      default:
        break;
    }
  });

  window.addEventListener("pagehide", flushOnLeave);

  if (outline) {
    if (launchable.length > 1) {
      outline.hidden = false;
      root.querySelector(".elearning-player__layout").classList.add("elearning-player__layout--with-outline");
    }
    outline.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-item]");
      if (button && button.dataset.item !== current) {
        open(button.dataset.item, true);
      }
    });
  }
  if (lessonDone) {
    showDone();
  }

  var first = launchableIndex(config.current) >= 0 ? config.current : launchable.length ? launchable[0].identifier : null;
  if (first) {
    open(first, false);
  }
})();

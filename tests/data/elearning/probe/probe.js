/*
 * A test package that tries what a hostile package would: read the site's cookies and make
 * requests to the site that carry the learner's session. Every outcome is written into the
 * page (<dd id="...">), for the browser test to read. window.probe(commitUrl) runs the tries;
 * the site's origin is the one the launcher (this frame's parent) talks to.
 */
(function () {
  "use strict";

  function record(name, value) {
    var list = document.getElementById("uitkomsten");
    var term = document.createElement("dt");
    term.textContent = name;
    var detail = document.createElement("dd");
    detail.id = name;
    detail.textContent = value;
    list.appendChild(term);
    list.appendChild(detail);
  }

  function outcome(promise) {
    return promise.then(
      function (response) {
        return "answered " + response.status;
      },
      function (error) {
        return "refused " + (error && error.name);
      }
    );
  }

  function siteOrigin() {
    try {
      return window.parent.document.getElementById("elearning-launcher").dataset.siteOrigin;
    } catch (error) {
      return "";
    }
  }

  window.probe = function (commitUrl) {
    var site = siteOrigin();
    record("site", site);
    record("cookie", document.cookie);

    var image = new Image();
    var imageDone = new Promise(function (resolve) {
      image.onload = function () {
        resolve("loaded");
      };
      image.onerror = function () {
        resolve("refused");
      };
    });
    image.src = site + "/mijn/";

    var form = document.createElement("form");
    form.method = "post";
    form.action = site + "/mijn/";
    form.target = "formulier";
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "proef";
    field.value = "1";
    form.appendChild(field);
    document.body.appendChild(form);
    var formOutcome = "submitted";
    try {
      form.submit();
    } catch (error) {
      formOutcome = "refused " + error.name;
    }
    record("form", formOutcome);

    return Promise.all([
      outcome(fetch(site + "/mijn/", { credentials: "include" })),
      outcome(
        fetch(site + commitUrl, {
          method: "POST",
          credentials: "include",
          headers: { "Content-Type": "application/json" },
          body: "{}",
        })
      ),
      imageDone,
    ]).then(function (results) {
      record("mijn", results[0]);
      record("voortgang", results[1]);
      record("img", results[2]);
      record("klaar", "ja");
    });
  };
})();

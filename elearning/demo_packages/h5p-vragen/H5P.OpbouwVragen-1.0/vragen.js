/* H5P.OpbouwVragen: a series of multiple-choice questions with feedback and a score. */
var H5P = H5P || {};

H5P.OpbouwVragen = (function (EventDispatcher) {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /**
   * @param {object} params content.json of the package
   * @param {string|number} contentId
   * @param {object} [extras] metadata and previous state given by the H5P core
   */
  function OpbouwVragen(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.questions = Array.isArray(this.params.vragen) ? this.params.vragen : [];
    this.passMark = Number(this.params.geslaagdVanaf) || this.questions.length;
    this.checked = false;
    this.score = 0;
    this.fieldsets = [];
    this.previousState = this.extras.previousState || null;
  }

  OpbouwVragen.prototype = Object.create(EventDispatcher.prototype);
  OpbouwVragen.prototype.constructor = OpbouwVragen;

  OpbouwVragen.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("h5p-opbouwvragen");
    root.setAttribute("lang", "nl");
    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }

    if (this.params.titel) {
      root.appendChild(element("h2", "opbouwvragen-titel", this.params.titel));
    }
    if (this.params.inleiding) {
      root.appendChild(element("p", "opbouwvragen-inleiding", this.params.inleiding));
    }

    var form = element("form", "opbouwvragen-formulier");
    form.noValidate = true;
    this.fieldsets = this.questions.map(function (question, q) {
      var fieldset = element("fieldset", "opbouwvragen-vraag");
      fieldset.appendChild(element("legend", "", (q + 1) + ". " + question.vraag));
      (question.opties || []).forEach(function (option, o) {
        var id = "opbouwvragen-" + self.contentId + "-" + q + "-" + o;
        var row = element("div", "opbouwvragen-optie");
        var input = element("input");
        input.type = "radio";
        input.name = "opbouwvragen-" + self.contentId + "-" + q;
        input.id = id;
        input.value = String(o);
        var label = element("label", "", option);
        label.htmlFor = id;
        row.appendChild(input);
        row.appendChild(label);
        fieldset.appendChild(row);
      });
      var feedback = element("p", "opbouwvragen-terugkoppeling");
      feedback.setAttribute("aria-live", "polite");
      fieldset.appendChild(feedback);
      form.appendChild(fieldset);
      return fieldset;
    });

    var buttons = element("div", "opbouwvragen-knoppen");
    this.checkButton = element("button", "opbouwvragen-knop", this.params.knopControleer || "Controleer");
    this.checkButton.type = "button";
    this.retryButton = element("button", "opbouwvragen-knop opbouwvragen-knop-licht", this.params.knopOpnieuw || "Opnieuw");
    this.retryButton.type = "button";
    this.retryButton.hidden = true;
    buttons.appendChild(this.checkButton);
    buttons.appendChild(this.retryButton);
    form.appendChild(buttons);

    this.result = element("p", "opbouwvragen-uitslag");
    this.result.setAttribute("role", "status");
    form.appendChild(this.result);
    root.appendChild(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("change", function () {
      self.setActivityStarted();
    });
    this.checkButton.addEventListener("click", function () {
      self.check();
    });
    this.retryButton.addEventListener("click", function () {
      self.resetTask();
      var first = root.querySelector("input[type=radio]");
      if (first) {
        first.focus();
      }
    });

    this.restore(this.previousState);
    this.trigger("resize");
  };

  /* Puts back the answers of an earlier visit (see getCurrentState); checked answers are shown
     with their feedback again, without a new xAPI statement. */
  OpbouwVragen.prototype.restore = function (state) {
    var self = this;
    if (!state || !Array.isArray(state.antwoorden)) {
      return;
    }
    state.antwoorden.forEach(function (answer, q) {
      var input = self.fieldsets[q] && self.fieldsets[q].querySelectorAll("input[type=radio]")[answer];
      if (input) {
        input.checked = true;
      }
    });
    if (state.gecontroleerd === true) {
      this.showResult();
    }
  };

  /* What the H5P core saves between visits: the chosen option of each question (-1: none). */
  OpbouwVragen.prototype.getCurrentState = function () {
    var self = this;
    if (!this.fieldsets.length) {
      return this.previousState || undefined;
    }
    return {
      antwoorden: this.questions.map(function (question, q) {
        return self.givenAnswer(q);
      }),
      gecontroleerd: this.checked
    };
  };

  OpbouwVragen.prototype.givenAnswer = function (q) {
    var checked = this.fieldsets[q].querySelector("input[type=radio]:checked");
    return checked ? Number(checked.value) : -1;
  };

  OpbouwVragen.prototype.check = function () {
    var right = this.showResult();
    var max = this.getMaxScore();
    this.triggerXAPIScored(right, max, "answered", true, right >= this.passMark);
  };

  /* Shows the feedback and the score, and returns the number of right answers. */
  OpbouwVragen.prototype.showResult = function () {
    var self = this;
    var right = 0;
    this.questions.forEach(function (question, q) {
      var given = self.givenAnswer(q);
      var correct = given === Number(question.goed);
      var feedback = self.fieldsets[q].querySelector(".opbouwvragen-terugkoppeling");
      if (correct) {
        right += 1;
      }
      feedback.textContent = correct ? question.feedbackGoed : question.feedbackFout;
      feedback.className = "opbouwvragen-terugkoppeling " + (correct ? "is-goed" : "is-fout");
      self.fieldsets[q].querySelectorAll("input").forEach(function (input) {
        input.disabled = true;
      });
    });
    this.score = right;
    this.checked = true;
    var max = this.getMaxScore();
    var passed = right >= this.passMark;
    this.result.textContent = "Je hebt " + right + " van de " + max + " vragen goed. " +
      (passed ? "Je hebt de oefening gehaald." : "Kies Opnieuw om het nog eens te proberen.");
    this.checkButton.hidden = true;
    this.retryButton.hidden = false;
    this.trigger("resize");
    return right;
  };

  OpbouwVragen.prototype.resetTask = function () {
    this.checked = false;
    this.score = 0;
    this.fieldsets.forEach(function (fieldset) {
      fieldset.querySelectorAll("input").forEach(function (input) {
        input.disabled = false;
        input.checked = false;
      });
      var feedback = fieldset.querySelector(".opbouwvragen-terugkoppeling");
      feedback.textContent = "";
      feedback.className = "opbouwvragen-terugkoppeling";
    });
    if (this.result) {
      this.result.textContent = "";
      this.checkButton.hidden = false;
      this.retryButton.hidden = true;
    }
    this.trigger("resize");
  };

  OpbouwVragen.prototype.getAnswerGiven = function () {
    return this.checked;
  };

  OpbouwVragen.prototype.getScore = function () {
    return this.score;
  };

  OpbouwVragen.prototype.getMaxScore = function () {
    return this.questions.length;
  };

  OpbouwVragen.prototype.getTitle = function () {
    return this.params.titel || "Vragen";
  };

  return OpbouwVragen;
})(H5P.EventDispatcher);

"""Blocks that only lessons use: a reflection assignment and check questions with feedback."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BodyBlock


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Antwoord"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Juist"), required=False)
    feedback = blocks.TextBlock(label=_("Terugkoppeling"), required=False)

    class Meta:
        icon = "radio-empty"


class CheckQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=300)
    answers = blocks.ListBlock(AnswerBlock(), label=_("Antwoorden"), min_num=2)

    class Meta:
        icon = "help"
        template = "courses/blocks/check_question.html"
        description = _("Een meerkeuzevraag met terugkoppeling per antwoord.")
        preview_value = {
            "question": "Wat is de eerste stap van het werkproces?",
            "answers": [
                {"text": "Analyse", "correct": True, "feedback": "Juist: eerst analyseren."},
                {"text": "Uitvoering", "correct": False, "feedback": "Eerst komt de analyse."},
            ],
        }


class ReflectionAssignmentBlock(blocks.StructBlock):
    assignment = blocks.TextBlock(label=_("Opdracht"))

    class Meta:
        icon = "edit"
        template = "courses/blocks/reflection_assignment.html"
        description = _(
            "Een reflectieopdracht die deelnemers inleveren en de aanbieder beoordeelt."
        )
        preview_value = {"assignment": "Beschrijf een buurtanalyse die je onlangs maakte."}


class LessonBlock(BodyBlock):
    check_question = CheckQuestionBlock(label=_("Controlevraag"))
    reflection = ReflectionAssignmentBlock(label=_("Reflectieopdracht"))

"""The versions of the beroepscode as they were published: what a practitioner accepts."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A label goes into the address of its PDF, so it is a year and a sequence number.
version_label_validator = RegexValidator(
    r"^\d{4}\.\d{1,3}$",
    _("Schrijf het versienummer als jaar en volgnummer, bijvoorbeeld 2026.1."),
)


class CodeVersion(models.Model):
    """One published version of the beroepscode, frozen: its articles as published, from the
    day it is in force. Versions are only added, never changed, so an acceptance always names
    the text the person accepted (DOMAIN.md, "Renewal and the code of conduct")."""

    label = models.CharField(
        _("versie"), max_length=10, unique=True, validators=[version_label_validator]
    )
    in_force_from = models.DateField(_("geldt vanaf"), unique=True)
    change_note = models.TextField(_("wat is er veranderd"), blank=True)
    # [{"number": 1, "title": "...", "text": "<p>rich text as stored by Wagtail</p>"}, ...]
    articles = models.JSONField(_("artikelen zoals gepubliceerd"))
    page = models.ForeignKey(
        "cms.CodeOfConductPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versions",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("versie van de beroepscode")
        verbose_name_plural = _("versies van de beroepscode")
        ordering = ["-in_force_from"]
        constraints = [
            models.CheckConstraint(condition=~Q(label=""), name="code_version_has_label"),
        ]

    def __str__(self):
        return _("Beroepscode versie %(v)s") % {"v": self.label}

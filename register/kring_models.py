"""The Kring Kwaliteitsmanagement Opbouwwerk's meetings: the circle of managers of the
organisations that employ opbouwwerkers meets (DOMAIN.md, "Concepts"). Its agendas and
minutes are for its members and the register office only, so they live on the private
storage and are served by a view that checks who asks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import private_storage


class KringMeeting(models.Model):
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=200)
    topic = models.CharField(_("thema"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijeenkomst van de Kring")
        verbose_name_plural = _("bijeenkomsten van de Kring")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.topic}"


def kring_document_upload_to(instance, filename):
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"kring/{instance.meeting_id}/{uuid.uuid4().hex}.{suffix[:5]}"


class KringDocument(models.Model):
    """An agenda or the minutes of a meeting, uploaded by the register office."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "notulen", _("Notulen")

    meeting = models.ForeignKey(KringMeeting, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=kring_document_upload_to
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document van de Kring")
        verbose_name_plural = _("documenten van de Kring")
        ordering = ["kind", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class KringTopic(models.Model):
    """A topic a member proposes for a meeting; every member reads the proposals."""

    meeting = models.ForeignKey(KringMeeting, on_delete=models.PROTECT, related_name="topics")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kring_topics",
        verbose_name=_("voorgesteld door"),
    )
    title = models.CharField(_("titel"), max_length=200)
    explanation = models.TextField(_("toelichting"), max_length=2000)
    proposed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voorgesteld onderwerp voor de Kring")
        verbose_name_plural = _("voorgestelde onderwerpen voor de Kring")
        ordering = ["proposed_at", "pk"]

    def __str__(self):
        return self.title

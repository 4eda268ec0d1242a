"""Revocation of the platform's credentials, published without naming anyone.

Each certificate and registration credential holds a random place (index) in a W3C Bitstring
Status List (VC Bitstring Status List v1.0); revoking it sets that bit. The list is published
as a whole, at least 131,072 places long, so it says how many credentials were revoked but not
whose: only the holder of a credential knows which bit is theirs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The specification's minimum length (16 KB), which gives every holder herd privacy.
MIN_ENTRIES = 131_072


class StatusList(models.Model):
    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("intrekking")

    purpose = models.CharField(
        _("doel"), max_length=20, choices=Purpose.choices, default=Purpose.REVOCATION
    )
    size = models.PositiveIntegerField(_("aantal plaatsen"), default=MIN_ENTRIES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statuslijst")
        verbose_name_plural = _("statuslijsten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__gte=MIN_ENTRIES), name="status_list_herd_privacy"
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.pk}"


class StatusEntry(models.Model):
    """One credential's place in a status list, found by the credential's own key
    (``certificaat:<code>``, ``registratie:<number>``), which survives moving the model that
    issued it."""

    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    index = models.PositiveIntegerField(_("positie"))
    credential_key = models.CharField(_("certificaat"), max_length=100, unique=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plaats in een statuslijst")
        verbose_name_plural = _("plaatsen in statuslijsten")
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "index"], name="status_entry_one_credential_per_place"
            )
        ]

    def __str__(self):
        return f"{self.status_list_id}#{self.index}"

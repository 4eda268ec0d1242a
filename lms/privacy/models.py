"""The one thing privacy stores itself: that an erasure happened, without personal data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureRecord(models.Model):
    """Proof that a person's data was erased, when, by whom and what it touched.

    It names the person only by the pseudonym the user row now carries, so the record itself
    holds no personal data; ``summary`` counts rows per model and action, nothing more.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure",
        verbose_name=_("pseudoniem account"),
    )
    pseudonym = models.CharField(_("pseudoniem"), max_length=64, unique=True)
    erased_at = models.DateTimeField(_("verwijderd op"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )
    on_own_request = models.BooleanField(_("op eigen verzoek"), default=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)

    class Meta:
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"{self.pseudonym} ({timezone.localtime(self.erased_at):%d-%m-%Y %H:%M})"

"""Wagtail's publication of the beroepscode page records its version, however it was published
(the admin, a scheduled publication, a script)."""

from .services import code_version_record


def code_version_on_publish(sender, instance, revision=None, **kwargs):
    code_version_record(page=instance, revision=revision)

"""The admin's form of the beroepscode page: a published version never changes."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from .services import code_version_problems


class CodeOfConductPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        # Only a publication records a version; a draft may be anything.
        if not self.data.get("action-publish") or self.errors:
            return cleaned
        articles = self.instance.articles_as_frozen(cleaned.get("articles") or [])
        for problem in code_version_problems(
            label=cleaned.get("version_label") or "",
            in_force_from=cleaned.get("in_force_from"),
            articles=articles,
            today=timezone.localdate(),
        ):
            self.add_error(None, problem)
        return cleaned

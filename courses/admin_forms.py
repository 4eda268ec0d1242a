"""The course editing form of the Wagtail admin.

It adds the checks that need more than one row: the course code is unique within the
provider, every meeting falls inside the dates of its edition, and an edition someone enrolled
in is not removed.
"""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        from .models import ProviderPage

        cleaned_data = super().clean()
        parent = self.parent_page
        if parent is not None and self.instance.provider_id is None:
            specific = parent.specific
            if isinstance(specific, ProviderPage):
                self.instance.provider_id = specific.pk
        self._check_meetings_inside_editions()
        self._check_editions_with_participants_kept()
        return cleaned_data

    def _check_editions_with_participants_kept(self) -> None:
        from .selectors import codes_of_editions_with_participants

        editions = self.formsets.get("editions")
        if editions is None or self.instance.pk is None:
            return
        # An edition deleted in the form, or missing from it, is one the save would delete.
        deleted = editions.deleted_forms
        kept = [form.instance.pk for form in editions.forms if form not in deleted]
        held = codes_of_editions_with_participants(course_id=self.instance.pk, other_than=kept)
        if held:
            self.add_error(
                None,
                _(
                    "Uitvoering %(codes)s heeft inschrijvingen en blijft daarom bewaard. "
                    "Zet de status op Geannuleerd in plaats van haar te verwijderen."
                )
                % {"codes": ", ".join(held)},
            )

    def _check_meetings_inside_editions(self) -> None:
        from .models import meeting_date_inside, meeting_outside_message

        editions = self.formsets.get("editions")
        if editions is None:
            return
        deleted_editions = editions.deleted_forms
        for edition_form in editions.forms:
            if not edition_form.is_valid() or edition_form in deleted_editions:
                continue
            start = edition_form.cleaned_data.get("start_date")
            end = edition_form.cleaned_data.get("end_date")
            meetings = edition_form.formsets.get("meetings")
            if not (start and end) or meetings is None:
                continue
            deleted_meetings = meetings.deleted_forms
            for meeting_form in meetings.forms:
                if not meeting_form.is_valid() or meeting_form in deleted_meetings:
                    continue
                day = meeting_form.cleaned_data.get("date")
                if day and not meeting_date_inside(day, edition_form.instance):
                    meeting_form.add_error("date", meeting_outside_message(edition_form.instance))

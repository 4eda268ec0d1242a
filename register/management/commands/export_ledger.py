"""Write every ledger entry of every practitioner, counted or not, as CSV.

Columns: person, source, source_id, date, hours, points, approach, form, course_kind, status,
course, minutes. ``status`` is ``counts`` or why the entry does not count on the day given
with ``--on`` (default today): a course counts once in the policy's window before that day.
``minutes`` is exact for sessions and practice months, and what totals are made of; ``hours``
is the same rounded per row, for a reader. ``course`` is the completion's course as
``page id/provider id/code``. See ``register.selectors.ledger`` for how a practice month is
split into approach × form rows.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lms import exports
from register.selectors import CSV_FIELDS, ledger_on, policy_in_force


class Command(BaseCommand):
    help = "Schrijf het grootboek van het register (alle onderbouwing) als CSV."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Pad van het CSV-bestand.")
        parser.add_argument("--on", help="Peildatum, JJJJ-MM-DD (standaard vandaag).")

    def handle(self, *args, out, on=None, **options):
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Geef de peildatum als JJJJ-MM-DD.") from exc
        policy = policy_in_force(on=day)
        count = 0
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = exports.csv_dict_writer(handle, fieldnames=CSV_FIELDS)
            writer.writeheader()
            for entry in ledger_on(on=day, policy=policy):
                writer.writerow(entry.as_row())
                count += 1
        self.stdout.write(f"{count} rijen op {day:%d-%m-%Y} geschreven naar {out}")

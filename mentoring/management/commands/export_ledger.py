"""Write every ledger entry of every practitioner, counted or not, as CSV.

Columns: person, source, source_id, date, hours, points, approach, form, course_kind, status
(``counts`` or why the entry does not count). See ``mentoring.register.ledger`` for how a
practice month is split into approach × form rows.
"""

from django.core.management.base import BaseCommand

from lms import exports
from mentoring.register.ledger import CSV_FIELDS, ledger_entries


class Command(BaseCommand):
    help = "Schrijf het grootboek van het register (alle onderbouwing) als CSV."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Pad van het CSV-bestand.")

    def handle(self, *args, out, **options):
        count = 0
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = exports.csv_dict_writer(handle, fieldnames=CSV_FIELDS)
            writer.writeheader()
            for entry in ledger_entries():
                writer.writerow(entry.as_row())
                count += 1
        self.stdout.write(f"{count} rijen geschreven naar {out}")

"""One row per practitioner and requirement on a date: person, requirement, required,
achieved, met. Computed for everyone at once (``evaluate_all``), under the policy in force.
Hours are shown to the tenth, rounded once on the total; ``met`` compares exact minutes."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from lms import exports
from register.selectors import evaluate_all, policy_in_force

FIELDS = ("person", "requirement", "required", "achieved", "met")


class Command(BaseCommand):
    help = "Schrijf per opbouwwerker en eis of aan de registereisen is voldaan (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--on", required=True, help="Peildatum, JJJJ-MM-DD.")
        parser.add_argument("--out", required=True, help="Pad van het CSV-bestand.")

    def handle(self, *args, on, out, **options):
        try:
            day = date.fromisoformat(on)
        except ValueError as exc:
            raise CommandError("Geef de peildatum als JJJJ-MM-DD.") from exc
        policy = policy_in_force(on=day)
        rows = 0
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = exports.csv_writer(handle)
            writer.writerow(FIELDS)
            for email, evaluation in evaluate_all(on=day, policy=policy):
                for r in evaluation.requirements:
                    writer.writerow(
                        [
                            email,
                            r.name,
                            r.required_shown,
                            r.achieved_shown,
                            "true" if r.met else "false",
                        ]
                    )
                    rows += 1
        self.stdout.write(f"{rows} rijen (beleid versie {policy.version}) geschreven naar {out}")

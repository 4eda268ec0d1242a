from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.legacy_import import ProviderNotFound, catalogue_import_for

OUTCOMES = {
    "imported": "geïmporteerd",
    "updated": "bijgewerkt",
    "unchanged": "ongewijzigd",
    "skipped": "overgeslagen",
    "missing": "ontbreekt",
}


class Command(BaseCommand):
    help = (
        "Lees de oude cursussite van een aanbieder (FOLDER/index.html en de pagina's waarnaar "
        "die verwijst) in als conceptcursussen. Nogmaals draaien werkt bij op cursuscode."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--provider", required=True, help="Naam van de aanbieder")
        parser.add_argument(
            "--create-provider",
            action="store_true",
            help="Maak de aanbieder (pagina, redacteurengroep, collectie) als die nog niet bestaat",
        )
        parser.add_argument("--dry-run", action="store_true", help="Laat zien wat er zou gebeuren")

    def handle(
        self, *args, folder: Path, provider: str, create_provider: bool, dry_run: bool, **options
    ):
        try:
            report = catalogue_import_for(
                folder=folder,
                provider_name=provider,
                create_provider=create_provider,
                dry_run=dry_run,
            )
        except FileNotFoundError as error:
            raise CommandError(f"Geen index.html in {folder}") from error
        except ProviderNotFound as error:
            raise CommandError(str(error)) from error
        if report.provider_created:
            self.stdout.write(f"Aanbieder aangemaakt: {report.provider}")
        headers = ("Bestand", "Code", "Titel", "Resultaat", "Reden")
        rows = [
            (r.source, r.code, r.title, OUTCOMES.get(r.outcome, r.outcome), r.reason)
            for r in report.rows
        ]
        widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write(line.format(*headers))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(line.format(*row))
        self.stdout.write("")
        summary = (
            f"Geïmporteerd: {report.count('imported')}, bijgewerkt: {report.count('updated')}, "
            f"ongewijzigd: {report.count('unchanged')}, "
            f"overgeslagen: {report.count('skipped') + report.count('missing')}"
        )
        if dry_run:
            summary += " (proefrun: er is niets opgeslagen)"
        self.stdout.write(self.style.SUCCESS(summary))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.legacy_import import catalogue_import, provider_by_name

OUTCOMES = {
    "imported": "geïmporteerd",
    "updated": "bijgewerkt",
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
        parser.add_argument("--dry-run", action="store_true", help="Laat zien wat er zou gebeuren")

    def handle(self, *args, folder: Path, provider: str, dry_run: bool, **options):
        page = provider_by_name(provider)
        if page is None:
            raise CommandError(f"Onbekende aanbieder: {provider}")
        if not (folder / "index.html").exists():
            raise CommandError(f"Geen index.html in {folder}")
        report = catalogue_import(folder=folder, provider=page, dry_run=dry_run)
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
            f"overgeslagen: {report.count('skipped') + report.count('missing')}"
        )
        if dry_run:
            summary += " (proefrun: er is niets opgeslagen)"
        self.stdout.write(self.style.SUCCESS(summary))

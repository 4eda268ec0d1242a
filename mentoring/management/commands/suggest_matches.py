"""Write the optimal senior–junior suggestion for a pool as JSON.

The file holds everything needed to check the suggestion independently: every allowed pair
with its score, each senior's free places, and the suggested pairs.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import Organisation
from mentoring import matching


class Command(BaseCommand):
    help = "Suggest buddies for juniors without one (optionally of one organisation) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="Name of the organisation of the juniors.")
        parser.add_argument("--out", required=True, help="Path of the JSON file to write.")

    def handle(self, *args, organisation=None, out, **options):
        org = None
        if organisation:
            org = Organisation.objects.filter(name=organisation).first()
            if org is None:
                raise CommandError(f"Unknown organisation: {organisation}")
        pool = matching.pool_build(
            junior_ids=matching.pool_junior_ids(organisation=org),
            senior_ids=matching.pool_senior_ids(),
        )
        result = matching.suggest(pool)
        data = {
            "organisation": org.name if org else None,
            "weights": result["weights"],
            "capacity": {
                senior.email: int(free)
                for senior, free in zip(pool.seniors, pool.free, strict=True)
            },
            "allowed": matching.allowed_pairs(pool),
            "pairs": [
                {
                    "senior": pair["senior"]["email"],
                    "junior": pair["junior"]["email"],
                    "score": pair["score"],
                    "reasons": pair["reasons"],
                }
                for pair in result["pairs"]
            ],
            "unmatched": [
                {"junior": item["junior"]["email"], "reasons": item["reasons"]}
                for item in result["unmatched"]
            ],
            "total_score": result["total_score"],
        }
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
        self.stdout.write(
            f"{len(data['pairs'])} pairs, {len(data['unmatched'])} unmatched, "
            f"total score {data['total_score']} -> {out}"
        )

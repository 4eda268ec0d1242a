from django.core.management.base import BaseCommand

from cms import demo as cms_demo
from conference import demo as conference_demo
from courses import demo as courses_demo
from elearning import demo as elearning_demo
from lms.accounts import demo as accounts_demo
from mentoring import demo as mentoring_demo
from publications import demo as publications_demo
from register import demo as register_demo


class Command(BaseCommand):
    help = (
        "Fill the database with the demo people, pages, courses and trajectories (safe to repeat)."
    )

    def handle(self, *args, **options):
        people = accounts_demo.seed()
        cms_demo.seed()
        cms_demo.site_address_apply()
        courses_demo.seed(people)
        elearning_demo.seed(people)
        mentoring_demo.seed(people)
        register_demo.seed(people)
        # After the register, whose demo adds the College members who advise on manuscripts.
        publications_demo.seed(people)
        conference_demo.seed(people)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(people)} demo accounts, password "
                f"'{accounts_demo.DEMO_PASSWORD}'."
            )
        )

"""allauth's sign-up form, saving all or nothing.

allauth writes a new account in several steps, each committed on its own: the person (with
their profile and role, through ``AccountAdapter.save_user``), their name, their address. A
database that goes away between two steps (a restart, a failover) would leave an account that
can neither sign up again, since the address is taken, nor finish its verification.
"""

from allauth.account.forms import SignupForm
from django.db import transaction


class AllOrNothingSignupForm(SignupForm):
    def try_save(self, request):
        with transaction.atomic():
            return super().try_save(request)

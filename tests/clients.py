"""The test client, signing people in as the site's login does."""

from django import test

from lms.accounts.entrances import login_steps_record


class Client(test.Client):
    """Django's test client, whose ``force_login`` also writes what the site's login writes once
    every step is done (lms/accounts/entrances.py): a test that signs someone in stands for a
    person who came in through the front door. A test of the other doors posts to them."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        login_steps_record(session=session, user=user)
        session.save()

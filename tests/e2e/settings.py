"""The demo site as the browser journeys serve it: ``make run``'s dev settings, with two
differences that make the journeys faster and deterministic, not different in what they test.

- Passwords are hashed cheaply. The journeys sign in a dozen times and the demo seed makes some
  twenty accounts; at the real hasher's cost that is most of a minute on a small CI machine.
- Wagtail's editor does not autosave. It posts the form half a second after typing stops, and
  the first autosave of a new page creates it and moves the form to the page's edit URL; on a
  loaded machine that races the journey's click on "Publiceren", which then sometimes did not
  publish. A person is slower than that race; autosave is Wagtail's to test.
"""

from lms.settings.dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAIL_AUTOSAVE_INTERVAL = 0

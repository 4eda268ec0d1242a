"""The library's feed and citations under /publicaties/; an author's manuscripts among their
own pages (/mijn/); the College's advice beside its reviews of applications and the office's
screens beside its others (/register/...).

The library itself is a Wagtail page (``LibraryPage``); claiming a publication for the
register is the register's (``register.urls``).
"""

from django.urls import path

from . import views
from .feeds import NewestPublicationsFeed

app_name = "publications"

urlpatterns = [
    path("publicaties/atom.xml", NewestPublicationsFeed(), name="feed"),
    path("publicaties/<int:pk>/citatie.ris", views.citation_ris, name="citation_ris"),
    path("publicaties/<int:pk>/citatie.bib", views.citation_bibtex, name="citation_bibtex"),
    path("mijn/manuscripten/", views.manuscripts, name="manuscripts"),
    path("mijn/manuscripten/<int:pk>/", views.manuscript, name="manuscript"),
    path("mijn/manuscripten/<int:pk>/bestand/", views.manuscript_file, name="manuscript_file"),
    path("register/beoordelen/manuscripten/", views.reviews, name="reviews"),
    path("register/beoordelen/manuscripten/<int:pk>/", views.review, name="review"),
    path(
        "register/registerbureau/manuscripten/", views.office_manuscripts, name="office_manuscripts"
    ),
    path(
        "register/registerbureau/manuscripten/<int:pk>/",
        views.office_manuscript,
        name="office_manuscript",
    ),
]

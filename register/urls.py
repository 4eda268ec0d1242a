"""The register's pages, mounted at /register/ beside the Wagtail page that explains it."""

from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("mijn-status/", views.my_status, name="my_status"),
    path("mijn-status/<str:requirement>/", views.my_status_entries, name="my_status_entries"),
    path("aanvragen/", views.apply, name="apply"),
    path("aanvragen/<int:pk>/dossier.pdf", views.dossier, name="dossier"),
    path("registerbureau/", views.office, name="office"),
    path("registerbureau/rapportages/", views.reports, name="reports"),
    path("registerbureau/rapportages/<slug:slug>.csv", views.report_csv, name="report_csv"),
    path("registerbureau/aanvraag/<int:pk>/", views.office_application, name="office_application"),
    path("beoordelen/", views.reviews, name="reviews"),
    path("beoordelen/<int:pk>/", views.review, name="review"),
    path("besluit/<int:pk>/brief.pdf", views.decision_letter, name="decision_letter"),
    path("besluit/<int:pk>/bezwaar/", views.objection, name="objection"),
    path("openbaar/", views.public, name="public"),
    path("openbaar/<str:number>/", views.public_entry, name="public_entry"),
    path("publicaties/<int:pk>/opvoeren/", views.publication_claim, name="publication_claim"),
    path("registratie/<slug:number>/credential/", views.credential, name="credential"),
    # The Kring Kwaliteitsmanagement: the benchmark, the meetings and their documents.
    path("kring/", views.kring_benchmark, name="kring_benchmark"),
    path("kring/bijeenkomsten/", views.kring_meetings, name="kring_meetings"),
    path("kring/bijeenkomsten/<int:pk>/", views.kring_meeting, name="kring_meeting"),
    path("kring/documenten/<int:pk>/", views.kring_document, name="kring_document"),
]

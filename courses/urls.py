from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("uitvoeringen/<int:pk>/agenda.ics", views.edition_ical, name="edition_ical"),
    path("uitvoeringen/<int:pk>/inschrijven/", views.enrol, name="enrol"),
    path(
        "uitvoeringen/<int:pk>/inschrijven/bevestigen/",
        views.enrol_confirm,
        name="enrol_confirm",
    ),
    path("inschrijvingen/<int:pk>/uitschrijven/", views.withdraw, name="withdraw"),
    path("aanbieder/", views.provider_editions, name="provider_editions"),
    path("aanbieder/uitvoeringen/<int:pk>/", views.edition_manage, name="edition_manage"),
    path("aanbieder/uitvoeringen/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path(
        "aanbieder/uitvoeringen/<int:pk>/aanwezigheid/iedereen-aanwezig/",
        views.attendance_all_present,
        name="attendance_all_present",
    ),
    path(
        "aanbieder/uitvoeringen/<int:pk>/afronden-volgens-regel/",
        views.completions_by_rule,
        name="completions_by_rule",
    ),
    path("aanbieder/uitvoeringen/<int:pk>/annuleren/", views.edition_cancel, name="edition_cancel"),
    path(
        "aanbieder/uitvoeringen/<int:pk>/export.<str:fmt>",
        views.edition_export,
        name="edition_export",
    ),
    path("aanbieder/exports/", views.export_list, name="exports"),
    path("aanbieder/exports/<int:pk>/", views.export_download, name="export_download"),
    path(
        "aanbieder/inschrijvingen/<int:pk>/afronden/",
        views.completion_complete,
        name="completion_complete",
    ),
    path(
        "aanbieder/afrondingen/<int:pk>/intrekken/",
        views.completion_revoke,
        name="completion_revoke",
    ),
    path(
        "aanbieder/reflecties/<int:pk>/besluit/", views.reflection_decide, name="reflection_decide"
    ),
    path("lessen/<int:pk>/afgerond/", views.lesson_mark_done, name="lesson_done"),
    path("lessen/<int:pk>/reflectie/", views.reflection_submit, name="reflection_submit"),
    path("leeroverzicht/", views.record, name="record"),
    path(
        "leeroverzicht/activiteiten/<int:pk>/bewijs/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("afrondingen/<int:pk>/certificaat.pdf", views.certificate_pdf, name="certificate_pdf"),
    path(
        "afrondingen/<int:pk>/certificaat.<str:fmt>",
        views.certificate_credential,
        name="certificate_credential",
    ),
    path("certificaten/", views.verify_lookup, name="verify_lookup"),
    path("certificaten/<slug:code>/", views.verify, name="verify"),
    path(
        "registerbureau/externe-activiteiten/",
        views.outside_activities_office,
        name="outside_activities",
    ),
    path("agenda/<slug:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("agenda/vernieuwen/", views.calendar_reset, name="calendar_reset"),
]

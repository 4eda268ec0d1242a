from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("senior/", views.senior_home, name="senior"),
    path("junior/", views.junior_home, name="junior"),
    path("manager/", views.manager_home, name="manager"),
    path("manager/uren/", views.manager_hours, name="manager_hours"),
    path("registerbureau/", views.office_home, name="office"),
    path("registerbureau/export.csv", views.office_export, name="office_export"),
    path("registerbureau/koppelen/", views.matching_start, name="matching_start"),
    path("registerbureau/koppelen/<int:pk>/", views.matching_run_detail, name="matching_run"),
    path(
        "registerbureau/koppelen/<int:pk>/besluit/",
        views.matching_decide,
        name="matching_decide",
    ),
    path(
        "registerbureau/koppelen/<int:pk>/alles-voorstellen/",
        views.matching_accept_all,
        name="matching_accept_all",
    ),
    path("registerbureau/traject/nieuw/", views.trajectory_new, name="trajectory_new"),
    path("trajecten/<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("trajecten/<int:pk>/akkoord/", views.trajectory_accept, name="trajectory_accept"),
    path("trajecten/<int:pk>/beeindigen/", views.trajectory_end, name="trajectory_end"),
    path("trajecten/<int:pk>/afspraken/", views.trajectory_terms, name="trajectory_terms"),
    path("trajecten/<int:pk>/gesprekken/", views.trajectory_sessions, name="trajectory_sessions"),
    path("trajecten/<int:pk>/berichten/", views.message_send, name="message_send"),
    path("trajecten/<int:pk>/gesprek/", views.session_log, name="session_log"),
    path("trajecten/<int:pk>/plannen/", views.session_plan, name="session_plan"),
    path("gesprekken/<int:pk>/", views.session_detail, name="session_detail"),
    path("gesprekken/<int:pk>/bevestigen/", views.session_confirm, name="session_confirm"),
    path("gesprekken/<int:pk>/bezwaar/", views.session_dispute, name="session_dispute"),
    path("gesprekken/<int:pk>/corrigeren/", views.session_amend, name="session_amend"),
    path("gesprekken/<int:pk>/intrekken/", views.session_withdraw, name="session_withdraw"),
    path("praktijk/", views.practice_months, name="practice_months"),
    path("praktijk/attesteren/", views.practice_attest_list, name="practice_attest"),
    path(
        "praktijk/attesteren/selectie/",
        views.practice_attest_selected,
        name="practice_attest_selected",
    ),
    path("praktijk/<int:pk>/attesteren/", views.practice_attest, name="practice_attest_month"),
    path("profiel/", views.profile_edit, name="profile"),
    path("profiel/<int:user_pk>/", views.profile_edit, name="profile_of"),
    path("trajecten/<int:pk>/leerdoelen/", views.goal_save, name="goal_save"),
    path("agenda/<slug:token>.ics", views.calendar_feed, name="calendar"),
]

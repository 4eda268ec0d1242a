from django.urls import path

from . import views

app_name = "conference"

urlpatterns = [
    path("<int:pk>/aanmelden/", views.register, name="register"),
    path("<int:pk>/mijn/", views.mine, name="mine"),
    path("aanmeldingen/<int:pk>/keuze/", views.choice_change, name="choice_change"),
    path("aanmeldingen/<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("aanmeldingen/<int:pk>/badge.pdf", views.badge_pdf, name="badge"),
    path("<int:pk>/balie/", views.desk, name="desk"),
    path("balie/aanmeldingen/<int:pk>/inchecken/", views.desk_check_in, name="desk_check_in"),
    path("inchecken/<str:token>/", views.check_in_token, name="check_in_token"),
    path("<int:pk>/voorstellen/nieuw/", views.proposal_new, name="proposal_new"),
    path("<int:pk>/voorstellen/", views.proposals, name="proposals"),
    path("voorstellen/<int:pk>/", views.proposal_detail, name="proposal_detail"),
]

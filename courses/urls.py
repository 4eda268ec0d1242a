from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("uitvoeringen/<int:pk>/agenda.ics", views.edition_ical, name="edition_ical"),
]

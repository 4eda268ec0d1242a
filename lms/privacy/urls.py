from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("gegevens.json", views.export_json, name="export_json"),
    path("gegevens.zip", views.export_zip, name="export_zip"),
    path("gegevens/", views.export_html, name="export_html"),
    path("verwijderen/", views.erase, name="erase"),
    path("verwijderd/", views.erased, name="erased"),
]

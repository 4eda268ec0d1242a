from django.urls import path

from . import views

app_name = "elearning"

urlpatterns = [
    # On the content origin only (elearning.middleware.ContentOriginMiddleware).
    path("speler/<str:token>/", views.launcher, name="launcher"),
    path("inhoud/<str:token>/<path:path>", views.package_file, name="file"),
    # On the site.
    path("pakketten/<int:pk>/voortgang/", views.progress, name="progress"),
    path("pakketten/<int:pk>/opnieuw/", views.restart, name="restart"),
]

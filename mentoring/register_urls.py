"""The register's pages, mounted at /register/ beside the Wagtail page that explains it."""

from django.urls import path  # noqa: F401

app_name = "register"

urlpatterns: list = []

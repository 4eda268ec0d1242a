from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("te-doen/", views.inbox, name="inbox"),
    path("te-doen/plaats/<int:pk>/gezien/", views.promotion_seen, name="promotion_seen"),
    path("e-mailvoorkeuren/", views.email_preferences, name="email_preferences"),
]

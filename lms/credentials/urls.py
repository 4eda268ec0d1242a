from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [path("<int:pk>/", views.status_list, name="status_list")]

"""E-learning in the Wagtail admin: a lesson's package screen, one click from the lesson."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from courses.models import LessonPage

from . import admin_views


@hooks.register("register_admin_urls")
def register_elearning_urls():
    return [path("e-learning/", include((admin_views.urlpatterns, "elearning_admin")))]


def _package_button(page, user):
    if page.specific_class is not LessonPage or not page.permissions_for_user(user).can_edit():
        return None
    return Button(
        _("E-learning"),
        reverse("elearning_admin:lesson", args=[page.pk]),
        icon_name="media",
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def package_header_button(page, user, view_name, next_url=None):
    if button := _package_button(page, user):
        yield button


@hooks.register("register_page_listing_more_buttons")
def package_listing_button(page, user, next_url=None):
    if button := _package_button(page, user):
        yield button

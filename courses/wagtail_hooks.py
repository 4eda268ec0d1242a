"""The courses app in the Wagtail admin: accreditation screens, menu entries and buttons."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.models import Page

from lms.accounts.selectors import is_board_member

from . import admin_views
from .models import CoursePage


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return is_board_member(request.user)


@hooks.register("register_admin_urls")
def register_accreditation_urls():
    return [path("accreditatie/", include(admin_views.urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_accreditation_menu_item():
    return BoardMenuItem(
        _("Accreditaties"),
        reverse("courses_accreditation:index"),
        name="accreditaties",
        icon_name="tick-inverse",
        order=250,
    )


def _accreditation_button(page, user):
    if page.specific_class is not CoursePage:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return Button(
        _("Accreditatie aanvragen"),
        reverse("courses_accreditation:submit", args=[page.pk]),
        icon_name="tick",
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def accreditation_header_button(page, user, view_name, next_url=None):
    button = _accreditation_button(page, user)
    if button:
        yield button


@hooks.register("register_page_listing_buttons")
def accreditation_listing_button(page, user, next_url=None):
    """In the page listing the request is a button of its own, not under "More"."""
    button = _accreditation_button(page, user)
    if button:
        yield ListingButton(
            button.label, button.url, icon_name=button.icon_name, priority=button.priority
        )


def _edition_buttons(page, user):
    """Per edition of a course of the user's own provider: its participants, attendance and
    export, one click from the course in the admin."""
    if page.specific_class is not CoursePage:
        return []
    from .selectors import editions_editable_by

    editions = editions_editable_by(user=user).filter(course_id=page.pk).order_by("start_date")
    buttons = []
    for edition in editions.only("pk", "code"):
        buttons += [
            Button(
                gettext("Deelnemers %(code)s") % {"code": edition.code},
                reverse("courses:edition_manage", args=[edition.pk]),
                icon_name="group",
                priority=91,
            ),
            Button(
                gettext("Aanwezigheid %(code)s") % {"code": edition.code},
                reverse("courses:attendance", args=[edition.pk]),
                icon_name="tasks",
                priority=92,
            ),
            Button(
                gettext("Export %(code)s (XLSX)") % {"code": edition.code},
                reverse("courses:edition_export", args=[edition.pk, "xlsx"]),
                icon_name="download",
                priority=93,
            ),
        ]
    return buttons


@hooks.register("register_page_header_buttons")
def edition_header_buttons(page, user, view_name, next_url=None):
    yield from _edition_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def edition_listing_buttons(page, user, next_url=None):
    yield from _edition_buttons(page, user)


@hooks.register("after_publish_page")
def inform_participants_of_cancelled_editions(request, page):
    """An editor may cancel an edition on the course page itself; participants hear of it."""
    if not isinstance(page.specific, CoursePage):
        return
    from .models import Edition, Enrolment
    from .services import edition_cancelled_inform

    cancelled = Edition.objects.filter(
        course_id=page.pk,
        status=Edition.Status.CANCELLED,
        enrolments__status__in=Enrolment.ACTIVE,
    ).distinct()
    for edition_id in cancelled.values_list("pk", flat=True):
        edition_cancelled_inform(edition_id=edition_id, actor=request.user)


def _refuse_deleting_kept_courses(request, pages, back_to: str):
    """A course someone enrolled in, or that the College has a request or decision on, keeps
    its rows for good: it is unpublished, not deleted (nor is a provider above it)."""
    from .selectors import courses_kept_below

    kept = courses_kept_below(pages=pages)
    if not kept:
        return None
    messages.error(
        request,
        gettext(
            "Niet verwijderd: %(titles)s heeft deelnemers of een accreditatiegeschiedenis, die "
            "bewaard blijven. Haal de cursus offline (depubliceren) in plaats van haar te "
            "verwijderen."
        )
        % {"titles": ", ".join(f"‘{title}’" for title in kept)},
    )
    return redirect(back_to)


@hooks.register("before_delete_page")
def keep_courses_with_a_history(request, page):
    return _refuse_deleting_kept_courses(
        request, [page], reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    )


@hooks.register("before_bulk_action")
def keep_courses_with_a_history_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(o, Page) for o in objects):
        return None
    return _refuse_deleting_kept_courses(request, objects, action_class_instance.next_url)

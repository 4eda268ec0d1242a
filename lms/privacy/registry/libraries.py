"""What the libraries keep about a person: allauth, axes, Wagtail and the Django admin."""

from django.utils.translation import gettext_lazy as _

from .rules import Entry, Erase, Link, about_the_account, by_email

_LOG = _(
    "Logboeken van het beheer blijven; wie iets deed, wordt het pseudoniem, en je naam in "
    "regels over je account wordt vervangen."
)
_ADMIN_WORK = _(
    "Werk in het beheer van de site blijft bestaan; jouw naam erbij wordt het pseudoniem."
)

# The Wagtail admin shows these to the person who works there; the site's own pages do not.
_IN_THE_ADMIN = "the person's own settings and work in the Wagtail admin"

LIBRARIES: tuple[Entry, ...] = (
    # --- Sign-in: allauth, axes -----------------------------------------------------------------
    Entry(
        "account.EmailAddress",
        links=(Link("user", Erase.DELETE, role=_("jouw account")),),
        reason=_("Je e-mailadressen om mee in te loggen worden verwijderd."),
    ),
    Entry(
        "mfa.Authenticator",
        title=_("tweede stappen bij inloggen"),
        links=(Link("user", Erase.DELETE, role=_("jouw account")),),
        secret=("data",),
        reason=_("Je tweede stap bij inloggen (app en herstelcodes) wordt verwijderd."),
    ),
    *(
        Entry(
            f"axes.{name}",
            title=title,
            links=(
                Link(
                    "username",
                    Erase.DELETE,
                    match=by_email("username"),
                    role=_("inlognaam"),
                    off_site="sign-in records are on no page; they are about the person's account",
                ),
            ),
            reason=_("Vastgelegde inlogpogingen met je e-mailadres worden verwijderd."),
        )
        for name, title in (
            ("AccessAttempt", _("inlogpogingen")),
            ("AccessFailureLog", _("mislukte inlogpogingen")),
            ("AccessLog", _("inlogregistraties")),
        )
    ),
    # --- Wagtail and the Django admin -------------------------------------------------------------
    Entry(
        "wagtailusers.UserProfile",
        links=(Link("user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),),
        files=("avatar",),
        reason=_("Je instellingen in het beheer (avatar, taal, meldingen) worden verwijderd."),
    ),
    Entry(
        "wagtailadmin.EditingSession",
        title=_("bewerksessies in het beheer"),
        links=(Link("user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),),
        reason=_("Sporen van lopend bewerkwerk in het beheer worden verwijderd."),
    ),
    Entry(
        "wagtailadmin.FormState",
        title=_("bewaarde formulieren in het beheer"),
        links=(Link("user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),),
        reason=_("Bewaarde formulieren in het beheer worden verwijderd."),
    ),
    Entry(
        "wagtailcore.APIToken",
        links=(Link("user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),),
        secret=("key_hash", "prefix"),
        reason=_("Je API-sleutels vervallen."),
    ),
    Entry(
        "wagtailcore.UploadedFile",
        title=_("tijdelijke uploads in het beheer"),
        links=(
            Link("uploaded_by_user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),
        ),
        files=("file",),
        reason=_("Tijdelijke uploads in het beheer worden verwijderd."),
    ),
    Entry(
        "wagtailcore.PageSubscription",
        title=_("meldingen bij pagina's"),
        links=(Link("user", Erase.DELETE, role=_("jouw account"), off_site=_IN_THE_ADMIN),),
        reason=_("Je meldingen bij pagina's vervallen."),
    ),
    Entry(
        "wagtailcore.Page",
        links=(
            Link("owner", Erase.KEEP, about=False, role=_("eigenaar")),
            Link("locked_by", Erase.KEEP, about=False, role=_("vergrendeld door jou")),
        ),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.Revision",
        links=(Link("user", Erase.KEEP, about=False, role=_("auteur")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.Comment",
        links=(
            Link("user", Erase.KEEP, about=False, role=_("auteur")),
            Link("resolved_by", Erase.KEEP, about=False, role=_("afgehandeld door jou")),
        ),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.CommentReply",
        links=(Link("user", Erase.KEEP, about=False, role=_("auteur")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.WorkflowState",
        links=(Link("requested_by", Erase.KEEP, about=False, role=_("aangevraagd door jou")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.TaskState",
        links=(Link("finished_by", Erase.KEEP, about=False, role=_("afgehandeld door jou")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtaildocs.Document",
        links=(Link("uploaded_by_user", Erase.KEEP, about=False, role=_("geüpload door jou")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailimages.Image",
        links=(Link("uploaded_by_user", Erase.KEEP, about=False, role=_("geüpload door jou")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.PageLogEntry",
        links=(Link("user", Erase.KEEP, about=False, role=_("uitgevoerd door jou")),),
        reason=_ADMIN_WORK,
    ),
    Entry(
        "wagtailcore.ModelLogEntry",
        links=(
            Link("user", Erase.KEEP, about=False, role=_("uitgevoerd door jou")),
            Link(
                "object",
                Erase.SCRUB,
                about=False,
                fields=("label", "data"),
                match=about_the_account,
                role=_("over jouw account"),
            ),
        ),
        reason=_LOG,
    ),
    Entry(
        "admin.LogEntry",
        links=(
            Link("user", Erase.KEEP, about=False, role=_("uitgevoerd door jou")),
            Link(
                "object",
                Erase.SCRUB,
                about=False,
                fields=("object_repr", "change_message"),
                match=about_the_account,
                role=_("over jouw account"),
            ),
        ),
        reason=_LOG,
    ),
)

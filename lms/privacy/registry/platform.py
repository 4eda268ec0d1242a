"""The platform's own models: accounts, courses, mentoring and the register, privacy."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from courses.models import OutsideActivity
from mentoring.models import PracticeMonth

from .rules import NOBODY, Entry, Erase, Link, by_email, mentions_email, only, when

# Ballotage and register rows: the reason DESIGN.md gives for keeping them.
_NEVER_LOST = _(
    "Blijft bewaard onder je pseudoniem: ballotagestemmen en -besluiten en registraties gaan "
    "volgens de registerregels nooit verloren."
)


def unnamed(*fields: str) -> dict:
    """Who recorded something about a practitioner (a provider's editor, the register office)
    where the site's pages do not name them to that practitioner."""
    return dict.fromkeys(fields, NOBODY)


PLATFORM: tuple[Entry, ...] = (
    # --- Accounts ---------------------------------------------------------------------------
    Entry(
        "accounts.User",
        links=(Link("pk", Erase.PSEUDONYMISE, role=_("jouw account")),),
        secret=("password",),
        reason=_(
            "Je account blijft als pseudoniem bestaan: naam „Verwijderde gebruiker”, een "
            "e-mailadres dat geen post ontvangt, geen bruikbaar wachtwoord, niet actief, zonder "
            "rollen. Zo blijven de gegevens die het register moet bewaren naar iemand wijzen "
            "zonder te zeggen wie."
        ),
    ),
    Entry(
        "accounts.Profile",
        links=(
            Link(
                "user",
                Erase.BLANK,
                fields=("organisation", "region", "line_manager"),
                role=_("jouw profiel"),
            ),
            Link("line_manager", Erase.UNLINK, about=False, role=_("leidinggevende")),
        ),
        reason=_(
            "Organisatie, regio en leidinggevende worden gewist. Waar jij leidinggevende was, "
            "vervalt die koppeling."
        ),
    ),
    Entry(
        "accounts.OutboundEmail",
        links=(
            Link(
                "to",
                Erase.DELETE,
                match=by_email("to"),
                role=_("ontvanger"),
                off_site="the e-mails the site sent the person; no page shows them again",
            ),
        ),
        readers={"key": NOBODY},  # the outbox's own mark against sending twice
        reason=_("E-mails aan jou worden uit de wachtrij en het verzendarchief verwijderd."),
    ),
    Entry(
        "accounts.EmailPreference",
        title=_("e-mailvoorkeuren"),
        links=(Link("user", Erase.DELETE, role=_("jouw keuze")),),
        reason=_("Je keuzes voor e-mail per soort bericht worden verwijderd."),
    ),
    # --- Courses ------------------------------------------------------------------------------
    Entry(
        "courses.AccreditationRequest",
        links=(Link("submitted_by", Erase.KEEP, about=False, role=_("indiener")),),
        reason=_(
            "Een accreditatieaanvraag hoort bij de cursus van de aanbieder en blijft; de "
            "indiener wordt het pseudoniem."
        ),
    ),
    Entry(
        "courses.AccreditationDecision",
        links=(Link("reviewer", Erase.KEEP, about=False, role=_("beoordelaar")),),
        reason=_(
            "Accreditatiebesluiten van het College blijven; de beoordelaar wordt het pseudoniem."
        ),
    ),
    Entry(
        "courses.Enrolment",
        links=(
            Link("person", Erase.KEEP, role=_("deelnemer")),
            Link("enrolled_by", Erase.KEEP, about=False, role=_("ingeschreven door jou")),
            Link("ended_by", Erase.KEEP, about=False, role=_("beëindigd door jou")),
        ),
        related=("edition__course",),
        readers=unnamed("enrolled_by", "ended_by"),
        reason=_(
            "Inschrijvingen blijven bewaard, want afrondingen en aanwezigheid hangen eraan. Een "
            "inschrijving of wachtlijstplaats voor een uitvoering die nog niet begonnen is, "
            "wordt eerst beëindigd."
        ),
    ),
    Entry(
        "courses.Completion",
        links=(
            Link("person", Erase.KEEP, role=_("deelnemer")),
            Link("completed_by", Erase.KEEP, about=False, role=_("afgerond door jou")),
            Link("revoked_by", Erase.KEEP, about=False, role=_("ingetrokken door jou")),
        ),
        related=("edition__course", "enrolment__edition__course", "enrolment__person"),
        readers={
            **unnamed("completed_by", "revoked_by"),
            "reason": NOBODY,  # the provider's note on a completion by hand
            # The learning record links the certificate's check page until it is revoked.
            "verification_code": when(Q(revoked_at__isnull=True)),
        },
        reason=_(
            "Afrondingen en punten gaan volgens de registerregels nooit verloren en blijven "
            "staan onder je pseudoniem."
        ),
    ),
    Entry(
        "courses.OutsideActivity",
        links=(
            Link(
                "person",
                Erase.BLANK,
                fields=("evidence",),
                where=Q(status=OutsideActivity.Status.ACCEPTED),
                role=_("deelnemer"),
            ),
            Link(
                "person",
                Erase.DELETE,
                where=~Q(status=OutsideActivity.Status.ACCEPTED),
                role=_("deelnemer"),
            ),
            Link("decided_by", Erase.KEEP, about=False, role=_("besloten door jou")),
        ),
        files=("evidence",),
        readers=unnamed("decided_by"),
        reason=_(
            "Geaccepteerde externe activiteiten tellen als punten en blijven, zonder "
            "bewijsstuk: dat bestand wordt verwijderd. Ingediende en afgewezen activiteiten "
            "worden met bewijsstuk verwijderd."
        ),
    ),
    Entry(
        "courses.Attendance",
        links=(
            Link("enrolment__person", Erase.KEEP, role=_("deelnemer")),
            Link("marked_by", Erase.KEEP, about=False, role=_("vastgelegd door jou")),
        ),
        related=("enrolment__edition__course", "enrolment__person", "meeting"),
        readers=unnamed("marked_by"),
        reason=_("Aanwezigheid is de grondslag van een afronding en blijft bewaard."),
    ),
    Entry(
        "courses.AttendanceCorrection",
        title=_("correcties van aanwezigheid"),
        links=(
            Link("attendance__enrolment__person", Erase.KEEP, role=_("deelnemer")),
            Link("marked_by_before", Erase.KEEP, about=False, role=_("eerder vastgelegd door jou")),
            Link("corrected_by", Erase.KEEP, about=False, role=_("gecorrigeerd door jou")),
        ),
        related=("attendance__enrolment__person", "attendance__meeting"),
        readers=unnamed("marked_by_before", "corrected_by"),
        reason=_("Correcties van aanwezigheid horen bij de aanwezigheid en blijven bewaard."),
    ),
    Entry(
        "courses.LessonProgress",
        title=_("lesvoortgang"),
        links=(Link("enrolment__person", Erase.DELETE, role=_("deelnemer")),),
        related=("enrolment__edition__course", "enrolment__person"),
        reason=_("Welke lessen je als afgerond aanvinkte, wordt verwijderd."),
    ),
    Entry(
        "courses.LessonVisit",
        title=_("laatst bezochte lessen"),
        links=(Link("enrolment__person", Erase.DELETE, role=_("deelnemer")),),
        related=("enrolment__edition__course", "enrolment__person", "lesson"),
        reason=_("Welke les je het laatst opende, wordt verwijderd."),
    ),
    Entry(
        "courses.Reflection",
        links=(
            Link("enrolment__person", Erase.DELETE, role=_("deelnemer")),
            Link("decided_by", Erase.KEEP, about=False, role=_("beoordeeld door jou")),
        ),
        files=("file",),
        related=("enrolment__edition__course", "enrolment__person"),
        readers=unnamed("decided_by"),
        reason=_("Je reflecties en hun bijlagen worden verwijderd."),
    ),
    # --- E-learning ------------------------------------------------------------------------
    Entry(
        "elearning.Package",
        links=(Link("uploaded_by", Erase.UNLINK, about=False, role=_("geüpload door jou")),),
        related=("lesson",),
        reason=_("Een pakket dat je uploadde blijft bij de les; jouw naam verdwijnt ervan."),
    ),
    Entry(
        "elearning.Attempt",
        links=(Link("enrolment__person", Erase.DELETE, role=_("deelnemer")),),
        related=("enrolment__person", "package"),
        reason=_("Je pogingen in e-learningpakketten worden verwijderd."),
    ),
    Entry(
        "elearning.ItemState",
        links=(Link("attempt__enrolment__person", Erase.DELETE, role=_("deelnemer")),),
        related=("attempt__enrolment__person",),
        reason=_(
            "Wat een e-learningpakket over jou bewaarde (voortgang, antwoorden, scores, tijd) "
            "wordt verwijderd."
        ),
    ),
    Entry(
        "elearning.Commit",
        links=(
            Link(
                "attempt__enrolment__person",
                Erase.DELETE,
                role=_("deelnemer"),
                off_site=_(
                    "Wat je browser uit een e-learningpakket doorgaf, bewaren we per keer als "
                    "bewijs van je resultaat. De site toont die losse vastleggingen niet."
                ),
            ),
        ),
        related=("attempt__enrolment__person",),
        reason=_("Elke vastlegging uit een e-learningpakket wordt verwijderd."),
    ),
    Entry(
        "courses.CalendarFeed",
        title=_("agenda-adressen"),
        links=(Link("person", Erase.DELETE, role=_("eigenaar")),),
        secret=("token",),
        reason=_("Het geheime adres van je agenda vervalt."),
    ),
    Entry(
        "courses.ExportFile",
        title=_("exportbestanden"),
        links=(Link("requested_by", Erase.DELETE, role=_("aanvrager")),),
        files=("file",),
        related=("edition__course",),
        reason=_("Exportbestanden die je als aanbieder liet maken, worden met bestand verwijderd."),
    ),
    # --- Publications ---------------------------------------------------------------------------
    Entry(
        "publications.PublicationAuthor",
        title=_("auteurschappen"),
        links=(
            Link(
                "user",
                Erase.DELETE,
                role=_("auteur"),
                off_site="a publication page names its authors as written on it; no page lists "
                "the accounts linked to them",
            ),
        ),
        related=("page",),
        reason=_(
            "De koppeling van je account aan een publicatie wordt verwijderd; de publicatie "
            "zelf noemt de auteurs zoals ze gepubliceerd zijn."
        ),
    ),
    Entry(
        "publications.Manuscript",
        links=(
            Link("author", Erase.DELETE, role=_("auteur")),
            Link("decided_by", Erase.KEEP, about=False, role=_("vastgelegd door jou")),
        ),
        files=("file",),
        readers=unnamed("decided_by"),
        reason=_("Je manuscripten worden met hun bestand en de adviezen erover verwijderd."),
    ),
    Entry(
        "publications.ManuscriptReview",
        links=(
            Link("reviewer", Erase.KEEP, role=_("adviseur")),
            Link("assigned_by", Erase.KEEP, about=False, role=_("toegewezen door jou")),
        ),
        related=("manuscript",),
        readers=unnamed("assigned_by"),
        reason=_(
            "Een advies van het College over een manuscript blijft onder je pseudoniem bij het "
            "manuscript, zolang de auteur dat bewaart."
        ),
    ),
    Entry(
        "publications.PublicationClaim",
        title=_("opgevoerde publicaties"),
        links=(
            Link(
                "person",
                Erase.KEEP,
                where=Q(activity__status=OutsideActivity.Status.ACCEPTED),
                role=_("auteur"),
            ),
            Link(
                "person",
                Erase.DELETE,
                where=~Q(activity__status=OutsideActivity.Status.ACCEPTED),
                role=_("auteur"),
            ),
        ),
        related=("publication", "activity"),
        reason=_(
            "Een opgevoerde publicatie hoort bij de externe activiteit: geaccepteerd blijft ze "
            "onder je pseudoniem, anders wordt ze met de activiteit verwijderd."
        ),
    ),
    # --- The Vakconferentie ----------------------------------------------------------------------
    Entry(
        "conference.Registration",
        links=(
            Link("person", Erase.KEEP, role=_("deelnemer")),
            Link("checked_in_by", Erase.KEEP, about=False, role=_("ingecheckt door jou")),
        ),
        related=("conference",),
        secret=("token",),
        readers=unnamed("checked_in_by"),
        reason=_(
            "Je aanmelding voor de Vakconferentie blijft bewaard onder je pseudoniem, want je "
            "aanwezigheid en afronding hangen eraan."
        ),
    ),
    Entry(
        "conference.ConferenceSpeaker",
        links=(Link("user", Erase.UNLINK, role=_("spreker")),),
        related=("conference",),
        reason=_(
            "Als spreker blijf je met je naam in het gepubliceerde programma staan; de koppeling "
            "met je account vervalt."
        ),
    ),
    Entry(
        "conference.Proposal",
        links=(
            Link("submitted_by", Erase.DELETE, role=_("indiener")),
            Link("decided_by", Erase.KEEP, about=False, role=_("besloten door jou")),
        ),
        related=("conference",),
        readers=unnamed("decided_by"),
        reason=_(
            "Je voorstellen voor de Vakconferentie worden verwijderd; een geaccepteerde workshop "
            "blijft in het programma staan."
        ),
    ),
    Entry(
        "conference.ProposalPresenter",
        title=_("medesprekers bij voorstellen"),
        links=(Link("person", Erase.DELETE, role=_("medespreker")),),
        related=("proposal",),
        reason=_("Je naam als medespreker bij een voorstel wordt verwijderd."),
    ),
    Entry(
        "conference.ProposalReview",
        links=(Link("reviewer", Erase.KEEP, role=_("beoordelaar")),),
        related=("proposal",),
        reason=_("Je beoordelingen van voorstellen blijven bewaard onder je pseudoniem."),
    ),
    # --- Mentoring ------------------------------------------------------------------------------
    Entry(
        "mentoring.PractitionerProfile",
        links=(Link("user", Erase.DELETE, role=_("jouw profiel")),),
        secret=("calendar_token",),
        reason=_(
            "Je profiel voor het koppelen (capaciteit, beschikbare dagen, talen, ervaring) wordt "
            "verwijderd."
        ),
    ),
    Entry(
        "accounts.ConflictOfInterest",
        links=(
            Link("person", Erase.DELETE, role=_("betrokkene")),
            Link("other", Erase.DELETE, role=_("betrokkene")),
            Link("declared_by", Erase.KEEP, about=False, role=_("vastgelegd door jou")),
            Link("decided_by", Erase.KEEP, about=False, role=_("besloten door jou")),
        ),
        # The other person sees that the conflict exists, not why it was declared.
        readers={"reason": only("declared_by")},
        reason=_(
            "Belangenverstrengelingen met jou worden verwijderd: na verwijdering coach, "
            "bevestig of beoordeel je niets meer."
        ),
    ),
    Entry(
        "mentoring.Trajectory",
        links=(
            Link("junior", Erase.KEEP, role=_("junior")),
            Link("senior", Erase.KEEP, role=_("senior")),
            Link("proposed_by", Erase.KEEP, about=False, role=_("voorgesteld door jou")),
        ),
        readers=unnamed("proposed_by"),
        reason=_(
            "Buddytrajecten blijven bewaard als grondslag van bevestigde coachingsuren. Een "
            "voorgesteld traject wordt eerst afgewezen; een actief traject beëindigt het "
            "registerbureau voordat je gegevens verwijderd kunnen worden."
        ),
    ),
    Entry(
        "mentoring.TrajectoryTermsChange",
        links=(
            Link("trajectory__junior", Erase.KEEP, role=_("junior")),
            Link("trajectory__senior", Erase.KEEP, role=_("senior")),
            Link("changed_by", Erase.KEEP, about=False, role=_("gewijzigd door jou")),
        ),
        related=("trajectory__senior", "trajectory__junior", "changed_by"),
        reason=_(
            "Gewijzigde afspraken horen bij het traject en blijven bewaard zolang het traject "
            "bewaard blijft; wie ze wijzigde wordt het pseudoniem."
        ),
    ),
    Entry(
        "mentoring.Goal",
        links=(
            Link("trajectory__junior", Erase.DELETE, role=_("junior")),
            Link("trajectory__senior", Erase.KEEP, role=_("senior")),
        ),
        related=("trajectory__senior", "trajectory__junior"),
        reason=_(
            "Je leerdoelen als junior worden verwijderd. De leerdoelen van je juniors blijven "
            "van hen."
        ),
    ),
    Entry(
        "mentoring.TrajectoryMessage",
        links=(
            # What the person wrote: the words go, the row stays, so that the other person's
            # thread keeps its order and its answers still follow what they answered.
            Link(
                "author",
                Erase.BLANK,
                fields=("body",),
                placeholder="Dit bericht is verwijderd.",
                role=_("afzender"),
            ),
            # What the other one wrote to them stays the other one's words, with the erased
            # person's name taken out of it.
            Link(
                "trajectory__junior",
                Erase.SCRUB,
                fields=("body",),
                where=~Q(author=F("trajectory__junior")),
                role=_("ontvanger"),
            ),
            Link(
                "trajectory__senior",
                Erase.SCRUB,
                fields=("body",),
                where=~Q(author=F("trajectory__senior")),
                role=_("ontvanger"),
            ),
        ),
        related=("trajectory__senior", "trajectory__junior", "author"),
        reason=_(
            "De tekst van je berichten in een buddytraject wordt gewist; er staat dan „Dit "
            "bericht is verwijderd.”. De berichten die de ander jou stuurde blijven van de "
            "ander, met jouw naam eruit gehaald."
        ),
    ),
    Entry(
        "mentoring.CoachingSession",
        links=(
            Link(
                "trajectory__junior",
                Erase.BLANK,
                fields=("summary", "private_note", "correction_reason"),
                role=_("junior"),
            ),
            Link(
                "trajectory__junior",
                Erase.BLANK,
                fields=("dispute_reason",),
                # A disputed session must keep a reason (a database constraint).
                placeholder="Verwijderd op verzoek van de junior.",
                role=_("junior"),
            ),
            Link("senior", Erase.BLANK, fields=("private_note",), role=_("senior")),
            Link("logged_by", Erase.KEEP, about=False, role=_("vastgelegd door jou")),
            Link("confirmed_by", Erase.KEEP, about=False, role=_("bevestigd door jou")),
        ),
        related=("trajectory__senior", "trajectory__junior", "trajectory__organisation"),
        readers={"private_note": only("senior")},  # the senior's own note (DESIGN.md, "Roles")
        reason=_(
            "Bevestigde coachingsuren gaan volgens de registerregels nooit verloren: datum, duur, "
            "vorm en wie bevestigde blijven staan. Samenvatting, eigen aantekeningen en "
            "toelichtingen worden gewist. Zolang gesprekken op jouw bevestiging wachten, kan er "
            "niet worden verwijderd."
        ),
    ),
    Entry(
        "mentoring.PracticeMonth",
        links=(
            Link(
                "person",
                Erase.KEEP,
                where=Q(status=PracticeMonth.Status.ATTESTED),
                role=_("opbouwwerker"),
            ),
            Link(
                "person",
                Erase.DELETE,
                where=Q(status=PracticeMonth.Status.SUBMITTED),
                role=_("opbouwwerker"),
            ),
            Link("attested_by", Erase.KEEP, about=False, role=_("geattesteerd door jou")),
        ),
        reason=_(
            "Geattesteerde praktijkuren gaan volgens de registerregels nooit verloren en blijven "
            "staan onder je pseudoniem. Maanden die nog op attestatie wachten, worden verwijderd."
        ),
    ),
    Entry(
        "mentoring.MatchingRun",
        links=(
            Link("created_by", Erase.KEEP, about=False, role=_("gestart door jou")),
            Link(
                "result",
                Erase.SCRUB,
                about=False,
                fields=("result",),
                match=mentions_email("result"),
                role=_("genoemd in een koppelvoorstel"),
            ),
        ),
        reason=_(
            "Koppelrondes van het registerbureau blijven; je naam en e-mailadres erin worden "
            "vervangen door het pseudoniem."
        ),
    ),
    Entry(
        "register.RegisterPolicy",
        links=(Link("created_by", Erase.KEEP, about=False, role=_("vastgelegd door jou")),),
        reason=_("Versies van het registerbeleid veranderen nooit; de maker wordt het pseudoniem."),
    ),
    Entry(
        "register.RegisterApplication",
        links=(
            Link("person", Erase.BLANK, fields=("reflections",), role=_("aanvrager")),
            Link("person", Erase.SCRUB, fields=("ledger_csv",), role=_("aanvrager")),
        ),
        related=("policy",),
        reason=_(
            "Een aanvraag blijft met de eisen en de onderbouwing waarop het College besliste, "
            "want ballotagebesluiten gaan nooit verloren. Je reflecties worden gewist en je "
            "e-mailadres in de onderbouwing wordt het pseudoniem. Zolang een aanvraag in "
            "behandeling of in ballotage is, kan er niet worden verwijderd."
        ),
    ),
    Entry(
        "register.ApplicationDocument",
        links=(Link("application__person", Erase.DELETE, role=_("aanvrager")),),
        files=("file",),
        related=("application__person",),
        reason=_("Documenten bij je aanvraag worden met bestand verwijderd."),
    ),
    Entry(
        "register.ApplicationCheck",
        links=(
            Link(
                "application__person",
                Erase.KEEP,
                role=_("aanvrager"),
                off_site="no page shows the check; the office e-mails its remarks to the applicant",
            ),
            Link("checked_by", Erase.KEEP, about=False, role=_("gecontroleerd door jou")),
        ),
        related=("application__person",),
        readers=unnamed("checked_by"),
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.ReviewerAssignment",
        links=(
            Link("reviewer", Erase.KEEP, role=_("beoordelaar")),
            Link("assigned_by", Erase.KEEP, about=False, role=_("toegewezen door jou")),
        ),
        related=("application__person",),
        readers={
            **unnamed("assigned_by"),
            # Who stepped back for a conflict reads no more of the application.
            "application": when(Q(recusal__isnull=True)),
        },
        reason=_(
            "Wie een aanvraag beoordeelde, hoort bij het ballotagebesluit en blijft onder "
            "pseudoniem. Zolang je een aanvraag in ballotage moet beoordelen, kan er niet worden "
            "verwijderd."
        ),
    ),
    Entry(
        "register.ReviewerRecusal",
        title=_("terugtrekkingen van beoordelaars"),
        links=(
            Link(
                "assignment__reviewer",
                Erase.KEEP,
                role=_("beoordelaar"),
                off_site="whoever stepped back reads no more of the review: the reason they "
                "gave, and when, is theirs",
            ),
            Link("declared_by", Erase.KEEP, about=False, role=_("gemeld door jou")),
        ),
        related=("assignment__reviewer", "assignment__application__person"),
        readers={"assignment": NOBODY},  # it names the applicant
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.BallotageVote",
        links=(
            Link("assignment__reviewer", Erase.KEEP, role=_("beoordelaar")),
            Link(
                "assignment__application__person",
                Erase.KEEP,
                role=_("aanvrager"),
                off_site="the decision letter counts the votes; no page lists them",
            ),
        ),
        related=("assignment__reviewer", "assignment__application__person"),
        # The applicant's decision letter counts the votes; who cast which, why and when
        # stays with the reviewer.
        readers=dict.fromkeys(
            ("assignment", "motivation", "cast_at"), only("assignment__reviewer")
        ),
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.BallotageDecision",
        links=(
            Link("application__person", Erase.KEEP, role=_("aanvrager")),
            Link("decided_by", Erase.KEEP, about=False, role=_("besloten door jou")),
        ),
        related=("application__person", "policy"),
        readers=unnamed("decided_by"),  # the letter speaks for the College
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.Objection",
        title=_("bezwaren"),
        links=(
            Link(
                "submitted_by",
                Erase.KEEP,
                role=_("indiener"),
                off_site="the site confirms an objection and starts a new round; it does not "
                "show the objection again",
            ),
        ),
        related=("decision__application__person",),
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.Registration",
        links=(
            Link("person", Erase.BLANK, fields=("credential",), role=_("geregistreerde")),
            Link("created_by", Erase.KEEP, about=False, role=_("ingeschreven door jou")),
        ),
        related=("decision__application__person",),
        readers=unnamed("created_by"),
        reason=_(
            "Een registratie gaat nooit verloren: nummer, geldigheid en statusgeschiedenis "
            "blijven. Een lopende registratie wordt op eigen verzoek doorgehaald; het digitale "
            "certificaat, met je naam en e-mailadres, wordt gewist."
        ),
    ),
    Entry(
        "register.RegistrationStatusChange",
        links=(
            Link(
                "registration__person",
                Erase.KEEP,
                role=_("geregistreerde"),
                off_site="the register status page shows the current status, not its history",
            ),
            Link("changed_by", Erase.KEEP, about=False, role=_("gewijzigd door jou")),
        ),
        related=("registration",),
        readers=unnamed("changed_by"),
        reason=_NEVER_LOST,
    ),
    Entry(
        "register.CodeAcceptance",
        links=(Link("person", Erase.KEEP, role=_("aanvrager")),),
        related=("version", "application"),
        reason=_(
            "Dat je bij je aanvraag of herregistratie de beroepscode aanvaardde (versie en "
            "datum), hoort bij je dossier en blijft onder je pseudoniem bewaard."
        ),
    ),
    # --- The Kring Kwaliteitsmanagement ----------------------------------------------------
    Entry(
        "register.KringTopic",
        links=(Link("proposed_by", Erase.DELETE, role=_("voorgesteld door jou")),),
        reason=_("De onderwerpen die je voor de Kring voorstelde worden verwijderd."),
    ),
    Entry(
        "register.KringDocument",
        links=(Link("uploaded_by", Erase.UNLINK, about=False, role=_("geüpload door jou")),),
        reason=_(
            "Agenda's en notulen van de Kring blijven voor de Kring; dat jij ze uploadde wordt "
            "vergeten."
        ),
    ),
    # --- Privacy ------------------------------------------------------------------------------
    Entry(
        "privacy.ErasureRecord",
        links=(
            Link(
                "user",
                Erase.KEEP,
                role=_("jouw account"),
                off_site="an erased account signs in no more; the office asks for its export",
            ),
            Link("actor", Erase.KEEP, about=False, role=_("uitgevoerd door jou")),
        ),
        reason=_("Het bewijs dat je verzoek is uitgevoerd blijft, zonder persoonsgegevens."),
    ),
)

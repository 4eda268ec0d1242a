"""Demo lessons: three courses get lessons of their own, in Dutch, with text, a video, a
document to download and check questions; the junior follows two of them.

Seeding works without internet: the video's embed is stored with the demo (as Wagtail would
store what the video site answered), so no page asks the video site anything but the
visitor's browser. The documents are small PDFs made here. A second run changes nothing.
"""

from __future__ import annotations

import textwrap

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from lms.accounts.models import User

from .models import CoursePage, Edition, Enrolment, LessonPage, LessonProgress

# A public video; the demo stores its embed so that nothing is fetched while seeding or serving.
VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
VIDEO_EMBED = (
    '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"'
    ' title="Video bij de les" loading="lazy" allowfullscreen'
    ' allow="encrypted-media; picture-in-picture"></iframe>'
)


def _question(question: str, answers: list[tuple[str, bool, str]]) -> tuple[str, dict]:
    return (
        "check_question",
        {
            "question": question,
            "answers": [
                {"text": text, "correct": correct, "feedback": feedback}
                for text, correct, feedback in answers
            ],
        },
    )


def _paragraphs(*texts: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


# Per course code: its lessons as (title, paragraphs, with video, document title or "",
# check question).
LESSONS = {
    "HB-PH-01": [
        (
            "Hoe de gemeente beslist",
            _paragraphs(
                "Wie iets wil bereiken voor een buurt, moet weten waar de besluiten vallen. "
                "De gemeenteraad stelt de kaders en het budget vast; het college van "
                "burgemeester en wethouders voert uit en legt verantwoording af. Ambtenaren "
                "bereiden de besluiten voor, vaak maanden voordat een voorstel de raad bereikt.",
                "Voor een opbouwwerker is dat voorbereidende werk het beste moment om "
                "bewoners een stem te geven. Een signaal dat vroeg bij de beleidsmedewerker "
                "ligt, kan nog richting geven; een inspraakreactie op een raadsvoorstel kan "
                "meestal alleen nog bijsturen.",
                "Breng daarom in kaart wie in jouw gemeente over welk onderwerp gaat: de "
                "wethouder met de portefeuille, de beleidsmedewerker die het dossier trekt en "
                "de raadsleden die het onderwerp volgen.",
            ),
            True,
            "",
            _question(
                "Wanneer heeft een signaal van bewoners de meeste invloed op beleid?",
                [
                    (
                        "Tijdens de voorbereiding door ambtenaren",
                        True,
                        "Juist: dan ligt er nog geen voorstel en is er ruimte om mee te denken.",
                    ),
                    (
                        "Tijdens de stemming in de raad",
                        False,
                        "Dan ligt het voorstel er al; bijsturen kan nog, richting geven "
                        "nauwelijks.",
                    ),
                    (
                        "Nadat het college het besluit uitvoert",
                        False,
                        "Dan is het besluit al genomen. Begin eerder, bij de voorbereiding.",
                    ),
                ],
            ),
        ),
        (
            "Signalen uit de wijk onderbouwen",
            _paragraphs(
                "Een verhaal van één bewoner raakt, maar overtuigt zelden een raad. Sterke "
                "signalen combineren ervaringen met cijfers: hoeveel huishoudens, in welke "
                "straten, sinds wanneer. De gemeente heeft vaak zelf wijkcijfers die je kunt "
                "gebruiken.",
                "Laat bewoners het signaal zelf brengen waar dat kan. Jij helpt bij het "
                "ordenen van de feiten en het vinden van het juiste moment, zij zijn de "
                "ervaringsdeskundigen.",
                "Gebruik het werkblad bij deze les om een signaal op één A4 te zetten: het "
                "probleem, wie het raakt, wat bewoners al zelf doen en wat zij van de "
                "gemeente vragen.",
            ),
            False,
            "Werkblad signaal op één A4",
            _question(
                "Wat maakt een signaal uit de wijk het sterkst?",
                [
                    (
                        "Ervaringen van bewoners, onderbouwd met cijfers",
                        True,
                        "Juist: het verhaal raakt, de cijfers laten zien hoe groot het is.",
                    ),
                    (
                        "Een zo lang mogelijke brief van de opbouwwerker",
                        False,
                        "Lengte overtuigt niet. Houd het kort en laat bewoners zelf spreken.",
                    ),
                ],
            ),
        ),
        (
            "Samenwerken met raadsleden",
            _paragraphs(
                "Raadsleden zijn volksvertegenwoordigers en willen weten wat er in de wijk "
                "speelt. Nodig hen uit voor een wijkwandeling of een bewonersavond, en laat "
                "hen vooral luisteren.",
                "Blijf als opbouwwerker partijpolitiek neutraal: je zoekt steun voor de vraag "
                "van bewoners bij alle fracties, niet bij één partij.",
            ),
            False,
            "",
            _question(
                "Welke houding past een opbouwwerker tegenover de fracties in de raad?",
                [
                    (
                        "Neutraal: steun zoeken bij alle fracties",
                        True,
                        "Juist: zo blijft de vraag van bewoners van iedereen.",
                    ),
                    (
                        "Vooral samenwerken met de grootste partij",
                        False,
                        "Dan maak je de vraag van bewoners partijpolitiek. Blijf neutraal.",
                    ),
                ],
            ),
        ),
    ],
    "IS-I-20": [
        (
            "Ondernemers als buurtpartner",
            _paragraphs(
                "De bakker, de kapper en de fietsenmaker kennen de buurt vaak beter dan "
                "menige instantie. Ze zien wie elke dag binnenkomt en wie ineens wegblijft. "
                "Ondernemers zijn daarmee waardevolle partners in het opbouwwerk.",
                "Begin klein: stel je voor, vraag wat zij zien veranderen in de buurt en wat "
                "ze zelf zouden willen bijdragen. Een ondernemer die meedenkt, wordt eerder "
                "een ondernemer die meedoet.",
            ),
            True,
            "Gesprekskaart ondernemers",
            _question(
                "Hoe begin je een samenwerking met een ondernemer in de buurt?",
                [
                    (
                        "Met een vraag naar wat zij in de buurt zien",
                        True,
                        "Juist: je erkent hun kennis en nodigt uit tot meedenken.",
                    ),
                    (
                        "Met een verzoek om een financiële bijdrage",
                        False,
                        "Geld vragen kan later. Begin bij hun kennis van de buurt.",
                    ),
                ],
            ),
        ),
        (
            "Een gedeeld belang vinden",
            _paragraphs(
                "Samenwerking houdt stand als iedereen er iets aan heeft. Een schone, veilige "
                "winkelstraat is goed voor bewoners én voor de omzet. Zoek naar zulke "
                "gedeelde belangen en benoem ze hardop.",
                "Let op de verhoudingen: een ondernemer heeft andere middelen dan een "
                "bewonersgroep. Zorg dat bewoners aan tafel gelijkwaardig meepraten.",
            ),
            False,
            "",
            _question(
                "Waarom is een gedeeld belang belangrijk?",
                [
                    (
                        "Omdat de samenwerking dan blijft als de subsidie stopt",
                        True,
                        "Juist: wie er zelf baat bij heeft, blijft meedoen.",
                    ),
                    (
                        "Omdat ondernemers dan de leiding kunnen nemen",
                        False,
                        "Het gaat juist om gelijkwaardigheid tussen bewoners en ondernemers.",
                    ),
                ],
            ),
        ),
        (
            "Van idee naar buurtinitiatief",
            _paragraphs(
                "Een goed idee wordt pas een initiatief als er mensen, een plan en een "
                "eerste stap zijn. Maak afspraken over wie wat doet en vier de eerste "
                "resultaten zichtbaar in de buurt.",
                "Jouw rol verschuift in de loop van de tijd: van aanjagen naar ondersteunen "
                "en uiteindelijk naar loslaten.",
            ),
            False,
            "",
            _question(
                "Hoe verandert de rol van de opbouwwerker als een initiatief groeit?",
                [
                    (
                        "Van aanjagen naar ondersteunen naar loslaten",
                        True,
                        "Juist: het initiatief wordt steeds meer van bewoners en ondernemers.",
                    ),
                    (
                        "De opbouwwerker blijft de trekker",
                        False,
                        "Dan blijft het initiatief afhankelijk van jou. Bouw aan loslaten.",
                    ),
                ],
            ),
        ),
    ],
    "HB-IN-01": [
        (
            "Wat is een buurtcoöperatie?",
            _paragraphs(
                "In een buurtcoöperatie organiseren bewoners samen voorzieningen die ze "
                "belangrijk vinden: zorg en hulp aan huis, groenonderhoud, energie of een "
                "buurtkamer. De leden zijn eigenaar en beslissen samen.",
                "Een coöperatie is geen vervanging van de gemeente, maar een manier om eigen "
                "kracht te bundelen. Voor de opbouwwerker betekent dat: ondersteunen bij het "
                "organiseren, niet het werk overnemen.",
            ),
            True,
            "",
            _question(
                "Wie is eigenaar van een buurtcoöperatie?",
                [
                    ("De leden uit de buurt", True, "Juist: de leden beslissen samen."),
                    (
                        "De gemeente",
                        False,
                        "De gemeente kan steunen, maar de leden zijn eigenaar.",
                    ),
                    (
                        "De opbouwwerker",
                        False,
                        "Jij ondersteunt; de coöperatie is van de bewoners zelf.",
                    ),
                ],
            ),
        ),
        (
            "De eerste leden vinden",
            _paragraphs(
                "Een coöperatie begint met een kleine kern van betrokken bewoners. Zoek naar "
                "mensen die al iets doen in de buurt: de vrijwilliger van het buurthuis, de "
                "bewoner die het speeltuintje onderhoudt.",
                "Organiseer een eerste bijeenkomst rond een concrete vraag, zoals samen "
                "zonnepanelen inkopen of hulp bij boodschappen. Concreet werkt beter dan "
                "abstract.",
            ),
            False,
            "Stappenplan eerste bijeenkomst",
            _question(
                "Waarmee begin je een eerste bijeenkomst het best?",
                [
                    (
                        "Met een concrete vraag uit de buurt",
                        True,
                        "Juist: een concrete vraag brengt mensen in beweging.",
                    ),
                    (
                        "Met de statuten van de coöperatie",
                        False,
                        "De statuten komen later; begin bij wat bewoners willen.",
                    ),
                ],
            ),
        ),
    ],
}

# The junior's seat in these editions (codes), with the number of lessons already done.
FOLLOWING = {"HB-PH-01-1": 0, "IS-I-20-1": 1}


def _pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and lines of text (Latin-1), made without any library."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = ["BT", "/F1 16 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        text += [f"({escape(line)}) Tj", "0 -16 Td"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _document(title: str, course: CoursePage, lines: list[str]):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        if course.provider and course.provider.collection_id:
            document.collection_id = course.provider.collection_id  # the provider's own files
        document.file.save(f"{slugify(title)}.pdf", ContentFile(_pdf(title, lines)), save=False)
        document.save()
    return document


def _video_stored() -> None:
    """What the video site's oEmbed would answer, stored as Wagtail stores it, so that a lesson
    with the video renders without asking the internet."""
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO_URL),
        defaults={
            "url": VIDEO_URL,
            "type": "video",
            "html": VIDEO_EMBED,
            "title": "Video bij de les",
            "provider_name": "YouTube",
            "width": 560,
            "height": 315,
        },
    )


def _body(course: CoursePage, paragraphs, video: bool, document_title: str, question) -> list:
    body = list(paragraphs)
    if video:
        body += [
            ("embed", VIDEO_URL),
            (
                "paragraph",
                "<p>Bekijk de video en noteer één ding dat je in je eigen wijk wilt "
                f'uitproberen. <a href="{VIDEO_URL}">Open de video op YouTube</a>.</p>',
            ),
        ]
    if document_title:
        lines = [course.title, ""]
        for _kind, text in paragraphs:
            lines += [*textwrap.wrap(text.removeprefix("<p>").removesuffix("</p>"), 85), ""]
        document = _document(document_title, course, lines)
        body.append(("document", {"document": document, "label": document_title}))
    body.append(question)
    return body


def seed_lessons(people: dict[str, User]) -> None:
    _video_stored()
    for code, lessons in LESSONS.items():
        course = CoursePage.objects.filter(code=code).select_related("provider").first()
        if course is None or course.numchild:
            continue
        editor = course.provider.editors_group.user_set.order_by("pk").first()
        for title, paragraphs, video, document_title, question in lessons:
            lesson = LessonPage(
                title=title,
                slug=slugify(title),
                body=_body(course, paragraphs, video, document_title, question),
            )
            course.add_child(instance=lesson)
            lesson.save_revision(user=editor).publish(user=editor)
            course.refresh_from_db()
    junior = (
        people.get("junior@example.org") or User.objects.filter(email="junior@example.org").first()
    )
    if junior is None:
        return
    for code, done in FOLLOWING.items():
        edition = Edition.objects.filter(code=code).select_related("course").first()
        if edition is None or edition.enrolments.filter(person=junior).exists():
            continue
        enrolment = Enrolment.objects.create(
            edition=edition,
            person=junior,
            status=Enrolment.Status.ENROLLED,
            seat=edition.enrolments.filter(status=Enrolment.Status.ENROLLED).count() + 1,
            enrolled_by=junior,
            enrolled_at=timezone.now(),
        )
        for lesson in LessonPage.objects.child_of(edition.course).live()[:done]:
            LessonProgress.objects.create(
                enrolment=enrolment, lesson=lesson, done_at=timezone.now()
            )

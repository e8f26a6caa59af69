"""The demo's editorial pages and menus, in English and Dutch.

Institute, Festival information (``visiting``), About and a news index with
three items, written for the demo; each Dutch page is its English page
translated through wagtail-localize, as staff translate, so the Dutch pages
open in its translation editor with every text filled in. Then the header
and footer menus, leading to these pages, and their Dutch translation.

Idempotent: a page or menu that exists already is left as it is.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from festarchive.catalogue.models import Film
from festarchive.editorial.models import EditorialPage, NewsIndexPage, NewsPage
from festarchive.editorial.services import translate
from festarchive.festival.models import Edition
from festarchive.menus.models import Menu, MenuItem

from .festivals import HOST


@dataclass
class PagesReport:
    created: list[str] = field(default_factory=list)


def _p(text: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{text}</p>"))


def _cta(text: str, *, url: str) -> tuple[str, dict]:
    return ("call_to_action", {"text": text, "page": None, "url": url})


# English -> Dutch, every text of the pages and menus below: ``nl()`` keeps
# each Dutch text beside its English one.
DUTCH = {"Home": "Home", "home": "home"}


def nl(english: str, dutch: str) -> str:
    DUTCH[english] = dutch
    return english


def ensure_pages() -> PagesReport:
    report = PagesReport()
    with transaction.atomic():
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return report
        home = site.root_page.specific
        if home.title != "Home":
            home.title = "Home"
            home.save_revision().publish()
        made = {}
        for slug, build in (
            ("institute", _institute),
            ("visiting", _visiting),
            ("about", _about),
            ("news", _news),
        ):
            page = Page.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = build(home)
                report.created.append(f"page {page.title!r} in English and Dutch")
                translate(page, language_code="nl", texts=DUTCH)
            made[slug] = page
        if made["news"].get_children().count() == 0:
            for item in _news_items(made["news"]):
                translate(item, language_code="nl", texts=DUTCH)
            report.created.append("three news items in English and Dutch")
        for place, items in _menus(made).items():
            if not Menu.objects.filter(place=place, locale__language_code="en"):
                menu = Menu(place=place, locale=Locale.get_default())
                menu.items = items
                menu.save()
                translate(menu, language_code="nl", texts=DUTCH)
                report.created.append(f"the {place} menu in English and Dutch")
    return report


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _institute(home):
    films = list(Film.objects.published().filter(images__isnull=False).distinct()[:4])
    body = [
        ("heading", nl("Funds", "Fondsen")),
        _p(
            nl(
                "Our fund gives grants for the development and production of "
                "creative documentaries, with a special eye for makers working where "
                "independent film has little support.",
                "Ons fonds geeft bijdragen voor de ontwikkeling en productie van creatieve documentaires, met bijzondere aandacht voor makers die werken waar onafhankelijke film weinig steun krijgt.",
            )
        ),
        ("heading", nl("Training", "Training")),
        _p(
            nl(
                "Workshops and labs bring makers, editors and producers together with "
                "experienced colleagues for a few intense days, from the first idea to "
                "the final cut.",
                "In workshops en labs werken makers, editors en producenten een paar intensieve dagen met ervaren collega's, van het eerste idee tot de laatste montage.",
            )
        ),
        ("heading", nl("Education", "Educatie")),
        _p(
            nl(
                "Schools watch films from the archive with lesson material, and pupils "
                "meet the people who made them.",
                "Scholen kijken films uit het archief met lesmateriaal, en leerlingen ontmoeten de mensen die ze maakten.",
            )
        ),
    ]
    if len(films) >= 2:
        body.append(
            (
                "film_row",
                {
                    "heading": nl(
                        "Films our fund supported", "Films die ons fonds steunde"
                    ),
                    "films": films,
                },
            )
        )
    body.append(
        _cta(nl("For professionals", "Voor professionals"), url="/en/professionals/")
    )
    return _publish(
        home,
        EditorialPage(
            title=nl("The institute", "Het instituut"),
            slug=nl("institute", "instituut"),
            intro=nl(
                "The festival is more than eleven days in November. All year "
                "round we support documentary makers, train new ones and bring "
                "documentaries into classrooms.",
                "Het festival is meer dan elf dagen in november. Het hele jaar door steunen we documentairemakers, leiden we nieuwe makers op en brengen we documentaires naar de klas.",
            ),
            body=body,
        ),
    )


def _visiting(home):
    edition = (
        Edition.objects.filter(festival__slug=HOST["slug"]).order_by("-year").first()
    )
    body = [
        ("heading", nl("Venues", "Locaties")),
        _p(
            nl(
                "The festival's screens are spread over the city centre, all within a "
                "short walk or tram ride of one another.",
                "De zalen van het festival liggen verspreid over het centrum, allemaal op korte loop- of tramafstand van elkaar.",
            )
        ),
        ("heading", nl("Tickets", "Kaartjes")),
        _p(
            nl(
                "Tickets go on sale two weeks before the festival opens, online and at "
                "the festival desk. Pass holders reserve their seats from the "
                "programme.",
                "De kaartverkoop begint twee weken voor de opening, online en bij de festivalbalie. Passehouders reserveren hun plaatsen vanuit het programma.",
            )
        ),
        ("heading", nl("Accessibility", "Toegankelijkheid")),
        _p(
            nl(
                "Every venue can be reached without steps. Many screenings have "
                "English subtitles, and some have subtitles for deaf and "
                "hard-of-hearing visitors; the programme marks them.",
                "Elke locatie is zonder trappen bereikbaar. Veel voorstellingen zijn Engels ondertiteld, en sommige hebben ondertiteling voor doven en slechthorenden; het programma geeft ze aan.",
            )
        ),
        ("heading", nl("Questions", "Vragen")),
        _p(
            nl(
                "Can I still get in once the film has started? Only when the usher "
                "says so: latecomers wait for a quiet moment.",
                "Kan ik nog naar binnen als de film begonnen is? Alleen als de zaalwacht dat zegt: laatkomers wachten op een rustig moment.",
            )
        ),
    ]
    if edition is not None:
        body.append(("edition", edition))
    body.append(
        _cta(nl("See the programme", "Bekijk het programma"), url="/en/festival/")
    )
    return _publish(
        home,
        EditorialPage(
            title=nl("Visiting the festival", "Het festival bezoeken"),
            slug=nl("visiting", "bezoeken"),
            intro=nl(
                "Where the films are shown, how to get tickets and what to "
                "expect when you come.",
                "Waar de films te zien zijn, hoe je aan kaartjes komt en wat je kunt verwachten als je komt.",
            ),
            body=body,
        ),
    )


def _about(home):
    body = [
        ("heading", nl("The archive", "Het archief")),
        _p(
            nl(
                "Every film the festival has screened has a page here: its titles, its "
                "makers, the countries it comes from and the editions it was part of. "
                "Staff keep it, and corrections are welcome.",
                "Elke film die het festival vertoonde heeft hier een pagina: de titels, de makers, de landen waar hij vandaan komt en de edities waarin hij te zien was. Medewerkers houden het bij, en verbeteringen zijn welkom.",
            )
        ),
        (
            "quote",
            {
                "text": nl(
                    "A documentary can change how a whole room looks at the "
                    "world, for an evening or for good.",
                    "Een documentaire kan veranderen hoe een hele zaal naar de wereld kijkt, voor een avond of voorgoed.",
                ),
                "source": nl(
                    "A programmer of the festival", "Een programmeur van het festival"
                ),
            },
        ),
    ]
    if Edition.objects.filter(festival__slug=HOST["slug"], year=2023).exists():
        body.append(
            (
                "archive_search",
                {
                    "heading": nl(
                        "World premieres of 2023", "Wereldpremières van 2023"
                    ),
                    "address": f"edition={HOST['slug']}-2023&premiere=world",
                    "words": "",
                    "count": 6,
                },
            )
        )
    return _publish(
        home,
        EditorialPage(
            title=nl("About the festival", "Over het festival"),
            slug=nl("about", "over"),
            intro=nl(
                "A festival for documentary film, and the public archive of "
                "everything it has shown.",
                "Een festival voor documentaire film, en het openbare archief van alles wat het vertoonde.",
            ),
            body=body,
        ),
    )


def _news(home):
    return _publish(
        home,
        NewsIndexPage(
            title=nl("News", "Nieuws"),
            slug=nl("news", "nieuws"),
            intro=nl(
                "What the festival and its archive are up to.",
                "Waar het festival en zijn archief mee bezig zijn.",
            ),
        ),
    )


def _news_items(index):
    today = datetime.date.today()
    items = [
        (
            nl(
                "The programme of the new edition is online",
                "Het programma van de nieuwe editie staat online",
            ),
            nl("programme-online", "programma-online"),
            nl(
                "Browse every screening, mark the ones you want to see and make your "
                "own festival plan.",
                "Blader door alle voorstellingen, markeer wat je wilt zien en maak je eigen festivalplan.",
            ),
            nl(
                "The timetable shows each day of the festival by venue. Choose a film "
                "to see where and when it plays.",
                "Het tijdschema toont elke festivaldag per locatie. Kies een film om te zien waar en wanneer hij draait.",
            ),
            0,
        ),
        (
            nl(
                "The archive now reaches back to the first edition",
                "Het archief gaat nu terug tot de eerste editie",
            ),
            nl("archive-first-edition", "archief-eerste-editie"),
            nl(
                "Staff have entered the films of the earliest editions from the "
                "printed catalogues.",
                "Medewerkers hebben de films van de vroegste edities ingevoerd vanuit de gedrukte catalogi.",
            ),
            nl(
                "Old catalogues were typed in title by title and checked against the "
                "festival's own records.",
                "Oude catalogi zijn titel voor titel overgetypt en vergeleken met de eigen administratie van het festival.",
            ),
            9,
        ),
        (
            nl(
                "Open call for the documentary lab",
                "Open oproep voor het documentairelab",
            ),
            nl("documentary-lab-call", "oproep-documentairelab"),
            nl(
                "Makers with a first or second feature in development can apply until "
                "the end of the month.",
                "Makers met een eerste of tweede lange film in ontwikkeling kunnen zich tot het eind van de maand aanmelden.",
            ),
            nl(
                "The lab offers a week of work on the story with a mentor, and a day "
                "of meetings with producers.",
                "Het lab biedt een week werk aan het verhaal met een mentor, en een dag ontmoetingen met producenten.",
            ),
            23,
        ),
    ]
    return [
        _publish(
            index,
            NewsPage(
                title=title,
                slug=slug,
                date=today - datetime.timedelta(days=days_ago),
                intro=intro,
                body=[_p(text)],
            ),
        )
        for title, slug, intro, text, days_ago in items
    ]


def _menus(pages) -> dict[str, list[MenuItem]]:
    return {
        "header": [
            MenuItem(label=nl("Institute", "Instituut"), page=pages["institute"]),
            MenuItem(label=nl("Festival", "Festival"), address="festival"),
            MenuItem(
                label=nl("Professionals", "Professionals"), address="professionals"
            ),
            MenuItem(label=nl("Donate", "Doneren"), address="donate"),
            MenuItem(label=nl("About", "Over ons"), page=pages["about"]),
            MenuItem(label=nl("Archive", "Archief"), address="archive"),
        ],
        "footer": [
            MenuItem(
                label=nl("About the archive", "Over het archief"), page=pages["about"]
            ),
            MenuItem(
                label=nl("Visiting the festival", "Het festival bezoeken"),
                page=pages["visiting"],
            ),
            MenuItem(label=nl("News", "Nieuws"), page=pages["news"]),
            MenuItem(
                label=nl("For professionals", "Voor professionals"),
                address="professionals",
            ),
            MenuItem(label=nl("Donate", "Doneren"), address="donate"),
            MenuItem(label=nl("Browse A–Z", "Blader A–Z"), address="archive"),
        ],
    }

"""A deterministic generated catalogue, so the demo has an archive to browse.

Every generated film is marked ``is_generated`` and says so on its page. The
same ``seed`` and ``films`` always give the same catalogue. Titles and synopses
are assembled from word lists and sentences written for this project; names
come from Faker's per-country name lists, so they carry real diacritics and
scripts (Cyrillic, Greek, Georgian, Chinese).

Rows are written with ``bulk_create`` in batches: the generator must make
100,000 films for the benchmarks in minutes, which one-by-one service calls
cannot do. It only writes rows the services would accept (the database
constraints still check every one).
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from faker import Faker

from festarchive.catalogue.models import (
    Company,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    Person,
    Role,
)
from festarchive.core.db import prepare_bulk_write
from festarchive.core.text import (
    initial,
    is_latin,
    make_slug,
    sort_key,
    transliterate,
    unique_slug,
)
from festarchive.festival.models import (
    Award,
    Edition,
    PremiereStatus,
    Prize,
    Selection,
)
from festarchive.festival.services import prize_for_name

from .festivals import HOST_SECTIONS, SECTION_AWARDS, ensure_festivals

BATCH = 2000

# --- Names ------------------------------------------------------------------
# Faker locale -> share of people. Scripts other than Latin are stored in their
# Latin transliteration with the original as a name variant, as archives do.
PERSON_LOCALES = {
    "nl_NL": 10,
    "de_DE": 6,
    "fr_FR": 7,
    "pl_PL": 6,
    "cs_CZ": 4,
    "uk_UA": 7,
    "ru_RU": 4,
    "el_GR": 3,
    "es_ES": 5,
    "pt_BR": 4,
    "it_IT": 4,
    "tr_TR": 3,
    "hu_HU": 2,
    "ro_RO": 2,
    "sv_SE": 3,
    "da_DK": 2,
    "fi_FI": 2,
    "en_GB": 8,
    "en_US": 8,
    "zh_CN": 4,
    "ka_GE": 1,
    "hr_HR": 2,
    "lt_LT": 1,
    "sk_SK": 1,
    "no_NO": 2,
}
FAMILY_NAME_FIRST = {"zh_CN"}
COMPANY_LOCALES = [
    "nl_NL",
    "de_DE",
    "fr_FR",
    "pl_PL",
    "cs_CZ",
    "es_ES",
    "it_IT",
    "en_GB",
    "en_US",
    "sv_SE",
    "da_DK",
    "pt_BR",
    "hr_HR",
]

# --- Titles -------------------------------------------------------------------
ADJECTIVES = [
    "Silent",
    "Distant",
    "Last",
    "Northern",
    "Burning",
    "Quiet",
    "Hidden",
    "Broken",
    "Invisible",
    "Endless",
    "Bright",
    "Lost",
    "Hollow",
    "Wild",
    "Restless",
    "Small",
    "Open",
    "Borrowed",
    "Salt",
    "Iron",
    "Paper",
    "Golden",
    "Winter",
    "Summer",
    "Long",
    "Little",
    "Fragile",
    "Unfinished",
    "Common",
    "Secret",
    "Second",
    "Red",
]
NOUNS = [
    "River",
    "Border",
    "Harvest",
    "Archive",
    "Mountain",
    "Village",
    "Voices",
    "Children",
    "Island",
    "Garden",
    "Station",
    "Machine",
    "Country",
    "Sea",
    "Letters",
    "Shadows",
    "Republic",
    "Factory",
    "Horizon",
    "Camp",
    "Road",
    "Bridge",
    "Mother",
    "Forest",
    "Season",
    "Signal",
    "Witness",
    "Kingdom",
    "Harbour",
    "Choir",
    "Miners",
    "Shepherd",
    "Promise",
    "Exile",
    "Orchard",
    "Frontier",
    "Lighthouse",
    "Classroom",
    "Desert",
    "Wedding",
]
TITLE_PATTERNS = [
    "The {adj} {noun}",
    "{adj} {noun}",
    "{noun} and {noun2}",
    "After the {noun}",
    "A {noun} for {name}",
    "{name}'s {noun}",
    "Where the {noun} Ends",
    "Notes from the {noun}",
    "In the {adj} {noun}",
    "{noun}",
    "The {noun} Keepers",
    "Before the {noun}",
    "{name}",
    "Songs of the {noun}",
]

# Original titles per language: (as written, Latin form or "" to transliterate).
ORIGINAL_TITLES = {
    "uk": [
        "Тиша над рікою",
        "Останнє літо",
        "Дім на кордоні",
        "Степові голоси",
        "Ми тут",
        "Діти вугілля",
        "Пам'ять води",
        "Після вибуху",
        "Світло в шахті",
        "Довга зима",
        "Невидимі",
        "Чорне море",
    ],
    "ru": [
        "Тихая река",
        "Последний поезд",
        "Голоса степи",
        "Дом у моря",
        "Зимний сад",
        "Люди на льду",
        "Далёкий берег",
        "Письма матери",
    ],
    "el": [
        "Η σιωπή της θάλασσας",
        "Το τελευταίο καλοκαίρι",
        "Νησί των ανέμων",
        "Φωνές από το λιμάνι",
        "Ο κήπος",
        "Τα παιδιά του βουνού",
        "Η γέφυρα",
    ],
    "zh": [
        "沉默的河",
        "最后的夏天",
        "山里的孩子",
        "回家的路",
        "城市之声",
        "远方的海",
        "冬天的花园",
        "父亲的工厂",
    ],
    "pl": [
        "Cisza nad rzeką",
        "Ostatnie lato",
        "Dom na granicy",
        "Żółte pola",
        "Dzieci węgla",
        "Głosy z doliny",
        "Późna jesień",
        "Łąka",
    ],
    "cs": [
        "Tichá řeka",
        "Poslední léto",
        "Dům na hranici",
        "Děti z hor",
        "Zimní zahrada",
        "Hlasy ze sklepa",
    ],
    "nl": [
        "De stille rivier",
        "Het laatste jaar",
        "Stemmen uit de polder",
        "Waar de dijk eindigt",
        "Het huis aan zee",
        "Kinderen van de haven",
        "Lange winter",
        "Onder water",
    ],
    "fr": [
        "La rivière silencieuse",
        "Le dernier été",
        "La maison au bord de la mer",
        "Les enfants du port",
        "Un long hiver",
        "Après la tempête",
        "Voix du désert",
    ],
    "es": [
        "El río callado",
        "El último verano",
        "La casa del mar",
        "Los niños de la mina",
        "Voces del desierto",
        "Después de la tormenta",
    ],
    "de": [
        "Der stille Fluss",
        "Der letzte Sommer",
        "Das Haus am Meer",
        "Kinder der Grube",
        "Ein langer Winter",
        "Stimmen aus dem Tal",
    ],
    "tr": ["Sessiz nehir", "Son yaz", "Denizdeki ev", "Madenin çocukları", "Uzun kış"],
    "pt": ["O rio calado", "O último verão", "A casa do mar", "Vozes do sertão"],
}
# Arabic script leaves out short vowels, so a machine transliteration reads
# badly; these carry a hand-written romanisation instead.
ARABIC_TITLES = [
    ("البحر البعيد", "Al-Bahr al-Ba'id"),
    ("بيت في الصحراء", "Bayt fi al-Sahra"),
    ("أصوات المدينة", "Aswat al-Madina"),
    ("الطريق إلى البيت", "Al-Tariq ila al-Bayt"),
    ("نهر الذاكرة", "Nahr al-Dhakira"),
    ("أطفال الحرب", "Atfal al-Harb"),
    ("الصمت", "Al-Samt"),
    ("شتاء طويل", "Shita' Tawil"),
]
# Share of films per original language ("en": the English title is original).
ORIGINAL_LANGUAGES = {
    "en": 30,
    "uk": 6,
    "ru": 4,
    "el": 3,
    "zh": 4,
    "ar": 5,
    "pl": 5,
    "cs": 3,
    "nl": 10,
    "fr": 9,
    "es": 7,
    "de": 7,
    "tr": 3,
    "pt": 4,
}
# Where films in each language are made (historical countries before their end).
LANGUAGE_COUNTRIES = {
    "en": ["GB", "US", "CA", "AU", "IE", "ZA", "NG", "KE", "IN"],
    "uk": ["UA"],
    "ru": ["RU", "GE", "KZ"],
    "el": ["GR", "CY"],
    "zh": ["CN", "TW", "HK"],
    "ar": ["EG", "LB", "SY", "PS", "JO", "MA", "TN", "IQ"],
    "pl": ["PL"],
    "cs": ["CZ"],
    "nl": ["NL", "BE"],
    "fr": ["FR", "BE", "CH", "CA", "SN"],
    "es": ["ES", "MX", "AR", "CL", "CO"],
    "de": ["DE", "AT", "CH"],
    "tr": ["TR"],
    "pt": ["PT", "BR"],
}
HISTORICAL = {
    "RU": ("SUHH", 1991),
    "UA": ("SUHH", 1991),
    "GE": ("SUHH", 1991),
    "KZ": ("SUHH", 1991),
    "CZ": ("CSHH", 1992),
    "DE": ("DDDE", 1990),
    "HR": ("YUCS", 1991),
}
CO_PRODUCERS = [
    "NL",
    "BE",
    "DE",
    "FR",
    "GB",
    "DK",
    "NO",
    "SE",
    "FI",
    "CH",
    "AT",
    "PL",
    "CZ",
    "US",
    "CA",
    "QA",
    "IT",
    "ES",
    "PT",
    "HR",
]

# --- Synopses (English, Dutch) ----------------------------------------------
PLACES = [
    ("a mining town in the Donbas", "een mijnstadje in de Donbas"),
    ("the port of Rotterdam", "de haven van Rotterdam"),
    ("a village in the Atlas Mountains", "een dorp in het Atlasgebergte"),
    ("Lagos", "Lagos"),
    ("a suburb of Cairo", "een buitenwijk van Caïro"),
    ("the Faroe Islands", "de Faeröer"),
    ("a valley in Georgia", "een vallei in Georgië"),
    ("Beirut", "Beiroet"),
    ("a fishing village in Sicily", "een vissersdorp op Sicilië"),
    ("northern Finland", "Noord-Finland"),
    ("Mexico City", "Mexico-Stad"),
    ("a housing estate in Glasgow", "een woonwijk in Glasgow"),
    ("the Mekong Delta", "de Mekongdelta"),
    ("a border town in Texas", "een grensstadje in Texas"),
    ("Athens", "Athene"),
    ("a steppe village in Kazakhstan", "een steppedorp in Kazachstan"),
]
OPENINGS = [
    (
        "In {place}, {name} has spent most of a lifetime waiting for something to change.",
        "In {place} wacht {name} al bijna een leven lang tot er iets verandert.",
    ),
    (
        "Every morning {name} opens the doors of a small workshop in {place}, as the family has done for three generations.",
        "Elke ochtend opent {name} de deuren van een kleine werkplaats in {place}, zoals de familie al drie generaties doet.",
    ),
    (
        "When the factory in {place} closes, {name} and the last of its workers refuse to go home.",
        "Als de fabriek in {place} sluit, weigeren {name} en de laatste arbeiders naar huis te gaan.",
    ),
    (
        "{name} returns to {place} after twenty years abroad and finds a town that has forgotten the family name.",
        "{name} keert na twintig jaar in het buitenland terug naar {place} en vindt een stad die de familienaam is vergeten.",
    ),
    (
        "A group of teenagers in {place} prepares for a school performance that may never take place.",
        "Een groep tieners in {place} bereidt een schoolvoorstelling voor die misschien nooit doorgaat.",
    ),
    (
        "The archive of a closed newspaper in {place} holds thousands of photographs that nobody has looked at in decades.",
        "Het archief van een opgeheven krant in {place} bewaart duizenden foto's waar al tientallen jaren niemand naar heeft gekeken.",
    ),
    (
        "{name}, a nurse in {place}, works double shifts through a winter of power cuts.",
        "{name}, verpleegkundige in {place}, draait dubbele diensten in een winter vol stroomstoringen.",
    ),
    (
        "In {place}, a children's choir led by {name} rehearses in a church without a roof.",
        "In {place} repeteert een kinderkoor onder leiding van {name} in een kerk zonder dak.",
    ),
]
MIDDLES = [
    (
        "Filmed over {years} years, the film watches small routines slowly give way to larger upheavals.",
        "De film is over {years} jaar gedraaid en ziet kleine gewoontes langzaam wijken voor grotere omwentelingen.",
    ),
    (
        "Patient observation alternates with home videos and letters read aloud.",
        "Geduldige observatie wisselt af met homevideo's en hardop voorgelezen brieven.",
    ),
    (
        "The camera keeps its distance and lets conversations run their course.",
        "De camera houdt afstand en laat gesprekken hun loop nemen.",
    ),
    (
        "Archive footage from the {decade}s shows the same streets full of people.",
        "Archiefbeelden uit de jaren '{decade2} tonen dezelfde straten vol mensen.",
    ),
    (
        "Told without commentary, the story unfolds over the seasons of a single year.",
        "Zonder commentaar ontvouwt het verhaal zich over de seizoenen van één jaar.",
    ),
    (
        "Long, quiet takes leave room for what people do not say.",
        "Lange, stille shots laten ruimte voor wat mensen niet zeggen.",
    ),
]
CLOSINGS = [
    (
        "A portrait of endurance, and of the humour that makes it possible.",
        "Een portret van doorzettingsvermogen, en van de humor die dat mogelijk maakt.",
    ),
    (
        "What remains is a quiet reflection on home, memory and leaving.",
        "Wat overblijft is een stille overpeinzing over thuis, herinnering en vertrek.",
    ),
    (
        "The result is as much about the filmmaker as about the people in front of the lens.",
        "Het resultaat gaat evenzeer over de filmmaker als over de mensen voor de lens.",
    ),
    (
        "It asks who gets to tell a community's history, and who is left out.",
        "De film vraagt wie de geschiedenis van een gemeenschap mag vertellen, en wie buiten beeld blijft.",
    ),
    (
        "Slowly, a picture emerges of a place caught between its past and its future.",
        "Langzaam ontstaat het beeld van een plek die klem zit tussen verleden en toekomst.",
    ),
]

# --- Companies ----------------------------------------------------------------
BROADCASTER_WORDS = [
    "Kestrel",
    "Meridian",
    "Northlight",
    "Polder",
    "Aurora",
    "Delta",
    "Harbour",
    "Lantern",
    "Beacon",
    "Compass",
    "Orbit",
    "Tidal",
]
BROADCASTER_SUFFIXES = ["TV", "Television", "Broadcasting", "Channel", "Public Media"]
SALES_WORDS = [
    "Stranger",
    "Parallel",
    "Blue Hour",
    "Open Frame",
    "Long Shot",
    "Third Eye",
    "Wide Angle",
    "First Light",
    "Deep Focus",
    "Paper Moon",
]
SALES_SUFFIXES = ["Sales", "Films International", "Docs Distribution", "World Sales"]


@dataclass
class GenerateReport:
    films: int = 0
    people: int = 0
    companies: int = 0
    credits: int = 0
    selections: int = 0
    awards: int = 0
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)


def _capitalised(name: str) -> str:
    """Latin form of a name, each word capitalised (Georgian has no capitals)."""
    return " ".join(w[:1].upper() + w[1:] for w in transliterate(name).split())


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _skewed(rng: random.Random, items: list):
    """Pick from ``items``, a third of the time among the first twentieth: some
    makers and companies are credited on dozens of films, most on a few."""
    if rng.random() < 0.3:
        return items[rng.randrange(max(1, len(items) // 20))]
    return rng.choice(items)


class _Generator:
    def __init__(self, *, seed: int, log: Callable[[str], None]):
        self.rng = random.Random(seed)
        self.seed = seed
        self.log = log
        self.fakers = {}
        for index, locale in enumerate(
            sorted(set(PERSON_LOCALES) | set(COMPANY_LOCALES))
        ):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + index)
            self.fakers[locale] = fake
        self.person_slugs = set(Person.objects.values_list("slug", flat=True))
        self.company_slugs = set(Company.objects.values_list("slug", flat=True))
        self.film_slugs = set(Film.objects.values_list("slug", flat=True))

    # -- helpers ------------------------------------------------------------
    @staticmethod
    def _claim(slug: str, taken: set) -> str:
        return unique_slug(slug, taken)

    def _person_name(self) -> tuple[str, str, list[str]]:
        locale = _weighted(self.rng, PERSON_LOCALES)
        fake = self.fakers[locale]
        if self.rng.random() < 0.5:
            first = fake.first_name_female()
            last = getattr(fake, "last_name_female", fake.last_name)()
        else:
            first = fake.first_name_male()
            last = getattr(fake, "last_name_male", fake.last_name)()
        if locale in FAMILY_NAME_FIRST:
            native = f"{last}{first}"
            latin_first, latin_last = _capitalised(first), _capitalised(last)
            return (
                f"{latin_last} {latin_first}",
                f"{latin_last}, {latin_first}",
                [native],
            )
        native = f"{first} {last}"
        if is_latin(native):
            return native, f"{last}, {first}", []
        latin_first, latin_last = _capitalised(first), _capitalised(last)
        return f"{latin_first} {latin_last}", f"{latin_last}, {latin_first}", [native]

    # -- pools --------------------------------------------------------------
    def make_people(self, count: int) -> list[Person]:
        people = []
        for _ in range(count):
            name, sort_name, variants = self._person_name()
            people.append(
                Person(
                    name=name,
                    sort_name=sort_name,
                    name_variants=variants,
                    slug=self._claim(make_slug(name), self.person_slugs),
                )
            )
        return Person.objects.bulk_create(people, batch_size=BATCH)

    def make_companies(self, *, films: int) -> dict[str, list[Company]]:
        """Production companies, broadcasters and sales agents, in proportion
        to the catalogue so that no one company holds an implausible share."""
        rng = self.rng
        rows = []

        def add(name: str, kind: str, country: str) -> None:
            slug = self._claim(make_slug(name), self.company_slugs)
            rows.append(Company(name=name, kind=kind, country=country, slug=slug))

        for _ in range(max(20, films // 6)):
            locale = rng.choice(COMPANY_LOCALES)
            add(self.fakers[locale].company(), Company.Kind.PRODUCTION, locale[-2:])
        # A few hand-named broadcasters and sales agents, then more named
        # after cities and families as the catalogue grows.
        for kind, words, suffixes, count in (
            (
                Company.Kind.BROADCASTER,
                BROADCASTER_WORDS,
                BROADCASTER_SUFFIXES,
                films // 400,
            ),
            (Company.Kind.SALES, SALES_WORDS, SALES_SUFFIXES, films // 150),
        ):
            for index in range(max(len(words), count)):
                word = words[index % len(words)]
                if index >= len(words):
                    fake = self.fakers[rng.choice(COMPANY_LOCALES)]
                    word = (
                        fake.city()
                        if kind == Company.Kind.BROADCASTER
                        else fake.last_name()
                    )
                add(f"{word} {rng.choice(suffixes)}", kind, rng.choice(CO_PRODUCERS))
        pools: dict[str, list[Company]] = {
            "production": [],
            "broadcaster": [],
            "sales": [],
        }
        for company in Company.objects.bulk_create(rows, batch_size=BATCH):
            pools[company.kind].append(company)
        return pools

    # -- films --------------------------------------------------------------
    def _titles(self, people: list[Person]) -> dict:
        rng = self.rng
        pattern = rng.choice(TITLE_PATTERNS)
        given = rng.choice(people).name.split()[0]
        title_en = pattern.format(
            adj=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS),
            noun2=rng.choice(NOUNS),
            name=given,
        )
        language = _weighted(rng, ORIGINAL_LANGUAGES)
        titles = {
            "title_en": title_en,
            "language": language,
            "title_original": "",
            "title_original_latin": "",
            "title_nl": "",
        }
        if language == "en":
            titles["title_original"] = title_en
        elif language == "ar":
            native, latin = rng.choice(ARABIC_TITLES)
            titles.update(title_original=native, title_original_latin=latin)
        else:
            native = rng.choice(ORIGINAL_TITLES[language])
            titles["title_original"] = native
            if not is_latin(native):
                titles["title_original_latin"] = transliterate(native).capitalize()
            if language == "nl":
                titles["title_nl"] = native
        return titles

    def _countries(self, language: str, year: int) -> list[str]:
        rng = self.rng
        first = rng.choice(LANGUAGE_COUNTRIES[language])
        countries = [first]
        for _ in range(rng.choices([0, 1, 2, 3], weights=[45, 30, 17, 8])[0]):
            other = rng.choice(CO_PRODUCERS)
            if other not in countries:
                countries.append(other)
        result = []
        for code in countries:
            historic = HISTORICAL.get(code)
            if (
                historic
                and year <= historic[1]
                and (code != "DE" or rng.random() < 0.4)
            ):
                code = historic[0]
            if code not in result:
                result.append(code)
        return result

    def _synopsis(self, people: list[Person], year: int) -> tuple[str, str]:
        rng = self.rng
        name = rng.choice(people).name.split()[0]
        place_en, place_nl = rng.choice(PLACES)
        decade = max(1930, (year - rng.randint(10, 50)) // 10 * 10)
        values = {
            "name": name,
            "years": rng.randint(2, 9),
            "decade": decade,
            "decade2": f"{decade % 100:02d}",
        }
        opening, middle, closing = (
            rng.choice(OPENINGS),
            rng.choice(MIDDLES),
            rng.choice(CLOSINGS),
        )
        english = " ".join(
            [
                opening[0].format(place=place_en, **values),
                middle[0].format(**values),
                closing[0],
            ]
        )
        dutch = " ".join(
            [
                opening[1].format(place=place_nl, **values),
                middle[1].format(**values),
                closing[1],
            ]
        )
        return english, dutch

    def _runtime(self) -> int:
        kind = self.rng.choices(["short", "mid", "feature"], weights=[17, 15, 68])[0]
        if kind == "short":
            return self.rng.randint(6, 39)
        if kind == "mid":
            return self.rng.randint(40, 60)
        return self.rng.randint(61, 180)


def generate_catalogue(
    *, films: int, seed: int = 2023, log: Callable[[str], None] = lambda _m: None
) -> GenerateReport:
    """Add ``films`` generated films (with people, companies, credits, festival
    histories and awards) to the catalogue, deterministically for ``seed``."""
    started = time.perf_counter()
    report = GenerateReport()
    prepare_bulk_write()
    with transaction.atomic():
        festivals = ensure_festivals()
        gen = _Generator(seed=seed, log=log)
        rng = gen.rng
        roles = {role.slug: role for role in Role.objects.all()}
        premieres = {p.slug: p for p in PremiereStatus.objects.all()}
        people = gen.make_people(max(100, films * 2))
        directors = people[: max(30, len(people) // 4)]
        companies = gen.make_companies(films=films)
        report.people, report.companies = len(people), sum(map(len, companies.values()))
        log(f"{report.people} people and {report.companies} companies")

        host_years = sorted(festivals.host_editions)
        sections_by_year = {
            year: [
                festivals.host_sections[name]
                for name, _nl, first, last, _c in HOST_SECTIONS
                if first <= year <= last
            ]
            for year in host_years
        }
        competitive = {name for name, _nl, _f, _l, comp in HOST_SECTIONS if comp}
        other_editions: dict[tuple[int, int], Edition] = {
            (e.festival_id, e.year): e
            for e in Edition.objects.filter(festival__in=festivals.others)
        }
        new_other_editions: list[Edition] = []
        awarded: set[tuple[int, str]] = set(
            Award.objects.filter(outcome=Award.Outcome.WINNER).values_list(
                "selection__edition_id", "name_en"
            )
        )

        found_prizes: dict[tuple[int, str], Prize] = {}

        def prizes(edition: Edition, name_en: str, name_nl: str) -> Prize:
            """The prize an award of this name is a year of, asked once a name."""
            key = (edition.festival_id, name_en)
            if key not in found_prizes:
                found_prizes[key] = prize_for_name(
                    festival=edition.festival,
                    name_en=name_en,
                    name_nl=name_nl,
                    year=edition.year,
                )
            return found_prizes[key]

        done = 0
        while done < films:
            size = min(BATCH, films - done)
            film_rows, plans = [], []
            for _ in range(size):
                edition_year = rng.choice(host_years)
                year = edition_year - rng.choice([0, 0, 0, 1, 1, 2])
                titles = gen._titles(people)
                synopsis_en, synopsis_nl = gen._synopsis(people, year)
                language = titles.pop("language")
                film = Film(
                    **titles,
                    title_original_language=language,
                    year=year,
                    runtime_minutes=gen._runtime(),
                    synopsis_en=synopsis_en,
                    synopsis_nl=synopsis_nl if rng.random() < 0.6 else "",
                    is_generated=True,
                    sort_title=sort_key(titles["title_en"]),
                    title_initial=initial(titles["title_en"]),
                    slug=gen._claim(
                        make_slug(f"{titles['title_en']} {year}"), gen.film_slugs
                    ),
                )
                film_rows.append(film)
                plans.append((edition_year, language))
            Film.objects.bulk_create(film_rows, batch_size=BATCH)

            countries, languages, credits, selections, award_plans = [], [], [], [], []
            for film, (edition_year, language) in zip(film_rows, plans, strict=True):
                for order, code in enumerate(gen._countries(language, film.year)):
                    countries.append(FilmCountry(film=film, country=code, order=order))
                spoken = [language] + (
                    ["en"] if language != "en" and rng.random() < 0.3 else []
                )
                for order, code in enumerate(spoken):
                    languages.append(
                        FilmLanguage(film=film, language=code, order=order)
                    )
                credits.extend(_credits(rng, film, roles, people, directors, companies))
                film_selections, awards = _selections(
                    rng,
                    film,
                    edition_year,
                    festivals,
                    sections_by_year,
                    competitive,
                    premieres,
                    other_editions,
                    new_other_editions,
                    awarded,
                )
                selections.extend(film_selections)
                award_plans.extend(awards)
            if new_other_editions:
                Edition.objects.bulk_create(new_other_editions, batch_size=BATCH)
                new_other_editions.clear()
            FilmCountry.objects.bulk_create(countries, batch_size=BATCH)
            FilmLanguage.objects.bulk_create(languages, batch_size=BATCH)
            Credit.objects.bulk_create(credits, batch_size=BATCH)
            Selection.objects.bulk_create(selections, batch_size=BATCH)
            award_rows = [
                Award(
                    selection=selection,
                    name_en=name_en,
                    name_nl=name_nl,
                    outcome=outcome,
                    prize=prizes(selection.edition, name_en, name_nl),
                )
                for selection, name_en, name_nl, outcome in award_plans
            ]
            Award.objects.bulk_create(award_rows, batch_size=BATCH)
            report.credits += len(credits)
            report.selections += len(selections)
            report.awards += len(award_rows)
            done += size
            report.films = done
            log(f"{done}/{films} films")
    refresh_planner_statistics()
    report.seconds = time.perf_counter() - started
    return report


def refresh_planner_statistics() -> None:
    """ANALYZE after a bulk load: until autovacuum catches up, PostgreSQL plans
    film-page queries as if the tables were empty (10x slower pages)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _credits(rng, film, roles, people, directors, companies) -> list[Credit]:
    rows: list[Credit] = []
    seen: set[tuple] = set()

    def add(role_slug, person=None, company=None):
        key = (role_slug, person and person.pk, company and company.pk)
        if key in seen:
            return
        seen.add(key)
        order = sum(1 for k in seen if k[0] == role_slug) - 1
        rows.append(
            Credit(
                film=film,
                role=roles[role_slug],
                person=person,
                company=company,
                order=order,
            )
        )

    for _ in range(rng.choices([1, 2], weights=[85, 15])[0]):
        add("director", person=_skewed(rng, directors))
    producer = _skewed(rng, companies["production"])
    for _ in range(rng.randint(1, 3)):
        add("production", person=_skewed(rng, people), company=producer)
    if rng.random() < 0.5:
        co_producer = _skewed(rng, companies["production"])
        for _ in range(rng.randint(1, 2)):
            add("co-production", person=_skewed(rng, people), company=co_producer)
    if rng.random() < 0.25:
        add("co-production", person=_skewed(rng, people))
    if rng.random() < 0.5:
        add("screenplay", person=rng.choice([rows[0].person, _skewed(rng, people)]))
    for slug, chance in (
        ("cinematography", 0.95),
        ("editing", 0.95),
        ("sound", 0.6),
        ("sound-design", 0.35),
        ("music", 0.55),
    ):
        if rng.random() < chance:
            add(slug, person=_skewed(rng, people))
    for _ in range(rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10])[0]):
        add("involved-tv-channel", company=rng.choice(companies["broadcaster"]))
    if rng.random() < 0.7:
        sales = _skewed(rng, companies["sales"])
        add("world-sales", company=sales)
        if rng.random() < 0.8:
            add("screening-copy", company=sales)
    elif rng.random() < 0.5:
        add("screening-copy", company=producer)
    return rows


def _selections(
    rng,
    film,
    edition_year,
    festivals,
    sections_by_year,
    competitive,
    premieres,
    other_editions,
    new_other_editions,
    awarded,
):
    host_edition = festivals.host_editions[edition_year]
    section = rng.choice(sections_by_year[edition_year])
    travelled = section.name_en in {"Best of Fests", "Masters"} or rng.random() < 0.3
    others = []
    if travelled:
        for festival in rng.sample(festivals.others, rng.randint(1, 3)):
            year = max(film.year, edition_year - rng.choice([0, 0, 1]))
            key = (festival.pk, year)
            if key not in other_editions:
                edition = Edition(
                    festival=festival,
                    year=year,
                    slug=make_slug(f"{festival.slug} {year}"),
                )
                other_editions[key] = edition
                new_other_editions.append(edition)
            others.append(other_editions[key])
    if others:
        premiere = premieres["dutch"] if rng.random() < 0.8 else None
    elif section.name_en in competitive:
        premiere = premieres[
            rng.choice(["world", "world", "international", "european"])
        ]
    else:
        premiere = rng.choice(
            [
                premieres["world"],
                premieres["international"],
                premieres["european"],
                premieres["dutch"],
                None,
            ]
        )
    host_selection = Selection(
        film=film, edition=host_edition, section=section, premiere=premiere
    )
    rows = [host_selection]
    for index, edition in enumerate(sorted(others, key=lambda e: e.year)):
        rows.append(
            Selection(
                film=film,
                edition=edition,
                premiere=(
                    premieres["world"] if index == 0 and rng.random() < 0.7 else None
                ),
            )
        )

    awards = []
    if section.name_en in SECTION_AWARDS:
        name_en, name_nl = SECTION_AWARDS[section.name_en]
        roll = rng.random()
        key = (host_edition.pk, name_en)
        if roll < 0.12 and key not in awarded:
            awarded.add(key)
            awards.append((host_selection, name_en, name_nl, Award.Outcome.WINNER))
        elif roll < 0.2:
            awards.append(
                (host_selection, name_en, name_nl, Award.Outcome.SPECIAL_MENTION)
            )
    audience = (host_edition.pk, "Audience Award")
    if rng.random() < 0.015 and audience not in awarded:
        awarded.add(audience)
        awards.append(
            (host_selection, "Audience Award", "Publieksprijs", Award.Outcome.WINNER)
        )
    return rows, awards

"""The professional side of the demo: an accredited professional, contact
details and availability on the live edition's films, a few of them in the
market library with a short generated test video, and a request waiting for
its rights holder.

Idempotent, like the rest of ``demo``: a second run finds what the first made
and adds nothing.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone

from festarchive.catalogue.models import Company, Credit, Film, Role
from festarchive.catalogue.services import company_create, credit_add
from festarchive.festival.models import Edition
from festarchive.professionals.models import (
    Accreditation,
    Contact,
    DelegateProfile,
    FilmAvailability,
    MarketEntry,
    ScreenerRequest,
    TrustedDomain,
)
from festarchive.professionals.services.market import market_add
from festarchive.professionals.services.requests import request_create
from festarchive.professionals.vocabulary import WORLDWIDE

from .festivals import HOST

# Listed in the README's table of demo accounts.
DEMO_PROFESSIONAL = ("pro@example.org", "festival-pro")
DEMO_PROFESSIONAL_NAME = "Noor de Vries"
DEMO_ORGANISATION = "Noorderlicht Docs"
# Applicants from this domain are approved at once (try signing up with it).
DEMO_TRUSTED_DOMAIN = "press.example.org"
# How many of the live edition's films get the professional side, and how
# many of those the market library holds with the test video.
FILMS_WITH_DETAILS = 8
MARKET_FILMS = 4
SCREENER_VIDEO = Path(__file__).parent / "fixtures" / "screener-test.webm"

# What the demo's rights holders say is available, in turn.
AVAILABILITY = [
    {"rights": ["tv", "vod"], "territories": ["NL", "BE", "LU"], "seeking": []},
    {"rights": ["theatrical"], "territories": [WORLDWIDE], "seeking": ["distributor"]},
    {"rights": ["educational", "vod"], "territories": ["DE", "AT"], "seeking": []},
    {"rights": ["tv"], "territories": [WORLDWIDE], "seeking": ["broadcaster"]},
    {"rights": [], "territories": [], "seeking": ["sales-agent"]},
]


@dataclass
class ProfessionalsReport:
    created: list[str] = field(default_factory=list)


def live_edition() -> Edition | None:
    """The host festival's edition running today, else its latest."""
    today = timezone.localdate()
    editions = Edition.objects.filter(festival__slug=HOST["slug"])
    return (
        editions.filter(starts_on__lte=today, ends_on__gte=today).first()
        or editions.order_by("-year").first()
    )


def _professional():
    User = get_user_model()
    email, password = DEMO_PROFESSIONAL
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email,
            email=email,
            password=password,
            display_name=DEMO_PROFESSIONAL_NAME,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    today = timezone.localdate()
    if not Accreditation.objects.filter(user=user).exists():
        Accreditation.objects.create(
            user=user,
            organisation=DEMO_ORGANISATION,
            role="programmer",
            country="NL",
            website="https://noorderlicht-docs.example.org",
            description="Programming documentaries for a festival in the north.",
            scope=Accreditation.Scope.YEAR,
            status=Accreditation.Status.APPROVED,
            valid_from=today,
            valid_until=today + datetime.timedelta(days=365),
            decided_at=timezone.now(),
        )
    DelegateProfile.objects.get_or_create(
        user=user,
        defaults={
            "is_listed": True,
            "bio": "Looking for creative documentaries about the sea and the "
            "people who live by it.",
        },
    )
    return user


def _holder_company(film: Film, number: int) -> Company:
    """The film's world sales company, given one when it has none."""
    credit = (
        Credit.objects.filter(
            film=film, role__slug__in=("world-sales", "screening-copy")
        )
        .exclude(company=None)
        .select_related("company")
        .first()
    )
    if credit is not None:
        return credit.company
    company = Company.objects.filter(name=f"Demo Sales {number}").first()
    if company is None:
        company = company_create(
            name=f"Demo Sales {number}", kind="sales", country="NL"
        )
    credit_add(film=film, role=Role.objects.get(slug="world-sales"), company=company)
    return company


def _films(edition: Edition) -> list[Film]:
    return list(
        Film.objects.published()
        .filter(selections__edition=edition)
        .filter(Q(is_generated=True) | Q(credits__role__slug="world-sales"))
        .distinct()
        .order_by("pk")[:FILMS_WITH_DETAILS]
    )


def ensure_professional_side() -> ProfessionalsReport:
    """Everything the README promises of the demo's professional side."""
    report = ProfessionalsReport()
    edition = live_edition()
    if edition is None:
        return report
    TrustedDomain.objects.get_or_create(
        domain=DEMO_TRUSTED_DOMAIN, defaults={"note": "The demo's press office."}
    )
    pro = _professional()
    films = _films(edition)
    for number, film in enumerate(films, start=1):
        company = _holder_company(film, number)
        slug = company.slug
        Contact.objects.get_or_create(
            company=company,
            defaults={
                "email": f"sales@{slug}.example.org",
                "phone": f"+31 20 555 {number:04d}",
                "website": f"https://{slug}.example.org",
            },
        )
        FilmAvailability.objects.get_or_create(
            film=film, defaults=AVAILABILITY[(number - 1) % len(AVAILABILITY)]
        )
    for film in films[:MARKET_FILMS]:
        if MarketEntry.objects.filter(film=film, edition=edition).exists():
            continue
        with SCREENER_VIDEO.open("rb") as video:
            market_add(
                film=film,
                edition=edition,
                screener=File(video, name=SCREENER_VIDEO.name),
                by=None,
            )
        report.created.append(f"market library: {film}")
    if films and not ScreenerRequest.objects.filter(professional=pro).exists():
        asked = films[-1]
        # The demo's rights holders are made up: their mail goes nowhere.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            _demo_request(asked, pro)
        report.created.append(f"pending request: {asked}")
    return report


def _demo_request(film: Film, pro) -> None:
    request_create(
        film=film,
        professional=pro,
        kind=ScreenerRequest.Kind.SCREENER,
        purpose=DEMO_ORGANISATION,
        wanted_from=None,
        wanted_until=None,
        message="We would like to consider the film for our spring programme.",
        language="en",
    )

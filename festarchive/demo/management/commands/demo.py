import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from festarchive.catalogue.models import Film
from festarchive.demo.awards import ensure_juries_and_statements
from festarchive.demo.donations import ensure_donations
from festarchive.demo.festivals import ensure_festivals
from festarchive.demo.generator import generate_catalogue
from festarchive.demo.loader import load_reference_film
from festarchive.demo.pages import ensure_pages
from festarchive.demo.pictures import add_key_images, add_reference_gallery
from festarchive.demo.professionals import DEMO_PROFESSIONAL, ensure_professional_side
from festarchive.demo.programme import ensure_programme, plan_screenings
from festarchive.demo.selections import ensure_selections
from festarchive.lists.services import (
    favourite_set,
    list_add_film,
    list_create,
    list_set_public,
)
from festarchive.search.indexer import rebuild_index

# Demo accounts, listed in the README. Only for the local demo database.
DEMO_ACCOUNTS = [
    # username, password, superuser, editor
    ("admin", "festival-admin", True, False),
    ("editor", "festival-editor", False, True),
]
# A visitor (no staff rights): logs in with e-mail at /en/accounts/login/.
DEMO_VISITOR = ("visitor@example.org", "festival-visitor")
# Screenings of the live edition in the demo visitor's "My festival".
DEMO_VISITOR_PLANNED = 8
EDITOR_APPS = ("catalogue", "festival", "curated")
# Wagtail's pictures and documents of the editorial pages; pages' own rights.
EDITOR_MEDIA_APPS = ("wagtailimages", "wagtaildocs")
EDITOR_PAGE_RIGHTS = ("add_page", "change_page", "publish_page")


def ensure_editor_group() -> Group:
    """Editors may change everything in the catalogue, festival and curated
    selections apps, and write, translate and publish the editorial pages
    with their images and documents in Wagtail's admin (not the menus, which
    stay the administrators')."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=EDITOR_APPS)
            | Q(content_type__app_label__in=EDITOR_MEDIA_APPS)
            | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    )
    root = Page.get_first_root_node()
    if root is not None:
        for codename in EDITOR_PAGE_RIGHTS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group


def ensure_demo_accounts() -> list[str]:
    User = get_user_model()
    editors = ensure_editor_group()
    created = []
    for username, password, superuser, editor in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            email=f"{username}@example.org",
            is_staff=True,
            is_superuser=superuser,
        )
        user.set_password(password)
        user.save()
        if editor:
            user.groups.add(editors)
        created.append(username)
    if not User.objects.filter(username=DEMO_VISITOR[0]).exists():
        ensure_demo_visitor()
        created.append(DEMO_VISITOR[0])
    return created


def ensure_demo_visitor():
    """A visitor account with a favourite and a public list, to log in with at
    /en/accounts/login/."""
    email, password = DEMO_VISITOR
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    films = list(Film.objects.published().order_by("pk")[:3])
    if films:
        favourite_set(user=user, film=films[0], on=True)
        film_list = list_create(
            user=user,
            name="Demo list",
            description="A list shared by the demo visitor.",
        )
        for film in films:
            list_add_film(film_list=film_list, film=film)
        list_set_public(film_list=film_list, public=True)
    plan_screenings(user=user, count=DEMO_VISITOR_PLANNED)


class Command(BaseCommand):
    help = (
        "Migrate, load the demo archive when the database is empty, create the "
        "demo accounts, then serve the site (unless --no-serve)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--films",
            type=int,
            default=3000,
            help="Generated films to add to an empty archive.",
        )
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument(
            "--serve",
            default="127.0.0.1:8000",
            metavar="ADDR",
            help="Address to serve on (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo and exit."
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day the live edition's timetable is built around "
            "(default: today, on the festival's clock).",
        )
        parser.add_argument(
            "--programme-through-services",
            action="store_true",
            help="Write each screening through the programme's services rather "
            "than in bulk (slower; the screenings' uids then differ per run).",
        )

    def programme(self, today, through_services=False):
        report = ensure_programme(today=today, through_services=through_services)
        live = report.live_edition
        if live is None:
            return report
        counts = ", ".join(f"{n} in {label}" for label, n in report.screenings.items())
        moved = (
            f" (moved on by {report.shifted_days} days)" if report.shifted_days else ""
        )
        self.stdout.write(
            f"Festival programme: {counts}, at {report.venues} venues; "
            f"{live} runs from {live.starts_on} to {live.ends_on}{moved}, "
            f"in {report.seconds:.1f} s."
        )
        return report

    def handle(self, *args, films, seed, serve, no_serve, today, **options):
        through_services = options["programme_through_services"]
        call_command("migrate", interactive=False, verbosity=0)
        if Film.objects.exists():
            self.stdout.write(
                "The archive already has films; leaving them as they are."
            )
            # Days later the live edition has to move on to stay live; an
            # archive from before the programme existed gets one.
            if self.programme(today, through_services).built:
                rebuild_index()
        else:
            ensure_festivals()
            reference = load_reference_film()
            report = generate_catalogue(films=films, seed=seed)
            self.stdout.write(
                f"Loaded the reference film and {report.films} generated films "
                f"in {report.seconds:.1f} s."
            )
            for made in ensure_juries_and_statements(ensure_festivals().host):
                self.stdout.write(f"Awards: {made}.")
            add_reference_gallery(reference)
            pictures = add_key_images()
            self.stdout.write(
                f"Drew {pictures.images} key images in {pictures.seconds:.1f} s."
            )
            self.programme(today, through_services)
            index = rebuild_index()
            self.stdout.write(f"Built the search index in {index.seconds:.1f} s.")
        for username in ensure_demo_accounts():
            self.stdout.write(f"Created demo account {username!r}.")
        professionals = ensure_professional_side()
        for made in professionals.created:
            self.stdout.write(f"Professionals: {made}.")
        if professionals.created:
            self.stdout.write(
                f"Professionals: log in as {DEMO_PROFESSIONAL[0]!r} to see them."
            )
        for made in ensure_pages().created:
            self.stdout.write(f"Editorial: {made}.")
        for made in ensure_donations():
            self.stdout.write(f"Donations: {made}.")
        for made in ensure_selections():
            self.stdout.write(f"Selections: {made}.")
        total = Film.objects.count()
        for field, language in (("synopsis_nl", "Dutch"), ("synopsis_en", "English")):
            missing = Film.objects.filter(**{field: ""}).count()
            self.stdout.write(
                f"{missing} of {total} films have no {language} synopsis "
                "(the admin's film list filters them under 'missing translation')."
            )
        if not no_serve:
            self.stdout.write(f"Serving the archive on http://{serve}/")
            call_command("runserver", serve, use_reloader=False)

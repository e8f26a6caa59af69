"""Everything the archive keeps about a visitor, for them to download."""

from allauth.account.models import EmailAddress

from festarchive.donations.queries.download import donation_download
from festarchive.lists.models import Favourite, FilmList, RecentView
from festarchive.professionals.queries.download import professional_download
from festarchive.programme.plans import planner_download


def _film(film) -> dict:
    return {
        "slug": film.slug,
        "title": film.title_en,
        "year": film.year,
        "url": film.get_absolute_url(),
    }


def account_data(user) -> dict:
    """The visitor's profile, favourites, lists, recently viewed films and
    festival plan."""
    return {
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "emails": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "favourites": [
            {**_film(f.film), "added": f.created_at.isoformat()}
            for f in Favourite.objects.filter(user=user).select_related("film")
        ],
        "lists": [
            {
                "name": film_list.name,
                "description": film_list.description,
                "public": film_list.is_public,
                "created": film_list.created_at.isoformat(),
                "films": [
                    {
                        **_film(item.film),
                        "note": item.note,
                        "added": item.added_at.isoformat(),
                    }
                    for item in film_list.items.select_related("film").order_by(
                        "order", "id"
                    )
                ],
            }
            for film_list in FilmList.objects.filter(user=user).order_by(
                "created_at", "id"
            )
        ],
        "recently_viewed": [
            {**_film(view.film), "viewed": view.viewed_at.isoformat()}
            for view in RecentView.objects.filter(user=user).select_related("film")
        ],
        "festival_plan": planner_download(user),
        "professional": professional_download(user),
        "donations": donation_download(user),
    }


CSV_COLUMNS = ["kind", "list", "film_slug", "film_title", "year", "note", "date", "url"]


def account_rows(user) -> list[list]:
    """The same data as rows of one table, for a spreadsheet."""
    data = account_data(user)
    rows = [
        [
            "profile",
            "",
            "",
            "",
            "",
            f"email: {data['profile']['email']}",
            data["profile"]["joined"],
            "",
        ]
    ]
    for f in data["favourites"]:
        rows.append(
            [
                "favourite",
                "",
                f["slug"],
                f["title"],
                f["year"],
                "",
                f["added"],
                f["url"],
            ]
        )
    for film_list in data["lists"]:
        rows.append(
            [
                "list",
                film_list["name"],
                "",
                "",
                "",
                film_list["description"],
                film_list["created"],
                "",
            ]
        )
        for f in film_list["films"]:
            rows.append(
                [
                    "list item",
                    film_list["name"],
                    f["slug"],
                    f["title"],
                    f["year"],
                    f["note"],
                    f["added"],
                    f["url"],
                ]
            )
    for f in data["recently_viewed"]:
        rows.append(
            [
                "recently viewed",
                "",
                f["slug"],
                f["title"],
                f["year"],
                "",
                f["viewed"],
                f["url"],
            ]
        )
    professional = data["professional"] or {"accreditations": [], "requests": []}
    for a in professional["accreditations"]:
        rows.append(
            [
                "accreditation",
                "",
                "",
                "",
                "",
                f"{a['organisation']}, {a['role']}: {a['status']}",
                a["applied"],
                "",
            ]
        )
    for r in professional["requests"]:
        rows.append(
            ["screener request", "", r["film"], "", "", r["status"], r["made"], ""]
        )
    for d in data["donations"]:
        rows.append(
            [
                "donation",
                "",
                "",
                "",
                "",
                f"EUR {d['amount']} {d['kind']}: {d['status']}"
                + (f", {d['dedication']}" if d["dedication"] else ""),
                d["made"],
                "",
            ]
        )
    plan = data["festival_plan"] or {"screenings": []}
    for screening in plan["screenings"]:
        rows.append(
            [
                "planned screening",
                "",
                "",
                screening["title"],
                "",
                f"{screening['venue']}, {screening['screen']}, {screening['starts_at']}",
                screening["added"],
                screening["url"],
            ]
        )
    return rows

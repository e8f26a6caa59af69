"""Every award given so far becomes a year of a prize: one prize for each
distinct name at each festival, named as in its latest year."""

from django.conf import settings
from django.db import migrations

from festarchive.core.text import make_slug, unique_slug


def link_awards(apps, schema_editor):
    Award = apps.get_model("festival", "Award")
    Prize = apps.get_model("festival", "Prize")
    host = settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    taken = set(Prize.objects.values_list("slug", flat=True))
    prizes = {}
    awards = Award.objects.filter(prize__isnull=True).select_related(
        "selection__edition__festival"
    )
    # Oldest first, so the latest year's Dutch name is the one kept.
    for award in awards.order_by("selection__edition__year", "id"):
        festival = award.selection.edition.festival
        key = (festival.pk, award.name_en)
        prize = prizes.get(key)
        if prize is None:
            prize = Prize.objects.filter(
                festival=festival, name_en=award.name_en
            ).first()
        if prize is None:
            base = award.name_en if festival.slug == host else (
                f"{festival.slug} {award.name_en}"
            )
            prize = Prize.objects.create(
                festival=festival,
                name_en=award.name_en,
                name_nl=award.name_nl,
                slug=unique_slug(make_slug(base, max_length=110), taken),
            )
        elif award.name_nl and prize.name_nl != award.name_nl:
            prize.name_nl = award.name_nl
            prize.save(update_fields=["name_nl"])
        prizes[key] = prize
        award.prize = prize
        award.save(update_fields=["prize"])


class Migration(migrations.Migration):
    dependencies = [("festival", "0005_prizes_and_juries")]

    operations = [migrations.RunPython(link_awards, migrations.RunPython.noop)]

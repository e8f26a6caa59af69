"""People's and companies' former slugs move to core's one table of former
addresses (festarchive.core.permalinks), which every kind of record shares;
the merges the change records tell of become merged records, so the merged
records' permalinks lead to the kept ones."""

from django.db import migrations


def forwards(apps, schema_editor):
    FormerAddress = apps.get_model("core", "FormerAddress")
    MergedRecord = apps.get_model("core", "MergedRecord")
    ChangeRecord = apps.get_model("core", "ChangeRecord")
    for kind, model in (("person", "PersonFormerSlug"), ("company", "CompanyFormerSlug")):
        rows = apps.get_model("catalogue", model).objects.values_list(
            "slug", f"{kind}_id"
        )
        FormerAddress.objects.bulk_create(
            [FormerAddress(kind=kind, slug=slug, object_id=pk) for slug, pk in rows],
            ignore_conflicts=True,
        )
        # Oldest first: a record merged into one merged later leads to the last.
        merges = ChangeRecord.objects.filter(action=f"catalogue.{kind}.merged")
        for record in merges.order_by("at", "id"):
            merged = (record.data or {}).get("merged", {}).get("id")
            if not merged or not str(record.object_id).isdigit():
                continue
            into = int(record.object_id)
            MergedRecord.objects.filter(kind=kind, into_id=merged).update(
                into_id=into
            )
            MergedRecord.objects.update_or_create(
                kind=kind, merged_id=merged, defaults={"into_id": into}
            )


def backwards(apps, schema_editor):
    for kind, model in (("person", "PersonFormerSlug"), ("company", "CompanyFormerSlug")):
        owner = apps.get_model("catalogue", kind.capitalize())
        former = apps.get_model("catalogue", model)
        rows = apps.get_model("core", "FormerAddress").objects.filter(kind=kind)
        existing = set(owner.objects.values_list("pk", flat=True))
        former.objects.bulk_create(
            [
                former(slug=row.slug, **{f"{kind}_id": row.object_id})
                for row in rows
                if row.object_id in existing
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_film_provenance"),
        ("core", "0002_former_addresses_merged_records"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="personformerslug", name="person"),
        migrations.DeleteModel(name="CompanyFormerSlug"),
        migrations.DeleteModel(name="PersonFormerSlug"),
    ]

"""Fill the 17 SDGs, the 4 themes and the 23 focus areas from engage.taxonomy.content.

Upserts by slug and number, so running it on a database that already has the rows (or
edits made by admins to teams) changes only the published facts.
"""

from django.db import migrations


def load(apps, schema_editor):
    from engage.taxonomy.content import SDGS, THEMES

    SDG = apps.get_model("taxonomy", "SDG")
    Theme = apps.get_model("taxonomy", "Theme")
    FocusArea = apps.get_model("taxonomy", "FocusArea")

    sdgs = {}
    for item in SDGS:
        sdgs[item["number"]], _ = SDG.objects.update_or_create(
            number=item["number"],
            defaults={
                k: item[k]
                for k in ("name_da", "name_en", "description_da", "description_en", "color")
            },
        )
    for theme_position, item in enumerate(THEMES):
        theme, _ = Theme.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "position": theme_position,
                **{k: item[k] for k in ("name_da", "name_en", "description_da", "description_en")},
            },
        )
        for position, area_item in enumerate(item["focus_areas"]):
            area, _ = FocusArea.objects.update_or_create(
                slug=area_item["slug"],
                defaults={
                    "theme": theme,
                    "position": position,
                    **{
                        k: area_item[k]
                        for k in ("name_da", "name_en", "description_da", "description_en")
                    },
                },
            )
            area.sdgs.set([sdgs[number] for number in area_item["sdgs"]])


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

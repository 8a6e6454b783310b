"""The items of the ITA assessment of พ.ศ. ๒๕๖๖ that the integrity measures answer (O42, O43).
Later years are added in the admin: their numbering changes and is not confirmed here."""

from django.db import migrations

ITEMS_2566 = [
    ("O42", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "plan", 1),
    ("O43", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "report", 2),
]


def add_items(apps, schema_editor):
    AssessmentYear = apps.get_model("publishing", "AssessmentYear")
    AssessmentItem = apps.get_model("publishing", "AssessmentItem")
    year, _ = AssessmentYear.objects.get_or_create(
        year=2566, defaults={"name": "การประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"}
    )
    for code, name, kind, order in ITEMS_2566:
        AssessmentItem.objects.get_or_create(
            assessment_year=year,
            code=code,
            defaults={"name": name, "document_kind": kind, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]

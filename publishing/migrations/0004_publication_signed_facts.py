"""What the public pages show of a published document (its file's SHA-256 and pages, who approved
and who acknowledged or signed it, when), kept on the publication; filled here for the
publications made before."""

from django.db import migrations, models


def copy_signed_facts(apps, schema_editor):
    Publication = apps.get_model("publishing", "Publication")
    RenderedPdf = apps.get_model("reports", "RenderedPdf")
    ReviewStep = apps.get_model("reports", "ReviewStep")
    for publication in Publication.objects.all():
        facts = {}
        final = RenderedPdf.objects.filter(report_id=publication.document_id, is_final=True).first()
        if final:
            facts.update(sha256=final.sha256, page_count=final.page_count)
        steps = ReviewStep.objects.filter(report_id=publication.document_id).order_by("order")
        for step in steps:
            signer = f"{step.signer_name} {step.signer_position}"
            if step.kind == "approve":
                facts.update(approved_at=step.acted_at, approver=signer)
            elif step.kind == "acknowledge":
                facts.update(acknowledged_at=step.acted_at, acknowledger=signer)
        if facts:  # only these columns, as a data migration does: no save() of the whole row
            Publication.objects.filter(pk=publication.pk).update(**facts)


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0003_assessments_moved'),
        ('reports', '0012_return_marks_measures'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpublication',
            name='acknowledged_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ลงนามหรือรับทราบเมื่อ'),
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='acknowledger',
            field=models.CharField(blank=True, editable=False, max_length=401, verbose_name='ผู้ลงนามหรือรับทราบ'),
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='approved_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='อนุมัติเมื่อ'),
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='approver',
            field=models.CharField(blank=True, editable=False, max_length=401, verbose_name='ผู้อนุมัติ'),
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='page_count',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='จำนวนหน้า'),
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 ของไฟล์'),
        ),
        migrations.AddField(
            model_name='publication',
            name='acknowledged_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ลงนามหรือรับทราบเมื่อ'),
        ),
        migrations.AddField(
            model_name='publication',
            name='acknowledger',
            field=models.CharField(blank=True, editable=False, max_length=401, verbose_name='ผู้ลงนามหรือรับทราบ'),
        ),
        migrations.AddField(
            model_name='publication',
            name='approved_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='อนุมัติเมื่อ'),
        ),
        migrations.AddField(
            model_name='publication',
            name='approver',
            field=models.CharField(blank=True, editable=False, max_length=401, verbose_name='ผู้อนุมัติ'),
        ),
        migrations.AddField(
            model_name='publication',
            name='page_count',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='จำนวนหน้า'),
        ),
        migrations.AddField(
            model_name='publication',
            name='sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 ของไฟล์'),
        ),
        migrations.RunPython(copy_signed_facts, migrations.RunPython.noop),
    ]

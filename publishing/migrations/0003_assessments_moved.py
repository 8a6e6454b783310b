"""Assessment years and items now live in the assessments app, with the same tables: the state
moves, the database does not change, and publications keep their items."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publishing', '0002_items_of_2566'),
        ('assessments', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='publication',
                    name='item',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='assessments.assessmentitem', verbose_name='ข้อการประเมิน'),
                ),
                migrations.AlterField(
                    model_name='historicalpublication',
                    name='item',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.assessmentitem', verbose_name='ข้อการประเมิน'),
                ),
                migrations.DeleteModel(
                    name='AssessmentItem',
                ),
                migrations.DeleteModel(
                    name='AssessmentYear',
                ),
            ],
            database_operations=[],
        ),
    ]

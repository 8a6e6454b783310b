"""Organisations, divisions and memberships now live in the organisations app, with the same
tables: the state moves, the database does not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0002_integrity_triggers'),
        ('organisations', '0001_initial'),
        ('reports', '0004_review_chain_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='membership',
                    name='divisions',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='user',
                ),
                migrations.AlterField(
                    model_name='fiscalyear',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fiscal_years', to='organisations.organisation', verbose_name='หน่วยงาน'),
                ),
                migrations.AlterField(
                    model_name='measure',
                    name='divisions',
                    field=models.ManyToManyField(blank=True, related_name='measures', to='organisations.division', verbose_name='ผู้รับผิดชอบ'),
                ),
                migrations.DeleteModel(
                    name='Division',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
            ],
            database_operations=[],
        ),
    ]

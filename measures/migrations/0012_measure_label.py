"""A measure's number as the plan writes it (1.1, 3.1.2) beside its place in the plan.

SQLite adds a NOT NULL column by rebuilding the table, and a rebuild would lose the triggers
written on or against it (0002, 0005): they are kept aside and written again around it."""

import django.core.validators
from django.db import migrations, models


class KeepingSqliteTriggers(migrations.operations.base.Operation):
    """Run `operations`; on SQLite, first set aside the triggers that name `tables` and create
    them again afterwards, exactly as they were."""

    reduces_to_sql = False

    def __init__(self, tables, operations):
        self.tables = tables
        self.operations = operations

    def state_forwards(self, app_label, state):
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def _triggers(self, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return []
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            return [
                (name, sql) for name, sql in cursor.fetchall()
                if any(table in sql for table in self.tables)
            ]

    def _around(self, schema_editor, run):
        triggers = self._triggers(schema_editor)
        for name, _ in triggers:
            schema_editor.execute(f'DROP TRIGGER "{name}"')
        run()
        for _, sql in triggers:
            schema_editor.execute(sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        def run():
            state = from_state.clone()
            for operation in self.operations:
                before = state.clone()
                operation.state_forwards(app_label, state)
                operation.database_forwards(app_label, schema_editor, before, state)

        self._around(schema_editor, run)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        def run():
            states = [to_state.clone()]
            for operation in self.operations:
                states.append(states[-1].clone())
                operation.state_forwards(app_label, states[-1])
            for index in reversed(range(len(self.operations))):
                self.operations[index].database_backwards(
                    app_label, schema_editor, states[index + 1], states[index]
                )

        self._around(schema_editor, run)

    def describe(self):
        return "Add fields, keeping the SQLite triggers on their tables"


LABEL = models.CharField(
    blank=True,
    help_text="เลขข้อที่แผนเขียนไว้เมื่อไม่ใช่ลำดับธรรมดา เช่น 1.1 หรือ 3.1.2 (แผนที่จัดกลุ่มตามมิติ) เว้นว่างเมื่อใช้ลำดับข้อ",
    max_length=15,
    validators=[
        django.core.validators.RegexValidator(
            "^[0-9]{1,3}(\\.[0-9]{1,3}){0,3}$",
            "เลขข้อต้องเป็นตัวเลข คั่นระดับด้วยจุด เช่น 1.1 หรือ 3.1.2",
        )
    ],
    verbose_name="เลขข้อตามแผน",
)
NUMBER = models.PositiveSmallIntegerField(
    help_text="ลำดับของมาตรการในแผน (ข้อ ๑, ๒, ๓ …)",
    validators=[django.core.validators.MinValueValidator(1)],
    verbose_name="ลำดับข้อ",
)


class Migration(migrations.Migration):

    dependencies = [
        ("measures", "0011_division_result_triggers"),
        ("organisations", "0003_organisation_slug"),
    ]

    operations = [
        KeepingSqliteTriggers(
            ["measures_measure", "measures_historicalmeasure"],
            [
                migrations.AddField(model_name="historicalmeasure", name="label", field=LABEL),
                migrations.AddField(model_name="measure", name="label", field=LABEL.clone()),
            ],
        ),
        migrations.AlterField(model_name="historicalmeasure", name="number", field=NUMBER),
        migrations.AlterField(model_name="measure", name="number", field=NUMBER.clone()),
        migrations.AddConstraint(
            model_name="measure",
            constraint=models.UniqueConstraint(
                condition=models.Q(("label", ""), _negated=True),
                fields=("fiscal_year", "label"),
                name="measure_label_unique_per_plan",
                violation_error_message="มีมาตรการเลขข้อนี้ในแผนของปีงบประมาณนี้แล้ว",
            ),
        ),
    ]

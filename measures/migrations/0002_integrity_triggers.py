"""Rules the database enforces itself, beyond what Django's constraints can say.

- A measure's responsible divisions, and a staff member's divisions, belong to the same
  organisation as the measure or the membership; nothing moves between organisations later.
- Step positions of a measure run 1..n: an insert or update that would leave a gap is refused,
  and deleting a step closes the gap it leaves.

SQLite and PostgreSQL are the supported databases; each gets its own dialect. A violation raises
IntegrityError with the trigger's message.
"""

from django.db import migrations

SQLITE = [
    # Measure <-> division in one organisation.
    """
    CREATE TRIGGER measure_division_same_organisation_insert
    BEFORE INSERT ON measures_measure_divisions FOR EACH ROW
    WHEN (SELECT fy.organisation_id FROM measures_measure m
          JOIN measures_fiscalyear fy ON fy.id = m.fiscal_year_id WHERE m.id = NEW.measure_id)
         IS NOT (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id)
    BEGIN SELECT RAISE(ABORT, 'measure_division_same_organisation'); END
    """,
    """
    CREATE TRIGGER measure_division_same_organisation_update
    BEFORE UPDATE ON measures_measure_divisions FOR EACH ROW
    WHEN (SELECT fy.organisation_id FROM measures_measure m
          JOIN measures_fiscalyear fy ON fy.id = m.fiscal_year_id WHERE m.id = NEW.measure_id)
         IS NOT (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id)
    BEGIN SELECT RAISE(ABORT, 'measure_division_same_organisation'); END
    """,
    # Membership <-> division in one organisation.
    """
    CREATE TRIGGER membership_division_same_organisation_insert
    BEFORE INSERT ON measures_membership_divisions FOR EACH ROW
    WHEN (SELECT organisation_id FROM measures_membership WHERE id = NEW.membership_id)
         IS NOT (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id)
    BEGIN SELECT RAISE(ABORT, 'membership_division_same_organisation'); END
    """,
    """
    CREATE TRIGGER membership_division_same_organisation_update
    BEFORE UPDATE ON measures_membership_divisions FOR EACH ROW
    WHEN (SELECT organisation_id FROM measures_membership WHERE id = NEW.membership_id)
         IS NOT (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id)
    BEGIN SELECT RAISE(ABORT, 'membership_division_same_organisation'); END
    """,
    # Nothing moves to another organisation.
    """
    CREATE TRIGGER division_keeps_organisation
    BEFORE UPDATE OF organisation_id ON measures_division FOR EACH ROW
    WHEN NEW.organisation_id IS NOT OLD.organisation_id
    BEGIN SELECT RAISE(ABORT, 'organisation_cannot_change'); END
    """,
    """
    CREATE TRIGGER fiscalyear_keeps_organisation
    BEFORE UPDATE OF organisation_id ON measures_fiscalyear FOR EACH ROW
    WHEN NEW.organisation_id IS NOT OLD.organisation_id
    BEGIN SELECT RAISE(ABORT, 'organisation_cannot_change'); END
    """,
    """
    CREATE TRIGGER membership_keeps_organisation
    BEFORE UPDATE OF organisation_id ON measures_membership FOR EACH ROW
    WHEN NEW.organisation_id IS NOT OLD.organisation_id
    BEGIN SELECT RAISE(ABORT, 'organisation_cannot_change'); END
    """,
    """
    CREATE TRIGGER measure_keeps_organisation
    BEFORE UPDATE OF fiscal_year_id ON measures_measure FOR EACH ROW
    WHEN (SELECT organisation_id FROM measures_fiscalyear WHERE id = NEW.fiscal_year_id)
         IS NOT (SELECT organisation_id FROM measures_fiscalyear WHERE id = OLD.fiscal_year_id)
    BEGIN SELECT RAISE(ABORT, 'organisation_cannot_change'); END
    """,
    # Steps without gaps. Django does not create the deferrable unique constraint on SQLite
    # (models.W038), so it is created here as a plain unique index.
    """
    CREATE UNIQUE INDEX step_position_unique ON measures_measurestep (measure_id, position)
    """,
    """
    CREATE TRIGGER step_position_without_gap_insert
    BEFORE INSERT ON measures_measurestep FOR EACH ROW
    WHEN NEW.position > (SELECT COUNT(*) FROM measures_measurestep
                         WHERE measure_id = NEW.measure_id) + 1
    BEGIN SELECT RAISE(ABORT, 'step_positions_without_gaps'); END
    """,
    """
    CREATE TRIGGER step_position_without_gap_update
    BEFORE UPDATE OF position, measure_id ON measures_measurestep FOR EACH ROW
    WHEN NEW.position > (SELECT COUNT(*) FROM measures_measurestep
                         WHERE measure_id = NEW.measure_id AND id <> NEW.id) + 1
    BEGIN SELECT RAISE(ABORT, 'step_positions_without_gaps'); END
    """,
    # SQLite runs this once per deleted row, against the rows as they are at that moment, and
    # walks the (measure, position) unique index upwards, so each row moves into a free place.
    """
    CREATE TRIGGER step_position_close_gap
    AFTER DELETE ON measures_measurestep FOR EACH ROW
    BEGIN
        UPDATE measures_measurestep SET position = position - 1
        WHERE measure_id = OLD.measure_id AND position > OLD.position;
    END
    """,
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "measure_division_same_organisation_insert",
        "measure_division_same_organisation_update",
        "membership_division_same_organisation_insert",
        "membership_division_same_organisation_update",
        "division_keeps_organisation",
        "fiscalyear_keeps_organisation",
        "membership_keeps_organisation",
        "measure_keeps_organisation",
        "step_position_without_gap_insert",
        "step_position_without_gap_update",
        "step_position_close_gap",
    )
] + ["DROP INDEX IF EXISTS step_position_unique"]

POSTGRESQL = [
    """
    CREATE FUNCTION measures_raise(message text) RETURNS void AS $$
    BEGIN
        RAISE EXCEPTION '%', message USING ERRCODE = 'integrity_constraint_violation';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION measures_measure_division_check() RETURNS trigger AS $$
    BEGIN
        IF (SELECT fy.organisation_id FROM measures_measure m
            JOIN measures_fiscalyear fy ON fy.id = m.fiscal_year_id WHERE m.id = NEW.measure_id)
           IS DISTINCT FROM
           (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id) THEN
            PERFORM measures_raise('measure_division_same_organisation');
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER measure_division_same_organisation
    BEFORE INSERT OR UPDATE ON measures_measure_divisions
    FOR EACH ROW EXECUTE FUNCTION measures_measure_division_check()
    """,
    """
    CREATE FUNCTION measures_membership_division_check() RETURNS trigger AS $$
    BEGIN
        IF (SELECT organisation_id FROM measures_membership WHERE id = NEW.membership_id)
           IS DISTINCT FROM
           (SELECT organisation_id FROM measures_division WHERE id = NEW.division_id) THEN
            PERFORM measures_raise('membership_division_same_organisation');
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER membership_division_same_organisation
    BEFORE INSERT OR UPDATE ON measures_membership_divisions
    FOR EACH ROW EXECUTE FUNCTION measures_membership_division_check()
    """,
    """
    CREATE FUNCTION measures_keeps_organisation() RETURNS trigger AS $$
    BEGIN
        IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id THEN
            PERFORM measures_raise('organisation_cannot_change');
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER division_keeps_organisation BEFORE UPDATE OF organisation_id
    ON measures_division FOR EACH ROW EXECUTE FUNCTION measures_keeps_organisation()
    """,
    """
    CREATE TRIGGER fiscalyear_keeps_organisation BEFORE UPDATE OF organisation_id
    ON measures_fiscalyear FOR EACH ROW EXECUTE FUNCTION measures_keeps_organisation()
    """,
    """
    CREATE TRIGGER membership_keeps_organisation BEFORE UPDATE OF organisation_id
    ON measures_membership FOR EACH ROW EXECUTE FUNCTION measures_keeps_organisation()
    """,
    """
    CREATE FUNCTION measures_measure_keeps_organisation() RETURNS trigger AS $$
    BEGIN
        IF (SELECT organisation_id FROM measures_fiscalyear WHERE id = NEW.fiscal_year_id)
           IS DISTINCT FROM
           (SELECT organisation_id FROM measures_fiscalyear WHERE id = OLD.fiscal_year_id) THEN
            PERFORM measures_raise('organisation_cannot_change');
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER measure_keeps_organisation BEFORE UPDATE OF fiscal_year_id
    ON measures_measure FOR EACH ROW EXECUTE FUNCTION measures_measure_keeps_organisation()
    """,
    """
    CREATE FUNCTION measures_step_without_gap() RETURNS trigger AS $$
    BEGIN
        IF NEW.position > (SELECT COUNT(*) FROM measures_measurestep
                           WHERE measure_id = NEW.measure_id AND id <> NEW.id) + 1 THEN
            PERFORM measures_raise('step_positions_without_gaps');
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER step_position_without_gap BEFORE INSERT OR UPDATE OF position, measure_id
    ON measures_measurestep FOR EACH ROW EXECUTE FUNCTION measures_step_without_gap()
    """,
    # Once per DELETE statement, renumber the remaining steps of every measure it touched. The
    # (measure, position) unique constraint is deferrable, so it is checked after the UPDATE.
    """
    CREATE FUNCTION measures_step_close_gaps() RETURNS trigger AS $$
    BEGIN
        UPDATE measures_measurestep AS step SET position = ranked.new_position
        FROM (
            SELECT id, row_number() OVER (PARTITION BY measure_id ORDER BY position)
                AS new_position
            FROM measures_measurestep
            WHERE measure_id IN (SELECT DISTINCT measure_id FROM deleted_steps)
        ) AS ranked
        WHERE step.id = ranked.id AND step.position <> ranked.new_position;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER step_position_close_gaps AFTER DELETE ON measures_measurestep
    REFERENCING OLD TABLE AS deleted_steps
    FOR EACH STATEMENT EXECUTE FUNCTION measures_step_close_gaps()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS measure_division_same_organisation ON measures_measure_divisions",
    "DROP TRIGGER IF EXISTS membership_division_same_organisation ON measures_membership_divisions",
    "DROP TRIGGER IF EXISTS division_keeps_organisation ON measures_division",
    "DROP TRIGGER IF EXISTS fiscalyear_keeps_organisation ON measures_fiscalyear",
    "DROP TRIGGER IF EXISTS membership_keeps_organisation ON measures_membership",
    "DROP TRIGGER IF EXISTS measure_keeps_organisation ON measures_measure",
    "DROP TRIGGER IF EXISTS step_position_without_gap ON measures_measurestep",
    "DROP TRIGGER IF EXISTS step_position_close_gaps ON measures_measurestep",
    "DROP FUNCTION IF EXISTS measures_measure_division_check()",
    "DROP FUNCTION IF EXISTS measures_membership_division_check()",
    "DROP FUNCTION IF EXISTS measures_keeps_organisation()",
    "DROP FUNCTION IF EXISTS measures_measure_keeps_organisation()",
    "DROP FUNCTION IF EXISTS measures_step_without_gap()",
    "DROP FUNCTION IF EXISTS measures_step_close_gaps()",
    "DROP FUNCTION IF EXISTS measures_raise(text)",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"ita-portal supports SQLite and PostgreSQL, not {vendor}")
    for statement in STATEMENTS[vendor][1 if reverse else 0]:
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, reverse=False)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

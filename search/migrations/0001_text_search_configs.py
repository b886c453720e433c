"""PostgreSQL text search configurations that ignore accents, one per language the search
backend knows (search/backend.py): "peeling quimico" finds "peeling químico" and "acné" finds
"acne". Nothing to do on other databases (SQLite's FTS5 index already ignores accents).

After this migration, run ``manage.py update_index`` once: pages indexed before it keep the
vectors they were given (the English rules, accents and all) until they are indexed again.
"""

from django.db import migrations

#: Configuration -> (PostgreSQL configuration it copies, the dictionary after unaccent).
CONFIGS = {
    "portal_english": ("pg_catalog.english", "english_stem"),
    "portal_spanish": ("pg_catalog.spanish", "spanish_stem"),
    "portal_simple": ("pg_catalog.simple", "simple"),
}


def create_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (source, dictionary) in CONFIGS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR"
            f" word, hword, hword_part"  # words with letters beyond ASCII
            f" WITH unaccent, {dictionary}"
        )


def drop_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configs, drop_configs, elidable=False)]

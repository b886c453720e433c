"""Seed N copies of the demo microneedling guide, for load tests on a realistically big site.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/seed.py
    ... benchmarks/seed.py --guides 200

Each copy is a real Wagtail page: ``index.add_child(instance=...)`` then
``save_revision().publish()``, with the same body, summary, facts and skin concerns as the demo
guide, a distinct title and slug (``bench-guide-0001`` ...), and a sample clinical review so it
renders like the demo guide. Reruns only add what is missing (``--guides`` is the total wanted).

The database must be named explicitly with DATABASE_URL (never the developer's SQLite file by
accident, never the test database). The script migrates it, and runs ``load_initial_data``
first if it has no demo site yet.

Speed (about 10x faster than plain saves, with the same end state):

- Creating and publishing a guide saves it three times, and each save reindexes it for search
  and for Wagtail's reference index. Those per-save updates are muted; each guide is added to
  the reference index once, and each batch to the search index in one bulk insert.
- Publishing a guide purges the cached pages of every guide sharing a concern with it, which
  is quadratic when 1,000 guides share the same concerns. That purge is muted and the whole page
  cache is purged once at the end, which is what those purges add up to.

- Every copy has the same text, so the reading grade worked out on each save is memoised by
  text (same result, computed once).

Revisions, publishing, validation and the review status run as in the admin.
"""

import argparse
import datetime
import functools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG_PREFIX = "bench-guide-"
TEMPLATE_SLUG = "microneedling"
# Varied first words, so the A-Z list and search ranking look like a real catalogue.
NAMES = [
    "Alpine",
    "Botanical",
    "Clarity",
    "Dermal",
    "Even-tone",
    "Fractional",
    "Gentle",
    "Hydra",
    "Illuminating",
    "Jade",
    "Kinetic",
    "Luminous",
    "Micro",
    "Nordic",
    "Oasis",
    "Precision",
    "Quiet",
    "Renewal",
    "Smooth",
    "Textured",
    "Ultra",
    "Velvet",
    "Wellness",
    "Xylo",
    "Youthful",
    "Zen",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--guides", type=int, default=1000, help="total seeded guides wanted (default 1000)"
    )
    parser.add_argument(
        "--batch", type=int, default=100, help="guides per database transaction (default 100)"
    )
    parser.add_argument(
        "--settings",
        default=os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev"),
        help="Django settings module (default: $DJANGO_SETTINGS_MODULE or portal.settings.dev)",
    )
    parser.add_argument(
        "--no-reviews", action="store_true", help="do not record a sample clinical review"
    )
    return parser.parse_args(argv)


def check_database_url() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to the database to seed, e.g. postgres://...:5432/bench")
    if url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] == "test":
        sys.exit("Refusing to seed the database named 'test' (the test suite's).")


def setup_django(settings_module: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


def ensure_demo_site():
    """The treatments index and the demo guide to copy, building the demo site if needed."""
    from django.core.management import call_command

    from articles.models import TreatmentPage

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"Migrated in {time.monotonic() - started:.1f} s.", flush=True)
    template = TreatmentPage.objects.live().filter(slug=TEMPLATE_SLUG).first()
    if template is None:
        print("No demo site yet: loading the demo content...", flush=True)
        call_command("load_initial_data", verbosity=0)
        template = TreatmentPage.objects.live().get(slug=TEMPLATE_SLUG)
    return template.get_parent().specific, template.specific


def seed(count: int, batch: int, with_reviews: bool) -> tuple[int, float]:
    """Adds the missing guides; returns how many and the seconds spent adding them."""
    from django.db import transaction
    from django.db.models.signals import post_save
    from django.utils import timezone

    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from modelsearch.backends import get_search_backends
    from modelsearch.signal_handlers import post_save_signal_handler

    import articles.models
    from articles.models import AT_A_GLANCE_FIELDS, TreatmentPage
    from governance.models import ClinicalReview, ClinicianProfile
    from governance.reviews import record_review
    from pagecache import store

    index, template = ensure_demo_site()
    existing = set(
        TreatmentPage.objects.child_of(index)
        .filter(slug__startswith=SLUG_PREFIX)
        .values_list("slug", flat=True)
    )
    wanted = [n for n in range(1, count + 1) if f"{SLUG_PREFIX}{n:04d}" not in existing]
    if not wanted:
        return 0, 0.0
    body = template.body.raw_data
    body = list(body) if not isinstance(body, str) else body
    concerns = list(template.concerns.all())
    facts = {field: getattr(template, field) for field in AT_A_GLANCE_FIELDS}
    clinician = ClinicianProfile.objects.order_by("pk").first()
    reviewed_at = timezone.now() - datetime.timedelta(days=61)

    articles.models.flesch_kincaid_grade = functools.lru_cache(maxsize=4)(
        articles.models.flesch_kincaid_grade
    )
    post_save.disconnect(post_save_signal_handler, sender=TreatmentPage)
    started = time.monotonic()
    try:
        for start in range(0, len(wanted), batch):
            with transaction.atomic(), disable_reference_index_auto_update(), store.muted():
                created = []
                for n in wanted[start : start + batch]:
                    guide = TreatmentPage(
                        title=f"{NAMES[n % len(NAMES)]} microneedling, sample {n:04d}",
                        slug=f"{SLUG_PREFIX}{n:04d}",
                        summary=template.summary,
                        body=body,
                        **facts,
                    )
                    index.add_child(instance=guide)
                    guide.concerns.set(concerns)
                    guide.save_revision().publish()
                    if with_reviews and clinician is not None:
                        record_review(
                            guide,
                            reviewer=clinician,
                            method=ClinicalReview.Method.IMPORTED,
                            scope_note="Sample review record for the load-test site.",
                            reviewed_at=reviewed_at,
                        )
                    ReferenceIndex.create_or_update_for_object(guide)
                    created.append(guide.pk)
                indexed = TreatmentPage.get_indexed_objects().filter(pk__in=created)
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(TreatmentPage, list(indexed))
            done = min(start + batch, len(wanted))
            rate = done / (time.monotonic() - started)
            print(f"  {done}/{len(wanted)} guides ({rate:.1f}/s)", flush=True)
    finally:
        post_save.connect(post_save_signal_handler, sender=TreatmentPage)
    store.purge_all()
    return len(wanted), time.monotonic() - started


def main(argv=None) -> None:
    args = parse_args(argv)
    check_database_url()
    setup_django(args.settings)
    from articles.models import TreatmentPage

    started = time.monotonic()
    added, took = seed(args.guides, args.batch, not args.no_reviews)
    total = TreatmentPage.objects.live().count()
    print(
        f"Seeded {added} guide(s) in {took:.1f} s "
        f"({added / took if added and took else 0:.1f} guides/s; "
        f"{time.monotonic() - started:.1f} s with migrating and the demo site); "
        f"{total} live guides in the database."
    )


if __name__ == "__main__":
    main()

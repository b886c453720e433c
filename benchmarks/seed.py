"""Seed N copies of the demo microneedling guide, for load tests on a realistically big site.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/seed.py
    ... benchmarks/seed.py --guides 10000

Each copy is a real, live Wagtail page with the demo guide's body, summary, facts and skin
concerns, a distinct title and slug (``bench-guide-0001`` ...), one revision that is both its
latest and its live revision, "created" and "published" entries in its history, a sample
clinical review of that revision (so it renders like the demo guide, "reviewed"), its search
index entry and its reference index rows. Reruns only add what is missing (``--guides`` is the
total wanted).

The database must be named explicitly with DATABASE_URL (never the developer's SQLite file by
accident, never the test database). The script migrates it, and runs ``load_initial_data``
first if it has no demo site yet.

Speed: publishing through Wagtail (``add_child`` then ``save_revision().publish()``) saves each
page three times, locks the parent for every insert, reindexes after each save and runs every
publish signal: about 6 guides a second. Here the rows Wagtail would write are written in bulk
instead, a batch (``--batch``, 500) per transaction:

- tree paths are worked out the way treebeard's ``add_child`` does (the next sibling's path
  after the index page's last child; depth + 1), and the index page's ``numchild`` is raised
  once per batch;
- pages, guides, concerns, revisions (``serializable_data()``, as ``save_revision`` stores),
  history entries, clinical reviews and review statuses go in with one ``INSERT`` per table;
- the reference index rows come from Wagtail's own extraction
  (``ReferenceIndex._extract_references_from_object``), the search entries from the search
  backend's ``add_bulk``;
- the plain text and reading grade (``TreatmentPage.save``) are worked out once: every copy
  has the same summary and body.

Publish signals do not run, which is what they would do here: purge the page cache (purged once
at the end instead), refresh each guide's review status (written directly) and record an API
publisher's review (none here). ``tests/test_seed.py`` checks the result: a valid tree, live
and reviewed guides that render and that search finds.
"""

import argparse
import contextlib
import datetime
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
        "--guides",
        type=int,
        default=int(os.environ.get("BENCH_GUIDES") or 1000),
        help="total seeded guides wanted (default: $BENCH_GUIDES or 1000)",
    )
    parser.add_argument(
        "--batch", type=int, default=500, help="guides per database transaction (default 500)"
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


class Progress:
    """A one-line progress bar on stderr: done/total, guides a second and time left."""

    def __init__(self, total: int, width: int = 30):
        self.total, self.width = total, width
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (
            f"  [{bar}] {done}/{self.total} guides, {rate:.0f} guides/s, "
            f"{elapsed:.0f} s, about {left:.0f} s left"
        )
        # A terminal redraws the line; a log file gets one line per batch.
        end = "" if self.tty and done < self.total else "\n"
        print(("\r" if self.tty else "") + line, end=end, file=sys.stderr, flush=True)


def next_paths(model, last_path: str | None, parent_path: str, count: int) -> list[str]:
    """The tree paths of ``count`` new children after ``last_path``, as treebeard gives them."""
    steplen = model.steplen
    position = model._str2int(last_path[-steplen:]) if last_path else 0
    paths = []
    for step in range(position + 1, position + 1 + count):
        key = model._int2str(step)
        if len(key) > steplen:
            raise RuntimeError(f"No room for {count} more pages under {parent_path}")
        paths.append(parent_path + model.alphabet[0] * (steplen - len(key)) + key)
    return paths


def bind_on_server() -> None:
    """On PostgreSQL, send values apart from the SQL (psycopg's server-side binding) instead of
    quoting them into it: quoting a batch's bodies and revisions in Python took most of the
    time. Applies to the connection opened next; left alone inside a transaction (a test's),
    where closing the connection would break it."""
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        connection.close()
        connection.settings_dict.setdefault("OPTIONS", {})["server_side_binding"] = True


@contextlib.contextmanager
def searchable_once(field, value):
    """The search text of the body every copy shares, extracted once (the search backend asks
    the field for it for every guide)."""
    content = field.get_searchable_content(value)
    original = field.get_searchable_content
    field.get_searchable_content = lambda v: content if v is value else original(v)
    try:
        yield
    finally:
        del field.get_searchable_content


def insert_local_rows(model, objects: list) -> None:
    """INSERT the rows of a multi-table-inherited model's own table (its parent's are in)."""
    fields = model._meta.local_concrete_fields
    model._base_manager._insert(objects, fields=fields)


def seed(count: int, batch: int = 500, with_reviews: bool = True) -> tuple[int, float]:
    """Adds the missing guides; returns how many and the seconds spent adding them."""
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

    from modelsearch.backends import get_search_backends

    from articles.models import AT_A_GLANCE_FIELDS, TreatmentPage
    from articles.readability import flesch_kincaid_grade, guide_text
    from governance.models import ClinicalReview, ClinicianProfile, ReviewStatus
    from pagecache import store

    index, template = ensure_demo_site()
    bind_on_server()
    existing = set(
        TreatmentPage.objects.child_of(index)
        .filter(slug__startswith=SLUG_PREFIX)
        .values_list("slug", flat=True)
    )
    wanted = [n for n in range(1, count + 1) if f"{SLUG_PREFIX}{n:04d}" not in existing]
    if not wanted:
        return 0, 0.0
    # Saved as the demo guide's raw block data (nothing to convert); searched and scanned for
    # references as one body shared by every copy, whose blocks and FAQs are loaded once.
    raw_body = list(template.body.raw_data)
    body = template.body
    body_field = TreatmentPage._meta.get_field("body")
    concerns = list(template.concerns.all())
    copied = {
        field: getattr(template, field)
        for field in ("summary", *AT_A_GLANCE_FIELDS, "review_interval_months")
    }
    # Every copy has the same summary and body, so the same text and grade (TreatmentPage.save).
    plain_text = guide_text(template)
    reading_grade = Decimal(f"{flesch_kincaid_grade(plain_text):.1f}")
    clinician = ClinicianProfile.objects.order_by("pk").first() if with_reviews else None
    reviewed_at = timezone.now() - datetime.timedelta(days=61)
    guide_type = ContentType.objects.get_for_model(TreatmentPage)
    page_type = ContentType.objects.get_for_model(Page)
    concerns_field = TreatmentPage._meta.get_field("concerns")
    through = concerns_field.remote_field.through
    guide_key, concern_key = (
        concerns_field.m2m_field_name(),
        concerns_field.m2m_reverse_field_name(),
    )
    backends = list(get_search_backends(with_auto_update=True))

    progress = Progress(len(wanted))
    started = time.monotonic()
    for start in range(0, len(wanted), batch):
        numbers = wanted[start : start + batch]
        now = timezone.now()
        with transaction.atomic():
            # Lock the index page, as add_child does, and read its children's last path.
            index = Page.objects.select_for_update().get(pk=index.pk)
            last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
            last_path = last.order_by("-path").values_list("path", flat=True).first()
            paths = next_paths(Page, last_path, index.path, len(numbers))
            guides = []
            for n, path in zip(numbers, paths, strict=True):
                title = f"{NAMES[n % len(NAMES)]} microneedling, sample {n:04d}"
                slug = f"{SLUG_PREFIX}{n:04d}"
                guide = TreatmentPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=guide_type,
                    path=path,
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    locale_id=index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    latest_revision_created_at=now,
                    body=raw_body,
                    plain_text=plain_text,
                    reading_grade=reading_grade,
                    **copied,
                )
                guides.append(guide)
            # The pages' rows (ids come back), then the guides' own rows.
            bases = Page.objects.bulk_create(
                [
                    Page(**{f.attname: getattr(g, f.attname) for f in Page._meta.concrete_fields})
                    for g in guides
                ]
            )
            for guide, base in zip(guides, bases, strict=True):
                guide.id = guide.page_ptr_id = base.id
                # In memory, for serializable_data: a new page has these concerns and no comments.
                guide.concerns = concerns
                guide.wagtail_admin_comments = []
            insert_local_rows(TreatmentPage, guides)
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(guides))
            through.objects.bulk_create(
                [
                    through(**{f"{guide_key}_id": g.pk, f"{concern_key}_id": c.pk})
                    for g in guides
                    for c in concerns
                ]
            )
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=guide_type,
                        base_content_type=page_type,
                        object_id=str(g.pk),
                        created_at=now,
                        object_str=g.title,
                        content=g.serializable_data(),
                    )
                    for g in guides
                ]
            )
            for guide, revision in zip(guides, revisions, strict=True):
                guide.latest_revision = guide.live_revision = revision
            Page.objects.bulk_update(guides, ["latest_revision", "live_revision"])
            PageLogEntry.objects.bulk_create(
                [
                    PageLogEntry(
                        content_type=guide_type,
                        page_id=g.pk,
                        label=g.title,
                        action=action,
                        timestamp=now,
                        revision=g.live_revision if action == "wagtail.publish" else None,
                        content_changed=True,
                        data={},
                    )
                    for g in guides
                    for action in ("wagtail.create", "wagtail.publish")
                ]
            )
            if clinician is not None:
                reviews = ClinicalReview.objects.bulk_create(
                    [
                        ClinicalReview(
                            page_id=g.pk,
                            revision=g.live_revision,
                            reviewer=clinician,
                            method=ClinicalReview.Method.IMPORTED,
                            scope_note="Sample review record for the load-test site.",
                            reviewed_at=reviewed_at,
                        )
                        for g in guides
                    ]
                )
                ReviewStatus.objects.bulk_create(
                    [
                        ReviewStatus(
                            page_id=g.pk,
                            review=review,
                            last_review=review,
                            next_review_due=ReviewStatus.due_date(review, g.review_interval_months),
                        )
                        for g, review in zip(guides, reviews, strict=True)
                    ]
                )
            for guide in guides:
                guide.body = body
            # Every copy refers to the same things (its body's snippets, images, pages).
            references = set(ReferenceIndex._extract_references_from_object(guides[0]))
            ReferenceIndex.objects.bulk_create(
                [
                    ReferenceIndex(
                        content_type=guide_type,
                        base_content_type=page_type,
                        object_id=g.pk,
                        to_content_type_id=to_type,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                    for g in guides
                    for to_type, to_id, model_path, content_path in references
                ]
            )
            with searchable_once(body_field, body):
                for backend in backends:
                    backend.add_bulk(TreatmentPage, guides)
        progress.update(start + len(numbers))
    store.purge_all()
    analyze()
    return len(wanted), time.monotonic() - started


def analyze() -> None:
    """Fresh planner statistics after a bulk load. Until autovacuum gets to it, PostgreSQL
    plans with the old ones (13,497 guides in a language it believes has 6): a page of 10 search
    results took 13 ms to load instead of 1."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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

"""A page of guides costs the same number of queries whatever its size (issue "A library of
10,000 guides"), and the API's schemas are built when a server process starts.

The guides use every block, with chosen images (in the body, in procedure steps and as the
hero) and saved FAQs (live and draft), each guide its own image and FAQ, so a lookup made guide
by guide shows up as a difference between a page of 5 and a page of 20. Bulk loading must not
change a byte of the output: each item of the feed is compared with the page's own detail.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from governance.models import ClinicianProfile
from governance.reviews import record_review
from tests.api_content import every_block
from tests.factories import (
    FAQFactory,
    SkinConcernFactory,
    TreatmentPageFactory,
    UserFactory,
    build_site,
    stream,
)

ROOT = Path(__file__).resolve().parent.parent
GUIDES = 20
MAX_QUERIES = 15


def small_image(title: str):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#005a8c").save(buffer, format="PNG")
    image = get_image_model()(title=title)
    name = f"{title.lower().replace(' ', '-')}.png"
    image.file.save(name, ImageFile(buffer, name=name), save=False)
    image.save()
    return image


class TestQueriesPerPage(TestCase):
    @classmethod
    def setUpClass(cls):
        media = tempfile.mkdtemp(prefix="api-queries-media-")  # images and renditions
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        _home, cls.index = build_site()
        reviewer = UserFactory(username="rita")
        ClinicianProfile.objects.create(
            user=reviewer, name="Dr Rita Reviewer", credentials="MD", role="Dermatologist"
        )
        concerns = [SkinConcernFactory(name=f"Concern {n}") for n in range(3)]
        shared_faq = FAQFactory(question="Does it hurt?")
        draft_faq = FAQFactory(question="A draft question?", live=False)
        cls.guides = []
        for n in range(GUIDES):
            image = small_image(f"Picture {n}")
            own_faq = FAQFactory(question=f"Question of guide {n}?")
            guide = TreatmentPageFactory(
                parent=cls.index,
                title=f"Guide {n:02d}",
                slug=f"guide-{n:02d}",
                hero_image=image if n % 2 else None,
                concerns=concerns[: 1 + n % 3],
                body=stream(*every_block(image.pk, [own_faq.pk, shared_faq.pk, draft_faq.pk])),
            )
            if n % 4:  # some never reviewed
                record_review(guide, reviewer, reviewed_at=guide.last_published_at)
            cls.guides.append(guide)

    def get(self, url: str):
        response = self.client.get(url)
        assert response.status_code == 200, response.content.decode()[:1000]
        return response

    def queries(self, url: str) -> tuple[int, list[str]]:
        """How many queries ``url`` makes, once caches (renditions, content types) are warm."""
        self.get(url)
        with CaptureQueriesContext(connection) as captured:
            items = self.get(url).json()["items"]
        assert items
        return len(captured), [query["sql"][:200] for query in captured.captured_queries]

    def assert_constant(self, url: str) -> None:
        separator = "&" if "?" in url else "?"
        five, _ = self.queries(f"{url}{separator}limit=5")
        twenty, twenty_sql = self.queries(f"{url}{separator}limit={GUIDES}")
        detail = "\n".join(twenty_sql)
        assert five == twenty, f"{url}: {five} queries for 5 items, {twenty} for 20:\n{detail}"
        assert twenty <= MAX_QUERIES, f"{url}: {twenty} queries:\n{detail}"

    def test_the_guides_feed(self):
        self.assert_constant("/api/v3/guides/")
        self.assert_constant("/api/v3/guides/?order=-last_published_at")
        self.assert_constant("/api/v3/guides/?concern=concern-0")
        self.assert_constant("/api/v3/guides/?search=needles")

    def test_the_v3_list_of_guides(self):
        self.assert_constant("/api/v3/pages/?type=articles.TreatmentPage")
        self.assert_constant("/api/v3/pages/?type=articles.TreatmentPage&order=title")

    def test_the_v2_list_of_guides_in_full(self):
        self.assert_constant("/api/v2/pages/?type=articles.TreatmentPage&fields=*")
        self.assert_constant("/api/v2/pages/?type=articles.TreatmentPage&fields=*&search=needles")

    def test_bulk_loading_changes_nothing(self):
        """Each item of the feed is exactly the page's detail (which loads guide by guide)."""
        feed = self.get(f"/api/v3/guides/?limit={GUIDES}").json()
        assert feed["count"] == GUIDES
        for item in feed["items"]:
            assert item == self.get(f"/api/v3/pages/{item['id']}/").json(), item["title"]
        shown = feed["items"][1]
        images = [b["value"]["image"] for b in shown["body"] if b["type"] == "image"]
        assert images[0]["renditions"]["small"]["url"].endswith(".webp")
        questions = next(b for b in shown["body"] if b["type"] == "faqs")["value"]["questions"]
        assert [q["value"].get("question") for q in questions] == [
            "Hurt?",
            f"Question of guide {int(shown['title'].split()[-1])}?",
            "Does it hurt?",
        ]
        assert shown["review_info"]["reviewed_by"]["name"] == "Dr Rita Reviewer"
        v2 = self.get(f"/api/v2/pages/?type=articles.TreatmentPage&fields=*&limit={GUIDES}")
        for item in v2.json()["items"]:
            detail = self.get(f"/api/v2/pages/{item['id']}/").json()
            assert {k: item[k] for k in ("body", "review_info", "sources", "concerns")} == {
                k: detail[k] for k in ("body", "review_info", "sources", "concerns")
            }

    def test_json_is_compact(self):
        """No indentation or spaces between items: the same JSON, 5% (v3) to 50% (v2) smaller."""
        for url in ("/api/v3/guides/?limit=1", "/api/v2/pages/?type=articles.TreatmentPage"):
            content = self.get(url).content
            assert b'{"' in content[:2] and b'": ' not in content and b"\n " not in content, url


@pytest.mark.slow
def test_the_wsgi_application_builds_the_api_schemas_at_start_up(tmp_path):
    """Setting Django up (what every manage.py command does) leaves the API's schemas for later;
    creating the WSGI application (what gunicorn does in each worker) builds them, with no
    database at all."""
    script = """
import sys
import django
django.setup()
from headless.warmup import is_warm
print("setup", is_warm(), "portal.urls" in sys.modules)
import portal.wsgi
print("wsgi", is_warm(), "portal.urls" in sys.modules)
"""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        # An empty file: the warm-up must not need the database.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:2] == ["setup False False", "wsgi True True"], (
        result.stdout + result.stderr[-3000:]
    )
    assert "Could not build the API schemas" not in result.stderr

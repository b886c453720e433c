"""Handout packs: staff save a pack of guides (whole, or aftercare and warning signs only);
patients get one printable page set with a QR code per guide at a short link, and a PDF (US
Letter or A4) with the clinic's name and phone and page numbers, made on the server."""

import subprocess

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

import pytest

from articles.models import TreatmentPage
from governance.roles import EDITORS_GROUP
from handouts.models import HandoutPack, HandoutPackItem
from portal.pdf import local_file
from tests.factories import UserFactory
from tests.pdfs import PDFTOTEXT, pdf_text

pytestmark = pytest.mark.django_db


def pdf_pages(response) -> tuple[int, str]:
    pdf = b"".join(response.streaming_content)
    info = subprocess.run(
        [PDFTOTEXT.replace("pdftotext", "pdfinfo"), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


@pytest.fixture
def pack(demo_site):
    pack = HandoutPack.objects.create(title="Test visit", slug="test-visit")
    guides = {g.slug: g for g in TreatmentPage.objects.all()}
    HandoutPackItem.objects.create(
        pack=pack, guide=guides["microneedling"], part=HandoutPackItem.AFTERCARE, sort_order=0
    )
    HandoutPackItem.objects.create(
        pack=pack, guide=guides["chemical-peels"], part=HandoutPackItem.WHOLE, sort_order=1
    )
    return pack


def test_a_pack_is_one_printable_page_with_a_qr_code_per_guide(client, pack):
    response = client.get("/p/test-visit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Test visit</h1>" in html
    assert "Microneedling: looking after your skin" in html  # aftercare part only
    assert "Chemical peels" in html and "What happens during treatment" in html  # whole guide
    assert html.count('<svg role="img"') == 2
    assert "Read the full guide online: http://localhost/treatments/microneedling/" in html
    assert 'href="/p/test-visit/pdf/?paper=a4"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_the_aftercare_part_leaves_out_the_rest_of_the_guide(client, pack):
    html = client.get("/p/test-visit/").content.decode()
    microneedling = html.split('id="part-')[1]
    assert "Looking after your skin afterwards" in microneedling
    assert "Getting ready" not in microneedling and "What happens" not in microneedling


def test_a_pack_of_two_guides_downloads_as_a_pdf_with_clinic_phone_and_page_numbers(client, pack):
    text = pdf_text(client.get("/p/test-visit/pdf/"))
    assert "Microneedling: looking after your skin" in text
    assert "Chemical peels" in text
    assert text.count("Read the full guide online:") == 2  # each guide's QR code block
    clinic = Site.objects.get(is_default_site=True).site_name
    assert "Questions? Call 555-0100" in text and clinic in text
    assert "Page 1 of" in text and "Page 2 of" in text
    assert "Page last reviewed:" in text and "Reviewed by" in text


def test_pdfs_come_on_us_letter_or_a4_and_other_paper_is_a_400(client, pack):
    assert pdf_pages(client.get("/p/test-visit/pdf/"))[1].endswith("(letter)")
    assert pdf_pages(client.get("/p/test-visit/pdf/?paper=A4"))[1].endswith("(A4)")
    refused = client.get("/p/test-visit/pdf/?paper=a5")
    assert refused.status_code == 400
    assert "Choose paper=letter or paper=a4" in refused.content.decode()


def test_a_pdf_is_made_once_per_published_version(client, pack, django_assert_max_num_queries):
    first = pdf_text(client.get("/p/test-visit/pdf/"))
    guide = TreatmentPage.objects.get(slug="chemical-peels")
    guide.summary = "A changed summary, published."
    guide.save_revision().publish()
    changed = pdf_text(client.get("/p/test-visit/pdf/"))
    assert "A changed summary, published." in changed and changed != first


def test_the_aftercare_handout_downloads_as_a_pdf(client, demo_site):
    handout = client.get("/treatments/microneedling/aftercare/").content.decode()
    assert 'href="/treatments/microneedling/aftercare/pdf/"' in handout
    text = pdf_text(client.get("/treatments/microneedling/aftercare/pdf/"))
    assert "Microneedling: looking after your skin" in text
    assert "Read the full guide online:" in text


def test_a_guide_unpublished_or_made_private_leaves_the_pack_at_once(client, pack):
    peels = TreatmentPage.objects.get(slug="chemical-peels")
    PageViewRestriction.objects.create(page=peels, restriction_type="login")
    microneedling = TreatmentPage.objects.get(slug="microneedling")
    microneedling.save_revision()  # a draft change: never printed
    html = client.get("/p/test-visit/").content.decode()
    assert "Chemical peels" not in html and "Microneedling" in html
    assert "Chemical peels" not in pdf_text(client.get("/p/test-visit/pdf/"))
    microneedling.unpublish()
    html = client.get("/p/test-visit/").content.decode()
    assert "not available right now" in html


def test_an_unknown_pack_is_a_404(client, demo_site):
    assert client.get("/p/no-such-pack/").status_code == 404
    assert client.get("/p/no-such-pack/pdf/").status_code == 404


def test_the_pdf_maker_reads_only_the_sites_own_files(settings):
    assert local_file("/static/css/portal.css") is not None
    assert local_file("/static/../portal/settings/base.py") is None
    assert local_file("/media/../portal/settings/base.py") is None
    assert local_file("http://169.254.169.254/latest/meta-data/") is None
    assert local_file("file:///etc/passwd") is None


def test_editors_build_packs_in_the_admin_with_each_guide_once(client, demo_site):
    editor = UserFactory(username="eddie")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    add = reverse("wagtailsnippets_handouts_handoutpack:add")
    assert client.get(add).status_code == 200
    peels = TreatmentPage.objects.get(slug="chemical-peels")
    data = {
        "title": "After a chemical peel",
        "slug": "after-a-peel",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "12",
    }
    for number in range(2):
        data |= {
            f"items-{number}-guide": str(peels.pk),
            f"items-{number}-part": "aftercare",
            f"items-{number}-ORDER": str(number + 1),
            f"items-{number}-id": "",
        }
    refused = client.post(add, data)
    assert refused.status_code == 200
    assert "This guide is already in the pack." in refused.content.decode()
    assert not HandoutPack.objects.filter(slug="after-a-peel").exists()

    data["items-TOTAL_FORMS"] = "1"
    saved = client.post(add, data)
    assert saved.status_code == 302
    pack = HandoutPack.objects.get(slug="after-a-peel")
    assert [item.guide_id for item in pack.items.all()] == [peels.pk]
    listing = client.get(reverse("wagtailsnippets_handouts_handoutpack:list")).content.decode()
    assert 'href="/p/after-a-peel/pdf/?paper=a4"' in listing


def test_aftercare_only_needs_an_aftercare_section(demo_site, index_with_plain_guide):
    item = HandoutPackItem(
        pack=HandoutPack(title="x", slug="x"), guide=index_with_plain_guide, part="aftercare"
    )
    with pytest.raises(Exception, match="no aftercare section"):
        item.clean()


@pytest.fixture
def index_with_plain_guide(demo_site):
    index = TreatmentPage.objects.get(slug="microneedling").get_parent()
    guide = TreatmentPage(title="No aftercare", summary="s.", body=[])
    index.add_child(instance=guide)
    return guide


def test_the_demo_site_has_saved_packs_for_a_visit(client, demo_site):
    html = client.get("/p/microneedling-day/").content.decode()
    assert "Microneedling: looking after your skin" in html and "LED light therapy" in html
    assert client.get("/p/after-a-chemical-peel/").status_code == 200


def test_without_pango_a_pdf_link_says_to_print_instead(client, pack, monkeypatch):
    def no_pango(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("portal.pdf.render_pdf", no_pango)
    response = client.get("/p/test-visit/pdf/")
    assert response.status_code == 503
    assert "Print the page instead" in response.content.decode()

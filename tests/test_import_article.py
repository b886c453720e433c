"""Importing an existing article as a draft guide: reading files, mapping headings to sections,
the report, the admin view and the ``import_article`` command."""

import io
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import docx
import pytest

from articles.models import TreatmentPage
from governance.roles import setup_roles
from importer.document import ArticleError, ListItems, Paragraph
from importer.flags import flag_lines
from importer.importing import import_article, plan_guide, validate_draft_body
from importer.mapping import match_section
from importer.parsing import parse_file, parse_pasted
from tests.factories import UserFactory, build_site
from tests.shared_data import built_once, fresh

# The clinic's article, as published (a copy of shared/reference/import-samples/).
SAMPLE = Path(__file__).resolve().parent / "data" / "microneedling-clinic-blog.txt"
SPAM_LINE = "For more beauty tips visit our partner blog, best-skin-deals dot example!"
IMPORT_URL = "/admin/import-article/"


@pytest.fixture(scope="module")
def plain_site(django_db_setup, django_db_blocker):
    """Home and the treatments index (``build_site``), built once for this module
    (tests/shared_data.py)."""
    with built_once(django_db_blocker):
        home, index = build_site()
        yield {"home": home, "index": index}


@pytest.fixture
def site_tree(db, plain_site):
    """(home, index): the pages every patient-facing test needs, read fresh per test."""
    pages = fresh(plain_site)
    return pages["home"], pages["index"]


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body_types(page: TreatmentPage) -> list[str]:
    return [child.block_type for child in page.body]


def section(page: TreatmentPage, block_type: str):
    return next(child.value for child in page.body if child.block_type == block_type)


def stored_body(page: TreatmentPage) -> list[dict]:
    """The body as saved, without block ids and the rich text editor's paragraph keys (both
    are the editor's bookkeeping, renewed on every save)."""

    def strip(value):
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items() if key != "id"}
        if isinstance(value, list):
            return [strip(item) for item in value]
        if isinstance(value, str):
            return re.sub(r' data-block-key="[^"]*"', "", value)
        return value

    return strip(list(page.body.raw_data))


# --- Reading and mapping, no database ------------------------------------------------------------


def test_plain_text_sample_is_cut_into_titled_sections(sample_bytes):
    article = parse_file(sample_bytes, "microneedling-clinic-blog.txt")
    assert article.title == "Microneedling Treatment Skin Health and Appearance"
    assert [s.heading for s in article.sections] == [
        "",
        "What is Microneedling?",
        "Benefits of Microneedling Treatment",
        "The Microneedling Procedure",
        "Choosing a Provider for Microneedling",
        "What to Expect After Microneedling Treatment",
        "Results and Maintenance",
        "Conclusion",
    ]
    benefits = article.sections[2].content
    assert isinstance(benefits[0], Paragraph)
    assert isinstance(benefits[1], ListItems) and benefits[1].ordered
    assert benefits[1].items[0].startswith("Reduction of Wrinkles and Fine Lines: Stimulates")


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("What is Microneedling?", "overview"),
        ("Benefits of Microneedling Treatment", "benefits"),
        ("The Microneedling Procedure", "procedure"),
        ("Choosing a Provider for Microneedling", "choosing_provider"),
        ("What to Expect After Microneedling Treatment", "aftercare"),
        ("Results and Maintenance", "results"),
        ("Frequently asked questions", "faqs"),
        ("Side effects", "risks"),
        ("How to prepare", "preparation"),
        ("Who is it for?", "suitability"),
        ("When to call your doctor", "warning_signs"),
        ("References", "references"),
        ("Conclusion", None),
    ],
)
def test_headings_map_to_standard_sections(heading, section):
    assert match_section(heading) == section


def test_markdown_and_html_give_the_same_pieces():
    markdown = "# Peels\n\nIntro text here.\n\n## Benefits\n\n- Brighter skin\n- Fewer spots\n"
    html = (
        "<html><head><title>Blog</title></head><body><nav>Home | Shop</nav><article>"
        "<h1>Peels</h1><p>Intro text here.</p><h2>Benefits</h2>"
        "<ul><li>Brighter skin</li><li>Fewer spots</li></ul><img src='a.jpg' alt='A face'>"
        "<script>track()</script></article></body></html>"
    )
    from_markdown = parse_pasted(markdown)
    from_html = parse_file(html.encode(), "peels.html")
    assert from_markdown.source_format == "markdown"
    for article in (from_markdown, from_html):
        assert article.title == "Peels"
        assert [s.heading for s in article.sections] == ["", "Benefits"]
        assert article.sections[1].content == [ListItems(("Brighter skin", "Fewer spots"))]
    assert "1 picture (“A face”)" in from_html.left_out
    assert any("menus, header and footer" in note for note in from_html.notes)


def test_bold_paragraphs_are_headings_when_an_article_has_no_real_ones():
    html = (
        "<p><strong>Benefits:</strong></p><ul><li>Smoother skin</li></ul>"
        "<p><b>Aftercare</b></p><p>Wear sunscreen.<br>1. Wash gently<br>2. Skip make-up</p>"
        "<p><b>Note</b> that results vary.</p>"
    )
    article = parse_file(html.encode(), "blog.htm")
    assert [s.heading for s in article.sections] == ["Benefits", "Aftercare"]
    assert article.sections[1].content == [
        Paragraph("Wear sunscreen."),
        ListItems(("Wash gently", "Skip make-up"), ordered=True),
        Paragraph("Note that results vary."),
    ]
    assert parse_pasted("**Benefits**\n\n- Smoother skin\n").sections[0].heading == "Benefits"


def test_spam_and_promises_are_flagged_but_ordinary_lines_are_not():
    flags = flag_lines(
        [
            "Results are gradual. " + SPAM_LINE,
            "Book now for 20% off!",
            "Guaranteed flawless skin.",
            "Your skin may be red for 2 days.",
        ]
    )
    assert [flag.text for flag in flags] == [
        SPAM_LINE,
        "Book now for 20% off!",
        "Guaranteed flawless skin.",
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "article.txt", "The file is empty"),
        (b"   \n\n", "article.md", "no text"),
        (b"PK\x03\x04 this is not really a zip", "article.docx", "not a Word document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "article.txt", "does not contain plain text"),
        (b"Some text", "article.pdf", "not a kind of file we can read"),
        (b"Some text", "article.doc", "save it as a .docx"),
        (b"x" * (5 * 1024 * 1024 + 1), "article.txt", "the most we can import is 5 MB"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ArticleError, match=message):
        parse_file(data, name)


def test_docx_that_unpacks_to_something_huge_is_refused(monkeypatch):
    from importer import readers

    monkeypatch.setattr(readers, "DOCX_MAX_UNPACKED_BYTES", 100)
    data = docx_bytes(lambda d: d.add_paragraph("Hello"))
    with pytest.raises(ArticleError, match="too large"):
        parse_file(data, "big.docx")


# --- Importing: the draft guide and the report -------------------------------------------------


@pytest.fixture
def sample_import(site_tree, sample_bytes):
    _home, index = site_tree
    article = parse_file(sample_bytes, SAMPLE.name)
    return import_article(article, parent=index, source_name=SAMPLE.name)


def test_sample_article_becomes_a_draft_guide_with_standard_sections(sample_import):
    page = TreatmentPage.objects.get(pk=sample_import.page.pk)
    assert not page.live and page.has_unpublished_changes
    assert page.live_revision is None and page.latest_revision is not None
    assert not TreatmentPage.objects.live().filter(pk=page.pk).exists()
    assert page.title == "Microneedling Treatment Skin Health and Appearance"
    assert page.summary.startswith("Microneedling has gained significant popularity")
    assert len(page.summary) <= 400

    page = page.get_latest_revision_as_object()
    assert body_types(page) == [
        "overview",
        "benefits",
        "procedure",
        "choosing_provider",
        "aftercare",
        "results",
        "text",
    ]
    overview = section(page, "overview")
    assert "collagen induction therapy" in overview["text"].source  # the introduction
    assert "essential proteins" in overview["text"].source  # "What is Microneedling?"

    benefits = section(page, "benefits")
    assert len(benefits["benefits"]) == 5
    assert benefits["benefits"][0]["title"] == "Reduction of Wrinkles and Fine Lines"
    assert benefits["benefits"][0]["description"].startswith("Stimulates collagen production")

    steps = section(page, "procedure")["steps"]
    assert [step["title"] for step in steps] == [
        "Consultation",
        "Preparation",
        "Microneedling Treatment",
        "Application of Serums or PRP (Platelet-Rich Plasma)",
        "Post-Treatment Care",
    ]
    assert all(step["text"] for step in steps)

    provider = section(page, "choosing_provider")
    assert len(provider["checklist"]) == 4
    assert provider["checklist"][0].startswith("Qualifications and Experience:")

    assert "mild sunburn" in section(page, "aftercare")["intro"]
    assert "gradual and cumulative" in section(page, "results")["text"].source
    conclusion = section(page, "text").source
    assert "<b>Conclusion</b>" in conclusion
    assert "best-skin-deals" in conclusion  # imported, for the editor to remove


def test_sample_report_places_every_heading_grades_it_and_flags_the_spam_line(sample_import):
    report = sample_import.report
    placed = {(p.source_heading, p.block_type) for p in report.placements}
    assert placed == {
        ("", "overview"),
        ("What is Microneedling?", "overview"),
        ("Benefits of Microneedling Treatment", "benefits"),
        ("The Microneedling Procedure", "procedure"),
        ("Choosing a Provider for Microneedling", "choosing_provider"),
        ("What to Expect After Microneedling Treatment", "aftercare"),
        ("Results and Maintenance", "results"),
        ("Conclusion", "text"),
    }
    # The clinic's article is far above the grade 8 guides aim for.
    assert report.grade > 10 and not report.meets_target
    assert all(p.grade > 8 and p.words > 0 for p in report.placements)

    assert [flag.text for flag in report.flagged] == [SPAM_LINE]
    assert report.flagged[0].section == "Text"
    assert any("time period" in item for item in report.to_do)  # aftercare timeline
    assert any("Clinical review" in item for item in report.to_do)


def test_sample_body_is_valid_for_a_draft_and_round_trips(sample_import):
    page = TreatmentPage.objects.get(pk=sample_import.page.pk).get_latest_revision_as_object()
    stream_block = TreatmentPage._meta.get_field("body").stream_block
    cleaned = validate_draft_body(list(page.body.raw_data))
    assert stream_block.get_prep_value(cleaned) == stream_block.get_prep_value(page.body)


def test_docx_built_with_python_docx_is_imported(site_tree):
    def build(document):
        document.add_paragraph("Chemical peels", style="Title")
        document.add_paragraph("A peel removes the top layer of skin.")
        document.add_heading("What is a chemical peel?", level=1)
        document.add_paragraph("An acid solution is painted on the skin.")
        document.add_heading("Benefits", level=1)
        for benefit in ("Brighter skin: Dull skin looks fresher.", "Fewer dark spots"):
            document.add_paragraph(benefit, style="List Bullet")
        document.add_heading("What happens", level=1)
        for step in ("Cleansing: The skin is cleaned.", "Peel: The acid goes on.", "Neutralise"):
            document.add_paragraph(step, style="List Number")
        document.add_heading("Frequently asked questions", level=1)
        document.add_heading("Does it hurt?", level=2)
        document.add_paragraph("It stings for a few minutes.")
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Peel"
        table.rows[0].cells[1].text = "Downtime"

    _home, index = site_tree
    article = parse_file(docx_bytes(build), "peels.docx")
    assert article.source_format == "docx"
    result = import_article(article, parent=index, source_name="peels.docx")
    page = result.page.get_latest_revision_as_object()

    assert page.title == "Chemical peels"
    assert body_types(page) == ["overview", "benefits", "procedure", "faqs"]
    assert [b["title"] for b in section(page, "benefits")["benefits"]] == [
        "Brighter skin",
        "Fewer dark spots",
    ]
    steps = section(page, "procedure")["steps"]
    assert [s["title"] for s in steps] == ["Cleansing", "Peel", "Step 3"]
    assert steps[2]["text"] == "Neutralise"
    faq = section(page, "faqs")["questions"][0].value
    assert faq["question"] == "Does it hurt?"
    assert "stings" in faq["answer"].source and "Peel | Downtime" in faq["answer"].source
    assert any("table" in note for note in result.report.notes)


def test_article_with_no_headings_lands_in_the_overview(site_tree):
    _home, index = site_tree
    text = "Dermaplaning removes fine hair. It takes 30 minutes.\n\nYour skin may be pink."
    result = import_article(parse_pasted(text), parent=index, title="Dermaplaning")
    page = result.page.get_latest_revision_as_object()
    assert body_types(page) == ["overview"]
    assert "pink" in section(page, "overview")["text"].source
    assert any("no headings" in note for note in result.report.notes)


def test_unmapped_and_repeated_headings_lose_nothing(db):
    text = (
        "Laser hair removal\n\nLaser light targets the hair root.\n\n"
        "Side effects\n\n- Redness: For a day.\n- Swelling\n\n"
        "Our story\n\nWe opened in 1999.\n\n"
        "Risks\n\n- Burns: Rare.\n\nMost people have no problems.\n"
    )
    plan = plan_guide(parse_pasted(text))
    types = [block["type"] for block in plan.body]
    assert types == ["overview", "risks", "text", "text"]
    risks = plan.body[1]["value"]
    assert [item["name"] for item in risks["common"]] == ["Redness", "Swelling", "Burns"]
    # Text after the risk lists follows the Risks section; the unmapped heading keeps its place.
    assert plan.body[2]["value"] == "<p>Most people have no problems.</p>"
    assert plan.body[3]["value"] == "<p><b>Our story</b></p><p>We opened in 1999.</p>"
    validate_draft_body(plan.body)


FULL_ARTICLE = """# Chemical peels

A peel is an acid solution that removes the top layer of skin.

## Who is it for?

- You have dull skin or dark spots
- Not suitable if you are pregnant

## How to prepare

- 1 week before: Stop retinol creams.
- Come with a clean face.

## Side effects

- Redness: Like a mild sunburn.
- Peeling

## Aftercare

Be gentle with your skin.

### First 24 hours

- Wash with cool water
- Avoid make-up

### Every day

- Use sunscreen
- Don't pick at peeling skin

## When to call your doctor

Call the clinic if you have:

- Blisters
- A fever

Out of hours, go to urgent care.

## FAQs

Q: Does it hurt?

A: It stings for a few minutes.

### How many peels will I need?

1. Most people need 3
2. A month apart

## References

1. Chemical peels. American Academy of Dermatology, 2023. https://www.aad.org/peels
2. Soleymani T et al. A practical approach to chemical peels. doi 10.1111/jocd.12345 PMID: 29322837
"""


def test_every_standard_section_can_be_filled_and_is_valid_for_a_draft(db):
    plan = plan_guide(parse_pasted(FULL_ARTICLE))
    assert plan.title == "Chemical peels"
    values = {block["type"]: block["value"] for block in plan.body}
    assert list(values) == [
        "overview",
        "suitability",
        "preparation",
        "risks",
        "aftercare",
        "warning_signs",
        "faqs",
        "references",
    ]
    assert values["suitability"]["suits"] == ["You have dull skin or dark spots"]
    assert values["suitability"]["not_suitable"] == ["Not suitable if you are pregnant"]
    assert values["preparation"]["items"][0] == {
        "when": "1 week before",
        "text": "Stop retinol creams.",
    }
    assert values["risks"]["common"][0] == {
        "name": "Redness",
        "description": "Like a mild sunburn.",
    }
    aftercare = values["aftercare"]
    assert aftercare["intro"] == "Be gentle with your skin."
    assert aftercare["timeline"] == [
        {"period": "First 24 hours", "instructions": ["Wash with cool water", "Avoid make-up"]},
        {"period": "Every day", "instructions": ["Use sunscreen", "Don't pick at peeling skin"]},
    ]
    warning = values["warning_signs"]
    assert warning["intro"] == "Call the clinic if you have:"
    assert warning["items"] == ["Blisters", "A fever"]
    assert warning["action"] == "Out of hours, go to urgent care."
    questions = [item["value"] for item in values["faqs"]["questions"]]
    assert [q["question"] for q in questions] == ["Does it hurt?", "How many peels will I need?"]
    assert questions[0]["answer"] == "<p>It stings for a few minutes.</p>"
    assert questions[1]["answer"] == "<ul><li>Most people need 3</li><li>A month apart</li></ul>"
    first, second = values["references"]["references"]
    assert first["url"] == "https://www.aad.org/peels" and first["year"] == 2023
    assert second["doi"] == "10.1111/jocd.12345" and second["pmid"] == "29322837"
    assert any("authors" in item for item in plan.report.to_do)
    validate_draft_body(plan.body)


# --- The admin view ------------------------------------------------------------------------------


def block_form_data(block, value):
    """A block value as the admin editor posts it (the inverse of what the editor loads)."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block_type, block_form_data(child.block, child.value)) for child in value]
        )
    if isinstance(block, blocks.ListBlock):
        data = {"count": str(len(value))}
        for number, item in enumerate(value):
            data[str(number)] = {
                "value": block_form_data(block.child_block, item),
                "deleted": "",
                "order": str(number),
                "id": "",
            }
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            child_data = block_form_data(child, value.get(name))
            if child_data is not None:
                data[name] = child_data
        return data
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source, features=block.features)
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else None
    if isinstance(block, ImageChooserBlock):
        return str(value.pk) if value else ""
    return "" if value is None else str(value)


def edit_form(page: TreatmentPage) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "session_time": "",
            "sessions_needed": "",
            "recovery_time": "",
            "numbing": "",
            "results_timeline": "",
            "hero_image_alt": "",
            "review_interval_months": "12",
            "body": block_form_data(page.body.stream_block, page.body),
            "comments": inline_formset([]),
            "clinical_codes": inline_formset([]),
        }
    )


@pytest.fixture
def editor(site_tree):
    """A member of the Editors group: may add and edit guides, never publish."""
    from django.contrib.auth.models import Group

    home, index = site_tree
    setup_roles(home, index)
    user = UserFactory(username="imogen", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_menu_item_and_form_are_there_for_editors(editor_client, site_tree):
    _home, index = site_tree
    dashboard = editor_client.get("/admin/").content.decode()
    assert "Import an article" in dashboard
    response = editor_client.get(IMPORT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="w-field__label" for="id_text"' in html
    assert 'for="id_file"' in html
    explorer = editor_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"{IMPORT_URL}?parent={index.pk}" in explorer


def test_users_who_cannot_add_guides_are_turned_away(client, site_tree):
    client.force_login(UserFactory(username="viewer", is_staff=True))
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response.url != IMPORT_URL


def test_pasted_article_becomes_a_draft_and_opens_in_the_editor(
    editor_client, editor, sample_bytes
):
    response = editor_client.post(IMPORT_URL, {"text": sample_bytes.decode(), "title": ""})
    assert response.status_code == 302
    page = TreatmentPage.objects.get(title__startswith="Microneedling Treatment")
    assert response.url == f"{IMPORT_URL}{page.pk}/"
    assert not page.live and page.owner == editor
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create").exists()

    result = editor_client.get(response.url)
    html = result.content.decode()
    assert result.status_code == 200
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    assert "Benefits of Microneedling Treatment" in html and "Procedure steps" in html
    assert "best-skin-deals dot example" in html  # the flagged line
    assert "<script" not in html.split('class="nice-padding"')[1].split("</main>")[0]

    # The draft opens in the editor, and saving it from the editor keeps the body as it is.
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert editor_client.get(edit_url).status_code == 200
    draft = page.get_latest_revision_as_object()
    before = stored_body(draft)
    saved = editor_client.post(edit_url, edit_form(draft))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    page.refresh_from_db()
    assert not page.live
    assert stored_body(page.get_latest_revision_as_object()) == before


def test_uploaded_markdown_file_is_imported(editor_client):
    upload = SimpleUploadedFile(
        "laser.md", b"# Laser hair removal\n\n## Benefits\n\n1. Less shaving\n2. Smoother skin\n"
    )
    response = editor_client.post(IMPORT_URL, {"file": upload, "title": "Laser"})
    assert response.status_code == 302
    page = TreatmentPage.objects.get(title="Laser").get_latest_revision_as_object()
    assert [b["title"] for b in section(page, "benefits")["benefits"]] == [
        "Less shaving",
        "Smoother skin",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "The file is empty"),
        ("huge.txt", b"a" * (20 * 1024 * 1024), "the most we can import is 5 MB"),
        ("photo.docx", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50, "not a Word document"),
    ],
)
def test_bad_upload_shows_a_form_error(editor_client, name, data, message):
    response = editor_client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TreatmentPage.objects.exists()


def test_pasted_text_is_kept_when_the_form_has_an_error(editor_client):
    text = "Peels\n\nA peel removes the top layer of skin & dead cells."
    upload = SimpleUploadedFile("peels.txt", b"Peels\n\nSomething else.")
    response = editor_client.post(IMPORT_URL, {"text": text, "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "not both" in html
    assert "A peel removes the top layer of skin &amp; dead cells." in html
    assert not TreatmentPage.objects.exists()


def test_empty_paste_asks_for_text(editor_client):
    response = editor_client.post(IMPORT_URL, {"text": "  \n "})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "text": ["Paste the article's text, or upload a file."]
    }


def test_report_page_still_links_to_the_draft_when_the_report_is_gone(editor_client, sample_import):
    response = editor_client.get(f"{IMPORT_URL}{sample_import.page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no longer available" in html
    assert f'href="/admin/pages/{sample_import.page.pk}/edit/"' in html


def test_report_page_is_only_for_people_who_can_edit_the_guide(client, sample_import):
    client.force_login(UserFactory(username="viewer", is_staff=True))
    response = client.get(f"{IMPORT_URL}{sample_import.page.pk}/")
    assert response.status_code == 302


# --- The command ---------------------------------------------------------------------------------


def test_command_imports_a_batch_and_prints_links_and_reports(site_tree, tmp_path, sample_bytes):
    first = tmp_path / "microneedling.txt"
    first.write_bytes(sample_bytes)
    second = tmp_path / "peels.md"
    second.write_text("# Chemical peels\n\n## Benefits\n\n- Brighter skin\n")
    out = io.StringIO()
    call_command("import_article", str(first), str(second), "--parent", "treatments", stdout=out)
    output = out.getvalue()
    pages = TreatmentPage.objects.order_by("pk")
    assert [p.title for p in pages] == [
        "Microneedling Treatment Skin Health and Appearance",
        "Chemical peels",
    ]
    assert not any(p.live for p in pages)
    assert f"[1/2] {first}" in output and f"[2/2] {second}" in output
    assert f"http://testserver/admin/pages/{pages[0].pk}/edit/" in output
    assert SPAM_LINE in output
    assert "Imported 2 of 2" in output


def test_command_reports_a_bad_file_imports_the_rest_and_fails(site_tree, tmp_path):
    _home, index = site_tree
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    good = tmp_path / "good.txt"
    good.write_text("Dermaplaning\n\nA small blade removes dead skin.\n")
    missing = tmp_path / "missing.txt"
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 3"):
        call_command(
            "import_article", str(bad), str(good), str(missing), f"--parent={index.pk}", stdout=out
        )
    output = out.getvalue()
    assert "not a Word document" in output and "No such file" in output
    assert list(TreatmentPage.objects.values_list("title", flat=True)) == ["Dermaplaning"]


def test_command_needs_a_known_parent(site_tree, tmp_path):
    with pytest.raises(CommandError, match="No treatments index"):
        call_command("import_article", str(tmp_path / "x.txt"), "--parent", "nope")

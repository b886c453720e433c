"""Sections cite the guide's numbered sources; patients follow the links, apps get the data."""

from wagtail.blocks.stream_block import StreamBlockValidationError

import pytest

from articles.blocks.stream import GuideBodyBlock
from articles.readability import plain_text_from_block
from tests.factories import TreatmentPageFactory, stream

REFERENCES = (
    "references",
    {
        "heading": "Sources",
        "references": [
            {
                "title": "Microneedling: a review and practical guide",
                "source": "Alster TS, Graham PM",
                "publication": "Dermatologic Surgery",
                "year": 2018,
                "url": "",
                "doi": "10.1097/DSS.0000000000001248",
                "pmid": "28796657",
            },
            {
                "title": "Skin care basics",
                "source": "American Academy of Dermatology",
                "publication": "",
                "year": None,
                "url": "https://www.aad.org/",
                "doi": "",
                "pmid": "",
            },
        ],
    },
)


def overview(sources: str) -> tuple:
    return (
        "overview",
        {"heading": "What it is", "text": "<p>Tiny needles.</p>", "sources": sources},
    )


def body_value(*blocks):
    block = GuideBodyBlock()
    return block, block.to_python([{"type": t, "value": v} for t, v in blocks])


def test_citing_a_source_that_does_not_exist_is_an_error_on_that_field():
    block, value = body_value(overview("1, 3"), REFERENCES)
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    field_errors = error.value.as_json_data()["blockErrors"][0]["blockErrors"]
    assert field_errors["sources"]["messages"] == [
        "There is no source 3. The Sources section lists 2, numbered from 1."
    ]


def test_citing_without_a_sources_section_says_what_to_do():
    block, value = body_value(overview("1"))
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "Add a Sources section" in str(error.value.as_json_data())


def test_citations_must_be_numbers():
    block, value = body_value(overview("one and two"), REFERENCES)
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "separated by commas" in str(error.value.as_json_data())


def test_valid_citations_pass_and_a_draft_may_cite_ahead():
    block, value = body_value(overview("2, 1"), REFERENCES)
    block.clean(value)
    block.defer_required_validation()  # what saving a draft does: unfinished work is kept
    try:
        block.clean(body_value(overview("9"))[1])
    finally:
        block.restore_deferred_validation()


@pytest.mark.django_db
def test_guide_links_each_citation_to_its_numbered_source(client, site_tree):
    _home, index = site_tree
    guide = TreatmentPageFactory(parent=index, body=stream(overview("2, 1, 2"), REFERENCES))
    html = client.get(guide.url).content.decode()
    assert 'href="#source-2" aria-label="source 2">[2]</a> <a href="#source-1"' in html
    assert '<li id="source-1">' in html and '<li id="source-2">' in html
    assert "https://doi.org/10.1097/DSS.0000000000001248" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/28796657/" in html
    assert guide.sources[0] == {
        "number": 1,
        "title": "Microneedling: a review and practical guide",
        "authors": "Alster TS, Graham PM",
        "publication": "Dermatologic Surgery",
        "year": 2018,
        "url": "",
        "doi": "10.1097/DSS.0000000000001248",
        "pmid": "28796657",
    }
    assert [source["number"] for source in guide.sources] == [1, 2]


def test_citation_numbers_are_not_counted_as_reading_text():
    block, value = body_value(overview("1, 2"), REFERENCES)
    assert plain_text_from_block(block, value) == "What it is\nTiny needles."

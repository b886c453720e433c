"""Marking glossary terms in a rendered guide: the first use of each term becomes a link with its
explanation, never inside links, headings, questions or scripts, and nothing else in the page
changes (an editor's HTML comes out exactly as it went in)."""

from types import SimpleNamespace

from glossary.marking import explain_terms

COLLAGEN = SimpleNamespace(
    pk=1, slug="collagen", forms=["collagen"], explanation="A protein that keeps skin <firm>."
)
SCAR = SimpleNamespace(
    pk=2, slug="acne-scars", forms=["acne scars", "acne scar"], explanation="Marks left by acne."
)
TERMS = [COLLAGEN, SCAR]


def marked(html: str) -> str:
    return str(explain_terms(html, TERMS, "/word-list/"))


def test_the_first_use_of_each_term_is_a_link_with_its_explanation():
    html = marked("<p>Collagen keeps skin firm. More collagen helps an acne scar heal.</p>")
    assert html.count('class="term"') == 2
    assert (
        '<a class="term__word" href="/word-list/#collagen" aria-describedby="term-collagen">'
        "Collagen</a>"
    ) in html
    assert "More collagen helps" in html  # the second use is left as it is
    assert ">acne scar</a>" in html
    assert "A protein that keeps skin &lt;firm&gt;." in html  # the explanation is escaped


def test_terms_are_never_marked_inside_links_headings_questions_or_scripts():
    html = marked(
        '<h2 id="c">Collagen facts</h2><a href="/x/"><b>collagen</b> link</a>'
        "<details><summary>Is collagen safe?</summary><p>Yes.</p></details>"
        '<script>var t = "collagen";</script><p>Now collagen.</p>'
    )
    assert html.count('class="term"') == 1
    assert html.endswith(
        'aria-describedby="term-collagen">collagen</a>'
        '<span class="term__tip" role="tooltip" id="term-collagen">'
        "A protein that keeps skin &lt;firm&gt;.</span></span>.</p>"
    )
    assert '<h2 id="c">Collagen facts</h2>' in html and 'var t = "collagen";' in html


def test_empty_and_self_closing_elements_do_not_hide_the_text_after_them():
    html = marked('<a href="/x/">link</a><br><img src="i.png" alt=""><hr/><p>collagen</p>')
    assert html.count('class="term"') == 1


def test_everything_else_is_left_byte_for_byte():
    source = (
        "<!-- kept --><p class='x' data-a=\"1\">Skin &amp; care, <br>"
        "&#x27;quoted&#x27; words</p><ul><li>one</li></ul>"
    )
    assert marked(source) == source  # no term: not even entities or quotes are rewritten


def test_text_with_entities_is_marked_and_stays_escaped():
    html = marked("<p>Tom&#x27;s collagen &amp; <em>more</em></p>")
    assert html.startswith('<p>Tom&#x27;s <span class="term">')
    assert "</span></span> &amp; <em>more</em></p>" in html


def test_a_term_written_in_a_different_case_keeps_the_patients_words():
    assert ">COLLAGEN</a>" in marked("<p>COLLAGEN</p>")


def test_a_page_without_terms_or_text_comes_back_unchanged():
    assert str(explain_terms("<p>Collagen</p>", [], "/word-list/")) == "<p>Collagen</p>"
    assert str(explain_terms("", TERMS, "/word-list/")) == ""


def test_unbalanced_html_does_not_stop_the_marking_or_drop_text():
    html = marked("<p><b>bold<p>collagen</div> and acne scars")
    assert html.count('class="term"') == 2
    assert html.startswith("<p><b>bold<p>")

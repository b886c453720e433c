"""Whatever is typed into a search, site search and both APIs answer it: punctuation never
reaches the search backend's query syntax (a stray quote was a server error on SQLite)."""

from tests.api_content import APITestCase

#: Every search entry point, with its search parameter.
SEARCHES = [
    "/search/?q=",
    "/search/suggest/?q=",
    "/api/v2/pages/?search=",
    "/api/v2/images/?search=",
    "/api/v2/documents/?search=",
    "/api/v3/pages/?search=",
    "/api/v3/guides/?search=",
    "/api/v3/images/?search=",
    "/api/v3/documents/?search=",
]
#: Searches with words in them, quoted or punctuated as people (and scripts) type them.
WITH_WORDS = [
    '"needles',
    'nee"dles "skin"',
    "needles' \\ *",
    "(needles) AND: NOT -x^2",
    '{title} NEAR("needles" & | !',
    "%needles% “curly”",
]
#: Searches with nothing to search for.
WITHOUT_WORDS = ['"', '"""', "'\\*", "(): -!", "“”"]


def param(url: str) -> str:
    return url.split("?")[1].rstrip("=")


class TestSearchInput(APITestCase):
    def test_punctuation_is_ignored_and_the_words_are_searched(self):
        failures = []
        for url in SEARCHES:
            for query in WITH_WORDS:
                response = self.client.get(url, {param(url): query})
                if response.status_code != 200:
                    failures.append((url, query, response.status_code))
        assert not failures

    def test_a_search_without_words_is_a_clear_400(self):
        for url in SEARCHES:
            for query in WITHOUT_WORDS:
                response = self.client.get(url, {param(url): query})
                assert response.status_code == 400, (url, query, response.content[:300])
                text = response.content.decode()
                assert "letters or numbers" in text, (url, query, text[:300])
                if "/api/v3/" in url:
                    assert response["Content-Type"] == "application/problem+json"
                    assert response.json()["detail"].startswith("search: ")
                elif "/api/v2/" in url:
                    assert response.json()["message"].startswith("search: ")

    def test_a_quoted_search_finds_what_the_words_find(self):
        for url in [
            "/search/?q=%22needles%22",
            "/api/v2/pages/?type=articles.TreatmentPage&search=%22needles",
            "/api/v3/guides/?search=%22needles%22",
            "/api/v3/pages/?search=needles%22",
        ]:
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert "Microneedling" in response.content.decode(), url

    def test_search_as_you_type_ignores_a_leading_quote(self):
        data = self.client.get("/search/suggest/", {"q": '"micro'}).json()
        assert [item["title"] for item in data["suggestions"]] == ["Microneedling"]

"""What a person types, made safe to hand to the search backend.

Wagtail's database search backend puts each word of a query straight into the database's
full-text syntax. On SQLite (FTS5) a stray ``"`` in a word ends the quoted term early and the
query fails ("unterminated string", a server error); other punctuation can do the same on
other backends. The search backends only ever index words (letters and numbers), so
punctuation can never match anything: :func:`search_text` keeps the words and drops the rest,
and every search entry point (site search, search-as-you-type, API v2 and v3) searches for
that text instead of the raw input.
"""

import unicodedata

#: Unicode categories kept: letters, marks (accents) and numbers.
WORD_CATEGORIES = ("L", "M", "N")

NO_WORDS = "Type at least one word (letters or numbers) to search for."


def search_text(query: str) -> str:
    """``query`` as plain words separated by single spaces ("" if it has no words).

    ``'"dark spots"'`` becomes ``'dark spots'``; ``"don't"`` becomes ``"don t"``, which is how
    the search index splits it too.
    """
    kept = (ch if unicodedata.category(ch)[0] in WORD_CATEGORIES else " " for ch in query)
    return " ".join("".join(kept).split())


def fold_accents(text: str) -> str:
    """``text`` without accents, letter for letter ("acné" -> "acne"): the same length, so a
    place found in the folded text is the same place in ``text``."""
    return "".join(_fold_letter(letter) for letter in text)


def _fold_letter(letter: str) -> str:
    if letter.isascii():
        return letter
    bare = "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else letter

"""How easy a guide is to read, measured offline as a US school grade (Flesch-Kincaid).

Why this exists: many patients read at a US grade of 8 or lower, and people read less well when
they are worried. Editors use the grade to spot guides with long sentences or long words. A grade
is a rough guide, not a verdict: "You may have some redness." and "Redness may you have some."
score the same. Always read the text aloud too.

The formula (Kincaid et al., 1975) is::

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Everything here works offline: syllables come from the ``pyphen`` hyphenation dictionary plus a
small spelling rule set (see :func:`count_syllables`). Nothing is downloaded.

Counting rules, decided once so every guide is measured the same way:

* A **sentence** ends at ".", "!" or "?" followed by a space or the end of the line, and at every
  line break. So each list item, heading or table cell is its own sentence, even without a full
  stop (patients read a bullet point as a unit). Abbreviations such as "e.g." and "Dr." and
  numbers such as "1.5" do not end a sentence.
* A **word** is a run of letters or digits. "Don't", "make-up" and "1.5" are one word each.
* A **number** written in digits ("24", "1.5", "3rd") counts as one word of one syllable. Plain
  language guides recommend digits ("3 sessions", not "three sessions") because they are faster
  to read, so a guide is not marked down for using them.
* An **abbreviation** read letter by letter ("e.g.", "SPF", "PRP", "LED") counts one syllable per
  letter ("W" counts three).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.html import strip_tags

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

import pyphen

# The US school grade every guide aims for (Flesch-Kincaid): editors' help text, the Reading
# level tab, the import report and the demo guides' test all read this number.
TARGET_GRADE = 8.0

#: The INFLESZ reading ease every Spanish guide aims for (Szigriszt-Pazos, read on the INFLESZ
#: scale): 65 or more is "bastante fácil" (fairly easy). See :func:`szigriszt_pazos`.
TARGET_INFLESZ = 65.0

__all__ = [
    "Measure",
    "count_spanish_syllables",
    "count_syllables",
    "flesch_kincaid_grade",
    "guide_text",
    "measure_for",
    "plain_text_from_block",
    "split_sentences",
    "szigriszt_pazos",
    "words",
]

_HYPHENATOR = pyphen.Pyphen(lang="en_US")

# --- Words ------------------------------------------------------------------------------------

# Letters or digits, joined by an apostrophe, a hyphen or a full stop ("don't", "make-up", "e.g",
# "1.5"), and by a comma only between digits ("1,000").
_WORD_RE = re.compile(r"[^\W_]+(?:(?:['’.\-]|(?<=\d),(?=\d))[^\W_]+)*")  # noqa: RUF001
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?$", re.IGNORECASE)
_DOTTED_ABBREVIATION_RE = re.compile(r"^(?:[a-z]\.)+[a-z]$", re.IGNORECASE)
_INITIALISM_RE = re.compile(r"^[A-Z]{2,5}s?$")  # SPF, PRP, LED, UVs: read letter by letter


def words(text: str) -> list[str]:
    """Return the words in ``text``, in order, as a reader would count them.

    "Don't", "make-up", "e.g." and "1.5" are one word each; punctuation is left out.

    >>> words("Don't pick at scabs: wait 1.5 days, e.g. until Friday.")
    ["Don't", 'pick', 'at', 'scabs', 'wait', '1.5', 'days', 'e.g', 'until', 'Friday']
    """
    return _WORD_RE.findall(text)


# --- Sentences --------------------------------------------------------------------------------

# Words that end in a full stop but almost never end a sentence.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "approx", "dr", "mr", "mrs", "ms", "prof", "al"}
)
# A list marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*•‣◦–—]+|\d{1,3}[.)])\s+")  # noqa: RUF001
# Candidate sentence ends: one or more end marks, closing quotes or brackets, then a space or the
# end of the line. "1.5" and "aad.org" are not candidates because no space follows the full stop.
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")  # noqa: RUF001


def _ends_sentence(line: str, match: re.Match) -> bool:
    marks = match.group()
    if "!" in marks or "?" in marks or "…" in marks or marks.startswith(".."):
        return True
    before = _WORD_RE.findall(line[: match.start()][-40:])
    last_word = before[-1].lower() if before else ""
    if last_word in _ABBREVIATIONS or _DOTTED_ABBREVIATION_RE.match(last_word):
        return False
    # "approx. two weeks": a sentence does not start with a small letter.
    following = line[match.end() :].lstrip()
    return not (following and following[0].islower())


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, the way a patient reads them.

    A sentence ends at ".", "!" or "?" and at every line break, so each list item is a sentence
    even without a full stop. "e.g.", "i.e.", "Dr." and numbers like "1.5" do not end a sentence.
    List markers ("- ", "1. ") are removed, and pieces with no words are dropped.

    >>> split_sentences("Avoid the sun. Use e.g. a hat!\\n- Wash gently\\n- Use SPF 30")
    ['Avoid the sun.', 'Use e.g. a hat!', 'Wash gently', 'Use SPF 30']
    """
    sentences: list[str] = []
    for raw_line in text.splitlines():
        line = _LIST_MARKER_RE.sub("", raw_line).strip()
        start = 0
        for match in _END_RE.finditer(line):
            if _ends_sentence(line, match):
                sentences.append(line[start : match.end()].strip())
                start = match.end()
        sentences.append(line[start:].strip())
    return [sentence for sentence in sentences if words(sentence)]


# --- Syllables --------------------------------------------------------------------------------

_VOWELS = "aeiou"
# Words both pyphen and the spelling rules get wrong, with their usual US syllable count.
_KNOWN_WORDS = {
    "area": 3,
    "areas": 3,
    "idea": 3,
    "ideas": 3,
    "people": 2,
    "hyaluronic": 5,
}


def _is_vowel(word: str, index: int) -> bool:
    char = word[index]
    if char in _VOWELS:
        return True
    if char != "y":
        return False
    # "y" is a consonant at the start of a word and before a vowel ("you", "beyond", "player").
    followed_by_vowel = index + 1 < len(word) and word[index + 1] in _VOWELS
    return index > 0 and not followed_by_vowel


def _hiatus(word: str, index: int) -> bool:
    """True when the vowels at ``index`` and ``index + 1`` are said as two syllables.

    "ia", "io", "iu", "ua" and "eo" are usually two ("media", "period", "medium", "gradual",
    "video") except in "-tion", "-cial", "-gion", "-sion", "equal", "language" and "-geon".
    """
    pair = word[index : index + 2]
    previous = word[index - 1] if index > 0 else ""
    if pair in ("ia", "io"):
        return previous not in ("c", "t", "s", "x", "g")
    if pair == "iu":
        return True
    if pair == "ua":
        return previous not in ("q", "g")
    if pair == "eo":
        return previous != "g"
    return False


def _rule_syllables(piece: str, *, word_end: bool) -> int:
    """Count syllables in a lowercase word or word piece from spelling alone.

    One syllable per group of vowels, plus one where two vowels are said apart ("me-di-a"), minus
    one for a silent final "e" ("make", but not "simple" or "the"). At the end of a word, "-ed" and
    "-es" are silent after most consonants ("liked", "makes") but not after "t" or "d" ("treated",
    "needed") or after s, x, z, ch, sh, ce, ge ("uses", "washes", "changes").
    """
    count = 0
    previous_vowel = False
    for index in range(len(piece)):
        vowel = _is_vowel(piece, index)
        if vowel and (not previous_vowel or _hiatus(piece, index - 1)):
            count += 1
        previous_vowel = vowel
    if count <= 1:
        return count

    consonant_before = len(piece) >= 3 and not _is_vowel(piece, len(piece) - 3)
    if word_end and piece.endswith("ed") and consonant_before and piece[-3] not in "td":
        return count - 1
    if word_end and piece.endswith("es") and consonant_before:
        sounded = piece[-3] in "sxz" or piece.endswith(("ches", "shes", "ces", "ges", "les"))
        return count if sounded else count - 1
    if piece.endswith("e") and len(piece) >= 2 and not _is_vowel(piece, len(piece) - 2):
        syllabic_le = (
            piece.endswith("le") and len(piece) >= 3 and not _is_vowel(piece, len(piece) - 3)
        )
        return count if syllabic_le else count - 1
    return count


@lru_cache(maxsize=4096)
def _word_syllables(word: str) -> int:
    """Syllables in one lowercase word made of letters only (no hyphens or apostrophes)."""
    if word in _KNOWN_WORDS:
        return _KNOWN_WORDS[word]
    # pyphen only breaks a word between syllables, but misses many breaks, above all near the
    # start and end of a word ("elastin" comes back whole). So we trust each break it makes and
    # count the syllables inside each piece with the spelling rules. Every piece has at least one.
    pieces = _HYPHENATOR.inserted(word, hyphen="-").split("-")
    last = len(pieces) - 1
    return sum(
        max(1, _rule_syllables(piece, word_end=index == last)) for index, piece in enumerate(pieces)
    )


# Each spelling rule answers as soon as it applies.
def count_syllables(word: str) -> int:  # noqa: PLR0911
    """Return how many syllables ``word`` has when said aloud (at least 1 for any word).

    How it counts:

    * Syllable breaks come from the ``pyphen`` US English hyphenation dictionary. It is reliable
      where it breaks a word but often leaves breaks out ("elastin", "swelling" come back whole),
      so each piece it returns is counted again with spelling rules, and each piece counts at
      least one. Taking the larger of the two whole-word counts would be wrong in both directions
      ("sometimes" is 2, though the spelling rules alone say 3).
    * The spelling rules handle a silent final "e" ("make" 1), "-le" ("simple" 2), "-ed" ("liked"
      1, "treated" 2) and "-es" ("makes" 1, "uses" 2).
    * Hyphenated words add up their parts ("make-up" 2). Apostrophes are ignored ("don't" 1), but
      "n't" after a consonant is its own syllable ("didn't" 2).
    * Numbers in digits count 1; abbreviations read as letters count 1 per letter ("SPF" 3).
    """
    word = word.strip().replace("’", "'").strip("'.")  # noqa: RUF001
    if not word:
        return 0
    if _NUMBER_RE.match(word):
        return 1
    if _DOTTED_ABBREVIATION_RE.match(word) or _INITIALISM_RE.match(word):
        letters = [char for char in word.lower() if char.isalpha()]
        if word.endswith("s") and not _DOTTED_ABBREVIATION_RE.match(word):
            letters = letters[:-1]  # "UVs" is said "U-Vs"
        return sum(3 if char == "w" else 1 for char in letters)
    parts = [part for part in re.split(r"[-.]", word) if part]
    if len(parts) > 1:
        return sum(count_syllables(part) for part in parts)

    lower = word.lower()
    extra = 0
    if lower.endswith("n't") and len(lower) > 3 and not _is_vowel(lower, len(lower) - 4):
        lower, extra = lower[:-3], 1  # "did-n't", "could-n't"; "don't" and "can't" stay one
    letters_only = "".join(char for char in lower if char.isalpha())
    if not letters_only:
        return 1  # digits mixed with symbols, such as "30+"
    if any(char.isdigit() for char in lower):
        return _word_syllables(letters_only) + 1  # "SPF30"-like tokens
    return max(1, _word_syllables(letters_only) + extra)


# --- Grade ------------------------------------------------------------------------------------


def flesch_kincaid_grade(text: str) -> float:
    """Return the Flesch-Kincaid US school grade of ``text``, to one decimal place.

    Roughly: grade 6 suits most adults, grade 8 is the most a patient guide should need, and
    grade 12 or more is hard going even for many college graduates. Shorter sentences and
    shorter words lower the grade. Empty text scores 0.0, and the grade is never below 0.
    """
    word_list = words(text)
    sentence_count = len(split_sentences(text))
    if not word_list or not sentence_count:
        return 0.0
    syllables = sum(count_syllables(word) for word in word_list)
    grade = 0.39 * len(word_list) / sentence_count + 11.8 * syllables / len(word_list) - 15.59
    return max(0.0, round(grade, 1))


# --- Spanish: Szigriszt-Pazos on the INFLESZ scale ---------------------------------------------

_SPANISH_HYPHENATOR = pyphen.Pyphen(lang="es", left=1, right=1)
_STRONG_VOWELS = frozenset("aeoáéóíú")  # an accented i or u is said on its own ("dí-a")
_WEAK_VOWELS = frozenset("iuü")
# "que", "qui", "gue", "gui": the u is silent ("guerra" 2, "pingüino" keeps its ü).
_SILENT_U_RE = re.compile(r"(?<=[qg])u(?=[eéií])")


def _spanish_nuclei(piece: str) -> int:
    """Vowel sounds in a lowercase Spanish word piece: one per group of vowels, plus one where two
    strong vowels (a, e, o, or an accented í or ú) meet ("le-er", "dí-a", "pa-ís")."""
    piece = _SILENT_U_RE.sub("", piece)
    count = 0
    previous = ""
    for char in piece:
        # "y" is a vowel only on its own ("y") or after a consonant at the end ("muy" is one
        # sound with its u; "rayo" has a consonant y).
        vowel = char in _STRONG_VOWELS or char in _WEAK_VOWELS
        if char == "y" and len(piece) == 1:
            vowel = True
        if vowel and (
            previous not in _STRONG_VOWELS | _WEAK_VOWELS
            or (previous in _STRONG_VOWELS and char in _STRONG_VOWELS)
        ):
            count += 1
        previous = char if vowel else ""
    return count


@lru_cache(maxsize=4096)
def _spanish_word_syllables(word: str) -> int:
    # pyphen's Spanish dictionary breaks between syllables reliably but joins vowels said apart
    # ("poeta", "día" come back whole): each piece is counted again by its vowel sounds.
    pieces = _SPANISH_HYPHENATOR.inserted(word, hyphen="-").split("-")
    return sum(max(1, _spanish_nuclei(piece)) for piece in pieces if piece)


def count_spanish_syllables(word: str) -> int:
    """Return how many syllables the Spanish ``word`` has when said aloud (at least 1).

    Breaks come from ``pyphen``'s Spanish dictionary; inside each piece, every group of vowels
    is one syllable ("cui-da-do" 3, "agua" 2) except where two strong vowels meet ("po-e-ta" 3,
    "dí-a" 2, "le-er" 2). The u of "que", "qui", "gue", "gui" is silent. Numbers in digits count
    1; abbreviations read letter by letter ("UV", "FPS") count 1 per letter.
    """
    word = word.strip().strip("'.")
    if not word:
        return 0
    if _NUMBER_RE.match(word):
        return 1
    if _DOTTED_ABBREVIATION_RE.match(word) or _INITIALISM_RE.match(word):
        return sum(1 for char in word if char.isalpha())
    parts = [part for part in re.split(r"[-.'’]", word) if part]  # noqa: RUF001
    if len(parts) > 1:
        return sum(count_spanish_syllables(part) for part in parts)
    letters = "".join(char for char in word.lower() if char.isalpha())
    if not letters:
        return 1
    return max(1, _spanish_word_syllables(letters))


def szigriszt_pazos(text: str) -> float:
    """Return the Szigriszt-Pazos reading ease of Spanish ``text``, read on the INFLESZ scale.

    Szigriszt Pazos (1993) adapted Flesch's reading ease to Spanish::

        ease = 206.835 - 62.3 * (syllables / words) - (words / sentences)

    Barrio-Cantalejo et al. (2008, *Anales del Sistema Sanitario de Navarra* 31(2)) set its
    INFLESZ scale for health texts: under 40 very hard, 40-55 fairly hard, 55-65 normal, 65-80
    fairly easy ("bastante fácil"), 80 and over very easy. Higher is easier, the opposite of a
    grade. Shorter sentences and shorter words raise it. Empty text scores 0.0; the result is
    kept between 0 and 100.
    """
    word_list = words(text)
    sentence_count = len(split_sentences(text))
    if not word_list or not sentence_count:
        return 0.0
    syllables = sum(count_spanish_syllables(word) for word in word_list)
    ease = 206.835 - 62.3 * syllables / len(word_list) - len(word_list) / sentence_count
    return min(100.0, max(0.0, round(ease, 1)))


# --- The measure for a page's language -------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """How a guide's reading level is measured in one language, and the target it aims for."""

    name: str
    score: Callable[[str], float]
    count_syllables: Callable[[str], int]
    target: float
    higher_is_easier: bool
    #: Words with this many syllables or more are listed for the editor to check.
    long_word_syllables: int

    def meets_target(self, score: float) -> bool:
        return score >= self.target if self.higher_is_easier else score <= self.target


FLESCH_KINCAID = Measure(
    name="Flesch-Kincaid",
    score=flesch_kincaid_grade,
    count_syllables=count_syllables,
    target=TARGET_GRADE,
    higher_is_easier=False,
    long_word_syllables=4,
)
# Spanish words run longer than English ones ("tratamiento" has 4 syllables), so a word is long
# from 5 syllables.
INFLESZ = Measure(
    name="INFLESZ",
    score=szigriszt_pazos,
    count_syllables=count_spanish_syllables,
    target=TARGET_INFLESZ,
    higher_is_easier=True,
    long_word_syllables=5,
)
MEASURES = {"en": FLESCH_KINCAID, "es": INFLESZ}
#: Each measure's name for apps (``reading_level.measure`` in the API).
MEASURE_NAMES = {FLESCH_KINCAID.name: "flesch_kincaid_grade", INFLESZ.name: "inflesz"}


def measure_for(language_code: str) -> Measure:
    """The measure for a page in ``language_code`` ("es", "es-mx"); English for any language
    without one of its own."""
    return MEASURES.get((language_code or "").split("-")[0].lower(), FLESCH_KINCAID)


# --- Text from Wagtail blocks -----------------------------------------------------------------

# Struct block children that hold citation details, not patient prose.
SKIPPED_CHILD_NAMES = frozenset({"url", "doi", "pmid", "year", "source", "publication", "sources"})
# Stream block children that are not patient prose (a guide's list of sources).
SKIPPED_STREAM_CHILDREN = frozenset({"references"})

# Tags after which a reader sees a new line: each paragraph and list item becomes its own line.
_BLOCK_BREAK_RE = re.compile(
    r"<\s*(?:br|/?p|/?li|/?ul|/?ol|/?h[1-6]|/?div|/?blockquote|/?tr|/?td|/?th)\b[^>]*>",
    re.IGNORECASE,
)


def _html_to_text(source: str) -> str:
    """Rich text HTML to plain text, one paragraph or list item per line."""
    text = html.unescape(strip_tags(_BLOCK_BREAK_RE.sub("\n", source)))
    return _tidy_lines(text)


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)


def _join(pieces) -> str:
    return "\n".join(piece for piece in pieces if piece)


# One answer per kind of block, in the order a reader checks them.
def plain_text_from_block(block: blocks.Block, value: Any) -> str:  # noqa: PLR0911
    """Return the words a patient reads in a block's value, one sentence-like unit per line.

    Works for any block, however deeply nested: struct blocks give their children in order, list
    and stream blocks give each item, rich text becomes plain text (each paragraph and list item
    on its own line), and short and long text fields give their text. Choices, numbers, dates,
    links, images and yes/no boxes are left out, and so are citations (a "references" section and
    the url, doi, pmid, year, source and publication fields of a reference): they are not prose.
    A saved FAQ gives its question and answer.
    """
    if value is None:
        return ""
    if isinstance(block, blocks.RichTextBlock):
        return _html_to_text(getattr(value, "source", value) or "")
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return _tidy_lines(value)
    if isinstance(block, blocks.StructBlock):
        return _join(
            plain_text_from_block(child_block, value.get(name))
            for name, child_block in block.child_blocks.items()
            if name not in SKIPPED_CHILD_NAMES
        )
    if isinstance(block, blocks.ListBlock):
        return _join(plain_text_from_block(block.child_block, item) for item in value)
    if isinstance(block, blocks.StreamBlock):
        return _join(
            plain_text_from_block(child.block, child.value)
            for child in value
            if child.block_type not in SKIPPED_STREAM_CHILDREN
        )
    if isinstance(block, SnippetChooserBlock):
        question = getattr(value, "question", None)
        answer = getattr(value, "answer", None)
        if question is None or answer is None:
            return ""
        return _join([_tidy_lines(question), _html_to_text(getattr(answer, "source", answer))])
    return ""  # choices, numbers, dates, URLs, images, yes/no: not prose


def guide_text(page) -> str:
    """Return everything a patient reads in a treatment guide: its summary, then its body."""
    body = page.body
    body_text = plain_text_from_block(body.stream_block, body) if body else ""
    return _join([_tidy_lines(page.summary or ""), body_text])

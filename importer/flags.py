"""Lines an editor should look at before a guide goes to review: advertising, links away to
other websites, and promises a patient guide must not make.

Flagged lines are imported like any other (nothing is removed without the editor); the import
report lists them with the reason, so the editor can delete or rewrite them.
"""

import re
from dataclasses import dataclass

from articles.readability import split_sentences


@dataclass(frozen=True)
class FlagRule:
    reason: str
    pattern: re.Pattern


FLAG_RULES = [
    FlagRule(
        "Sends readers to another website",
        re.compile(
            r"\bvisit (?:our|my|the|this)\b|\bpartner (?:blog|site|website|store|shop)\b"
            r"|\bdot (?:com|net|org|co|io|info|example)\b|https?://|\bwww\.|\bclick here\b"
            r"|\b[\w-]+\.(?:com|net|org|info|biz|shop|io|co\.uk)\b",
            re.IGNORECASE,
        ),
    ),
    FlagRule(
        "Advertising or a sales pitch",
        re.compile(
            r"\b(?:book (?:now|today|online|your (?:appointment|consultation|session))"
            r"|call (?:us )?(?:now|today)|limited[- ]time|special offer|discounts?|\d+ ?% off"
            r"|promo(?:tion(?:al)?)? code|coupons?|deals?|buy now|shop now|order now"
            r"|free consultation|sign up|subscribe|newsletter|follow us|like us on|sponsored"
            r"|affiliate|for more (?:beauty |skin ?care |skin )?tips)\b",
            re.IGNORECASE,
        ),
    ),
    FlagRule(
        "Promises a result (patient guides must set honest expectations)",
        re.compile(
            r"\b(?:guarantee[ds]?|miracle|flawless|perfect skin|100 ?%|painless|no downtime"
            r"|risk[- ]free|instant(?:ly)? results?|permanent(?:ly)? results?|amazing"
            r"|revolutionary|best (?:clinic|results|price)|look years younger)\b",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True)
class Flag:
    text: str
    reasons: tuple[str, ...]


def flag_reasons(text: str) -> tuple[str, ...]:
    return tuple(rule.reason for rule in FLAG_RULES if rule.pattern.search(text))


def flag_lines(lines: list[str]) -> list[Flag]:
    """The sentences in ``lines`` that look like marketing or spam, each with its reasons.

    A long paragraph is checked sentence by sentence, so the editor sees the sentence to remove.
    """
    flags: list[Flag] = []
    for line in lines:
        line_reasons = flag_reasons(line)
        if not line_reasons:
            continue
        found = [
            Flag(sentence, reasons)
            for sentence in split_sentences(line)
            if (reasons := flag_reasons(sentence))
        ]
        flags.extend(found or [Flag(line, line_reasons)])
    return flags

"""Helpers that keep the demo guides' raw block values short (StreamField JSON form, using
the exact child names of the blocks in ``articles/blocks``)."""


def step(title: str, text: str, duration: str = "") -> dict:
    """One procedure step, with no picture."""
    return {"title": title, "text": text, "duration": duration, "image": {}}


def risk(name: str, description: str) -> dict:
    return {"name": name, "description": description}


def benefit(title: str, description: str) -> dict:
    return {"title": title, "description": description}


def todo(when: str, text: str) -> dict:
    """One thing to do before treatment."""
    return {"when": when, "text": text}


def period(name: str, *instructions: str) -> dict:
    """One stretch of the aftercare timeline."""
    return {"period": name, "instructions": list(instructions)}


def milestone(when: str, what: str) -> dict:
    return {"when": when, "what": what}


def question(text: str, answer: str) -> tuple[str, dict]:
    """A question written for one guide."""
    return ("question", {"question": text, "answer": answer})


def saved(key: str) -> tuple[str, str]:
    """A question from SHARED_FAQS, by its key."""
    return ("saved_question", key)


def warning(urgency: str, heading: str, intro: str, items: list[str], action: str) -> tuple:
    return (
        "warning_signs",
        {"heading": heading, "urgency": urgency, "intro": intro, "items": items, "action": action},
    )


# A reference's fields, in the order a citation lists them.
def reference(  # noqa: PLR0913, PLR0917
    title: str,
    source: str,
    publication: str = "",
    year: int | None = None,
    url: str = "",
    doi: str = "",
    pmid: str = "",
) -> dict:
    return {
        "title": title,
        "source": source,
        "publication": publication,
        "year": year,
        "url": url,
        "doi": doi,
        "pmid": pmid,
    }

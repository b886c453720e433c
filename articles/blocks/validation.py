"""Checks that speak to editors: empty parts are left out, and errors are summed up in words.

A new guide starts with every standard section, and each list in a section starts with one empty
item. When the editor sends the guide for review (or publishes it), a section or list item they
never filled in is left out rather than answered with a "This field is required." on each of its
fields; what is half filled gets its field errors plus one plain summary per section.

Errors must point at the items the editor sees. The admin shows the form exactly as it was posted
(empty parts included), so errors found on the shortened lists are moved back to the positions the
editor sees (:func:`remap_errors`).
"""

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

# Settings with a default (a card's urgency, a callout's tone, a tick box) are not content:
# a block holding nothing but these is still empty.
SETTING_BLOCKS = (blocks.ChoiceBlock, blocks.BooleanBlock)


# One answer per kind of block, in the order a reader checks them.
def is_blank(block: blocks.Block, value, ignore: Iterable[str] = ()) -> bool:  # noqa: PLR0911
    """True if nothing was typed or chosen in ``value`` (names in ``ignore`` don't count)."""
    if isinstance(block, SETTING_BLOCKS):
        return True
    if isinstance(block, blocks.StructBlock):
        return all(
            is_blank(child, value.get(name))
            for name, child in block.child_blocks.items()
            if name not in ignore
        )
    if isinstance(block, blocks.ListBlock):
        return all(is_blank(block.child_block, item) for item in value or [])
    if isinstance(block, blocks.StreamBlock):
        return all(is_blank(child.block, child.value) for child in value or [])
    if isinstance(block, blocks.RichTextBlock) or isinstance(value, RichText):
        source = value.source if isinstance(value, RichText) else (value or "")
        return not strip_tags(source).replace("&nbsp;", " ").strip()
    if isinstance(value, str):
        return not value.strip()
    return value is None or value in ([], {})


# --- Leaving out empty items ----------------------------------------------------------------


def without_blank_items(block: blocks.Block, value) -> tuple[object, list[int]]:
    """A list or stream value without its empty items, and the positions of those kept."""
    if isinstance(block, blocks.ListBlock):
        value = block.normalize(value)
        kept = [
            index
            for index, child in enumerate(value.bound_blocks)
            if not is_blank(block.child_block, child.value)
        ]
        return ListValue(block, bound_blocks=[value.bound_blocks[i] for i in kept]), kept
    if isinstance(block, blocks.StreamBlock):
        kept = [i for i, child in enumerate(value) if not is_blank(child.block, child.value)]
        stream = [(value[i].block_type, value[i].value, value[i].id) for i in kept]
        return StreamValue(block, stream), kept
    raise TypeError(f"{block!r} is not a list or a stream")


def has_blank_items(block: blocks.StructBlock, value) -> bool:
    """True if a list or stream directly inside ``value`` holds an empty item."""
    for name, child in block.child_blocks.items():
        child_value = value.get(name) or []
        if isinstance(child, blocks.ListBlock):
            items = [(child.child_block, item) for item in child_value]
        elif isinstance(child, blocks.StreamBlock):
            items = [(item.block, item.value) for item in child_value]
        else:
            continue
        if any(is_blank(item_block, item) for item_block, item in items):
            return True
    return False


def remap_errors(error: ValidationError, kept: Sequence[int]) -> ValidationError:
    """A list or stream error found on the shortened value, keyed by the original positions."""
    if isinstance(error, ListBlockValidationError | StreamBlockValidationError):
        return type(error)(
            block_errors={kept[index]: child for index, child in error.block_errors.items()},
            non_block_errors=error.non_block_errors,
        )
    return error


def merge_struct_errors(
    error: StructBlockValidationError | None, extra: dict[str, ValidationError]
) -> StructBlockValidationError | None:
    """One StructBlock error holding both ``error``'s and ``extra``'s, so every check reports in
    the same round. A child with an error already gets the extra message added to its list."""
    if error is None and not extra:
        return None
    block_errors = dict(error.block_errors) if error else {}
    non_block_errors = list(error.non_block_errors.as_data()) if error else []
    for name, message in extra.items():
        existing = block_errors.get(name)
        if existing is None:
            block_errors[name] = message
        elif isinstance(existing, ListBlockValidationError | StreamBlockValidationError):
            block_errors[name] = type(existing)(
                block_errors=existing.block_errors,
                non_block_errors=[*existing.non_block_errors.as_data(), message],
            )
        # a plain field error is already the most useful thing to say about that field
    return StructBlockValidationError(block_errors=block_errors, non_block_errors=non_block_errors)


# --- Saying what is missing ------------------------------------------------------------------


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _is_required(error: ValidationError) -> bool:
    return (
        any(getattr(e, "code", None) == "required" for e in error.error_list)
        if hasattr(error, "error_list")
        else getattr(error, "code", None) == "required"
    )


def _label(block: blocks.Block) -> str:
    return str(block.label or capfirst(block.name.replace("_", " ")))


def _quoted_list(labels: list[str]) -> str:
    quoted = [f"'{label}'" for label in labels]
    if len(quoted) == 1:
        return quoted[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(quoted[:-1]), "last": quoted[-1]}


def what_is_missing(block: blocks.Block, error: ValidationError, value=None) -> list[str]:
    """Short phrases an editor understands, e.g. ["Step 1: fill in 'Title' and 'Text'."]."""
    if isinstance(error, StructBlockValidationError) and isinstance(block, blocks.StructBlock):
        missing, phrases = [], []
        for name, child_error in error.block_errors.items():
            child = block.child_blocks.get(name)
            if child is None:
                phrases.extend(_messages(child_error))
            elif _is_required(child_error) and not isinstance(
                child, blocks.StructBlock | blocks.ListBlock | blocks.StreamBlock
            ):
                missing.append(_label(child))
            else:
                child_value = value.get(name) if value is not None else None
                phrases.extend(what_is_missing(child, child_error, child_value))
        if missing:
            phrases.insert(0, _("Fill in %(fields)s.") % {"fields": _quoted_list(missing)})
        phrases.extend(
            str(message) for e in error.non_block_errors.as_data() for message in e.messages
        )
        return phrases
    if isinstance(error, ListBlockValidationError) and isinstance(block, blocks.ListBlock):
        item_label = _label(block.child_block)
        phrases = []
        for index, item_error in sorted(error.block_errors.items()):
            inner = what_is_missing(block.child_block, item_error)
            phrases.append(f"{item_label} {index + 1}: {' '.join(inner)}")
        phrases.extend(
            str(message) for e in error.non_block_errors.as_data() for message in e.messages
        )
        return phrases
    if isinstance(error, StreamBlockValidationError) and isinstance(block, blocks.StreamBlock):
        phrases = []
        for index, item_error in sorted(error.block_errors.items()):
            child = value[index].block if value is not None and index < len(value) else None
            if child is None:
                phrases.extend(_messages(item_error))
                continue
            inner = what_is_missing(child, item_error, value[index].value)
            phrases.append(f"{_label(child)} {index + 1}: {' '.join(inner)}")
        phrases.extend(
            str(message) for e in error.non_block_errors.as_data() for message in e.messages
        )
        return phrases
    if _is_required(error):
        return [_("Fill in %(fields)s.") % {"fields": _quoted_list([_label(block)])}]
    return _messages(error)


def section_summary(label: str, phrases: list[str]) -> str:
    """'Procedure steps: Step 1: fill in 'Text'. Add at least two steps...'"""
    text = " ".join(phrase.strip() for phrase in phrases if phrase.strip())
    text = re.sub(r"\s+", " ", text)
    return f"{label}: {text}" if text else label


def summary_heading(count: int) -> str:
    return ngettext(
        "Almost there: one part of the guide still needs something.",
        "Almost there: %(count)d parts of the guide still need something.",
        count,
    ) % {"count": count}


def left_out_message(labels: list[str]) -> str:
    return ngettext(
        "This empty part will be left out: %(labels)s. Fill it in if it applies.",
        "These empty parts will be left out: %(labels)s. Fill them in if they apply.",
        len(labels),
    ) % {"labels": ", ".join(labels)}

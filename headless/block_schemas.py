"""JSON schemas of StreamField content, built from the block definitions so they cannot drift.

:class:`BlockSchemas` walks a block tree (stream, struct, list, field and chooser blocks) and
gives OpenAPI 3.1 (JSON Schema 2020-12) schemas; each project block class becomes a named
component (``#/components/schemas/BenefitsBlock``), so code generators make a real model for
it. A block whose ``get_api_representation`` adds or replaces values describes the change in
an ``api_schema(schema, schemas)`` method; the read schema is what the API returns, the write
schema (``write=True``) what it accepts.

:func:`normalise_stream_input` is the write side's gatekeeper: it turns JSON of the wrong shape
into a validation error (never a server error) and accepts chooser values as read from the API
(``{"id": 3, ...}``) as well as plain ids, so a consumer can send back what it read.
"""

from typing import Any

from django import forms

from wagtail import blocks

from pydantic import TypeAdapter

REF_TEMPLATE = "#/components/schemas/{model}"
UNTYPED = "x-untyped-block"


DATE_FORMATS = {forms.DateTimeField: "date-time", forms.DateField: "date", forms.TimeField: "time"}


def _text(value) -> str:
    return str(value or "").strip()


def _nullable(schema: dict | None) -> dict | None:
    if schema is None or "null" in _json_types(schema):
        return schema
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    if isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
    elif "anyOf" in schema:
        schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
    return schema


def _json_types(schema: dict) -> list:
    types = schema.get("type", [])
    return [types] if isinstance(types, str) else list(types)


class BlockSchemas:
    """Collects the component schemas of the blocks (and typed values) it is asked about."""

    def __init__(self, *, write: bool = False):
        self.write = write
        self.components: dict[str, dict] = {}
        self._classes: dict[str, type] = {}

    # --- Entry points --------------------------------------------------------------------

    def ref(self, block: blocks.Block) -> dict:
        """The block's schema: a reference to its component for a project block, else inline."""
        cls = type(block)
        if cls.__module__.startswith("wagtail."):
            return self.schema(block)
        name = cls.__name__
        if self._classes.setdefault(name, cls) is not cls:  # two apps, one block name
            name = cls.__module__.split(".")[0].title() + name
            self._classes.setdefault(name, cls)
        name += "Input" if self.write else ""
        if name not in self.components:
            self.components[name] = {}  # claimed before building, for blocks that nest
            self.components[name] = self.schema(block, name=name)
        return {"$ref": REF_TEMPLATE.format(model=name)}

    def schema(self, block: blocks.Block, name: str = "") -> dict:
        """The block's schema, inline."""
        schema = self._structure(block, name)
        if isinstance(block, blocks.FieldBlock) and block.get_default() is None:
            # A value missing from stored content (say, a field added later) reads as null.
            schema = _nullable(schema)
        hook = None if self.write else getattr(block, "api_schema", None)
        if hook is not None:
            schema = hook(schema, self)
        if schema is None:
            # Keep the document (and the API) working; tests look for this marker.
            name = type(block).__name__
            return {UNTYPED: name, "description": f"Untyped: give {name} an api_schema()."}
        description = _text(getattr(block.meta, "description", "")) or _text(
            getattr(block.meta, "help_text", "")
        )
        if description and "$ref" not in schema:
            schema.setdefault("description", description)
        return schema

    def typed(self, annotation: Any) -> dict:
        """The schema of a Python type (a TypedDict, ``X | None``...), its models as components."""
        schema = TypeAdapter(annotation).json_schema(
            ref_template=REF_TEMPLATE, mode="serialization"
        )
        self.components.update(schema.pop("$defs", {}))
        return schema

    def stream_item(self, name: str, value: dict) -> dict:
        """One child of a stream: ``{"type": name, "value": ..., "id": "<uuid>"}``."""
        properties = {"type": {"const": name}, "value": value}
        if self.write:
            properties["id"] = {"type": ["string", "null"]}
            return {"type": "object", "properties": properties, "required": ["type", "value"]}
        properties["id"] = {"type": "string", "description": "Stays the same across edits."}
        return {
            "type": "object",
            "properties": properties,
            "required": ["type", "value", "id"],
            "additionalProperties": False,
        }

    # --- Block kinds ---------------------------------------------------------------------

    # One answer per kind of block.
    def _structure(self, block: blocks.Block, name: str) -> dict | None:  # noqa: PLR0911
        if isinstance(block, blocks.BaseStreamBlock):
            return self._stream(block, name)
        if isinstance(block, blocks.ListBlock):
            return {"type": "array", "items": self.ref(block.child_block)}
        if isinstance(block, blocks.BaseStructBlock):
            return self._struct(block)
        if isinstance(block, blocks.RichTextBlock):
            return self._rich_text()
        if isinstance(block, blocks.ChooserBlock):
            return self._chooser(block)
        if isinstance(block, blocks.FieldBlock):
            return self._field(block.field)
        return None

    def _stream(self, block: blocks.BaseStreamBlock, name: str) -> dict:
        items = {
            child_name: self.stream_item(child_name, self.ref(child))
            for child_name, child in block.child_blocks.items()
        }
        if not name:
            return {"type": "array", "items": {"oneOf": list(items.values())}}
        # A named stream gets a component per child, and a discriminator for code generators.
        mapping = {}
        for child_name, item in items.items():
            item_name = f"{name}_{child_name}"
            self.components[item_name] = item
            mapping[child_name] = REF_TEMPLATE.format(model=item_name)
        return {
            "type": "array",
            "items": {
                "oneOf": [{"$ref": ref} for ref in mapping.values()],
                "discriminator": {"propertyName": "type", "mapping": mapping},
            },
        }

    def _struct(self, block: blocks.BaseStructBlock) -> dict:
        properties = {name: self.ref(child) for name, child in block.child_blocks.items()}
        if self.write:
            # Every field may be left out (it gets its default); read-only extras are ignored.
            return {"type": "object", "properties": properties}
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    def _rich_text(self) -> dict:
        if self.write:
            return {
                "anyOf": [
                    {"type": "string", "description": "Wagtail database HTML."},
                    {
                        "type": "object",
                        "properties": {
                            "format": {"enum": ["db_html", "db_markdown"]},
                            "content": {"type": "string"},
                        },
                        "required": ["content"],
                    },
                ]
            }
        return {
            "type": "string",
            "description": "Rich text as HTML with working links (see rich_text_format).",
        }

    def _chooser(self, block: blocks.ChooserBlock) -> dict:
        model = block.model_class._meta.label
        if self.write:
            return {
                "anyOf": [
                    {"type": "integer"},
                    {
                        "type": "object",
                        "properties": {"id": {"type": "integer"}},
                        "required": ["id"],
                    },
                    {"type": "null"},
                ],
                "description": f"The id of a {model}, or the object as read from the API.",
            }
        return {"type": ["integer", "null"], "description": f"The id of a {model}."}

    # One answer per kind of form field.
    def _field(self, field: forms.Field) -> dict | None:  # noqa: PLR0911
        if isinstance(field, forms.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, forms.IntegerField):
            schema = {"type": ["integer", "null"]}
            for keyword, limit in (("minimum", field.min_value), ("maximum", field.max_value)):
                if limit is not None:
                    schema[keyword] = limit
            return schema
        if isinstance(field, (forms.FloatField, forms.DecimalField)):
            return {"type": ["number", "null"]}
        if isinstance(field, forms.ChoiceField):
            # Empty only in a draft that is not finished (or for an optional choice).
            values = ["", *(str(value) for value, _label in field.choices if value != "")]
            labels = "; ".join(f"{value}: {label}" for value, label in field.choices if value)
            return {"type": "string", "enum": values, "description": labels}
        for field_class, date_format in DATE_FORMATS.items():
            if isinstance(field, field_class):
                return {"type": "string", "format": date_format}
        if isinstance(field, forms.CharField):
            schema = {"type": "string"}
            if field.max_length:
                schema["maxLength"] = field.max_length
            if isinstance(field, forms.URLField):
                schema["description"] = "A web address, or empty."
            return schema
        return None


# One branch per kind of block, each checking its JSON shape.
def normalise_stream_input(block: blocks.Block, value: Any, path: str = "") -> Any:  # noqa: PLR0911, PLR0912
    """``value`` (StreamField JSON) checked for shape, with chooser objects reduced to their ids.

    Raises ValueError, which the API reports as a validation error with the path.
    """

    def fail(expected: str):
        raise ValueError(f"{path or 'value'}: expected {expected}, got {type(value).__name__}.")

    if isinstance(block, blocks.BaseStreamBlock):
        if value is None:
            return []
        if not isinstance(value, list):
            fail("a list of blocks")
        items = []
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("type"), str):
                raise ValueError(f"{where}: expected an object with a 'type' and a 'value'.")
            child = block.child_blocks.get(item["type"])
            if child is None:
                known = ", ".join(block.child_blocks)
                raise ValueError(f"{where}: unknown block type {item['type']!r} ({known}).")
            if "value" not in item:
                raise ValueError(f"{where}: missing 'value'.")
            if item.get("id") is not None and not isinstance(item["id"], str):
                raise ValueError(f"{where}.id: expected a string.")
            value_in = normalise_stream_input(child, item["value"], f"{where}.value")
            items.append({**item, "value": value_in})
        return items
    if isinstance(block, blocks.ListBlock):
        if value is None:
            return []
        if not isinstance(value, list):
            fail("a list")
        return [
            normalise_stream_input(block.child_block, item, f"{path}[{index}]")
            for index, item in enumerate(value)
        ]
    if isinstance(block, blocks.BaseStructBlock):
        if value is None:
            return {}
        if not isinstance(value, dict):
            fail("an object")
        return {
            name: normalise_stream_input(block.child_blocks[name], item, f"{path}.{name}")
            for name, item in value.items()
            if name in block.child_blocks  # read-only extras such as health_aspect
        }
    if isinstance(block, blocks.ChooserBlock):
        if isinstance(value, dict):
            value = value.get("id")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            fail("an id (a whole number) or an object with an 'id'")
        if value is not None and not block.model_class.objects.filter(pk=value).exists():
            raise ValueError(f"{path}: there is no {block.model_class._meta.verbose_name} {value}.")
        return value
    return value

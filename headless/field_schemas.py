"""Typed v3 schemas where Wagtail leaves them loose: StreamFields, many-to-many, images.

:func:`register` plugs these into Wagtail's v3 schema generators. It must run before Wagtail
builds its page schemas (on first import of ``wagtail.api.v3.registry``), hence ``headless``
comes before the wagtail apps in INSTALLED_APPS.

A StreamField's schema is a placeholder (``{"x-stream-block": key}``) that the OpenAPI document
replaces with the block components from :class:`headless.block_schemas.BlockSchemas`: pydantic
cannot refer to components it did not make.
"""

from functools import partial
from typing import Annotated, Any

from django.db.models import ForeignKey, ManyToManyField

from wagtail.api.v3.schemas import BaseSchema
from wagtail.api.v3.schemas.generators import create_generator, patch_generator, read_generator
from wagtail.api.v3.schemas.generators.read import foreign_key_schema
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage

from pydantic import BeforeValidator, WithJsonSchema

from portal.image_renditions import ImageWithRenditions, image_representation

from .block_schemas import normalise_stream_input

PLACEHOLDER = "x-stream-block"
#: Placeholder key -> (stream block, write side?)
stream_blocks: dict[str, tuple[Any, bool]] = {}


def stream_placeholder(field: StreamField, *, write: bool) -> dict:
    key = f"{field.model._meta.label}.{field.name}{':write' if write else ''}"
    stream_blocks[key] = (field.stream_block, write)
    return {"type": "array", PLACEHOLDER: key}


def stream_read(generator, field: StreamField):
    """Each block as ``{"type", "value", "id"}``, typed per block (see headless.block_schemas)."""
    name = field.name

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, name)
        return value.stream_block.get_api_representation(value, context)

    annotation = Annotated[list[Any], WithJsonSchema(stream_placeholder(field, write=False))]
    return annotation, [], staticmethod(resolve)


def stream_write(generator, field: StreamField):
    """Blocks as read from the API, or with plain ids for chosen images and snippets."""
    check = BeforeValidator(partial(normalise_stream_input, field.stream_block, path=field.name))
    schema = WithJsonSchema(stream_placeholder(field, write=True))
    return Annotated[list[Any], check, schema], []


def related_objects_read(generator, field: ManyToManyField):
    """The related objects inlined with their own ``api_fields`` (a guide's concerns, say)."""
    model = field.related_model
    schema = generator.build_schema(
        model,
        name=f"{model._meta.object_name}RelatedSchema",
        base_class=BaseSchema,
        follow_reverse_related=False,
    )
    name = field.name

    def resolve(obj, context: dict) -> list:
        return list(getattr(obj, name).all())

    return list[schema], [], staticmethod(resolve)


def _id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def related_ids_write(generator, field: ManyToManyField):
    """Ids, or the objects as read from the API."""
    return list[Annotated[int, BeforeValidator(_id)]], []


def image_or_foreign_key_read(generator, field: ForeignKey):
    """An image inlined with its renditions; any other foreign key as Wagtail reads it."""
    if not issubclass(field.related_model, AbstractImage):
        return foreign_key_schema(generator, field)
    name = field.name

    def resolve(obj, context: dict) -> ImageWithRenditions | None:
        return image_representation(getattr(obj, name), context)

    return ImageWithRenditions | None, None, staticmethod(resolve)


def register() -> None:
    read_generator.register_field_schema(StreamField, stream_read)
    read_generator.register_field_schema(ManyToManyField, related_objects_read)
    read_generator.register_field_schema(ForeignKey, image_or_foreign_key_read)
    for generator in (create_generator, patch_generator):
        generator.register_field_schema(StreamField, stream_write)
        generator.register_field_schema(ManyToManyField, related_ids_write)

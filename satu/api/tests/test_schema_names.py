"""OpenAPI components are keyed by name: two different schemas with one name overwrite
each other and the document lies about one of them."""

import enum
import typing

from pydantic import BaseModel

from satu.api.api import api


def _walk(annotation: object, seen: dict[str, set[object]]) -> None:
    origin = typing.get_origin(annotation)
    if origin is not None:
        for argument in typing.get_args(annotation):
            _walk(argument, seen)
        return
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        seen.setdefault(annotation.__name__, set()).add(annotation)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # ninja wraps every response in a NinjaResponseSchema that never becomes a component.
        if annotation.__name__ != "NinjaResponseSchema":
            names = seen.setdefault(annotation.__name__, set())
            if annotation in names:
                return
            names.add(annotation)
        for field in annotation.model_fields.values():
            _walk(field.annotation, seen)


def test_no_two_response_schemas_share_a_name():
    seen: dict[str, set[object]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    if model not in (None, typing.Any):
                        _walk(model, seen)
    clashes = {name: classes for name, classes in seen.items() if len(classes) > 1}
    assert not clashes, clashes

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


def _properties(schema: dict, where: str):
    for name, field in schema.get("properties", {}).items():
        yield f"{where}.{name}", field


def _documents_itself(field: dict, components: dict) -> bool:
    """An enum, or an object (or list of objects) whose own fields are checked, needs no
    example of its own."""
    target = field.get("items", field)
    parts = [target, *target.get("allOf", []), *target.get("anyOf", [])]
    refs = [part.get("$ref") for part in parts]
    for ref in filter(None, refs):
        component = components[ref.rsplit("/", 1)[-1]]
        if "enum" in component or component.get("type") == "object":
            return True
    return any("enum" in part or part.get("type") == "boolean" for part in parts)


def test_every_operation_and_field_is_documented():
    """Every operation has an id, a summary and a description; every field of every schema
    (components and inline request bodies) a description and an example."""
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    missing = []
    fields = []
    for name, schema in components.items():
        fields += list(_properties(schema, name))
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            label = f"{method.upper()} {path}"
            for key in ("operationId", "summary", "description"):
                if not operation.get(key):
                    missing.append(f"{label}: {key}")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    missing.append(f"{label}: parameter {parameter['name']} description")
            for media in operation.get("requestBody", {}).get("content", {}).values():
                if "properties" in media["schema"]:
                    fields += list(_properties(media["schema"], label))
    for where, field in fields:
        if not field.get("description"):
            missing.append(f"{where}: description")
        exemplified = field.get("examples") or field.get("format") == "binary"
        if not exemplified and not _documents_itself(field, components):
            missing.append(f"{where}: example")
    assert not missing, "\n".join(missing)

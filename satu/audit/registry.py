"""Record every create, update and delete of the registered domain models.

Signals catch changes from every path (views, API, admin, shell). Bulk operations
(``QuerySet.update``, ``bulk_create``) bypass them; services that use them write their own
entry with :func:`satu.audit.services.record`.
"""

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .services import record, to_json_value

_registered: dict[type[models.Model], frozenset[str]] = {}


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    excluded = _registered[model]
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in excluded and not field.primary_key
    ]


def snapshot(instance: models.Model) -> dict[str, object]:
    return {
        field.name: to_json_value(field.value_from_object(instance))
        for field in _tracked_fields(type(instance))
    }


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool, **kw) -> None:
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    previous = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous else None  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool, **kw
) -> None:
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {key: [None, value] for key, value in after.items() if value not in (None, "")}
        record("create", instance, changes)
        return
    changes = {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
    if changes:
        record("update", instance, changes)


def _after_delete(sender: type[models.Model], instance: models.Model, **kw) -> None:
    before = snapshot(instance)
    record("delete", instance, {key: [value, None] for key, value in before.items()})


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kw) -> None:
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    for field in instance._meta.many_to_many:
        if field.remote_field.through is sender:
            after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
            if action == "post_add":
                before = sorted(set(after) - set(pk_set or ()))
            elif action == "post_remove":
                before = sorted(set(after) | set(pk_set or ()))
            else:
                before = None
            record("update", instance, {field.name: [before, after]})


def register(model: type[models.Model], exclude: set[str] | frozenset[str] = frozenset()) -> None:
    """Audit every create, update and delete of ``model`` (fields in ``exclude`` left out)."""
    if model in _registered:
        return
    _registered[model] = frozenset(exclude) | {"created_at", "updated_at"}
    uid = f"satu-audit-{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        if field.name not in _registered[model]:
            m2m_changed.connect(
                _m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )


def is_registered(model: type[models.Model]) -> bool:
    return model in _registered

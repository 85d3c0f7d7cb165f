"""Read settings from the environment, loudly.

Every setting has a safe default for the embedded install; a value that is present but
malformed stops start-up with a message naming the variable instead of being ignored.
A secret may also come from a file: ``SECRET_KEY_FILE=/run/secrets/key`` wins over
``SECRET_KEY``.
"""

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """A configuration value is missing or malformed."""


def get_str(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"{name}_FILE points to {file_name!r}, which cannot be read: {exc}"
            ) from exc
    return os.environ.get(name, default)


def get_bool(name: str, default: bool = False) -> bool:
    raw = get_str(name, "")
    if raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def get_int(name: str, default: int) -> int:
    raw = get_str(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = get_str(name, "")
    if raw == "":
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]

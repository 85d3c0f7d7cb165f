"""Parameter types that accept exactly what the OpenAPI document says, nothing looser."""

import datetime
import re
from typing import Annotated

from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    if isinstance(value, datetime.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Give a date as YYYY-MM-DD.")


# pydantic alone would read "0" as 1 January 1970.
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


def _json_int(value: object) -> object:
    if isinstance(value, bool | str):
        raise ValueError("Give a number, not text or true/false.")
    return value


def _form_bool(value: object) -> object:
    if isinstance(value, bool) or value in ("true", "false"):
        return value
    raise ValueError("Give true or false.")


# A yes/no field of a form: only the words OpenAPI clients send, nothing pydantic might guess.
FormBool = Annotated[bool, BeforeValidator(_form_bool)]


# A whole number in a JSON body: pydantic alone would take true as 1 and "3" as 3.
JsonInt = Annotated[int, BeforeValidator(_json_int)]

"""Text helpers for official names."""

import re

# Words that stay in capitals or lower case inside a proper-cased official name.
_UPPER = {"DKI", "DPRD", "RSUD", "RSJD", "UPTD", "PP", "BUMD", "MPH", "KB"}
_LOWER = {"dan", "di", "ke", "dari", "untuk"}


def proper_case(name: str) -> str:
    """Turn an all-capitals official name into display case.

    >>> proper_case("KABUPATEN PANGKAJENE DAN KEPULAUAN")
    'Kabupaten Pangkajene dan Kepulauan'
    >>> proper_case("DKI JAKARTA")
    'DKI Jakarta'
    """
    words = re.split(r"(\s+|-)", name.strip())
    result = []
    for index, word in enumerate(words):
        upper = word.upper()
        if upper in _UPPER:
            result.append(upper)
        elif index > 0 and word.lower() in _LOWER:
            result.append(word.lower())
        else:
            result.append(word[:1].upper() + word[1:].lower())
    return "".join(result)


def word_count(text: str) -> int:
    """Count words the way a reader would: runs of letters or digits."""
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text or ""))

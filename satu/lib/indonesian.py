"""Indonesian text for search: normalising, spelling variants and stemming.

A query for "pelayanan" must find "layanan" and "melayani", and "antrian" must find
"antrean". Words are lower-cased, stripped of accents, mapped from common non-standard
spellings to the standard (KBBI) form, and reduced to their root with the Sastrawi stemmer
(Nazief–Adriani with the Sastrawi dictionary).
"""

import re
import unicodedata
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Common non-standard spellings -> standard form (KBBI). Applied before and after stemming,
# so that the root forms meet too (antrian -> antri -> antre).
VARIANTS = {
    "antrian": "antrean",
    "antri": "antre",
    "mengantri": "mengantre",
    "apotik": "apotek",
    "ijin": "izin",
    "perijinan": "perizinan",
    "propinsi": "provinsi",
    "nasehat": "nasihat",
    "resiko": "risiko",
    "sistim": "sistem",
    "praktek": "praktik",
    "kwalitas": "kualitas",
    "aktifitas": "aktivitas",
    "kreatifitas": "kreativitas",
    "produktifitas": "produktivitas",
    "analisa": "analisis",
    "jaman": "zaman",
    "obyek": "objek",
    "sekedar": "sekadar",
    "karir": "karier",
    "tehnik": "teknik",
    "tehnologi": "teknologi",
    "kwitansi": "kuitansi",
    "standarisasi": "standardisasi",
    "nomer": "nomor",
    "telpon": "telepon",
    "hutang": "utang",
    "silahkan": "silakan",
    "fikir": "pikir",
    "ekstrim": "ekstrem",
    "frekwensi": "frekuensi",
    "kongkrit": "konkret",
    "jadual": "jadwal",
    "rubah": "ubah",
    "merubah": "mengubah",
    "merk": "merek",
    "online": "daring",
    "offline": "luring",
    "on-line": "daring",
    "e-mail": "surel",
}

_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without accents: "Pelayanan Bérkas" -> "pelayanan berkas"."""
    if text.isascii():  # nearly every text: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """The words of a text, folded and mapped to standard spelling."""
    folded = fold(text).replace("-", " ")
    return [VARIANTS.get(word, word) for word in _WORD.findall(folded)]


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of one folded word, e.g. "pelayanan" -> "layan"."""
    if len(word) <= 3 or word.isdigit():
        return word
    root = _stemmer().stem(word) or word
    return VARIANTS.get(root, root)


def terms(text: str) -> list[str]:
    """Index terms of a text: every word and, where different, its root.

    Keeping the word itself lets a prefix query ("pelay") match before the root is known.
    """
    result: list[str] = []
    for word in words(text):
        result.append(word)
        root = stem(word)
        if root != word:
            result.append(root)
    return result

"""One romanisation-insensitive key per name, so a search finds an Arabic name or place however
it is written in Latin letters: Dbeibah and Dabaiba, Qaddafi, Gaddafi and Gadhafi, Misurata and
Misrata, Sebha and Sabha, Tazerbu and Tazirbu all share a key.

The key keeps a word's consonant skeleton: accents and case dropped, the digraphs that write one
Arabic letter read as one (dh, th, kh, gh, sh, ph), doubled letters read once (Qaddafi: Qadafi),
a final h after a vowel dropped (Dbeibah: Dbeiba), q, g and c read as k (Qaddafi, Gaddafi), and
every vowel (with w and y, which romanisations use as vowels: Awbari, Ubari) left out. Words
shorter than four letters, or whose skeleton is one letter, have none: they would match too much.
The search worker (`docs/javascripts/search-worker.js`, `romanisedKey`) computes the same key for
a query's words; `tests/test_search_spellings.py` holds the two to the same answers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DIGRAPHS = (("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ph", "f"), ("ou", "u"))
LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k"})
VOWELS = re.compile(r"[aeiouwy]")
DOUBLED = re.compile(r"(.)\1+")
MIN_LETTERS = 4


@lru_cache(maxsize=1 << 16)  # the search index asks for the same few thousand names 200,000 times at 10,000 events
def romanised_key(word: str) -> str | None:
    """The word's key in capitals (never a word a reader types, which the search folds to lower
    case), or None: "Dbeibah" -> "DBB", "Gadhafi" -> "KDF"."""
    text = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    if len(text) < MIN_LETTERS or not (text.isascii() and text.isalpha()):
        return None
    for pair, letter in DIGRAPHS:
        text = text.replace(pair, letter)
    text = DOUBLED.sub(r"\1", text)
    if len(text) > 1 and text[-1] == "h" and text[-2] in "aeiouy":
        text = text[:-1]
    skeleton = VOWELS.sub("", text.translate(LETTERS))
    return skeleton.upper() if len(skeleton) > 1 else None

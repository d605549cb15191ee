"""How text is compared: the one `fold`. A quote is found in its document with whitespace and
typographic variants folded; a place's name and a search word are also matched without accents,
case, hyphens or apostrophes (`loose`).

An analyst types a straight apostrophe where the document has a curly one, a hyphen for a dash,
a space for a non-breaking one, three dots for an ellipsis; none of that changes what the
document says, so matching folds them. The document itself is never altered: pages show and
highlight it as written, through the map from folded characters back to the original ones.
"""

from __future__ import annotations

import difflib
import re
import string
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_VARIANTS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u2026": "...",
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),  # invisible: soft hyphen, zero widths
    }
)


_APART = re.compile("[-'`\u2019\u02bc]")  # hyphens and apostrophes, read as spaces in a loose fold


def fold(text: str, *, loose: bool = False) -> str:
    """The text as it is compared, each run of whitespace one space. Plain: typographic variants
    made plain (how a quote is found in its document). `loose`: accents dropped, lower case,
    hyphens and apostrophes read as spaces (how a place's name is looked up and a search word
    indexed: "Ajdābiyā" and "al-Qatrun" find "ajdabiya" and "al qatrun"); the search worker
    (docs/javascripts/search-worker.js) folds a query as the loose fold does."""
    if not loose:
        return " ".join(text.translate(_VARIANTS).split())
    if not text.isascii():  # two names in three are ASCII: nothing of theirs decomposes or combines
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    return " ".join(_APART.sub(" ", text.lower()).split())


_RUNS = re.compile(r"\s+|\S+")  # \s is str.isspace, character for character


@lru_cache(maxsize=4)  # a source page folds its document twice (the text, then the passages)
def fold_mapped(text: str) -> tuple[str, list[int]]:
    """`fold(text)` (but for a trailing space) and, for each of its characters, the original's index.
    A word with no variant in it is taken whole, not character by character (most of a document)."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = True
    for run in _RUNS.finditer(text):
        start, chunk = run.start(), run.group()
        if chunk[0].isspace():
            if not previous_space:
                chars.append(" ")
                origin.append(start)
            previous_space = True
        elif chunk.translate(_VARIANTS) == chunk:
            chars.append(chunk)
            origin.extend(range(start, start + len(chunk)))
            previous_space = False
        else:
            for index, char in enumerate(chunk, start):
                plain = char.translate(_VARIANTS)
                chars.append(plain)
                origin.extend([index] * len(plain))
                previous_space = previous_space and not plain
    return "".join(chars), origin


QUOTE_SLACK_WORDS = 6  # words a passage may span beyond or short of the quote's own


def closest_passage(quote: str, folded_seed: str) -> tuple[str, str] | None:
    """The document's passage nearest to `quote`, and the quote with each difference marked
    `[yours→document's]`, so a typo or a changed word is seen at a glance."""
    wanted, words = fold(quote).split(), folded_seed.split()
    if not wanted or not words:
        return None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(" ".join(wanted))
    size = min(len(wanted), len(words))
    first = _nearest(matcher, words, ((start, size) for start in range(len(words) - size + 1)))
    # then the window's ends moved by a few words: a quote that drops or adds some ("attacked the
    # brigade" for "attacked the same brigade in the") is shown beside the whole passage
    slack = range(-QUOTE_SLACK_WORDS, QUOTE_SLACK_WORDS + 1)
    around = {(first[0] + a, first[1] - a + b) for a in slack for b in slack}
    best = _nearest(matcher, words, (w for w in around if w[0] >= 0 and w[1] > 0 and sum(w) <= len(words)))
    passage = words[best[0] : best[0] + best[1]]
    passage[0], passage[-1] = passage[0].lstrip('"'), passage[-1].rstrip('"')  # the document's own marks, cut
    return " ".join(passage), _mark(wanted, passage)


def _nearest(matcher: difflib.SequenceMatcher, words: list[str], windows: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The (start, length) window of `words` most like the matcher's quote."""
    best, best_ratio = (0, 1), -1.0
    for start, size in sorted(windows):
        matcher.set_seq1(" ".join(words[start : start + size]))
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = (start, size), ratio
    return best


def _mark(yours: list[str], theirs: list[str]) -> str:
    """Words compared without the punctuation around them: a quote may stop before a full stop."""
    bare = difflib.SequenceMatcher(None, [_bare(w) for w in yours], [_bare(w) for w in theirs], autojunk=False)
    marked = []
    for op, i1, i2, j1, j2 in bare.get_opcodes():
        mine, document = " ".join(yours[i1:i2]), " ".join(theirs[j1:j2])
        marked.append(mine if op == "equal" else f"[{mine}→{document}]")
    return " ".join(marked)


def _bare(word: str) -> str:
    return word.strip(string.punctuation)

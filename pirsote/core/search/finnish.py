"""Finnish words to the forms a search should know them by, with Voikko when it is installed.

Finnish inflects and compounds: "sosiaalipalveluiden" is the genitive plural of the compound
"sosiaalipalvelu" (sosiaali + palvelu). Indexing a word together with its base forms and the
base forms of its compound parts lets a search for any of them find it. Voikko (Debian's
`libvoikko1` and `voikko-fi`, through the `libvoikko` binding) knows these; without it every
word stands for itself only, and search still works on the words as written.
"""

import functools
import logging
import re

logger = logging.getLogger(__name__)

# Words of letters and digits, hyphenated compounds kept whole ("sote-keskukseen").
WORD_RE = re.compile(r"\w+(?:-\w+)*")
# Voikko's WORDBASES, e.g. "+sosiaali+palvel(palvella)+u(+u)": pieces, each "surface(base)".
WORDBASE_PIECE_RE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
# Voikko gives up on very long words; they are not Finnish words anyway.
MAX_ANALYSED_LENGTH = 60
MIN_PART_LENGTH = 3
# A compound's consecutive parts are indexed joined too, up to this many parts.
MAX_COMPOUND_PARTS = 6


@functools.cache
def _voikko():
    """The Finnish analyser, or None where Voikko or its Finnish dictionary is not installed."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError) as error:
        logger.info("Voikko is not available (%s): Finnish search matches words as written", error)
        return None


def voikko_available():
    return _voikko() is not None


def words(text):
    return WORD_RE.findall(text)


def _compound_parts(wordbases):
    """The base forms of a compound's parts from Voikko's WORDBASES.

    A derivational suffix ("+u(+u)", "+nta(+ta)") belongs to the part before it:
    "+toimi(toimia)+nta(+ta)+malli(malli)" gives "toiminta" and "malli".
    """
    parts = []
    for match in WORDBASE_PIECE_RE.finditer(wordbases):
        surface, base = match.group(1), match.group(2) or ""
        if not surface or surface == "-":
            continue
        # A suffix, or a bare linking letter ("+toimi(toimia)+n+ta(+ta)" is "toiminta").
        if parts and (base.startswith("+") or (not base and len(surface) < MIN_PART_LENGTH)):
            parts[-1] += surface
        else:
            parts.append(surface)
    return parts


@functools.lru_cache(maxsize=100_000)
def _analyse(word):
    """(base forms, compound parts) of one lower-case word; empty where Voikko does not know it."""
    voikko = _voikko()
    if voikko is None or len(word) > MAX_ANALYSED_LENGTH:
        return (), ()
    bases, parts = set(), set()
    for analysis in voikko.analyze(word):
        if base := analysis.get("BASEFORM"):
            bases.add(base.lower())
        wordbases = analysis.get("WORDBASES", "")
        # Parts of one or two letters are noise ("asu+ma" in one reading of "asumista").
        compound = [p.lower() for p in _compound_parts(wordbases) if len(p) >= MIN_PART_LENGTH]
        if len(compound) > 1:
            parts.update(compound)
            parts.update(_joined_runs(compound))
    if not bases:
        bases, parts = _split_unknown(word)
    return tuple(sorted(bases)), tuple(sorted(parts - bases))


def _joined_runs(parts):
    """Every run of two or more consecutive parts, joined, short of the whole compound.

    "perhe keskus toiminta malli" gives "perhekeskus", "keskustoiminta", "toimintamalli" and
    the three-part runs: a search for "perhekeskus" finds "perhekeskustoimintamalli".
    """
    parts = parts[:MAX_COMPOUND_PARTS]
    return {
        "".join(parts[start:end])
        for start in range(len(parts))
        for end in range(start + 2, len(parts) + 1)
        if end - start < len(parts)
    }


def _split_unknown(word):
    """(base forms, parts) of a compound Voikko does not know, from words it does know.

    "soteuudistuksen" is "sote" + "uudistuksen": the known first part and the base forms of
    the rest give the compound's base form "soteuudistus" and its parts. The first split
    whose both sides Voikko knows wins, the longest first part first; no split, nothing.
    """
    if len(word) < 2 * MIN_PART_LENGTH or not word.isalpha():
        return set(), set()
    for cut in range(len(word) - MIN_PART_LENGTH, MIN_PART_LENGTH - 1, -1):
        head, rest = word[:cut], word[cut:]
        head_bases, _head_parts = _analyse(head)
        if not head_bases:
            continue
        rest_bases, rest_parts = _analyse(rest)
        if not rest_bases:
            continue
        bases = {head + base for base in rest_bases}
        return bases, {head, *head_bases, *rest_bases, *rest_parts}
    return set(), set()


def query_forms(word):
    """What one searched word may stand for: itself and its base forms ("uudistuksen", "uudistus").

    Compound parts are left out on purpose: "hyvinvointialue" must not find every "alue".
    """
    word = word.lower()
    bases, _parts = _analyse(word)
    return [word, *(base for base in bases if base != word)]


def index_forms(word):
    """What an indexed word is found by: itself, its base forms and its compound parts.

    A hyphenated word Voikko does not know ("kotona-asumista") is analysed part by part.
    """
    word = word.lower()
    bases, parts = _analyse(word)
    forms = [word, *bases, *parts]
    if not bases and "-" in word:
        for piece in word.split("-"):
            if piece:
                piece_bases, piece_parts = _analyse(piece)
                forms.extend((piece, *piece_bases, *piece_parts))
    # Written together too: "sote-keskuksessa" is found by "sotekeskus".
    forms.extend(form.replace("-", "") for form in list(forms) if "-" in form)
    return list(dict.fromkeys(forms))


def expand(text):
    """The text followed by the extra forms of its words, for a Finnish full-text index."""
    extra = []
    seen = set()
    for word in words(text):
        lowered = word.lower()
        if lowered in seen:
            continue
        seen.add(lowered)
        extra.extend(form for form in index_forms(lowered) if form != lowered)
    return f"{text} {' '.join(extra)}" if extra else text

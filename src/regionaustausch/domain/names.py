"""Names of people, sort keys and ids made from titles.

German conventions throughout: a directory lists "Dr. Anna Beispiel" and sorts by last name with
umlauts as their base letters (DIN 5007, variant 1: ä = a, ß = ss); ids and file names use the German
transliteration (ä = ae, ß = ss).
"""

from regionaustausch.domain.representatives import SALUTATION_WORDS
import re
import unicodedata


#: Lowercase name particles that German usage (Duden, DIN 5007-2) moves behind the name when sorting:
#: "von der Leyen" sorts under L. A capitalised particle ("Van Dyke", "De Gaulle") is part of the name.
NAME_PARTICLES = frozenset(
    {
        "von",
        "vom",
        "van",
        "de",
        "der",
        "den",
        "des",
        "di",
        "da",
        "du",
        "del",
        "della",
        "zu",
        "zum",
        "zur",
        "ten",
        "ter",
    }
)

# Letters that are written as two letters in German transliteration; the upper-case ones depend on
# whether the word is written in capitals ("ÄRGER" -> "AERGER", "Ärger" -> "Aerger").
_LOWER_TRANSLITERATION = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
_UPPER_TRANSLITERATION = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ẞ": "SS", "Æ": "AE", "Œ": "OE", "Þ": "TH"}
# Letters without a Unicode decomposition to their base letter, and typographic punctuation.
_BASE_LETTERS = {
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "ħ": "h",
    "Ħ": "H",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‹": "'",
    "›": "'",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "€": "EUR",
}
_SPECIAL = re.compile("[" + "".join(_LOWER_TRANSLITERATION) + "".join(_UPPER_TRANSLITERATION) + "]")
# Gender forms inside a word: Vertreter*innen, Vertreter:innen, Vertreter_innen; apostrophes.
_WORD_INTERNAL = re.compile(r"(?<=[A-Za-z])[*:_'](?=[A-Za-z])")
_NOT_ID = re.compile(r"[^a-z0-9]+")


def _clean(value):
    """``value`` as text with runs of whitespace collapsed and the ends stripped; ``None`` is ``""``."""
    return " ".join(unicodedata.normalize("NFC", "" if value is None else str(value)).split())


def representative_title(salutation, academic_title, first_name, last_name):
    """The name of a representative as a directory shows it: ``"Dr. Anna Beispiel"``.

    The salutation (Frau, Herr) belongs to letters, not to a name, so it is left out, except when there
    is a last name but no first name: then ``"Frau Dr. Beispiel"`` reads better than ``"Dr. Beispiel"``.
    A salutation token (``"frau"``, ``"herr"``) is written as its word, any other text as it is.
    Missing parts and stray whitespace are fine; with neither first nor last name the result is ``""``.
    """
    salutation, academic_title = _clean(salutation), _clean(academic_title)
    salutation = SALUTATION_WORDS.get(salutation, salutation)
    first_name, last_name = _clean(first_name), _clean(last_name)
    if not (first_name or last_name):
        return ""
    parts = (academic_title, first_name, last_name) if first_name else (salutation, academic_title, last_name)
    return " ".join(part for part in parts if part)


def _fold(text):
    """Lower case with accents removed and German letters at their base (ä -> a, ß -> ss)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = "".join(_BASE_LETTERS.get(char, char) for char in text)
    text = text.replace("æ", "ae").replace("œ", "oe").replace("þ", "th")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def sort_name(first_name, last_name):
    """A key to sort people by last name, then first name: ``("Anna", "Beispiel")`` -> ``"beispiel anna"``.

    Case and accents do not count, umlauts sort as their base letters and ß as ss (DIN 5007, variant 1,
    the order of dictionaries and telephone directories). Lowercase particles at the start of the last
    name are moved to the end: ``("Ursula", "von der Leyen")`` -> ``"leyen ursula von der"``.
    """
    first_name, last_name = _clean(first_name), _clean(last_name)
    words = last_name.split(" ") if last_name else []
    particles = []
    while len(words) > 1 and words[0] in NAME_PARTICLES:
        particles.append(words.pop(0))
    parts = [" ".join(words), first_name, " ".join(particles)]
    return _fold(" ".join(part for part in parts if part))


def _is_upper_word(text, index):
    """Whether the letter at ``index`` stands in a word written in capitals."""
    following = text[index + 1 : index + 2]
    if following.isalpha():
        return following.isupper()
    preceding = text[index - 1 : index] if index else ""
    return preceding.isalpha() and preceding.isupper()


def transliterate(text):
    """``text`` in ASCII by German rules: ä -> ae, Ä -> Ae (AE in capitals), ß -> ss, é -> e, ...

    Umlauts, ß, æ, œ and þ become two letters; other accented letters their base letter (Unicode
    decomposition); typographic quotes and dashes their ASCII form, € "EUR". What has no ASCII form
    (other scripts, symbols, emoji) is left out.
    """
    text = unicodedata.normalize("NFC", "" if text is None else str(text))

    def replace(match):
        char = match.group()
        if char in _LOWER_TRANSLITERATION:
            return _LOWER_TRANSLITERATION[char]
        upper = _UPPER_TRANSLITERATION[char]
        return upper if _is_upper_word(text, match.start()) else upper[0] + upper[1:].lower()

    text = _SPECIAL.sub(replace, text)
    text = "".join(_BASE_LETTERS.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
        .encode("ascii", "ignore")
        .decode()
    )


def make_id(title, max_length=50):
    """An id for a URL made from ``title``: ``"Großraum Braunschweig"`` -> ``"grossraum-braunschweig"``.

    Transliterated (:func:`transliterate`), lower case, words joined by single hyphens, only
    ``[a-z0-9-]``, no hyphen at either end. Gender forms and apostrophes inside a word are joined
    (``"Vertreter*innen"`` -> ``"vertreterinnen"``, also ``:`` and ``_``). Longer ids are cut at the
    last word boundary within ``max_length``; a single word longer than that is cut hard. The result
    may be ``""`` (a title of symbols only); the caller then chooses another id. Making it unique in
    its container is the caller's business too.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = _WORD_INTERNAL.sub("", transliterate(title))
    slug = _NOT_ID.sub("-", text.lower()).strip("-")
    if len(slug) > max_length:
        boundary = slug.rfind("-", 0, max_length + 1)
        slug = slug[:boundary] if boundary > 0 else slug[:max_length]
    return slug.strip("-")

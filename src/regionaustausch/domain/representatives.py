"""Representatives (Vertreter*innen): salutations, functions and the consent rule for contact details.

Contact details may be shown to others only with the representative's consent (GDPR, Art. 6(1)(a)):
a ``contact_visibility`` of ``public`` or ``network`` needs a ``consent_date``; ``hidden`` (only the
editors see the details) needs none.
"""

from regionaustausch.domain.contact import NETWORK
from regionaustausch.domain.contact import PUBLIC
from regionaustausch.domain.errors import RuleViolation
import datetime


#: (token, English msgid); German: Frau, Herr. No salutation is simply no value.
SALUTATIONS = (
    ("frau", "Ms"),
    ("herr", "Mr"),
)
SALUTATION_TOKENS = tuple(token for token, _title in SALUTATIONS)
#: The word a salutation token stands for in a German name line ("Frau Dr. Beispiel").
SALUTATION_WORDS = {"frau": "Frau", "herr": "Herr"}

#: (token, English msgid) in display order: roles in council and administration.
FUNCTIONS = (
    ("ratsmitglied", "Council member"),
    ("kreistagsmitglied", "District council member"),
    ("fraktionsvorsitz", "Leader of a council group"),
    ("ausschussvorsitz", "Committee chair"),
    ("hinzugewaehlt", "Co-opted member"),
    ("buergermeisterin", "Mayor"),
    ("landraetin", "District administrator (Landrat)"),
    ("wirtschaftsfoerderung", "Economic development officer"),
    ("verwaltung", "Administration"),
)
FUNCTION_TOKENS = tuple(token for token, _title in FUNCTIONS)

#: The visibilities that show contact details to people other than the editors.
VISIBILITIES_NEEDING_CONSENT = (PUBLIC, NETWORK)

MSG_CONSENT_MISSING = (
    "Contact details can be shown to others only with the representative's consent: please enter the "
    "date of consent."
)
MSG_CONSENT_IN_FUTURE = "The date of consent cannot be in the future."


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def check_contact_consent(visibility, consent_date, today=None):
    """Refuse a visibility other than ``hidden`` without a date of consent, and a date in the future.

    Raises :class:`RuleViolation` with ``field="consent_date"``. ``consent_date`` is a ``date`` (a
    ``datetime`` counts by its date) or ``None``; ``today`` defaults to ``date.today()`` (a parameter
    for tests). An unknown visibility shows nothing (see :mod:`regionaustausch.domain.contact`), so
    it needs no consent either.
    """
    consent = _as_date(consent_date)
    if visibility in VISIBILITIES_NEEDING_CONSENT and consent is None:
        raise RuleViolation(MSG_CONSENT_MISSING, field="consent_date")
    if consent is not None and consent > (today or datetime.date.today()):
        raise RuleViolation(MSG_CONSENT_IN_FUTURE, field="consent_date")


def needs_consent(visibility):
    """``True`` when contact details of ``visibility`` reach people other than the editors."""
    return visibility in VISIBILITIES_NEEDING_CONSENT

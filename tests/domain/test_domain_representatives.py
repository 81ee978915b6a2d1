"""Representatives: vocabularies and the consent rule; proposals: states and formats."""

from regionaustausch.domain import proposals
from regionaustausch.domain import representatives
from regionaustausch.domain.contact import HIDDEN
from regionaustausch.domain.contact import NETWORK
from regionaustausch.domain.contact import PUBLIC
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.names import representative_title
from regionaustausch.domain.representatives import check_contact_consent
from regionaustausch.domain.representatives import needs_consent
from regionaustausch.domain.supports import DISCUSSION
import datetime
import pytest
import re


TODAY = datetime.date(2024, 6, 14)


@pytest.mark.parametrize(
    "pairs",
    [representatives.SALUTATIONS, representatives.FUNCTIONS, proposals.FORMATS],
)
def test_vocabularies_have_stable_ascii_tokens(pairs):
    tokens = [token for token, _title in pairs]
    assert all(re.fullmatch(r"[a-z]+", token) for token in tokens)
    assert len(set(tokens)) == len(tokens)
    assert all(title and title[0].isupper() for _token, title in pairs)


def test_salutation_tokens_become_words_in_a_name():
    assert representative_title("frau", "Dr.", "", "Beispiel") == "Frau Dr. Beispiel"
    assert representative_title("herr", "", None, "Muster") == "Herr Muster"
    assert representative_title("frau", "Dr.", "Anna", "Beispiel") == "Dr. Anna Beispiel"
    assert set(representatives.SALUTATION_WORDS) == set(representatives.SALUTATION_TOKENS)


@pytest.mark.parametrize(
    ("visibility", "consent_date"),
    [
        (HIDDEN, None),
        (HIDDEN, TODAY),
        (PUBLIC, TODAY),
        (NETWORK, datetime.date(2020, 1, 1)),
        (PUBLIC, datetime.datetime(2024, 6, 14, 23, 59)),
        (None, None),  # unknown visibility shows nothing, so it needs no consent
        ("bogus", None),
    ],
)
def test_consent_accepted(visibility, consent_date):
    assert check_contact_consent(visibility, consent_date, today=TODAY) is None


@pytest.mark.parametrize(
    ("visibility", "consent_date", "msgid"),
    [
        (PUBLIC, None, representatives.MSG_CONSENT_MISSING),
        (NETWORK, None, representatives.MSG_CONSENT_MISSING),
        (PUBLIC, datetime.date(2024, 6, 15), representatives.MSG_CONSENT_IN_FUTURE),
        (HIDDEN, datetime.date(2030, 1, 1), representatives.MSG_CONSENT_IN_FUTURE),
        (NETWORK, datetime.datetime(2024, 6, 15, 0, 0), representatives.MSG_CONSENT_IN_FUTURE),
    ],
)
def test_consent_refused(visibility, consent_date, msgid):
    with pytest.raises(RuleViolation) as info:
        check_contact_consent(visibility, consent_date, today=TODAY)
    assert info.value.field == "consent_date"
    assert info.value.msgid == msgid


def test_consent_today_defaults_to_the_real_date():
    check_contact_consent(PUBLIC, datetime.date.today())
    with pytest.raises(RuleViolation):
        check_contact_consent(PUBLIC, datetime.date.today() + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [(PUBLIC, True), (NETWORK, True), (HIDDEN, False), (None, False), ("x", False)],
)
def test_needs_consent(visibility, expected):
    assert needs_consent(visibility) is expected


def test_proposal_states():
    assert proposals.STATES == (
        "draft",
        "submitted",
        "discussion",
        "accepted",
        "realised",
        "rejected",
        "withdrawn",
    )
    assert proposals.DISCUSSION == DISCUSSION

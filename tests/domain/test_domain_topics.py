"""The topic vocabulary and the administrators' extra topics."""

from regionaustausch.domain import topics
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.topics import TOPICS
from regionaustausch.domain.topics import merge_topics
import pytest
import re


def test_builtin_topics():
    assert [token for token, _title in TOPICS] == [
        "gewerbeflaechen",
        "fachkraefte",
        "mobilitaet",
        "digitalisierung",
        "innenstadt",
        "tourismus",
        "energie",
        "wissenschaft",
        "gruendung",
        "regionalmarketing",
    ]
    assert all(re.fullmatch(r"[a-z]+", token) for token, _title in TOPICS)
    assert len({title for _token, title in TOPICS}) == len(TOPICS)
    assert dict(TOPICS)["gewerbeflaechen"] == "Commercial land and business location"


@pytest.mark.parametrize(
    ("extra", "added"),
    [
        (None, []),
        ([], []),
        ("", []),
        (["Wasserstoff"], [("wasserstoff", "Wasserstoff")]),
        (["wasserstoff|Wasserstoff"], [("wasserstoff", "Wasserstoff")]),
        ([" h2 | Wasserstoff  und   Speicher "], [("h2", "Wasserstoff und Speicher")]),
        (
            ["Kreislaufwirtschaft", "Logistik"],
            [("kreislaufwirtschaft", "Kreislaufwirtschaft"), ("logistik", "Logistik")],
        ),
        (
            "Kreislaufwirtschaft\n\n# a comment\nLogistik\n",
            [("kreislaufwirtschaft", "Kreislaufwirtschaft"), ("logistik", "Logistik")],
        ),
        (["Fläche & Boden"], [("flaeche-boden", "Fläche & Boden")]),
        (["ki-anwendungen|KI-Anwendungen"], [("ki-anwendungen", "KI-Anwendungen")]),
    ],
)
def test_merge_topics(extra, added):
    assert merge_topics(TOPICS, extra) == (*TOPICS, *added)


def test_builtin_order_comes_first_and_is_kept():
    merged = merge_topics((("b", "B"), ("a", "A")), ["C", "0|Zero"])
    assert merged == (("b", "B"), ("a", "A"), ("c", "C"), ("0", "Zero"))


@pytest.mark.parametrize(
    ("extra", "msgid", "mapping"),
    [
        (["Tourismus"], topics.MSG_DUPLICATE_TOKEN, {"line": 1, "token": "tourismus"}),
        (["energie|Strom"], topics.MSG_DUPLICATE_TOKEN, {"line": 1, "token": "energie"}),
        (["Logistik", "", "Logistik"], topics.MSG_DUPLICATE_TOKEN, {"line": 3, "token": "logistik"}),
        (
            ["Häfen", "haefen|Häfen und Binnenschifffahrt"],
            topics.MSG_DUPLICATE_TOKEN,
            {"line": 2, "token": "haefen"},
        ),
        (
            ["logistik|Logistik", "transport|LOGISTIK"],
            topics.MSG_DUPLICATE_TITLE,
            {"line": 2, "title": "LOGISTIK"},
        ),
        (["tourism-en|Tourism"], topics.MSG_DUPLICATE_TITLE, {"line": 1, "title": "Tourism"}),
        (["Wasser|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["wasser stoff|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["-wasser|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["wasser--stoff|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["wässer|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["w" * 51 + "|Wasserstoff"], topics.MSG_TOKEN_INVALID, {"line": 1, "max": 50}),
        (["wasserstoff|"], topics.MSG_TITLE_EMPTY, {"line": 1}),
        (["wasserstoff|   "], topics.MSG_TITLE_EMPTY, {"line": 1}),
        (["|"], topics.MSG_TITLE_EMPTY, {"line": 1}),
        (["!!!"], topics.MSG_NO_TOKEN, {"line": 1}),
        (["東京"], topics.MSG_NO_TOKEN, {"line": 1}),
        (["x" * 101], topics.MSG_TITLE_TOO_LONG, {"line": 1, "max": 100}),
        (["t|" + "x" * 101], topics.MSG_TITLE_TOO_LONG, {"line": 1, "max": 100}),
    ],
)
def test_invalid_extra_topics(extra, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        merge_topics(TOPICS, extra)
    assert info.value.field == "extra_topics"
    assert info.value.msgid == msgid
    assert info.value.mapping == mapping


def test_lenient_merge_skips_bad_lines():
    extra = ["Logistik", "Tourismus", "!!!", "Bad Token|X", "Logistik", "h2|Wasserstoff"]
    assert merge_topics(TOPICS, extra, strict=False) == (
        *TOPICS,
        ("logistik", "Logistik"),
        ("h2", "Wasserstoff"),
    )


def test_field_name_can_be_chosen():
    with pytest.raises(RuleViolation) as info:
        merge_topics(TOPICS, ["!!!"], field="topics")
    assert info.value.field == "topics"

"""regionaustausch.privacy.scrubber: the ways a person's name is written, and replacing them in texts."""

from regionaustausch.privacy.scrubber import Scrubber
from regionaustausch.privacy.scrubber import name_variants


def test_name_variants(net):
    assert name_variants(net.record, "Anna M. Beispiel") == {
        "Dr. Anna Beispiel",
        "Anna Beispiel",
        "Beispiel, Anna",
        "Frau Beispiel",
        "Dr. Beispiel",
        "Frau Dr. Beispiel",
        "Anna M. Beispiel",
    }


def test_scrubber():
    scrubber = Scrubber(
        names={"Anna Beispiel", "Frau Dr. Beispiel", "Müller-Lüdenscheidt, Jörg"},
        emails={"anna@example.invalid"},
        ids={"abeispiel"},
    )
    assert scrubber.text("Gruß, Anna  Beispiel!") == "Gruß, ehemaliges Mitglied!"
    assert scrubber.text("anna beispiel") == "ehemaliges Mitglied"
    assert scrubber.text("Annabeispiel und Anna Beispielhaft") == "Annabeispiel und Anna Beispielhaft"
    assert scrubber.text("<p>Frau Dr.&nbsp;Beispiel</p>") == "<p>ehemaliges Mitglied</p>"
    assert scrubber.text("Müller-Lüdenscheidt, Jörg") == "ehemaliges Mitglied"
    assert scrubber.text("mailto:anna@example.invalid.") == "mailto:[entfernt]."
    assert scrubber.text("hanna@example.invalid") == "hanna@example.invalid"
    assert scrubber.text("/author/abeispiel") == "/author/[entfernt]"
    assert scrubber.text("abeispiel2") == "abeispiel2"
    # Ids are matched as written: "koch" is an id, "Koch" may be a word.
    assert scrubber.text("Abeispiel") == "Abeispiel"
    quote = "<blockquote><p><strong>Anna Beispiel</strong>:</p><p>Anna Beispiel hat recht.</p></blockquote>"
    assert scrubber.attribution(quote) == (
        "<blockquote><p><strong>ehemaliges Mitglied</strong>:</p><p>Anna Beispiel hat recht.</p></blockquote>"
    )

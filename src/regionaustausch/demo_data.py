"""The data of the demo region "Wirtschaftsregion Großraum Braunschweig" (profile ``regionaustausch:demo``).

Plain data, read by :mod:`regionaustausch.demo`, which creates what is missing. Every object has an
explicit id, so that applying the profile again finds it. Values are the stored values: vocabulary
tokens (topics, kinds, functions, formats, resolution kinds and statuses), HTML for rich text. Where a
field takes the UID of a municipality (``municipalities``, ``lead_organiser``, ``host_municipality``) the
data names the municipality's id; :mod:`regionaustausch.demo` looks the UID up.

Beyond the fields, the data says how the network lives: which example records have a user account
(``user_id``, listed in :data:`DEMO_LOGINS`), who wrote a thread, post or proposal (``author``), the
workflow ``state`` each forum and proposal is brought to, and who supports a proposal (``supporters``).

The municipalities, their keys (AGS), councils and websites are real; populations are rounded figures
of the Landesamt für Statistik Niedersachsen (about 2023). Every representative is invented (names like
"Anna Beispiel", e-mail addresses under the reserved domain ``.invalid``), and so are the threads, posts
and the meeting; the first proposal quotes the public inquiry 22-18940 of the Fraktion Bündnis 90/Die
Grünen im Rat der Stadt Braunschweig (01.06.2022) that started the project.
"""

import datetime


#: Marks every invented person; shown as the record's description.
EXAMPLE_MARK = "Beispieldatensatz – keine reale Person"
#: The date of consent of the example records that show their contact details.
CONSENT_DATE = datetime.date(2025, 3, 1)

REGION = {
    "id": "grossraum-braunschweig",
    "title": "Wirtschaftsregion Großraum Braunschweig",
    "description": (
        "Demo-Region mit Beispieldaten: die Städte Braunschweig, Salzgitter und Wolfsburg und die "
        "Landkreise Gifhorn, Goslar, Helmstedt, Peine und Wolfenbüttel. Die Gebietskörperschaften sind "
        "real, alle Personen, Diskussionen und Termine sind erfunden."
    ),
    "quorum_supports": 5,
    "quorum_municipalities": 3,
    "partners": [
        "Regionalverband Großraum Braunschweig",
        "Allianz für die Region GmbH",
        "IHK Braunschweig",
    ],
}

#: The state every example representative is brought to (approved: ``active``). A record whose
#: ``user_id`` names a demo user account makes that user a network member of the Region.
REPRESENTATIVE_STATE = "active"

#: The eight members; each with its example representatives.
MUNICIPALITIES = [
    {
        "id": "braunschweig",
        "title": "Stadt Braunschweig",
        "description": "Kreisfreie Stadt und Oberzentrum der Region.",
        "kind": "kreisfreie_stadt",
        "ags": "03101000",
        "population": 251000,
        "council_name": "Rat der Stadt Braunschweig",
        "website": "https://www.braunschweig.de",
        "representatives": [
            {
                "id": "anna-beispiel",
                "salutation": "frau",
                "first_name": "Anna",
                "last_name": "Beispiel",
                "party": "Bündnis 90/Die Grünen",
                "function": "ratsmitglied",
                "committees": ["Wirtschaftsausschuss", "Ausschuss für Planung und Hochbau"],
                "topics": ["gewerbeflaechen", "energie", "regionalmarketing"],
                "email": "anna.beispiel@example.invalid",
                "user_id": "anna.beispiel",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "jonas-muster",
                "salutation": "herr",
                "first_name": "Jonas",
                "last_name": "Muster",
                "party": "SPD",
                "function": "fraktionsvorsitz",
                "committees": ["Wirtschaftsausschuss", "Finanz- und Personalausschuss"],
                "topics": ["fachkraefte", "innenstadt"],
                "email": "jonas.muster@example.invalid",
                "user_id": "jonas.muster",
                "contact_visibility": "public",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "petra-probe",
                "salutation": "frau",
                "academic_title": "Dr.",
                "first_name": "Petra",
                "last_name": "Probe",
                "party": "CDU",
                "function": "ausschussvorsitz",
                "committees": ["Wirtschaftsausschuss"],
                "topics": ["wissenschaft", "gruendung", "digitalisierung"],
                "email": "petra.probe@example.invalid",
                "contact_visibility": "hidden",
            },
        ],
    },
    {
        "id": "salzgitter",
        "title": "Stadt Salzgitter",
        "description": "Kreisfreie Stadt mit Schwerindustrie und Logistik.",
        "kind": "kreisfreie_stadt",
        "ags": "03102000",
        "population": 104000,
        "council_name": "Rat der Stadt Salzgitter",
        "website": "https://www.salzgitter.de",
        "representatives": [
            {
                "id": "lena-vorlage",
                "salutation": "frau",
                "first_name": "Lena",
                "last_name": "Vorlage",
                "party": "SPD",
                "function": "ratsmitglied",
                "committees": ["Ausschuss für Wirtschaft und Digitalisierung"],
                "topics": ["energie", "fachkraefte"],
                "email": "lena.vorlage@example.invalid",
                "user_id": "lena.vorlage",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "murat-exempel",
                "salutation": "herr",
                "first_name": "Murat",
                "last_name": "Exempel",
                "party": "CDU",
                "function": "ratsmitglied",
                "committees": ["Ausschuss für Wirtschaft und Digitalisierung", "Bauausschuss"],
                "topics": ["gewerbeflaechen", "mobilitaet"],
                "contact_visibility": "hidden",
            },
        ],
    },
    {
        "id": "wolfsburg",
        "title": "Stadt Wolfsburg",
        "description": "Kreisfreie Stadt und Ziel vieler Berufspendler*innen aus der Region.",
        "kind": "kreisfreie_stadt",
        "ags": "03103000",
        "population": 125000,
        "council_name": "Rat der Stadt Wolfsburg",
        "website": "https://www.wolfsburg.de",
        "representatives": [
            {
                "id": "sophie-platzhalter",
                "salutation": "frau",
                "first_name": "Sophie",
                "last_name": "Platzhalter",
                "party": "SPD",
                "function": "ausschussvorsitz",
                "committees": ["Ausschuss für Wirtschaft und Digitalisierung"],
                "topics": ["mobilitaet", "fachkraefte", "digitalisierung"],
                "email": "sophie.platzhalter@example.invalid",
                "user_id": "sophie.platzhalter",
                "contact_visibility": "public",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "tobias-entwurf",
                "salutation": "herr",
                "first_name": "Tobias",
                "last_name": "Entwurf",
                "party": "FDP",
                "function": "ratsmitglied",
                "committees": ["Ausschuss für Wirtschaft und Digitalisierung", "Finanzausschuss"],
                "topics": ["gruendung", "digitalisierung"],
                "contact_visibility": "hidden",
            },
            {
                "id": "ayse-modell",
                "salutation": "frau",
                "academic_title": "Dr.",
                "first_name": "Ayşe",
                "last_name": "Modell",
                "party": "Bündnis 90/Die Grünen",
                "function": "fraktionsvorsitz",
                "committees": ["Ausschuss für Umwelt, Klima und Mobilität"],
                "topics": ["mobilitaet", "energie"],
                "email": "ayse.modell@example.invalid",
                "user_id": "ayse.modell",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
        ],
    },
    {
        "id": "landkreis-gifhorn",
        "title": "Landkreis Gifhorn",
        "description": "Flächenkreis im Norden der Region mit engen Pendlerbeziehungen nach Wolfsburg.",
        "kind": "landkreis",
        "ags": "03151",
        "population": 180000,
        "council_name": "Kreistag Gifhorn",
        "website": "https://www.gifhorn.de",
        "representatives": [
            {
                "id": "karin-schablone",
                "salutation": "frau",
                "first_name": "Karin",
                "last_name": "Schablone",
                "party": "CDU",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft, Tourismus und Regionalentwicklung"],
                "topics": ["mobilitaet", "tourismus"],
                "email": "karin.schablone@example.invalid",
                "user_id": "karin.schablone",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "felix-attrappe",
                "salutation": "herr",
                "first_name": "Felix",
                "last_name": "Attrappe",
                "party": "SPD",
                "function": "kreistagsmitglied",
                "committees": [
                    "Kreisausschuss",
                    "Ausschuss für Wirtschaft, Tourismus und Regionalentwicklung",
                ],
                "topics": ["fachkraefte", "gewerbeflaechen"],
                "contact_visibility": "hidden",
            },
        ],
    },
    {
        "id": "landkreis-goslar",
        "title": "Landkreis Goslar",
        "description": "Landkreis am Harz mit Tourismus, Industrie und Hochschulstandort Clausthal.",
        "kind": "landkreis",
        "ags": "03153",
        "population": 134000,
        "council_name": "Kreistag Goslar",
        "website": "https://www.landkreis-goslar.de",
        "representatives": [
            {
                "id": "miriam-musterfrau",
                "salutation": "frau",
                "first_name": "Miriam",
                "last_name": "Musterfrau",
                "party": "SPD",
                "function": "ausschussvorsitz",
                "committees": ["Ausschuss für Wirtschaft und Tourismus"],
                "topics": ["tourismus", "regionalmarketing"],
                "email": "miriam.musterfrau@example.invalid",
                "user_id": "miriam.musterfrau",
                "contact_visibility": "public",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "heinz-testfall",
                "salutation": "herr",
                "first_name": "Heinz",
                "last_name": "Testfall",
                "party": "CDU",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft und Tourismus", "Kreisausschuss"],
                "topics": ["wissenschaft", "gewerbeflaechen"],
                "contact_visibility": "hidden",
            },
            {
                "id": "emre-vorschlag",
                "salutation": "herr",
                "first_name": "Emre",
                "last_name": "Vorschlag",
                "function": "wirtschaftsfoerderung",
                "committees": [],
                "topics": ["gruendung", "fachkraefte"],
                "email": "emre.vorschlag@example.invalid",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
        ],
    },
    {
        "id": "landkreis-helmstedt",
        "title": "Landkreis Helmstedt",
        "description": "Landkreis im Osten der Region im Strukturwandel nach dem Braunkohleabbau.",
        "kind": "landkreis",
        "ags": "03154",
        "population": 91000,
        "council_name": "Kreistag Helmstedt",
        "website": "https://www.helmstedt.de",
        "representatives": [
            {
                "id": "greta-skizze",
                "salutation": "frau",
                "first_name": "Greta",
                "last_name": "Skizze",
                "party": "SPD",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft, Strukturwandel und Digitalisierung"],
                "topics": ["energie", "gewerbeflaechen"],
                "email": "greta.skizze@example.invalid",
                "user_id": "greta.skizze",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "ole-demo",
                "salutation": "herr",
                "first_name": "Ole",
                "last_name": "Demo",
                "party": "Die Linke",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft, Strukturwandel und Digitalisierung"],
                "topics": ["mobilitaet", "fachkraefte"],
                "contact_visibility": "hidden",
            },
        ],
    },
    {
        "id": "landkreis-peine",
        "title": "Landkreis Peine",
        "description": "Landkreis zwischen Hannover und Braunschweig an der A2 und dem Mittellandkanal.",
        "kind": "landkreis",
        "ags": "03157",
        "population": 136000,
        "council_name": "Kreistag Peine",
        "website": "https://www.landkreis-peine.de",
        "representatives": [
            {
                "id": "nina-prototyp",
                "salutation": "frau",
                "first_name": "Nina",
                "last_name": "Prototyp",
                "party": "CDU",
                "function": "fraktionsvorsitz",
                "committees": ["Ausschuss für Wirtschaft und Kreisentwicklung"],
                "topics": ["gewerbeflaechen", "mobilitaet"],
                "email": "nina.prototyp@example.invalid",
                "user_id": "nina.prototyp",
                "contact_visibility": "public",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "erik-stichprobe",
                "salutation": "herr",
                "first_name": "Erik",
                "last_name": "Stichprobe",
                "party": "Bündnis 90/Die Grünen",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft und Kreisentwicklung", "Umweltausschuss"],
                "topics": ["energie", "innenstadt"],
                "contact_visibility": "hidden",
            },
        ],
    },
    {
        "id": "landkreis-wolfenbuettel",
        "title": "Landkreis Wolfenbüttel",
        "description": "Landkreis südlich von Braunschweig mit Hochschul- und Residenzstadt Wolfenbüttel.",
        "kind": "landkreis",
        "ags": "03158",
        "population": 120000,
        "council_name": "Kreistag Wolfenbüttel",
        "website": "https://www.lk-wolfenbuettel.de",
        "representatives": [
            {
                "id": "paula-fiktiv",
                "salutation": "frau",
                "first_name": "Paula",
                "last_name": "Fiktiv",
                "party": "FDP",
                "function": "kreistagsmitglied",
                "committees": ["Ausschuss für Wirtschaft, Tourismus und Digitalisierung"],
                "topics": ["digitalisierung", "gruendung"],
                "email": "paula.fiktiv@example.invalid",
                "user_id": "paula.fiktiv",
                "contact_visibility": "network",
                "consent_date": CONSENT_DATE,
            },
            {
                "id": "bernd-annahme",
                "salutation": "herr",
                "first_name": "Bernd",
                "last_name": "Annahme",
                "party": "SPD",
                "function": "ausschussvorsitz",
                "committees": ["Ausschuss für Wirtschaft, Tourismus und Digitalisierung", "Kreisausschuss"],
                "topics": ["tourismus", "innenstadt", "fachkraefte"],
                "email": "bernd.annahme@example.invalid",
                "contact_visibility": "hidden",
            },
        ],
    },
]

#: Forums with their threads; a thread's posts in the order they were written. ``in_reply_to`` names
#: another post of the same thread by its id. ``state``: the forum's workflow state (``public``: anyone
#: reads; ``internal``: network members only). ``author``: the demo user who writes a thread or post
#: (threads stay open; posts are published at once, as the forums do not pre-moderate).
FORUMS = [
    {
        "id": "gewerbeflaechen-und-ansiedlung",
        "title": "Gewerbeflächen und Ansiedlung",
        "description": "Gewerbeflächen, Ansiedlungen und interkommunale Gewerbegebiete in der Region.",
        "topics": ["gewerbeflaechen", "regionalmarketing"],
        "premoderation": False,
        "state": "public",
        "threads": [
            {
                "id": "interkommunale-gewerbegebiete",
                "title": "Interkommunale Gewerbegebiete: Erfahrungen und Stolpersteine",
                "author": "nina.prototyp",
                "pinned": True,
                "text": (
                    "<p>Mehrere Kommunen in der Region denken über gemeinsame Gewerbegebiete nach. Wie "
                    "teilen wir Kosten, Gewerbesteuer und Ausgleichsflächen fair auf, und welche "
                    "Rechtsform hat sich bewährt: Zweckverband, gemeinsame Gesellschaft oder "
                    "öffentlich-rechtliche Vereinbarung?</p>"
                    "<p>Wer hat Erfahrungen, die sie oder er teilen kann?</p>"
                ),
                "posts": [
                    {
                        "id": "beitrag-1",
                        "author": "greta.skizze",
                        "text": (
                            "<p>Aus unserer Sicht ist die Aufteilung der Gewerbesteuer der Knackpunkt. "
                            "Ein fester Schlüssel nach eingebrachter Fläche ist einfach, bildet aber die "
                            "Erschließungskosten nicht ab.</p>"
                        ),
                    },
                    {
                        "id": "beitrag-2",
                        "author": "anna.beispiel",
                        "in_reply_to": "beitrag-1",
                        "text": (
                            "<p>Wir würden zusätzlich die Folgekosten berücksichtigen. Ein Vorschlag "
                            "für ein gemeinsames Eckpunktepapier:</p>"
                            "<ul><li>eingebrachte Fläche</li><li>Erschließungskosten</li>"
                            "<li>Folgekosten der Standortkommune (Straßen, ÖPNV, Kita-Plätze)</li></ul>"
                        ),
                    },
                    {
                        "id": "beitrag-3",
                        "author": "paula.fiktiv",
                        "text": (
                            "<p>Wichtig wäre, die Kreistage <strong>frühzeitig</strong> einzubinden, "
                            "damit Regionalplanung und Bauleitplanung zusammenpassen.</p>"
                        ),
                    },
                ],
            },
            {
                "id": "ansiedlungsanfragen",
                "title": "Ansiedlungsanfragen: gemeinsam statt gegeneinander",
                "author": "lena.vorlage",
                "text": (
                    "<p>Wenn ein Unternehmen mehrere Standorte in der Region prüft, konkurrieren Städte "
                    "und Landkreise oft gegeneinander. Können wir uns auf Spielregeln verständigen, "
                    "etwa eine gegenseitige Information über größere Anfragen oder gemeinsame "
                    "Angebote?</p>"
                ),
                "posts": [
                    {
                        "id": "beitrag-1",
                        "author": "jonas.muster",
                        "text": (
                            "<p>Die Allianz für die Region ist hier schon aktiv; uns Ratsmitgliedern "
                            "fehlt aber der direkte Draht zueinander. Ein regelmäßiger Austausch der "
                            "Wirtschaftsausschüsse würde helfen.</p>"
                        ),
                    },
                    {
                        "id": "beitrag-2",
                        "author": "nina.prototyp",
                        "in_reply_to": "beitrag-1",
                        "text": (
                            "<p><strong>Zustimmung.</strong> Ein erster Schritt könnte eine gemeinsame "
                            "Übersicht der verfügbaren Gewerbeflächen sein.</p>"
                        ),
                    },
                ],
            },
            {
                "id": "brachflaechen",
                "title": "Brachflächen und Flächenrecycling",
                "author": "greta.skizze",
                "text": (
                    "<p>Neue Gewerbeflächen auf der grünen Wiese sind knapp und umstritten. Welche "
                    "Erfahrungen gibt es in der Region mit der Reaktivierung von Brachflächen und alten "
                    "Industriestandorten?</p>"
                ),
                "posts": [
                    {
                        "id": "beitrag-1",
                        "author": "lena.vorlage",
                        "text": (
                            "<p>Bei uns scheitern solche Projekte selten an der Idee, meist an Altlasten "
                            "und Finanzierung. Die Förderprogramme des Landes wären ein gutes Thema für "
                            "ein gemeinsames Treffen.</p>"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "id": "fachkraefte-und-pendler",
        "title": "Fachkräfte und Pendler",
        "description": "Fachkräftesicherung, Pendlerströme und Mobilität zwischen Wohn- und Arbeitsort.",
        "topics": ["fachkraefte", "mobilitaet"],
        "premoderation": False,
        "state": "internal",
        "threads": [
            {
                "id": "pendlerstroeme-nach-wolfsburg",
                "title": "Pendlerströme nach Wolfsburg",
                "author": "ayse.modell",
                "pinned": True,
                "text": (
                    "<p>Jeden Tag pendeln Zehntausende Beschäftigte aus der ganzen Region nach "
                    "Wolfsburg, viele aus den Landkreisen Gifhorn und Helmstedt. Was bedeutet das für "
                    "Wohnungsbau, Straßen und Nahverkehr in den Wohnortkommunen, und wie können wir "
                    "Lasten und Chancen gemeinsam planen?</p>"
                ),
                "posts": [
                    {
                        "id": "beitrag-1",
                        "author": "karin.schablone",
                        "text": (
                            "<p>Für den ländlichen Raum ist ein verlässlicher Bus- und Bahnanschluss zu "
                            "den Schichtzeiten entscheidend. Der Regionalverband ist für den "
                            "Nahverkehr zuständig und damit ein guter Partner für dieses Thema.</p>"
                        ),
                    },
                    {
                        "id": "beitrag-2",
                        "author": "paula.fiktiv",
                        "text": (
                            "<p>Wir sollten auch über Mitfahrangebote und sichere Radwege zwischen den "
                            "Orten sprechen. Nicht jede Verbindung lässt sich mit dem Bus abdecken.</p>"
                        ),
                    },
                    {
                        "id": "beitrag-3",
                        "author": "sophie.platzhalter",
                        "in_reply_to": "beitrag-1",
                        "text": (
                            "<p>Eine gemeinsame Auswertung der Pendlerstatistik der Bundesagentur für "
                            "Arbeit wäre ein guter Anfang für die Beratung in den Ausschüssen.</p>"
                        ),
                    },
                ],
            },
            {
                "id": "fachkraeftesicherung",
                "title": "Fachkräftesicherung: Was funktioniert in der Region?",
                "author": "jonas.muster",
                "text": (
                    "<p>Handwerk, Pflege, Industrie und Verwaltung suchen gleichermaßen Fachkräfte. "
                    "Welche kommunalen Angebote haben sich bewährt, vom Willkommensservice über "
                    "Ausbildungsmessen bis zur Zusammenarbeit mit den Hochschulen, und was ließe sich "
                    "regional bündeln?</p>"
                ),
                "posts": [
                    {
                        "id": "beitrag-1",
                        "author": "miriam.musterfrau",
                        "text": (
                            "<p>Die Hochschulen der Region bilden viele Fachkräfte aus, aber zu wenige "
                            "bleiben. Ein gemeinsames Regionalmarketing für Absolvent*innen wäre ein "
                            "Ansatz.</p>"
                        ),
                    },
                    {
                        "id": "beitrag-2",
                        "author": "lena.vorlage",
                        "text": (
                            "<p>Ein Willkommensservice für zugezogene Fachkräfte und ihre Familien "
                            "hat sich bei uns bewährt. Gern stellen wir die Erfahrungen bei einem "
                            "<em>Austauschtreffen</em> vor.</p>"
                        ),
                    },
                ],
            },
        ],
    },
]

#: The three questions of the inquiry 22-18940, word for word.
INQUIRY_QUESTIONS = [
    "Wer könnte bei der Organisation eines solchen interkommunalen Austauschs der "
    "Wirtschaftspolitiker*innen aus der Region die Federführung übernehmen?",
    "Welche politischen Beschlüsse oder Initiativen wären dazu erforderlich?",
    "Wie beurteilt die Verwaltung die Chancen für einen solchen direkten Austausch zwischen den "
    "kommunalpolitischen Vertreter*innen aus der gesamten Region?",
]

#: Paragraphs of the inquiry's statement of facts (Sachverhalt), word for word.
INQUIRY_BACKGROUND = [
    "Während die Zuständigkeit kommunalpolitischer Beschlüsse in der Regel an den Grenzen der "
    "jeweiligen Gebietskörperschaft endet, sind wirtschaftliche Prozesse oft regional, national oder "
    "sogar global vernetzt. Auch Braunschweig ist eingebettet in eine starke Wirtschaftsregion, in der "
    "die hier tätigen Unternehmen zahlreiche Verbindungen in andere Gebietskörperschaften hinein haben "
    "und Arbeitnehmer*innen selbstverständlich z.B. zwischen dem Wohn- und Arbeitsort pendeln und dabei "
    "zwischen mehreren Gebietskörperschaften wechseln.",
    "Damit wir uns zu einer Wirtschaftsregion entwickeln können, in der das gemeinsame Wirtschaften "
    "tatsächlich gelebt wird, brauchen wir Strukturen, in denen ein Austausch ermöglicht wird und ein "
    "gemeinsames voneinander Lernen erleichtert wird. Dies gilt in unseren Augen ausdrücklich auch für "
    "diejenigen, die in den Stadt- und Landräten der Region aktiv versuchen, die Grundlagen für eine "
    "wirtschaftlich erfolgreiche Region mitzugestalten.",
    "Dabei stellt sich allerdings die Frage, wie dies konkret umgesetzt werden kann und wie ein solcher "
    "Austausch initiiert werden kann. Wirtschaftsförderung ist z.B. nicht Bestandteil der Kernaufgaben "
    "des Regionalverbands Großraum Braunschweig. Auf die regionale Wirtschaftsförderungsgesellschaft, "
    "die Allianz für die Region, haben die kommunalen Vertreter*innen in den Gebietskörperschaften der "
    "Region keinen direkten Zugriff.",
]

INQUIRY_REFERENCE = "22-18940"


def _inquiry_text():
    background = "".join(f"<p>{paragraph}</p>" for paragraph in INQUIRY_BACKGROUND)
    questions = "".join(f"<li>{question}</li>" for question in INQUIRY_QUESTIONS)
    return (
        "<p><strong>Anstoß:</strong> Anfrage 22-18940 der Fraktion Bündnis 90/Die Grünen im Rat der "
        "Stadt Braunschweig vom 01.06.2022 an den Oberbürgermeister, zur Beantwortung im "
        "Wirtschaftsausschuss.</p>"
        "<p><strong>Hintergrund</strong> (aus dem Sachverhalt der Anfrage):</p>"
        f"<blockquote>{background}</blockquote>"
        "<p><strong>Die Fragen der Anfrage:</strong></p>"
        f"<ol>{questions}</ol>"
        "<p><strong>Vorschlag:</strong> Die Wirtschaftspolitiker*innen aus den Räten und Kreistagen der "
        "acht Gebietskörperschaften treffen sich regelmäßig, abwechselnd bei einer Mitgliedskommune, und "
        "tauschen sich zwischen den Treffen in den Foren dieses Netzwerks aus.</p>"
        "<ul>"
        "<li>Die <em>Federführung</em> ist noch offen (Frage 1): in Frage kommen eine der "
        "Mitgliedskommunen oder die regionalen Partner Regionalverband Großraum Braunschweig, Allianz "
        "für die Region und IHK Braunschweig.</li>"
        "<li>Die <em>erforderlichen Beschlüsse</em> (Frage 2) stehen in der Liste der Beschlüsse dieses "
        "Vorschlags; jede Gebietskörperschaft trägt ein, wie weit ihr Beschluss ist.</li>"
        "<li>Die <em>Chancen</em> (Frage 3) zeigen sich an den Unterstützungen: Der Vorschlag kann "
        "angenommen werden, sobald Vertreter*innen aus mehreren Gebietskörperschaften ihn "
        "unterstützen.</li>"
        "</ul>"
    )


PROPOSALS = [
    {
        "id": "regionale-vernetzung",
        "title": "Regionale Vernetzung der kommunalpolitischen Vertreter*innen aus dem Wirtschaftsbereich",
        "description": (
            "Ein regelmäßiger Austausch der Wirtschaftspolitiker*innen aus Räten und Kreistagen der "
            "Region. Anstoß: Anfrage 22-18940 der Fraktion Bündnis 90/Die Grünen im Rat der Stadt "
            "Braunschweig vom 01.06.2022."
        ),
        "text": _inquiry_text(),
        "format": "austauschtreffen",
        "topics": ["gewerbeflaechen", "fachkraefte", "mobilitaet", "regionalmarketing"],
        # The open question 1 of the inquiry: nobody leads yet.
        "lead_organiser": None,
        "author": "anna.beispiel",
        # In discussion with 3 supports from 2 municipalities: the quorum (5 from 3) is not met, and
        # without a lead organiser (question 1 of the inquiry) it could not be accepted anyway.
        "state": "discussion",
        "supporters": ["anna.beispiel", "jonas.muster", "lena.vorlage"],
        "municipalities": [municipality["id"] for municipality in MUNICIPALITIES],
        "required_resolutions": [
            {
                "municipality": "braunschweig",
                "body": "Rat der Stadt Braunschweig",
                "kind": "ratsbeschluss",
                "status": "eingebracht",
                "reference": INQUIRY_REFERENCE,
            },
            {
                "municipality": "salzgitter",
                "body": "Rat der Stadt Salzgitter",
                "kind": "ratsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "wolfsburg",
                "body": "Rat der Stadt Wolfsburg",
                "kind": "ratsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "landkreis-gifhorn",
                "body": "Kreistag Gifhorn",
                "kind": "kreistagsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "landkreis-goslar",
                "body": "Kreistag Goslar",
                "kind": "kreistagsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "landkreis-helmstedt",
                "body": "Kreistag Helmstedt",
                "kind": "kreistagsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "landkreis-peine",
                "body": "Kreistag Peine",
                "kind": "kreistagsbeschluss",
                "status": "offen",
                "reference": "",
            },
            {
                "municipality": "landkreis-wolfenbuettel",
                "body": "Kreistag Wolfenbüttel",
                "kind": "kreistagsbeschluss",
                "status": "offen",
                "reference": "",
            },
        ],
        "meetings": [],
    },
    {
        "id": "austauschtreffen-fachkraefte-und-pendler",
        "title": "Austauschtreffen Fachkräfte und Pendler",
        "description": (
            "Beispielvorschlag: Wohnort- und Arbeitsortkommunen beraten gemeinsam über Pendlerverkehr "
            "und Fachkräftesicherung."
        ),
        "text": (
            "<p>Viele Beschäftigte wohnen in den Landkreisen und arbeiten in Wolfsburg oder "
            "Braunschweig. Die Wirtschafts- und Verkehrspolitiker*innen der betroffenen "
            "Gebietskörperschaften tauschen sich in einem ersten Treffen über Pendlerdaten, "
            "Nahverkehr zu den Schichtzeiten und gemeinsame Angebote für Fachkräfte aus.</p>"
        ),
        "format": "austauschtreffen",
        "topics": ["fachkraefte", "mobilitaet"],
        "lead_organiser": "wolfsburg",
        "author": "sophie.platzhalter",
        # Supported by 5 members from 4 municipalities and led by Wolfsburg: accepted, so its meeting can
        # be planned.
        "state": "accepted",
        "supporters": [
            "sophie.platzhalter",
            "ayse.modell",
            "karin.schablone",
            "greta.skizze",
            "jonas.muster",
        ],
        "municipalities": ["wolfsburg", "braunschweig", "landkreis-gifhorn", "landkreis-helmstedt"],
        "required_resolutions": [
            {
                "municipality": "wolfsburg",
                "body": "Stadt Wolfsburg, Wirtschaftsförderung",
                "kind": "verwaltungsentscheidung",
                "status": "offen",
                "reference": "",
            },
        ],
        "meetings": [
            {
                "id": "erstes-austauschtreffen",
                "title": "1. Austauschtreffen Fachkräfte und Pendler",
                "description": "Beispieltermin der Demo-Region.",
                # When: computed when the meeting is created (regionaustausch.demo.upcoming_meeting_times),
                # so that a new demo site always has an upcoming meeting.
                "weeks_ahead": 6,
                "weekday": 3,  # Thursday
                "start_time": datetime.time(17, 0),
                "duration": datetime.timedelta(hours=2, minutes=30),
                "location": "Rathaus Wolfsburg, Ratssaal",
                "host_municipality": "wolfsburg",
                "capacity": 40,
                "contact_name": "Geschäftsstelle des Netzwerks (Beispiel)",
                "contact_email": "netzwerk@example.invalid",
                "agenda": (
                    "<ol>"
                    "<li>Begrüßung durch die gastgebende Stadt</li>"
                    "<li>Pendlerströme in der Region: Zahlen und Karten</li>"
                    "<li>Nahverkehr zu den Schichtzeiten: Bedarf der Landkreise</li>"
                    "<li>Fachkräftesicherung: Angebote der Kommunen im Vergleich</li>"
                    "<li>Verabredungen und nächster Termin</li>"
                    "</ol>"
                ),
            },
        ],
    },
]

#: The demo user accounts, one or two per municipality: the ``user_id`` of the example records that have
#: one (log in as ``anna.beispiel``). Account: that id, the record's e-mail address and name.
DEMO_LOGINS = tuple(
    person["user_id"]
    for municipality in MUNICIPALITIES
    for person in municipality["representatives"]
    if person.get("user_id")
)

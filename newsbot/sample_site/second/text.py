"""German story text for the second replica, generated from phrase banks written for it.

Every sentence is built here from the banks below (no text is copied from anywhere); the same
``random.Random`` seed always gives the same words. Slots are dense on purpose: two stories
share few word 3-grams unless one copies the other, so near-duplicate detection sees only the
copies the site makes.
"""

from __future__ import annotations

import random

TOWNS = (
    "Lindenau", "Oberhagen", "Steinfurt", "Kaltenbrunn", "Wiesental", "Rabenau", "Haselbach", "Mühlhofen",
    "Birkenstedt", "Eichwalde", "Grauenfels", "Sonnfeld", "Uferstadt", "Tannroda", "Felsbach", "Weidenhain",
)  # fmt: skip
ACTORS = (
    "die Stadtverwaltung", "der Kreistag", "die Landesregierung", "der Gemeinderat", "die Handwerkskammer",
    "der Mieterbund", "die Verkehrsbetriebe", "das Umweltamt", "die Bürgerinitiative", "der Sportverband",
    "die Hochschule", "das Klinikum", "die Feuerwehr", "der Bauernverband", "die Sparkasse", "das Landesmuseum",
)  # fmt: skip
PEOPLE = (
    ("Greta", "Hollmann"), ("Jonas", "Wiegand"), ("Lea", "Brandtner"), ("Matthias", "Oswald"), ("Ida", "Kerschbaum"),
    ("Paul", "Reinholz"), ("Sina", "Albrecht"), ("Tobias", "Quandel"), ("Mira", "Feldhaus"), ("Oskar", "Lindqvist"),
)  # fmt: skip
SECTIONS = {
    "politik": ("Politik", ("Haushalt", "Wahlrecht", "Verwaltungsreform", "Bürgerbeteiligung", "Landtagswahl")),
    "wirtschaft": ("Wirtschaft", ("Mittelstand", "Energiepreise", "Fachkräfte", "Export", "Ladenmieten")),
    "kultur": ("Kultur", ("Theater", "Stadtbibliothek", "Orgelsommer", "Denkmalschutz", "Filmfest")),
    "sport": ("Sport", ("Handball", "Ruderregatta", "Stadtlauf", "Turnhalle", "Nachwuchsliga")),
    "wissen": ("Wissen", ("Grundwasser", "Sternwarte", "Bienenzucht", "Klimadaten", "Mooren")),
    "regional": ("Regional", ("Radweg", "Wochenmarkt", "Hochwasserschutz", "Buslinie", "Schwimmbad")),
}
ADJECTIVES = (
    "überraschend", "deutlich", "vorsichtig", "kontrovers", "zügig", "einstimmig", "knapp", "ausführlich",
    "ungewöhnlich", "schrittweise",
)  # fmt: skip
NUMBERS = ("zwölf", "siebzehn", "dreißig", "vierzig", "achtzig", "hundertzwanzig", "zweihundert", "fünfhundert")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "September", "Oktober", "November")

SENTENCES = (
    "In {town} hat {actor} am Dienstag {adj} über {topic} beraten.",
    "Nach Angaben aus {town} betrifft die Entscheidung zum Thema {topic} rund {number} Haushalte.",
    "{Actor} kündigte an, die Pläne für {topic} bis zum {month} zu überarbeiten.",
    "Kritiker in {town} halten die Vorschläge zu {topic} für {adj} und wenig durchdacht.",
    "{Person} sagte, beim Thema {topic} dürfe {town} nicht länger warten.",
    "Die Kosten für {topic} werden in {town} auf {number} Millionen Euro geschätzt.",
    "Ein Gutachten im Auftrag von {actor} empfiehlt, {topic} {adj} neu zu ordnen.",
    "Bereits im {month} hatten Anwohner aus {town} Unterschriften zu {topic} gesammelt.",
    "{Person} verwies darauf, dass {actor} beim Thema {topic} gesprächsbereit sei.",
    "Ob der Zeitplan für {topic} hält, wollte in {town} niemand {adj} versprechen.",
    "Rund {number} Menschen informierten sich in {town} über den Stand bei {topic}.",
    "Für {actor} ist {topic} seit dem {month} eines der wichtigsten Vorhaben in {town}.",
    "Die Opposition wirft {actor} vor, {topic} in {town} {adj} verschleppt zu haben.",
    "Eine Sprecherin von {actor} nannte die Zahlen zu {topic} {adj} ermutigend.",
    "Im Nachbarort {town} wird {topic} schon seit {number} Wochen erprobt.",
    "{Person} rechnet damit, dass sich {actor} noch vor dem {month} zu {topic} äußert.",
    "Wie {actor} mitteilte, sollen die Bürger von {town} bei {topic} mitreden dürfen.",
    "Die Debatte um {topic} verlief in {town} {adj}, aber sachlich.",
    "Auf einer Versammlung in {town} stellte {actor} drei Varianten für {topic} vor.",
    "Fachleute aus {town} mahnen, bei {topic} die Folgekosten nicht zu unterschätzen.",
    "{Person} zeigte sich nach dem Treffen zu {topic} in {town} {adj} zufrieden.",
    "Bis zum {month} will {actor} einen Entwurf zu {topic} vorlegen.",
    "Die Zahl der Beschwerden über {topic} ist in {town} auf {number} gestiegen.",
    "Mit {topic} beschäftigt sich in {town} inzwischen auch {actor}.",
)  # fmt: skip
LIST_INTROS = (
    "Die wichtigsten Punkte zu {topic} im Überblick:",
    "Was sich in {town} bei {topic} ändern soll:",
)
LIST_ITEMS = (
    "Ab dem {month} gelten für {topic} in {town} neue Fristen.",
    "{Actor} stellt für {topic} zusätzlich {number} Stellen bereit.",
    "Anträge zu {topic} können künftig auch online gestellt werden.",
    "Für Familien aus {town} sinken die Gebühren bei {topic}.",
    "Eine unabhängige Stelle prüft {topic} jedes Jahr.",
)  # fmt: skip
HEADLINES = (
    "{Topic}: {Town} ringt um eine Lösung",
    "{Actor} legt Plan für {topic} in {town} vor",
    "Streit um {topic} in {town} geht weiter",
    "{Town} setzt beim Thema {topic} auf Bürgerbeteiligung",
    "Neue Zahlen zu {topic} überraschen {town}",
    "Was der Beschluss zu {topic} für {town} bedeutet",
    "{Topic} in {town}: Entscheidung vertagt",
    "{Person} fordert mehr Tempo bei {topic}",
)  # fmt: skip
TEASERS = (
    "In {town} wird über {topic} gestritten. {Actor} sucht einen Kompromiss.",
    "Die Pläne zu {topic} stoßen in {town} auf Zustimmung und Kritik.",
    "{Actor} will {topic} neu regeln. Was Bürger in {town} wissen müssen.",
)
COMMENTS = (
    "Ich wohne seit {number} Jahren in {town} und habe so etwas noch nie erlebt.",
    "Endlich tut sich etwas bei {topic}, das hätte man viel früher angehen müssen.",
    "Wer soll das bezahlen? Die Rechnung landet am Ende wieder bei den Bürgern.",
    "Guter Artikel, aber die Sicht der Anwohner aus {town} kommt mir zu kurz.",
    "Bei uns in {town} klappt {topic} schon lange, man muss nur wollen.",
)
NICKNAMES = ("Stadtkind", "Leser_aus_dem_Tal", "Rotkehlchen", "K.Meier", "Nachtschicht", "Flussblick")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills the banks' templates for one story: its town, actor and topic stay the same throughout."""

    def __init__(self, rng: random.Random, section: str) -> None:
        self.rng = rng
        self.section = section
        self.town = rng.choice(TOWNS)
        self.actor = rng.choice(ACTORS)
        self.topic = rng.choice(SECTIONS[section][1])
        first, last = rng.choice(PEOPLE)
        self.person = f"{first} {last}"

    def fill(self, template: str) -> str:
        rng = self.rng
        values = {
            "town": rng.choice((self.town, self.town, rng.choice(TOWNS))),
            "actor": rng.choice((self.actor, rng.choice(ACTORS))),
            "topic": self.topic,
            "adj": rng.choice(ADJECTIVES),
            "number": rng.choice(NUMBERS),
            "month": rng.choice(MONTHS),
            "person": self.person,
        }
        values.update({key.capitalize(): _cap(value) for key, value in list(values.items())})
        return template.format(**values)

    def paragraph(self, sentences: int) -> str:
        picks = self.rng.sample(SENTENCES, sentences)
        return " ".join(self.fill(template) for template in picks)

    def headline(self) -> str:
        return self.fill(self.rng.choice(HEADLINES))

    def teaser(self) -> str:
        return self.fill(self.rng.choice(TEASERS))

    def bullet_list(self) -> tuple[str, list[str]]:
        intro = self.fill(self.rng.choice(LIST_INTROS))
        return intro, [self.fill(item) for item in self.rng.sample(LIST_ITEMS, 3)]

    def comment(self) -> tuple[str, str]:
        return self.rng.choice(NICKNAMES), self.fill(self.rng.choice(COMMENTS))

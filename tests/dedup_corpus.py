"""Deterministic synthetic news corpus for the dedup benchmarks and tests.

All prose is generated here from small word and phrase banks (original text, no real articles).
A *base story* is a headline plus ~30 sentences (~600 words) about one topic, with its own cast
of people, places and organisations, and the outlet's boilerplate footer. Stories on the same
topic share vocabulary, sentence frames and the footer, which is what makes unrelated same-topic
stories the hard negatives. :func:`variant` applies one of the known edit types to a base story.

Usage: ``corpus = Corpus(seed=7); story = corpus.story(topic, i); copy = corpus.variant(story,
"words5", k)``; :data:`DUPLICATE_EDITS` should be found as duplicates, :data:`DISTINCT_EDITS`
must not be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


FIRST = _split(
    "Amira Selin Daniel Ayla Marco Noor Elif Tomasz Leila Kenji Ines Omar Hana Piotr Zeynep Lucas "
    "Maya Emre Sofia Idris Nadia Felix Yara Tariq Clara Deniz Rafael Aisha Viktor Mina Jonas Lale "
    "Samir Greta Kerem Esra Hugo Nilufar Anton Beatriz"
)
LAST = _split(
    "Demir Okafor Lindqvist Haddad Moreau Kaya Novak Tanaka Rahman Costa Yilmaz Petrov Arslan "
    "Mendes Sato Brennan Aydin Kowalski Farouk Ortiz Celik Nakamura Dufresne Hassan Varga Ozturk "
    "Mbeki Rossi Sahin Andersen Qureshi Ferreira Kilic Horvat Laine Bakr Santos Erdem Vogel Ibrahim"
)
PLACES = _split(
    "Ankara Izmir Geneva Nairobi Lisbon Doha Tbilisi Baku Cairo Athens Sarajevo Amman Tunis Kyiv "
    "Warsaw Bogota Jakarta Manila Dakar Accra Lagos Beirut Tirana Skopje Almaty Tashkent Oslo "
    "Valletta Nicosia Muscat Rabat Algiers Khartoum Addis Ababa Kigali Lusaka Hanoi Dhaka Colombo"
)
DAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _split("January February March April May June July August September October November December")
ROLES = _split(
    "minister spokesperson director analyst mayor governor economist researcher envoy official "
    "commissioner adviser professor coordinator chairman negotiator lawmaker engineer"
)
ORG_HEADS = _split(
    "National Council|Regional Authority|Federal Agency|Central Office|Joint Commission|"
    "Independent Institute|Civic Alliance|Public Board|Global Forum|United Coalition",
    "|",
)
ORG_TAILS = _split(
    "for Development|for Security|of Statistics|for Human Rights|for Transport|of Energy|for Trade|"
    "for Water Resources|for Disaster Relief|of Public Health|for Food Safety|for Digital Affairs",
    "|",
)

TOPICS: dict[str, dict[str, list[str]]] = {
    "earthquake": {
        "nouns": _split(
            "quake tremor aftershock rubble rescuers survivors shelters epicentre magnitude buildings "
            "tents volunteers debris casualties fault_line search_teams field_hospital relief_convoy"
        ),
        "verbs": _split("collapsed struck shook flattened damaged rescued evacuated searched trapped injured"),
        "adjs": _split("powerful shallow deadly devastating moderate strong widespread sudden fragile remote"),
        "events": [
            "a magnitude {n} earthquake",
            "a series of strong aftershocks",
            "the overnight tremor",
            "the collapse of {n} apartment blocks",
            "a rescue operation in the old town",
        ],
    },
    "election": {
        "nouns": _split(
            "ballots voters turnout candidates polls campaign coalition parliament runoff "
            "constituency seats observers manifesto rally referendum recount electorate"
        ),
        "verbs": _split("voted campaigned pledged conceded won lost contested boycotted endorsed counted"),
        "adjs": _split("tight contested early provisional decisive narrow historic disputed peaceful record"),
        "events": [
            "the first round of voting",
            "a televised debate",
            "the final campaign rally",
            "a recount in {n} districts",
            "the announcement of provisional results",
        ],
    },
    "trade": {
        "nouns": _split(
            "tariffs exports imports deficit agreement customs quotas shipments supply_chains "
            "negotiations duties port freight commodities markets investors currency"
        ),
        "verbs": _split("imposed lifted negotiated signed exported imported raised cut announced suspended"),
        "adjs": _split("bilateral sweeping reciprocal temporary punitive landmark stalled fragile cautious new"),
        "events": [
            "a new round of trade talks",
            "the signing of a customs protocol",
            "a {n} percent tariff on steel",
            "a surge in container traffic",
            "the closure of a border crossing",
        ],
    },
    "football": {
        "nouns": _split(
            "striker goalkeeper midfield derby league title penalty stadium coach fans "
            "transfer_window squad fixture trophy referee captain"
        ),
        "verbs": _split("scored equalised defended saved signed sacked celebrated booed dominated trailed"),
        "adjs": _split("dramatic late stunning dominant defensive clinical bruising frantic fierce decisive"),
        "events": [
            "a {n}-{n} draw in the capital",
            "a stoppage-time winner",
            "the semi-final second leg",
            "a record transfer fee",
            "the sacking of the head coach",
        ],
    },
    "climate": {
        "nouns": _split(
            "emissions heatwave drought wildfires glaciers rainfall floods carbon summit pledges "
            "renewables coal_plants sea_levels adaptation_fund temperatures crops"
        ),
        "verbs": _split("warned pledged warmed melted burned flooded reduced financed adopted measured"),
        "adjs": _split("extreme unprecedented prolonged binding ambitious severe record vulnerable rapid urgent"),
        "events": [
            "a week-long heatwave",
            "the opening of the climate summit",
            "flash floods in {n} provinces",
            "a new national emissions target",
            "the worst drought in {n} years",
        ],
    },
    "health": {
        "nouns": _split(
            "vaccine outbreak hospitals patients clinics doctors nurses infections ward "
            "medicines trial pandemic screening budget waiting_lists ambulances"
        ),
        "verbs": _split("vaccinated treated admitted diagnosed recovered reported funded closed tested expanded"),
        "adjs": _split("contagious chronic mild severe overstretched preventive rural experimental free urgent"),
        "events": [
            "an outbreak of measles",
            "a nationwide vaccination drive",
            "a strike by junior doctors",
            "the opening of {n} new clinics",
            "the results of a clinical trial",
        ],
    },
    "energy": {
        "nouns": _split(
            "pipeline gas_reserves oil_prices refinery grid blackout solar_farm wind_turbines "
            "nuclear_plant tariffs consumers subsidies exports storage"
        ),
        "verbs": _split("pumped supplied cut restored generated drilled priced subsidised connected halted"),
        "adjs": _split("offshore strategic volatile cheap expensive reliable regional new ageing green"),
        "events": [
            "a nationwide blackout",
            "the launch of an offshore gas field",
            "a {n} percent rise in electricity bills",
            "the inauguration of a solar farm",
            "a pipeline leak",
        ],
    },
    "diplomacy": {
        "nouns": _split(
            "talks ceasefire delegation embassy sanctions summit envoy treaty mediation "
            "prisoners border_dispute communique memorandum peace_plan"
        ),
        "verbs": _split("met mediated urged condemned welcomed rejected proposed hosted expelled brokered"),
        "adjs": _split("bilateral fragile high-level indirect landmark tense cordial stalled secret formal"),
        "events": [
            "a round of indirect talks",
            "the exchange of {n} prisoners",
            "a surprise visit by the envoy",
            "the signing of a memorandum",
            "a three-day summit",
        ],
    },
}

FRAMES = [
    "{Person}, the {role} of the {org}, said on {day} that {clause}.",
    "According to {person_last}, {clause}, and {clause2}.",
    "Officials in {place} confirmed that {clause}.",
    "The {org} said {n} {noun} had been {verb} since {day}.",
    "{Person} told reporters in {place} that the {adj} {noun} was {verb} by the {noun2}.",
    "In a statement released late on {day}, the {org} described {event} as {adj}.",
    "Residents of {place} said the {noun} {verb} shortly after {event}.",
    '"We have {verb} what we could, but the {noun} remains {adj}," said {person_last}.',
    "Data published by the {org} showed {n} {noun} in {month}, up from {n2} a year earlier.",
    "Critics argued that {clause}, while supporters insisted that {clause2}.",
    "The {role} {person_last} is expected to travel to {place} on {day} to discuss the {noun}.",
    "{Event} came after weeks of {adj} debate over the {noun} and the {noun2}.",
    "Analysts said the {adj} {noun} could affect {n} {noun2} across the region.",
    "Local media in {place} reported that {clause}.",
    "Asked about {event}, {person_last} said the government would {verb_base} the {noun}.",
    "The {noun} in {place} was {verb} for the {ordinal} time this {month_or_year}.",
    "More than {n} people gathered in central {place} on {day} evening.",
    "{Person} warned that the {noun} would remain {adj} unless the {noun2} were {verb}.",
    "A spokesperson for the {org} declined to comment on {event}.",
    "The figures, compiled by {person_last} and colleagues, point to a {adj} trend in the {noun}.",
    "By {day} afternoon, {n} {noun} had been {verb} in and around {place}.",
    "The {org} has set aside {n} million for the {noun} over the next {n2} months.",
    "Footage shared online showed {noun} {verb} near the {noun2} in {place}.",
    "{Person}, who has followed the {noun} for {n} years, called the decision {adj}.",
    "Shopkeepers near the main square in {place} kept their shutters down until {day}.",
    "Neither side has published a timetable for the {noun}, {person_last} noted.",
    "Images from {place} showed long queues outside the offices of the {org}.",
    "The last comparable episode, in {month} {year}, left {n} {noun} {verb}.",
    "Opposition figures in {place} demanded an inquiry into the handling of the {noun}.",
    "Independent monitors counted {n} {noun} and {n2} {noun2} by nightfall.",
    "{Person} said she had never seen the {noun} so {adj} in her {n2} years of work.",
    "Schools across {place} stayed closed on {day} as a precaution.",
    "A draft seen by this outlet proposes to {verb_base} the {noun} within {n2} days.",
    "The {role} conceded that mistakes had been made in the first hours after {event}.",
    "Volunteers from {place} arrived with blankets, water and generators on {day} morning.",
    "It was not immediately clear how the {org} would pay for the {adj} {noun}.",
    "Markets in {place} reacted calmly, with most traders waiting for official figures.",
    '"Nobody expected it to move this fast," a resident of {place} told this outlet.',
    "The {org} plans to publish a full assessment of the {noun} in {month}.",
    "Earlier this {month_or_year}, {person_last} had described the {noun2} as {adj} but manageable.",
    "Talks between the {org} and officials from {place} lasted late into the night.",
    "Several of the {noun} visited by reporters on {day} had no electricity or running water.",
    "Observers noted that the {noun2} in {place} had been under strain for years.",
    "The {role} for {place} resigned on {day}, citing personal reasons.",
    "Budget documents show spending on the {noun} fell by {n2} percent between {year} and {year2}.",
    "Few expect a quick resolution, given how {adj} the {noun} has become.",
    "Emergency numbers in {place} were overwhelmed for several hours after {event}.",
    "A second meeting of the {org} is scheduled for the {ordinal} week of {month}.",
    "Unions in {place} said they would join the protests if the {noun} were {verb}.",
]
CLAUSES = [
    "the {noun} had been {verb} overnight",
    "{n} {noun} were {verb} in {place}",
    "the {adj} {noun} would be reviewed by {month}",
    "talks on the {noun} would resume after {event}",
    "the {noun2} were not consulted before {event}",
    "the {org} had {verb} the {noun} without warning",
    "{person_last} had {verb} the {adj} {noun}",
    "the {noun} in {place} remained {adj}",
    "there was no evidence that the {noun} had been {verb}",
    "the number of {noun} could rise to {n} by {month}",
    "the bill for the {noun} was likely to exceed {n} million",
    "officials in {place} had ignored repeated warnings about the {noun2}",
    "a joint team would inspect the {noun} before the end of {month}",
    "neighbouring countries had offered to help with the {noun}",
    "nobody had yet taken responsibility for the {adj} {noun}",
    "the rules on {noun2} dated back to {year}",
]
VERB_BASE = _split("review expand limit protect restore suspend fund monitor replace investigate")
ORDINALS = _split("second third fourth fifth sixth")
FOOTERS = [
    "This report was prepared by our regional desk with contributions from correspondents in the field. "
    "Follow us for the latest updates and share your views with our newsroom.",
    "Reporting by the {place} bureau; editing by the world desk. Send corrections and tips to our "
    "newsroom, which reviews every message it receives within one working day.",
    "Our coverage is independent and free to read. Subscribe to the morning briefing to receive the "
    "day's most important stories in your inbox before breakfast.",
]
LEADS = [
    "{PLACE} ({outlet}) -",
    "Updated {day} {n}:{n2} GMT.",
    "{outlet} staff report from {place}.",
]
OUTLETS = _split("Wirewatch|Daily Meridian|Northline News|Civic Post|Harbour Times|Signal Desk", "|")

DUPLICATE_EDITS = ("headline_footer", "words5", "sentences2", "cut70")
DISTINCT_EDITS = ("rewrite30", "rewrite30_words")
EDIT_DESCRIPTIONS = {
    "headline_footer": "new headline, a dateline line added, another outlet's footer",
    "words5": "5% of words replaced at random positions",
    "sentences2": "two sentences dropped (even k) or two new ones added (odd k)",
    "cut70": "cut to the first 70% of the words (at a sentence end), footer lost",
    "rewrite30": "sentences holding 30% of the words replaced by new ones on the same story (must NOT match)",
    "rewrite30_words": "30% of words replaced at random positions (must NOT match)",
    "same_topic": "a different story on the same topic, same outlet boilerplate (must NOT match)",
}


@dataclass
class Story:
    key: str
    topic: str
    headline: str
    sentences: list[str]
    footer: str
    cast: dict = field(repr=False, default_factory=dict)

    @property
    def body(self) -> str:
        paras = [" ".join(self.sentences[i : i + 4]) for i in range(0, len(self.sentences), 4)]
        if self.footer:
            paras.append(self.footer)
        return "\n\n".join(paras)

    @property
    def text(self) -> str:
        """What the benchmarks compare: headline and body, as in an articleBody that repeats it."""
        return self.headline + "\n\n" + self.body


class Corpus:
    """Deterministic generator: the same ``seed`` gives the same stories and variants."""

    def __init__(self, seed: int = 7, sentences: int = 34) -> None:
        self.seed = seed
        self.n_sentences = sentences

    def _rng(self, *parts) -> random.Random:
        return random.Random("|".join(map(str, (self.seed, *parts))))

    def _cast(self, rng: random.Random, topic: str) -> dict:
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
        return {
            "people": people,
            "places": rng.sample(PLACES, 3),
            "orgs": [f"{rng.choice(ORG_HEADS)} {rng.choice(ORG_TAILS)}" for _ in range(2)],
            "topic": TOPICS[topic],
            "outlet": rng.choice(OUTLETS),
        }

    def _fill(self, rng: random.Random, frame: str, cast: dict) -> str:
        t = cast["topic"]
        person = rng.choice(cast["people"])
        values = {
            "person_last": person.split()[1],
            "place": rng.choice(cast["places"]) if rng.random() < 0.8 else rng.choice(PLACES),
            "org": rng.choice(cast["orgs"]),
            "role": rng.choice(ROLES),
            "day": rng.choice(DAYS),
            "month": rng.choice(MONTHS),
            "noun": rng.choice(t["nouns"]),
            "noun2": rng.choice(t["nouns"]),
            "verb": rng.choice(t["verbs"]),
            "verb_base": rng.choice(VERB_BASE),
            "adj": rng.choice(t["adjs"]),
            "n": str(rng.randint(2, 980)),
            "n2": str(rng.randint(2, 99)),
            "ordinal": rng.choice(ORDINALS),
            "month_or_year": rng.choice(("month", "year", "week")),
            "outlet": cast["outlet"],
            "year": str(rng.randint(1990, 2023)),
            "year2": str(rng.randint(2024, 2026)),
        }
        values["event"] = rng.choice(t["events"]).replace("{n}", str(rng.randint(2, 60)))
        values["Event"] = values["event"][0].upper() + values["event"][1:]
        values["Person"] = person
        values["PLACE"] = values["place"].upper()
        if "{clause" in frame:
            values["clause"] = self._fill(rng, rng.choice(CLAUSES), cast)
            values["clause2"] = self._fill(rng, rng.choice(CLAUSES), cast)
        return frame.format(**values).replace("_", " ")

    def sentence(self, rng: random.Random, cast: dict) -> str:
        return self._fill(rng, rng.choice(FRAMES), cast)

    def story(self, topic: str, index: int) -> Story:
        rng = self._rng("story", topic, index)
        cast = self._cast(rng, topic)
        sentences = [self.sentence(rng, cast) for _ in range(self.n_sentences)]
        headline = self._headline(rng, cast)
        footer = self._fill(rng, FOOTERS[sorted(TOPICS).index(topic) % len(FOOTERS)], cast)
        return Story(f"https://news.example/{topic}/{index}", topic, headline, sentences, footer, cast)

    def _headline(self, rng: random.Random, cast: dict) -> str:
        t = cast["topic"]
        return (
            f"{rng.choice(cast['people'])} says {rng.choice(t['adjs'])} {rng.choice(t['nouns'])} "
            f"{rng.choice(t['verbs'])} in {rng.choice(cast['places'])}"
        )

    def variant(self, story: Story, edit: str, k: int = 0) -> Story:
        """A copy of ``story`` with edit ``edit`` (see :data:`EDIT_DESCRIPTIONS`); ``k`` varies it."""
        rng = self._rng("variant", story.key, edit, k)
        cast = story.cast
        sentences = list(story.sentences)
        headline, footer = story.headline, story.footer
        key = f"{story.key}#{edit}{k}"
        if edit == "headline_footer":
            headline = self._headline(rng, cast)
            sentences.insert(0, self._fill(rng, rng.choice(LEADS), cast))
            footer = self._fill(rng, rng.choice([f for f in FOOTERS if f != footer]), cast)
        elif edit in ("words5", "rewrite30_words"):
            share = 0.05 if edit == "words5" else 0.30
            sentences = self._replace_words(rng, sentences, share, cast)
        elif edit == "sentences2":
            if k % 2 == 0:
                for _ in range(2):
                    sentences.pop(rng.randrange(len(sentences)))
            else:
                for _ in range(2):
                    sentences.insert(rng.randrange(len(sentences) + 1), self.sentence(rng, cast))
        elif edit == "cut70":
            total = sum(len(s.split()) for s in sentences) + len(headline.split())
            kept, words = [], len(headline.split())
            for s in sentences:
                if words >= 0.7 * total:
                    break
                kept.append(s)
                words += len(s.split())
            sentences, footer = kept, ""
        elif edit == "rewrite30":
            # Replace whole sentences, in random order, until 30% of the body's words are new.
            total = sum(len(s.split()) for s in sentences)
            replaced = 0
            for i in rng.sample(range(len(sentences)), len(sentences)):
                if replaced >= 0.3 * total:
                    break
                replaced += len(sentences[i].split())
                sentences[i] = self.sentence(rng, cast)
        else:
            raise ValueError(f"unknown edit {edit!r}")
        return Story(key, story.topic, headline, sentences, footer, cast)

    def _replace_words(self, rng, sentences, share, cast):
        words = [s.split(" ") for s in sentences]
        positions = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]
        t = cast["topic"]
        bank = t["nouns"] + t["verbs"] + t["adjs"] + VERB_BASE + ROLES
        for i, j in rng.sample(positions, round(share * len(positions))):
            old = words[i][j]
            new = rng.choice(bank)
            while new.lower() == old.strip('.,"').lower():
                new = rng.choice(bank)
            words[i][j] = new + (old[-1] if old and old[-1] in '.,"' else "")
        return [" ".join(ws) for ws in words]


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0

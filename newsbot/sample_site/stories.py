"""Hand-written stories, authors and videos of the demo site.

Every text here was written for this project (fictional events, invented people). A story's
``key`` names it inside the demo; hard cases are picked by key in :mod:`newsbot.sample_site.demo`.
Wire copies (``copy_of`` set) have no paragraphs of their own: the demo builder derives them
from the original story.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Person


@dataclass(frozen=True)
class Story:
    """One hand-written story; ``published`` is Istanbul local time ``YYYY-MM-DD HH:MM``."""

    key: str
    section: str
    headline: str
    standfirst: str
    published: str
    paragraphs: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: tuple[str, str] | None = None
    source: str | None = None
    keywords: tuple[str, ...] = ()
    subheads: tuple[tuple[int, str], ...] = ()
    updated_minutes: int = 0
    legacy_id: str | None = None
    copy_of: str | None = None
    copy_kind: str | None = None


AUTHORS: dict[str, Person] = {
    p.slug: p
    for p in (
        Person("Leyla Arslan", "leyla.arslan", "Leyla Arslan covers Central Asia and the Caucasus."),
        Person("Daniel Mensah", "daniel.mensah", "Daniel Mensah writes about cities and climate."),
        Person("Sara Haddad", "sara.haddad", "Sara Haddad reports on humanitarian affairs."),
        Person("Kerem Aydın", "kerem.aydin", "Kerem Aydın is a business and technology reporter."),
        Person("Tom Whitfield", "tom.whitfield", "Tom Whitfield writes on diplomacy and security."),
        Person("Nadia Rahimi", "nadia.rahimi", "Nadia Rahimi is a food-security researcher."),
        Person("Barış Yalçın", "baris.yalcin", "Barış Yalçın reports from across Türkiye."),
        Person("Inès Moreau", "ines.moreau", "Inès Moreau writes about European politics."),
        Person("Yusuf Karimi", "yusuf.karimi", "Yusuf Karimi covers energy and markets."),
    )
}

#: Video pages linked from some articles: id -> title. They are not articles.
VIDEOS: dict[str, str] = {
    "7c1e0a9b44d2": "Inside a Bosphorus ferry refit",
    "a03f5d2e81c7": "How a desalination unit works",
    "20241187": "Pistachio harvest on the Harran Plain",
}

WIRE_PARAGRAPHS: tuple[str, ...] = (
    "Three Central Asian governments signed an agreement on Thursday to share the waters of the "
    "Amu Darya under a common set of seasonal quotas, ending almost two years of negotiations that "
    "had repeatedly stalled over summer allocations.",
    "Water ministers from Tajikistan, Turkmenistan and Uzbekistan put their names to the accord in "
    "the Turkmen city of Turkmenabat, on the river's middle course, after a final round of talks "
    "that ran late into Wednesday night.",
    "Under the deal, each country will receive a fixed share of the river's flow during the spring "
    "planting season, when demand from cotton and wheat farms is highest, and a variable share "
    "during the rest of the year that depends on the volume measured upstream.",
    "A joint commission with its own technical staff will operate a network of gauging stations "
    "along the river and publish flow readings every ten days, a step negotiators described as the "
    "core of the agreement.",
    "“For the first time, all of us will look at the same numbers at the same time,” one member "
    "of the Uzbek delegation told reporters after the ceremony. “Most of our past disputes started "
    "with two different measurements of the same river.”",
    "The Amu Darya rises in the Pamir mountains and once fed the Aral Sea, which shrank "
    "dramatically in the second half of the last century after large volumes were diverted for "
    "irrigation. Its water still supports farms, towns and wetlands used by several million people.",
    "Hydrologists have warned that glacier loss in the upper basin will make the river's flow less "
    "predictable over the coming decades, with larger spring floods followed by longer dry spells "
    "in late summer.",
    "The agreement includes a dispute panel of three independent engineers that any party can call "
    "on when a quota is exceeded for more than two consecutive measurement periods. Its findings "
    "will not be binding but must be discussed at ministerial level within a month.",
    "Environmental groups welcomed the monitoring provisions but said the deal set aside too little "
    "water for the river delta, where fishing communities have struggled for decades. A separate "
    "annex on the delta is expected to be negotiated next year.",
    "The accord still has to be ratified by the three national parliaments. Officials said they "
    "expected the joint commission to begin work before the start of the next irrigation season.",
)

STORIES: tuple[Story, ...] = (
    # --- wire story and its near-duplicate copies -------------------------------------------
    Story(
        key="wire_original",
        section="politics",
        headline="Central Asian states sign water-sharing pact for the Amu Darya basin",
        standfirst="The agreement sets seasonal quotas, a joint monitoring body and a dispute panel for "
        "a river that feeds millions of farms across the region.",
        published="2025-06-12 09:40",
        paragraphs=WIRE_PARAGRAPHS,
        authors=("leyla.arslan",),
        image=("Irrigation canals branch off the Amu Darya near Turkmenabat", "AA"),
        source="AA",
        keywords=("Amu Darya", "Central Asia", "Water"),
        subheads=((5, "A shrinking river"),),
        updated_minutes=95,
    ),
    Story(
        key="wire_new_headline",
        section="politics",
        headline="Tajikistan, Turkmenistan and Uzbekistan agree seasonal quotas for shared river",
        standfirst="Ministers meeting in Turkmenabat set up a joint commission to measure the Amu "
        "Darya's flow and settle disputes over irrigation water.",
        published="2025-06-12 11:05",
        image=("Water ministers after the signing ceremony in Turkmenabat", "Reuters"),
        source="Reuters",
        keywords=("Amu Darya", "Tajikistan", "Uzbekistan"),
        copy_of="wire_original",
        copy_kind="new_headline",
    ),
    Story(
        key="wire_trimmed",
        section="politics",
        headline="Amu Darya water deal signed after two years of talks",
        standfirst="The three-country accord introduces seasonal quotas and shared flow measurements.",
        published="2025-06-12 13:30",
        image=("A pumping station on the Amu Darya", "Others"),
        source="AA",
        keywords=("Amu Darya", "Water"),
        copy_of="wire_original",
        copy_kind="trimmed",
    ),
    Story(
        key="wire_edited",
        section="politics",
        headline="Central Asian neighbours sign Amu Darya water-sharing agreement",
        standfirst="A new accord divides the river's spring flow and creates a commission to publish "
        "readings every ten days.",
        published="2025-06-13 08:15",
        authors=("leyla.arslan",),
        image=("Farmland irrigated by the Amu Darya in Uzbekistan", "AA"),
        source="TRT World and Agencies",
        keywords=("Amu Darya", "Central Asia"),
        copy_of="wire_original",
        copy_kind="edited",
    ),
    Story(
        key="same_topic",
        section="features",
        headline="Downstream of the deal: what the Amu Darya accord means for delta farmers",
        standfirst="In Karakalpakstan, where the river ends in salt flats, growers ask whether new "
        "quotas will leave anything for the last fields on the map.",
        published="2025-06-20 10:00",
        paragraphs=(
            "Bakhtiyor Sadikov measures the season by the colour of his canal. When it runs brown, "
            "upstream reservoirs are releasing water and his melons will grow. When it turns clear "
            "and shallow, he starts counting the days until the pumps fall silent.",
            "His farm lies near Nukus, close to where the Amu Darya loses itself in reed beds and "
            "salt pans. For families here, last week's water agreement between Tajikistan, "
            "Turkmenistan and Uzbekistan is less a diplomatic milestone than a question about July.",
            "“A quota written in the capital is measured at a station far away,” Sadikov said, "
            "pointing to a concrete gauge his neighbours repainted themselves. “By the time the "
            "water reaches us, the farms in between have already taken their turn.”",
            "Agronomists in the region say the accord's ten-day flow reports could help delta "
            "growers plan which crops to sow, switching to drought-tolerant sorghum in years when "
            "the upstream snowpack is thin. Until now, most relied on rumours from relatives.",
            "The deal leaves the delta's own allocation to an annex still under negotiation. "
            "Ecologists want a guaranteed minimum flow to keep the wetlands from drying out, which "
            "would protect both the reed harvest and the few fish ponds that survived the Aral "
            "Sea's retreat.",
            "For now, Sadikov has lined a second reservoir pit with plastic sheeting. “If the "
            "numbers are honest, we can live with less,” he said. “What we cannot live with is "
            "not knowing.”",
        ),
        authors=("daniel.mensah",),
        image=("A farmer checks an irrigation gate near Nukus", "Others"),
        keywords=("Karakalpakstan", "Amu Darya", "Agriculture"),
    ),
    # --- World ----------------------------------------------------------------------------
    Story(
        key="no_author",
        section="politics",
        headline="UN food agency warns of funding gap for refugee camps in East Africa",
        standfirst="The agency says it may have to cut rations for hundreds of thousands of people "
        "unless new pledges arrive before the lean season.",
        published="2025-02-18 14:20",
        paragraphs=(
            "The United Nations food agency said on Tuesday it faced a shortfall of several hundred "
            "million dollars for its operations in East African refugee camps and warned that "
            "rations could be reduced within weeks.",
            "Camps in the region host people who fled conflict and drought, many of them for more "
            "than a decade. Most depend almost entirely on monthly food distributions and cash "
            "transfers for basic needs.",
            "“We are being forced to choose between feeding fewer people or giving everyone less,” "
            "a regional spokesperson said at a briefing in Nairobi. “Neither choice is acceptable "
            "for families who have no other source of food.”",
            "Aid workers said malnutrition screening in several camps had already found rising "
            "numbers of underweight children, particularly among recent arrivals.",
            "The agency called on donor governments to release funds pledged at a conference last "
            "year and urged host countries to allow refugees wider access to work and farmland.",
        ),
        image=("Families queue at a food distribution point in a refugee camp", "AA"),
        source="AA",
        keywords=("Refugees", "East Africa", "Food security"),
        updated_minutes=40,
    ),
    Story(
        key="multi_author",
        section="politics",
        headline="EU and Gulf states open talks on hydrogen shipping corridor",
        standfirst="Negotiators will work on common certification rules so that fuel produced in the "
        "Gulf can be sold in European ports.",
        published="2025-09-03 16:45",
        paragraphs=(
            "The European Union and a group of Gulf states began formal talks on Wednesday on a "
            "shipping corridor for hydrogen and ammonia, aiming to agree on how low-carbon fuels "
            "are certified, transported and taxed.",
            "Officials on both sides said the first round would concentrate on certification, the "
            "paperwork that proves how a cargo of hydrogen was produced. Without shared rules, "
            "importers risk paying for fuel that does not count towards European climate targets.",
            "Several Gulf producers are building large solar-powered electrolysis plants and want "
            "long-term buyers before committing to export terminals. European ports, meanwhile, are "
            "investing in storage tanks and pipelines that need steady supplies to pay off.",
            "“The technology is ready faster than the rulebook,” said a European trade official "
            "involved in the talks. “This negotiation is about the rulebook.”",
            "Industry analysts cautioned that shipping hydrogen over long distances remains "
            "expensive and that much of it would probably travel as ammonia, which is easier to "
            "handle but must be converted back at the destination.",
            "The next round of talks is planned for the end of the year in Muscat.",
        ),
        authors=("tom.whitfield", "yusuf.karimi"),
        image=("An ammonia tanker moored at a Gulf terminal", "Reuters"),
        source="TRT World and Agencies",
        keywords=("Hydrogen", "European Union", "Gulf", "Energy"),
        updated_minutes=120,
    ),
    Story(
        key="legacy_id",
        section="politics",
        headline="Balkan transport ministers back plan to restore cross-border passenger trains",
        standfirst="A feasibility study will look at reopening routes that have carried only freight "
        "for more than a decade.",
        published="2024-03-21 11:30",
        paragraphs=(
            "Transport ministers from six Western Balkan countries agreed on Thursday to commission "
            "a joint study on restoring passenger services on several cross-border rail lines that "
            "now carry only freight.",
            "The lines, many of them built more than a century ago, lost their passenger trains as "
            "rolling stock aged and travellers switched to buses and cars. Some stations along the "
            "routes have been closed for years.",
            "Ministers said the study would estimate the cost of new signalling, platform repairs "
            "and border procedures that would let trains cross without long stops.",
            "Rail campaigners welcomed the decision but noted that similar plans had been announced "
            "before. “A study is a start,” said one member of a regional passengers' association. "
            "“A timetable would be better.”",
            "The results are expected within eighteen months.",
        ),
        authors=("ines.moreau",),
        image=("A freight train crosses a bridge in the Western Balkans", "Others"),
        source="AA",
        keywords=("Balkans", "Railways", "Transport"),
        legacy_id="18734502",
    ),
    Story(
        key="head_only",
        section="politics",
        headline="Mongolia's parliament approves new royalty rules for copper and coal miners",
        standfirst="The law links royalty rates to world prices and sets aside part of the revenue "
        "for herding communities near the mines.",
        published="2025-04-09 13:10",
        paragraphs=(
            "Mongolia's parliament passed a law on Wednesday that ties mining royalties to "
            "international commodity prices, raising payments when copper and coal prices are high "
            "and lowering them in a downturn.",
            "Supporters said the sliding scale would give mining companies more predictable costs "
            "while ensuring the state shared in windfall years. Critics argued that the thresholds "
            "were set too generously.",
            "A portion of the royalties will flow into local development funds in provinces where "
            "mines operate. Herders in those areas have long complained about dust, water use and "
            "damage to grazing land.",
            "“People who live next to the pits should see roads, clinics and wells,” a lawmaker "
            "from one of the southern provinces said during the debate.",
            "The law takes effect at the start of next year.",
        ),
        authors=("leyla.arslan",),
        image=("Trucks carry ore at an open-pit mine in the Gobi", "AFP"),
        source="Reuters",
        keywords=("Mongolia", "Mining", "Copper"),
        updated_minutes=30,
    ),
    Story(
        key="pakistan_rains",
        section="politics",
        headline="Relief teams reach villages cut off by heavy rain in northern Pakistan",
        standfirst="Landslides blocked mountain roads for four days, leaving communities without "
        "power or fresh supplies.",
        published="2025-08-02 19:25",
        paragraphs=(
            "Relief teams reached several villages in northern Pakistan on Saturday after landslides "
            "triggered by days of heavy rain blocked the only roads into the valleys.",
            "Local officials said helicopters had dropped food and medicine while road crews used "
            "excavators to clear rock and mud from the highway.",
            "Residents said they had rationed flour and fuel while waiting for help. Mobile phone "
            "networks were restored only on Friday evening.",
            "The meteorological department forecast more rain in the coming week and advised "
            "travellers to avoid mountain routes.",
        ),
        image=("Workers clear a landslide from a mountain highway", "AA"),
        source="AA",
        keywords=("Pakistan", "Monsoon", "Floods"),
    ),
    # --- Türkiye ----------------------------------------------------------------------------
    Story(
        key="non_utf8",
        section="turkiye",
        headline="Şanlıurfa farmers switch to drip irrigation as pistachio harvest begins",
        standfirst="Growers on the Harran Plain say new pipes use less water from the Atatürk Dam "
        "canals and cut pumping bills.",
        published="2025-08-27 10:05",
        paragraphs=(
            "Farmers across Şanlıurfa province began the pistachio harvest this week, and many of "
            "them are doing it among rows of black plastic pipe that were not there two years ago.",
            "Drip irrigation has spread quickly on the Harran Plain, where water from the Atatürk "
            "Dam arrives through a long network of canals. Growers say the pipes deliver water "
            "straight to the roots and reduce the salt that builds up in flooded fields.",
            "“We used to open the gate and let the field drink all night,” said Ayşe Yıldırım, who "
            "farms with her brothers near Harran. “Now we water for two hours and the trees look "
            "better than before.”",
            "Agricultural engineers from Gaziantep and Diyarbakır have been running training days "
            "in village halls, and the provincial directorate says support payments cover a large "
            "part of the installation cost.",
            "İbrahim Doğan, who sells equipment in Siverek, said demand had doubled since spring. "
            "“Everyone is asking for the same filters,” he said. “Next year it will be the cotton "
            "growers' turn.”",
        ),
        authors=("baris.yalcin",),
        image=("Pistachio clusters ready for harvest near Şanlıurfa", "AA"),
        source="AA",
        keywords=("Şanlıurfa", "Agriculture", "Irrigation"),
        updated_minutes=25,
    ),
    Story(
        key="redirect",
        section="turkiye",
        headline="Istanbul ferry operator adds electric vessels to Bosphorus routes",
        standfirst="The first of the new boats entered service on the Kadıköy–Karaköy line, with "
        "more due by the end of the year.",
        published="2024-05-14 08:50",
        paragraphs=(
            "Istanbul's municipal ferry operator put its first battery-powered passenger vessel "
            "into regular service on Tuesday, on one of the busiest crossings between the city's "
            "Asian and European shores.",
            "The ferry charges at the pier during short stops and can make several round trips "
            "before a longer overnight charge. Two more vessels of the same design are being "
            "fitted out at a shipyard in Tuzla.",
            "Commuters on the morning crossing noticed the quiet first. “You can hear the seagulls "
            "over the engine now,” said one passenger, a teacher who crosses the Bosphorus twice a "
            "day.",
            "The operator said it planned to convert older diesel ferries gradually, starting with "
            "the short routes where charging fits into the timetable.",
            "Officials did not give a total cost for the programme but said part of it was "
            "financed by a green loan from an international development bank.",
        ),
        authors=("baris.yalcin",),
        image=("The new electric ferry approaches the pier in Karaköy", "AA"),
        source="AA",
        keywords=("Istanbul", "Ferries", "Transport", "Electric vessels"),
        legacy_id="19042217",
    ),
    Story(
        key="flight_split",
        section="turkiye",
        headline="Türkiye begins earthquake-resilience survey of school buildings",
        standfirst="Engineering teams will inspect older schools in high-risk provinces first and "
        "publish a priority list for retrofitting.",
        published="2025-10-06 12:00",
        paragraphs=(
            "Engineering teams began a nationwide survey of school buildings on Monday to assess how "
            "they would withstand a strong earthquake, starting with provinces along the country's "
            "most active fault lines.",
            "The education ministry said buildings constructed before the current seismic code "
            "would be inspected first. Each school will receive a score based on core samples, "
            "structural drawings and a visual inspection.",
            "Schools with the lowest scores will be placed on a retrofitting list, and pupils may "
            "be moved to nearby buildings while work is carried out.",
            "Parents' associations welcomed the survey but asked for the results to be published "
            "school by school. Officials said a summary would be released at the end of each phase.",
            "Civil engineers said the survey was an opportunity to train local inspectors and to "
            "build a national database of public buildings that could be reused after future "
            "disasters.",
            "The first phase is expected to take six months.",
        ),
        authors=("baris.yalcin",),
        image=("An engineer takes a concrete core sample at a school in Hatay", "AA"),
        source="AA",
        keywords=("Earthquakes", "Schools", "Türkiye"),
        subheads=((4, "A national database"),),
        updated_minutes=60,
    ),
    Story(
        key="no_source",
        section="turkiye",
        headline="Cappadocia balloon flights resume after three days of strong winds",
        standfirst="Dozens of balloons lifted off at dawn as operators cleared a backlog of bookings.",
        published="2025-04-22 07:35",
        paragraphs=(
            "Hot-air balloons returned to the skies over Cappadocia on Tuesday morning after strong "
            "winds had grounded flights for three consecutive days.",
            "Operators said they were working through a backlog of bookings and had added extra "
            "early-morning slots where weather allowed.",
            "Flights are cleared each day by aviation authorities based on wind speed and "
            "visibility, and are regularly cancelled in spring when weather fronts cross central "
            "Anatolia.",
            "Hotel owners in Göreme said most visitors had extended their stays rather than leave without a flight.",
        ),
        image=("Balloons drift over the valleys near Göreme at sunrise", "AA"),
        keywords=("Cappadocia", "Tourism"),
    ),
    Story(
        key="url_forms",
        section="turkiye",
        headline="Ankara–Sivas high-speed line carries record passengers over holiday",
        standfirst="Extra services were added as families travelled east for the long weekend.",
        published="2025-06-10 18:15",
        paragraphs=(
            "The high-speed rail line between Ankara and Sivas carried a record number of passengers "
            "over the holiday weekend, the state railway operator said on Tuesday.",
            "Additional trains were scheduled on the route as families travelled to visit "
            "relatives, and tickets for the most popular departures sold out days in advance.",
            "Travel time between the two cities has fallen to around two hours since the line "
            "opened, compared with much longer journeys by road.",
            "Officials said they would review the timetable before the next holiday and consider "
            "longer trains on peak days.",
        ),
        authors=("baris.yalcin",),
        image=("A high-speed train at the station in Sivas", "AA"),
        source="AA",
        keywords=("Railways", "Ankara", "Sivas"),
    ),
    Story(
        key="no_related",
        section="turkiye",
        headline="Black Sea anchovy season opens with tighter catch limits",
        standfirst="Fishing boats set out from Trabzon and Samsun under new rules on net size and daily quotas.",
        published="2025-09-01 06:30",
        paragraphs=(
            "Fishing boats left ports along Türkiye's Black Sea coast at midnight as the anchovy "
            "season opened under stricter limits on catch size and net mesh.",
            "The fisheries ministry said the rules aimed to protect younger fish after several "
            "years in which catches fell short of expectations.",
            "Fishermen in Trabzon said prices at the harbour were high on the first morning but "
            "were likely to fall as more boats returned with full holds.",
            "Inspectors will check landings at the main ports and can impose fines for undersized fish.",
            "The season runs until spring, with a break planned if stocks fall below agreed levels.",
        ),
        authors=("kerem.aydin",),
        image=("Crates of anchovies on the quay in Trabzon", "AA"),
        source="AA",
        keywords=("Black Sea", "Fishing", "Anchovy"),
    ),
    Story(
        key="antakya_bazaar",
        section="features",
        headline="In Antakya, traders rebuild the old bazaar stall by stall",
        standfirst="Shopkeepers who lost their premises are returning to a market district where "
        "reconstruction follows the old street plan.",
        published="2025-11-14 09:00",
        paragraphs=(
            "The smell of roasting coffee has returned to one corner of Antakya's old bazaar, "
            "even if the walls around it are still wrapped in scaffolding.",
            "Mehmet Kılınç reopened his family's spice shop in a prefabricated unit last spring, "
            "a few metres from where the original stone building stood. “My customers found me by "
            "the smell before the sign went up,” he said.",
            "Reconstruction of the market district follows the old street plan, with narrow lanes "
            "and arched entrances rebuilt using a mix of salvaged stone and new materials designed "
            "to meet modern seismic standards.",
            "Architects working on the project have catalogued carved lintels and door frames "
            "recovered from the rubble, numbering each piece so it can be returned to a façade.",
            "Not every trader is back. Some moved to other cities and have not decided whether to "
            "return, and rents in the rebuilt units are still being negotiated.",
            "For those who have reopened, business comes in waves: a busy Saturday, a quiet "
            "Tuesday. “It is not the bazaar we had,” said a jeweller two lanes away. “But it is "
            "becoming a bazaar again.”",
        ),
        authors=("sara.haddad",),
        image=("A spice seller arranges sacks in Antakya's rebuilt market", "TRT World"),
        keywords=("Antakya", "Hatay", "Reconstruction"),
        subheads=((3, "Stones with numbers"),),
        legacy_id="19877310",
    ),
    # --- War on Gaza --------------------------------------------------------------------------
    Story(
        key="flight_data",
        section="war-on-gaza",
        headline="Aid trucks wait for days at Gaza crossings as inspections slow",
        standfirst="Humanitarian agencies say long queues and rejected items are delaying food, "
        "fuel and medical supplies.",
        published="2025-01-15 15:40",
        paragraphs=(
            "Hundreds of aid trucks were waiting at crossing points into Gaza on Wednesday, "
            "according to humanitarian agencies, which said slow inspections and rejected cargo "
            "were delaying food and medical supplies.",
            "Drivers described spending several nights in their cabs near the crossings, with some "
            "loads sent back because a single item was refused.",
            "“A truck can carry flour, tents and water filters, and one part on the list can turn "
            "the whole truck around,” a logistics coordinator for an aid group said.",
            "Agencies called for more crossings to open and for inspection rules to be published "
            "so that suppliers could prepare loads in advance. The UN agency for Palestinian "
            "refugees [posted updated figures](https://twitter.com/UNRWA) on the number of trucks "
            "that entered each day.",
            "Inside Gaza, distribution points reported long queues and shortages of cooking gas as "
            "winter temperatures fell.",
        ),
        authors=("sara.haddad",),
        image=("Aid trucks queue on the road to a crossing point", "AA"),
        source="AA",
        keywords=("Gaza", "Humanitarian aid", "Crossings"),
        updated_minutes=75,
    ),
    Story(
        key="broken",
        section="war-on-gaza",
        headline="Families return to damaged homes in Khan Younis to salvage belongings",
        standfirst="Residents pick through rubble for documents, blankets and cooking pots as "
        "winter sets in across southern Gaza.",
        published="2025-02-03 12:25",
        paragraphs=(
            "Families walked back into neighbourhoods of Khan Younis on Monday to search the ruins "
            "of their homes for anything that could still be used.",
            "Many carried empty sacks and returned with blankets, documents and kitchen pots. Others "
            "found only the outline of rooms they had lived in for decades.",
            "“We came for my father's papers and the children's winter clothes,” said one mother "
            "of four. “We found the clothes.”",
            "Aid groups said demand for tents and plastic sheeting had risen sharply as families "
            "tried to set up shelters close to their former homes.",
        ),
        authors=("sara.haddad",),
        image=("A family carries salvaged belongings through a street in Khan Younis", "AA"),
        source="AA",
        keywords=("Gaza", "Khan Younis", "Shelter"),
    ),
    Story(
        key="desalination",
        section="war-on-gaza",
        headline="Engineers restore small desalination unit serving central Gaza shelters",
        standfirst="The unit can supply drinking water to several thousand people a day if fuel deliveries continue.",
        published="2025-03-11 10:50",
        paragraphs=(
            "Engineers working with a humanitarian organisation brought a small desalination unit "
            "back into operation in central Gaza this week after repairing damaged pipes and "
            "replacing filters.",
            "The unit treats brackish groundwater and can produce enough drinking water for several "
            "thousand people each day, the organisation said, provided its generators receive "
            "fuel.",
            "Water is distributed by tanker to shelters in schools and public buildings, where "
            "families queue with plastic containers.",
            "Public health workers warned that reliance on untreated wells had increased cases of "
            "diarrhoea among children and said clean water was the most urgent need after food.",
            "The engineers said spare parts remained the main obstacle, as membranes and pumps "
            "must be brought in from outside.",
        ),
        authors=("sara.haddad",),
        image=("Children fill containers from a water tanker in Deir al-Balah", "AA"),
        source="TRT World and Agencies",
        keywords=("Gaza", "Water", "Humanitarian aid"),
        subheads=((3, "Spare parts"),),
    ),
    Story(
        key="gaza_fishermen",
        section="war-on-gaza",
        headline="Gaza's fishermen mend nets on the shore as sea access stays restricted",
        standfirst="Boats that once supplied the city's markets sit on the sand while families look for other work.",
        published="2025-05-07 09:30",
        paragraphs=(
            "On the beach west of Gaza City, a row of wooden boats lies on its side, hulls patched "
            "with sheets of tin. Their owners sit nearby in the shade, mending nets they cannot "
            "use.",
            "Fishing was once one of the main sources of fresh protein in Gaza. Today most boats "
            "stay on the shore, and the few that go out stay close to the beach.",
            "“My grandfather fished, my father fished, I fish,” said a 52-year-old boat owner. "
            "“Now I repair nets for men who also cannot fish.”",
            "Some fishermen have turned to selling firewood or working at aid distribution points. "
            "Others salvage engine parts from damaged boats to keep a few vessels ready.",
            "The fishermen's union said it was keeping a register of boats and equipment so that "
            "the fleet could be rebuilt when conditions allow.",
        ),
        authors=("sara.haddad",),
        image=("Fishermen repair nets beside beached boats in Gaza City", "AA"),
        source="AA",
        keywords=("Gaza", "Fishing"),
    ),
    Story(
        key="gaza_clinics",
        section="war-on-gaza",
        headline="Doctors in Gaza describe shortages of anaesthetics and antibiotics",
        standfirst="Medical staff say they are rationing basic supplies and delaying non-urgent operations.",
        published="2025-07-21 17:05",
        paragraphs=(
            "Doctors working in hospitals and field clinics in Gaza said on Monday that stocks of "
            "anaesthetics, antibiotics and dressings were running low, forcing them to ration "
            "supplies and postpone operations.",
            "A surgeon at a hospital in the centre of the territory said his team prioritised "
            "patients with the most serious injuries and sent others home with painkillers.",
            "Health officials said several shipments of medical supplies were waiting outside "
            "the territory and urged faster clearance.",
            "International medical organisations said they were trying to bring in portable "
            "sterilisation equipment and generators to keep operating theatres running.",
        ),
        authors=("sara.haddad",),
        image=("Medical staff at a field clinic in central Gaza", "AA"),
        source="AA",
        keywords=("Gaza", "Health", "Hospitals"),
        updated_minutes=50,
    ),
    # --- BizTech ------------------------------------------------------------------------------
    Story(
        key="lira_rates",
        section="biztech",
        headline="Turkish lira steadies after central bank holds policy rate",
        standfirst="Markets had expected the pause, which the bank linked to a slower fall in services inflation.",
        published="2025-10-23 14:35",
        paragraphs=(
            "The Turkish lira traded in a narrow range on Thursday after the central bank left its "
            "main policy rate unchanged, a decision most economists had anticipated.",
            "In its statement, the bank said goods inflation had eased but prices for services, "
            "including rents, were falling more slowly than expected.",
            "Analysts said the decision signalled that further cuts would depend on monthly price "
            "data, and that the bank wanted to avoid renewed pressure on the currency.",
            "Bank shares rose slightly in Istanbul, while government bond yields were little changed.",
            "The next rate decision is due in December.",
        ),
        authors=("kerem.aydin",),
        image=("The central bank headquarters in Ankara", "AA"),
        source="AA",
        keywords=("Turkish lira", "Central bank", "Inflation"),
    ),
    Story(
        key="no_image",
        section="biztech",
        headline="Ankara chip-design startup raises funding to expand testing lab",
        standfirst="The company designs power-management chips for electric vehicles and plans to "
        "double its engineering team.",
        published="2025-03-27 11:15",
        paragraphs=(
            "An Ankara-based semiconductor design company said on Thursday it had raised new "
            "funding from a group of local and Gulf investors to expand its testing laboratory.",
            "The company designs power-management chips used in electric vehicle chargers and "
            "industrial motors, and has its chips manufactured by foundries in Asia.",
            "Its chief executive said the money would pay for new test benches and allow the firm "
            "to double its engineering staff, mostly by hiring graduates from Turkish technical "
            "universities.",
            "Industry groups have pushed for more chip-design work in Türkiye, arguing that design "
            "requires less capital than manufacturing and can build on the country's engineering "
            "schools.",
        ),
        authors=("kerem.aydin",),
        source="AA",
        keywords=("Semiconductors", "Startups", "Ankara"),
    ),
    Story(
        key="dead_link",
        section="biztech",
        headline="Bursa battery plant begins trial production for electric buses",
        standfirst="The plant will assemble battery packs from imported cells before moving to local cell production.",
        published="2025-05-29 13:45",
        paragraphs=(
            "A battery factory in Bursa began trial production on Thursday, assembling packs for "
            "electric buses made by domestic manufacturers.",
            "The company said the first phase would use imported cells, with plans to produce "
            "cells locally once a second production hall is completed.",
            "Bursa's automotive suppliers have been adapting to electric vehicles, with several "
            "firms shifting from exhaust systems and gearboxes to cables, cooling and battery "
            "housings.",
            "The plant expects to employ several hundred people at full capacity, many of them trained "
            "at a vocational school that opened beside the site last year.",
        ),
        authors=("yusuf.karimi",),
        image=("Workers inspect battery modules on the assembly line in Bursa", "AA"),
        source="AA",
        keywords=("Batteries", "Electric vehicles", "Bursa"),
    ),
    Story(
        key="off_site",
        section="biztech",
        headline="Container lines extend Cape routing as insurers keep war-risk premiums high",
        standfirst="Longer voyages around Africa are adding days to delivery times between Asia and Europe.",
        published="2025-02-26 09:55",
        paragraphs=(
            "Major container shipping lines said this week they would keep routing vessels around "
            "the Cape of Good Hope for at least another quarter, as insurers maintained high "
            "war-risk premiums for ships passing through the Red Sea.",
            "The longer route adds between ten and fourteen days to voyages between Asia and "
            "northern Europe and requires more ships to keep weekly schedules.",
            "Freight forwarders said customers were adjusting by ordering earlier and holding more "
            "stock, which has pushed up warehouse demand in European ports. Anadolu Agency "
            "[reported](https://www.aa.com.tr/en/economy/container-lines-extend-cape-routing/3456789) "
            "similar adjustments by Turkish exporters.",
            "Ports in the Mediterranean have seen mixed effects, with some transshipment hubs "
            "losing calls while others gained business from feeder services.",
            "Analysts said rates would likely stay elevated until insurers see a sustained fall in incidents.",
        ),
        authors=("yusuf.karimi",),
        image=("A container ship rounds the Cape of Good Hope", "Reuters"),
        source="Reuters",
        keywords=("Shipping", "Red Sea", "Trade"),
    ),
    Story(
        key="jsonld",
        section="biztech",
        headline="EU rules for general-purpose AI models take effect",
        standfirst="Developers of large models must now publish summaries of training data and "
        "document how they test for risks.",
        published="2025-08-04 10:20",
        paragraphs=(
            "New European Union obligations for developers of general-purpose artificial "
            "intelligence models came into force this month, requiring them to document how their "
            "systems are trained and tested.",
            "Companies must publish a summary of the content used to train their models and keep "
            "technical documentation available for regulators.",
            "Developers of the largest models, which the rules treat as posing systemic risk, face "
            "extra duties including incident reporting and cybersecurity measures.",
            "Industry groups said the guidance arrived late and that smaller developers would "
            "struggle with the paperwork. Consumer organisations said the rules did not go far "
            "enough.",
            "A voluntary code of practice is meant to help companies show compliance while "
            "technical standards are finalised.",
            "Turkish software companies that sell into the EU market said they were reviewing "
            "contracts with model providers to understand which obligations fall on them.",
        ),
        authors=("kerem.aydin",),
        image=("Delegates at a technology conference in Brussels", "AFP"),
        source="TRT World and Agencies",
        keywords=("Artificial intelligence", "European Union", "Regulation"),
        updated_minutes=180,
    ),
    Story(
        key="rural_broadband",
        section="biztech",
        headline="Satellite operator to connect rural schools in eastern Anatolia",
        standfirst="Hundreds of village schools will receive terminals under a pilot programme.",
        published="2025-12-02 15:00",
        paragraphs=(
            "A Turkish satellite operator signed an agreement on Tuesday to provide broadband to "
            "village schools in eastern Anatolia where fibre and mobile networks do not reach.",
            "Under the pilot programme, schools will receive terminals and a fixed monthly data "
            "allowance, with teachers trained to maintain the equipment.",
            "Education officials said the connections would allow pupils to join remote classes "
            "and sit online exams without travelling to district centres in winter.",
            "The operator said it would use capacity on its newest satellite and expand the "
            "programme if the pilot succeeded.",
        ),
        authors=("kerem.aydin",),
        image=("A satellite dish on the roof of a village school near Kars", "AA"),
        source="AA",
        keywords=("Satellites", "Education", "Broadband"),
    ),
    # --- Features -----------------------------------------------------------------------------
    Story(
        key="coppersmiths",
        section="features",
        headline="The last coppersmiths of Gaziantep keep an old trade hammering",
        standfirst="In a covered market, a handful of workshops still shape trays and pots by hand.",
        published="2024-10-18 10:30",
        paragraphs=(
            "The sound reaches the street before the workshop does: a steady, uneven ringing of "
            "hammers on copper, like rain on a tin roof.",
            "Inside, Hasan Usta turns a tray on a steel anvil, tapping a pattern of tiny dimples "
            "that catch the light. He learned the trade from his uncle at the age of eleven.",
            "“Machines can press a tray in a second,” he said. “But a pressed tray sounds dead when "
            "you knock on it. Listen to this one.”",
            "Gaziantep's coppersmiths once supplied kitchens across the region with pots, jugs and "
            "trays. Today most of their customers are tourists and restaurants that want "
            "something handmade.",
            "Only a few apprentices remain. Young people prefer jobs in the city's factories, which "
            "pay more and do not leave burns on the hands.",
            "Local craft associations have started short courses, and some workshops sell online. "
            "Hasan Usta is unconvinced. “You cannot learn copper from a screen,” he said, and went "
            "back to his hammer.",
        ),
        authors=("baris.yalcin",),
        image=("A coppersmith shapes a tray in a Gaziantep workshop", "TRT World"),
        keywords=("Gaziantep", "Crafts", "Copper"),
    ),
    Story(
        key="street_cats",
        section="features",
        headline="How Istanbul's street cats became a shared civic responsibility",
        standfirst="Neighbourhood feeding stations, volunteer vets and municipal clinics keep a "
        "famous population fed and vaccinated.",
        published="2025-01-29 11:45",
        paragraphs=(
            "Every evening at seven, a retired accountant named Nur fills six bowls outside a "
            "bakery in Cihangir. Within minutes, the cats arrive from doorways and parked cars.",
            "Istanbul's street cats are among the city's best-known residents, and caring for them "
            "has become an informal neighbourhood duty shared by shopkeepers, students and "
            "pensioners.",
            "Municipal clinics offer free neutering and vaccinations, and several districts have "
            "installed small wooden shelters that fill up during winter storms.",
            "Volunteers coordinate through messaging groups, posting photographs of injured animals "
            "and arranging lifts to the vet.",
            "“Nobody owns them and everybody owns them,” Nur said. “That is how this street works.”",
        ),
        authors=("daniel.mensah",),
        image=("A cat sleeps on a windowsill in Istanbul's Cihangir district", "Others"),
        keywords=("Istanbul", "Animals", "Cities"),
    ),
    Story(
        key="mongolia_herders",
        section="features",
        headline="Mongolian herders adapt to harsher winters with shared fodder banks",
        standfirst="Communities pool hay and build shelters to protect livestock from the deadly "
        "cold spells known as dzud.",
        published="2025-12-16 08:20",
        paragraphs=(
            "In late autumn, herding families in Mongolia's central provinces haul bales of hay to "
            "a shared barn at the edge of a valley, each family marking its contribution on a "
            "board by the door.",
            "The fodder bank is one of many set up in recent years to cope with dzud, severe winter "
            "conditions that can kill large numbers of livestock when snow and ice cover the "
            "grazing land.",
            "Herders say winters have become harder to predict, with heavy snow following dry "
            "summers that leave animals weak before the cold arrives.",
            "Development agencies have supported the banks with small grants, and some districts "
            "now provide weather alerts by text message.",
            "“My father moved with the seasons,” said one herder. “I move with the forecast.”",
        ),
        authors=("leyla.arslan",),
        image=("Herders move livestock across a snowy valley in central Mongolia", "AFP"),
        keywords=("Mongolia", "Climate", "Herding"),
    ),
    # --- Opinion ------------------------------------------------------------------------------
    Story(
        key="middle_powers",
        section="opinion",
        headline="Middle powers are writing the rules of a fragmented world",
        standfirst="As great-power rivalry freezes global institutions, practical deals are being "
        "made by countries in between.",
        published="2025-11-03 13:00",
        paragraphs=(
            "For most of the past three decades, the big questions of trade, security and "
            "technology were settled, or at least argued over, in forums dominated by a few large "
            "powers. That era is ending, and not quietly.",
            "What is replacing it is not chaos but a patchwork. Grain corridors, prisoner "
            "exchanges, energy swaps and payment arrangements are increasingly brokered by "
            "countries that have relations with every side and an interest in keeping goods and "
            "people moving.",
            "These middle powers do not share a single ideology. What they share is a preference "
            "for deals that work over statements that satisfy. Their diplomacy is transactional, "
            "and that is precisely why it often succeeds.",
            "Critics call this opportunism. But a ceasefire that holds, or a ship that sails, is "
            "not less valuable because the mediator also has commercial interests.",
            "The risk is that a world of ad hoc arrangements becomes a world without rules at all. "
            "The task for middle powers is to turn their improvised deals into institutions: "
            "secretariats, dispute mechanisms, shared data.",
            "If they do, the next decade may be remembered not for the collapse of the old order "
            "but for the quiet construction of a more distributed one.",
        ),
        authors=("tom.whitfield",),
        image=("Delegates at a regional summit", "AA"),
        keywords=("Diplomacy", "Geopolitics"),
    ),
    Story(
        key="grain_reserve",
        section="opinion",
        headline="A regional grain reserve would cost less than the next food crisis",
        standfirst="Shared stocks and clear release rules could keep bread affordable when "
        "harvests fail or shipping routes close.",
        published="2025-07-08 12:10",
        paragraphs=(
            "Every few years, a drought, a war or a blocked shipping lane sends grain prices "
            "soaring, and every few years governments scramble to buy whatever wheat they can find "
            "at whatever price sellers ask.",
            "There is a cheaper way. A regional reserve, jointly financed by importing countries, "
            "could hold enough grain to cover a few weeks of consumption and release it under rules "
            "agreed in advance.",
            "The idea is not new. What is new is the frequency of shocks. Climate extremes and "
            "geopolitical disruption have made the once-in-a-decade crisis a regular event.",
            "Critics worry that reserves distort markets. But a reserve that buys when prices are "
            "low and sells only when clear triggers are met does the opposite: it dampens panic.",
            "The hardest part is trust. Countries must believe that stocks will be released fairly "
            "when they are needed. That requires transparent accounting and an independent "
            "secretariat.",
            "The cost of building such a system is modest. The cost of not having one is paid at the bakery counter.",
        ),
        authors=("nadia.rahimi",),
        image=("Wheat is loaded into a silo", "Others"),
        keywords=("Food security", "Grain", "Trade"),
    ),
    Story(
        key="migration_data",
        section="opinion",
        headline="Europe's migration debate needs data, not slogans",
        standfirst="Policy built on headlines keeps failing. Better numbers would help both migrants and voters.",
        published="2025-09-24 09:15",
        paragraphs=(
            "Few subjects generate as much noise and as little information as migration. "
            "Campaigns are fought over numbers that nobody can verify and trends that turn out to "
            "be seasonal.",
            "European governments collect vast amounts of data on arrivals, asylum decisions and "
            "employment, but much of it is published late, in incompatible formats, or not at all.",
            "Without reliable figures, every policy looks like a success to its supporters and a "
            "failure to its opponents. Reception centres are built for last year's crisis and "
            "closed before the next one.",
            "A common, timely statistical baseline would not end the political argument. It would "
            "make it an argument about choices rather than about facts.",
            "That is a modest ambition. Given the state of the debate, it would also be a radical one.",
        ),
        authors=("ines.moreau",),
        image=("Passengers disembark at a Mediterranean port", "AFP"),
        keywords=("Migration", "Europe", "Data"),
    ),
    Story(
        key="climate_cities",
        section="opinion",
        headline="Cities, not capitals, should get the first climate dollars",
        standfirst="Mayors know where the floods hit and the heat kills. Finance should follow that knowledge.",
        published="2026-01-12 10:40",
        paragraphs=(
            "When a flood tears through a river district or a heatwave fills emergency wards, the "
            "first people to respond are municipal workers: drainage crews, bus drivers, clinic "
            "nurses.",
            "Yet most international climate finance still flows to national treasuries, where it "
            "waits in ministries for projects that take years to design.",
            "Cities are ready to spend money quickly on things that work: shaded bus stops, "
            "storm drains, early-warning systems, cooling centres. Many lack only the ability to "
            "borrow or receive grants directly.",
            "Lenders worry about accountability. That concern is legitimate, and it can be met with "
            "audits and public reporting rather than by routing every dollar through a capital.",
            "The climate is already changing street by street. Finance should learn to move at the same scale.",
        ),
        authors=("daniel.mensah",),
        image=("Workers clear a storm drain after heavy rain", "Others"),
        keywords=("Climate finance", "Cities"),
    ),
)

"""Word and phrase banks the story generator assembles generated articles from.

All phrases were written for this project. Slots in templates (``{place}``, ``{subject}``, ...)
are filled by :mod:`newsbot.sample_site.generator`.
"""

from __future__ import annotations

PLACES: dict[str, tuple[str, ...]] = {
    "politics": (
        "Kenya", "Indonesia", "Colombia", "Kazakhstan", "Bosnia and Herzegovina", "Senegal",
        "Malaysia", "Azerbaijan", "Ghana", "Peru", "Uzbekistan", "Morocco", "Bangladesh",
        "Ethiopia", "Georgia", "Tunisia", "Nepal", "Chile", "Jordan", "Somalia", "Kyrgyzstan",
        "Albania", "Sri Lanka", "Mali", "the Philippines", "Mongolia", "Libya", "Niger", "Iraq",
        "Pakistan", "Tanzania", "Ecuador", "Moldova", "Sudan", "Vietnam", "Paraguay",
    ),
    "turkiye": (
        "İzmir", "Ankara", "Konya", "Trabzon", "Kayseri", "Eskişehir", "Mersin", "Samsun",
        "Erzurum", "Antalya", "Bursa", "Van", "Adana", "Malatya", "Denizli", "Sakarya", "Kocaeli",
        "Hatay", "Kahramanmaraş", "Muğla", "Rize", "Edirne", "Çanakkale", "Sivas", "Mardin",
        "Diyarbakır", "Aydın", "Ordu", "Balıkesir", "Tekirdağ",
    ),
    "war-on-gaza": (
        "Gaza City", "Khan Younis", "Rafah", "Deir al-Balah", "Jabalia", "Nuseirat",
        "Beit Lahia", "central Gaza", "southern Gaza", "northern Gaza", "Al-Mawasi", "Bureij",
    ),
    "biztech": (
        "Istanbul", "Ankara", "Dubai", "Jakarta", "Nairobi", "Baku", "Almaty", "Doha",
        "Kuala Lumpur", "Casablanca", "Lagos", "Izmir", "Bursa", "Kocaeli", "Tashkent", "Riyadh",
        "Cairo", "Karachi", "Ho Chi Minh City", "Gebze",
    ),
    "features": (
        "the Black Sea coast", "eastern Anatolia", "the Fergana Valley", "the Atlas Mountains",
        "the Balkans", "the Caucasus", "the Nile Delta", "Zanzibar", "Sarajevo", "Mardin",
        "Bukhara", "Kashgar", "Tbilisi", "Harar", "Chefchaouen", "Lake Van", "Cappadocia",
    ),
    "opinion": (
        "Europe", "the Global South", "Central Asia", "the Middle East", "Africa", "the Gulf",
        "South Asia", "Latin America", "the Mediterranean", "the Black Sea region",
    ),
}

SUBJECTS: dict[str, tuple[str, ...]] = {
    "politics": (
        "border agreement", "election law", "rail link", "water-sharing plan",
        "refugee return programme", "customs union talks", "ceasefire monitoring mission",
        "defence budget", "constitutional reform", "anti-corruption commission",
        "grain export corridor", "fisheries treaty", "visa-free travel scheme",
        "power-sharing deal", "regional security pact", "disaster relief fund",
        "mining licence review", "local election timetable", "public sector pay deal",
        "drought response plan",
    ),
    "turkiye": (
        "high-speed rail extension", "earthquake housing project", "port expansion",
        "wind farm tender", "tourism season", "olive harvest", "metro line", "bridge renovation",
        "hazelnut export plan", "forest fire response", "teacher recruitment drive",
        "hospital construction", "coastal cleanup campaign", "airport terminal",
        "irrigation project", "industrial zone", "heritage restoration", "ferry network",
    ),
    "war-on-gaza": (
        "aid corridor", "field hospital", "water network repairs", "fuel deliveries",
        "shelter programme", "school reopening plan", "medical evacuations",
        "food distribution", "rubble clearance", "vaccination campaign", "bakery reopening",
        "sanitation repairs", "solar power units", "winter tent supplies",
    ),
    "biztech": (
        "battery factory", "chip-design programme", "5G auction", "data-centre project",
        "export credit line", "startup fund", "electric bus order", "solar panel plant",
        "payment system", "satellite launch", "e-commerce rules", "cloud services deal",
        "logistics hub", "fintech licence", "steel decarbonisation plan", "drone export deal",
        "car plant expansion", "gold reserve strategy",
    ),
    "features": (
        "craft revival", "old market", "village school", "mountain road", "coastal wetland",
        "community kitchen", "river festival", "library project", "seed bank",
        "carpet-weaving trade", "beekeeping cooperative", "silk workshop", "night ferry",
        "bookbinding studio", "orchard revival",
    ),
    "opinion": (
        "trade policy", "climate adaptation", "food security", "digital regulation",
        "urban planning", "regional diplomacy", "energy transition", "public health",
        "water policy", "migration policy", "industrial policy", "debt relief",
    ),
}

ACTORS: dict[str, tuple[str, ...]] = {
    "politics": (
        "the foreign ministry", "the interior ministry", "parliament", "the electoral commission",
        "opposition parties", "regional governors", "the cabinet", "the prime minister's office",
        "a parliamentary committee", "the defence ministry", "the finance ministry",
        "the supreme court", "neighbouring governments", "the presidency",
    ),
    "turkiye": (
        "the transport ministry", "the municipality", "the governor's office",
        "the disaster agency AFAD", "the agriculture ministry", "the chamber of commerce",
        "the state railway operator", "the environment ministry", "the health directorate",
        "the culture and tourism ministry", "the energy ministry", "the industry ministry",
    ),
    "war-on-gaza": (
        "UN agencies", "aid groups", "the local health authorities", "the World Health "
        "Organization", "relief organisations", "the Red Crescent", "municipal workers",
        "medical charities", "the UN children's agency",
    ),
    "biztech": (
        "the company", "the central bank", "the trade ministry", "investors",
        "the competition authority", "the industry ministry", "the stock exchange",
        "the telecoms regulator", "the development bank", "the sovereign wealth fund",
    ),
    "features": (
        "local families", "a group of volunteers", "the village council", "young artisans",
        "a retired teacher", "the regional museum", "a small cooperative", "the town's elders",
    ),
    "opinion": (
        "policymakers", "governments", "international lenders", "regional organisations",
        "donor countries", "city leaders", "central banks",
    ),
}

HEADLINE_VERBS: tuple[str, ...] = (
    "approves", "delays", "expands", "rejects", "signs", "reviews", "suspends", "unveils",
    "backs", "launches", "revives", "scales back", "fast-tracks", "debates", "completes",
    "extends", "funds", "pauses",
)

QUALIFIERS: tuple[str, ...] = (
    "after weeks of talks", "amid rising costs", "as winter approaches", "despite objections",
    "ahead of the summer season", "under public pressure", "after a long delay",
    "as demand grows", "in a first for the region", "following a court ruling",
    "amid budget concerns", "with international support", "after months of preparation",
    "as critics call for caution", "before the end of the year",
)

OUTCOMES: tuple[str, ...] = (
    "cut waiting times", "create thousands of jobs", "reduce costs for households",
    "improve access for rural communities", "ease pressure on public services",
    "bring in new investment", "protect vulnerable families", "lower emissions",
    "speed up decisions", "make supplies more reliable", "open new export markets",
    "strengthen local government", "restore services that were lost",
    "give young people more opportunities", "reduce the risk of shortages",
)

CONCERNS: tuple[str, ...] = (
    "the cost could rise sharply", "the timetable is unrealistic",
    "smaller towns would be left behind", "the rules were drafted without consultation",
    "funding has not been secured", "the plan favours large companies",
    "environmental safeguards are too weak", "oversight remains limited",
    "prices could climb further", "similar promises were broken before",
    "the most affected families were not consulted", "the data behind the plan is outdated",
)

GROUPS: tuple[str, ...] = (
    "residents", "farmers", "shop owners", "teachers", "students", "commuters",
    "fishermen", "nurses", "factory workers", "pensioners", "small business owners",
    "local officials", "engineers", "taxi drivers", "parents",
)

TIMEFRAMES: tuple[str, ...] = (
    "within six months", "by the end of next year", "over the coming decade",
    "before the next harvest", "in the first quarter", "by the summer",
    "within the next two years", "before winter", "over the next few weeks",
)

ADJECTIVES: tuple[str, ...] = (
    "ambitious", "long-awaited", "controversial", "modest", "costly", "complex", "urgent",
    "delayed", "popular", "unusual", "carefully negotiated", "much-debated",
)

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FIRST_NAMES: tuple[str, ...] = (
    "Amina", "Kemal", "Farida", "Joseph", "Elif", "Tariq", "Marta", "Dmitri", "Aisha", "Pedro",
    "Zeynep", "Samuel", "Lina", "Aziz", "Grace", "Hakan", "Noor", "Vusi", "Selin", "Omar",
    "Irina", "Kwame", "Defne", "Rustam", "Halima", "Emre", "Sofia", "Bilal", "Ana", "Javier",
    "Gulnara", "Tomas", "Mariam", "Anil", "Deniz", "Fatou", "Ilyas", "Nadia", "Oscar", "Hira",
)
LAST_NAMES: tuple[str, ...] = (
    "Okafor", "Demir", "Rahman", "Novak", "Castillo", "Abdullayev", "Mwangi", "Şahin",
    "Haddad", "Petrov", "Osei", "Kurt", "Lindqvist", "Nasser", "Mendes", "Yusupova", "Kaya",
    "Diallo", "Ibrahimi", "Torres", "Aksoy", "Banda", "Hoxha", "Qureshi", "Morales", "Tekin",
    "Sultanov", "Achieng", "Kovač", "Farouk", "Öztürk", "Mbeki", "Salazar", "Alimov", "Polat",
)
ROLES: tuple[str, ...] = (
    "a local council member", "an economist at a university in the capital",
    "a spokesperson for the ministry", "a farmer from a nearby village", "a shop owner",
    "a civil engineer", "a secondary school teacher", "a nurse at the district hospital",
    "a logistics manager", "a retired civil servant", "a transport analyst",
    "a researcher at a policy institute", "a trade union representative",
    "the head of a residents' association", "an aid worker", "a project coordinator",
    "a port official", "a lawyer who follows the case", "a small business owner",
)

QUOTES: tuple[str, ...] = (
    "We have waited a long time for this decision",
    "Nobody asked us what we actually need",
    "The details will matter more than the announcement",
    "If the money arrives on time, this can work",
    "People here are tired of promises",
    "It is a step forward, but a small one",
    "We will judge it by what changes on our street",
    "The hardest part starts now",
    "This is the first good news we have had in months",
    "Prices are the only thing anyone talks about",
    "We cannot plan when the rules keep changing",
    "Our children deserve better than temporary solutions",
    "The numbers look fine on paper",
    "We have done this before and we can do it again",
    "Everyone agrees on the goal and argues about the route",
    "There is no time to lose",
    "It depends on whether the next government keeps it",
    "We need the same attention in winter as in summer",
)

LEDES: tuple[str, ...] = (
    "{Actor} in {place} {verb} the {adj} {subject} on {weekday}, {context}.",
    "Officials in {place} said on {weekday} that the {subject} would go ahead {timeframe}, "
    "{context}.",
    "The {adj} {subject} in {place} moved a step closer on {weekday} when {actor} {verb} it, "
    "{context}.",
    "{place_cap} is set to press ahead with its {subject} after {actor} {verb} the plan on "
    "{weekday}, {context}.",
    "A {adj} {subject} for {place} was announced on {weekday}, with {actor} promising it would "
    "{outcome}.",
)

CONTEXTS: tuple[str, ...] = (
    "ending months of uncertainty", "despite warnings from independent experts",
    "according to a statement released in the afternoon", "in a move welcomed by {group}",
    "after a heated public debate", "drawing mixed reactions from {group}",
    "as pressure mounted from {group}", "weeks before a key budget deadline",
)

SENTENCES: tuple[str, ...] = (
    "Supporters say the {subject} will {outcome}, while critics argue that {concern}.",
    "{Actor} said the first phase would be completed {timeframe}.",
    "The plan has been under discussion for {small} years, and earlier versions were shelved "
    "twice.",
    "“{quote},” said {person}, {role}.",
    "“{quote},” {person}, {role}, told reporters.",
    "{Group} in {place} have followed the debate closely.",
    "Some {group} said they learned about the decision from social media rather than from "
    "officials.",
    "According to figures published in {month}, about {percent} percent of {group} in the area "
    "would be affected.",
    "The cost has been estimated at around {number} million dollars, although officials said "
    "that figure could change.",
    "Independent analysts said the {subject} was {adj} but achievable if funding was secured.",
    "{Actor} did not respond to a request for comment on the timetable.",
    "A similar scheme in a neighbouring region took {small} years longer than planned.",
    "The proposal also includes measures to {outcome}.",
    "Opposition figures said {concern} and called for an independent review.",
    "Officials said consultations with {group} would continue {timeframe}.",
    "The announcement came after a meeting that lasted well into the evening.",
    "Under the new arrangement, local offices will report progress every {small} months.",
    "Data from the past {small} years show steady growth in demand across {place}.",
    "{person} said the most important question was who would pay for maintenance.",
    "For many {group}, the immediate concern is how the changes will affect daily costs.",
    "Previous attempts to {outcome} ran into legal challenges and shortages of staff.",
    "The {subject} is part of a wider programme that {actor} launched {small} years ago.",
    "Experts said the plan would only {outcome} if it was backed by clear rules.",
    "In {month}, a pilot project in two districts reported encouraging early results.",
    "Local media reported that {number} applications had already been submitted.",
    "Critics pointed out that {concern}, citing a report published last year.",
    "The decision is expected to be reviewed by a committee {timeframe}.",
    "{Group} have been invited to submit comments through an online portal.",
    "{Actor} said it was confident the project would {outcome}.",
    "At a briefing on {weekday}, officials showed maps of the areas covered by the first phase.",
    "The budget for the {subject} was increased by {percent} percent after an initial review.",
    "{person}, {role}, said the changes were overdue.",
    "Several {group} said they hoped the plan would {outcome}.",
    "Observers noted that the {subject} had become a test of the government's credibility.",
    "Funding will come partly from the national budget and partly from loans.",
    "Work crews have already started preparing sites in {place}.",
    "There was no immediate reaction from {actor}.",
    "A public hearing is scheduled for {month}.",
    "The scheme was modelled on a programme that ran successfully in another country.",
    "Local businesses expect a rise in trade once the first stage is finished.",
    "Environmental groups said they would monitor the work closely.",
    "A senior official said the timetable was tight but realistic.",
    "Questions remain over how the {subject} will be managed once construction ends.",
    "{person} described the mood among {group} as cautiously hopeful.",
    "The number of people waiting for a decision has grown to about {number} thousand.",
    "Engineers said weather would be the main risk to the schedule.",
    "A report by a parliamentary committee called for stronger oversight.",
    "Residents of nearby towns said they wanted the same attention.",
    "Aid and development partners have offered technical support.",
    "Figures released on {weekday} showed a {percent} percent rise compared with last year.",
    "The debate has exposed deep divisions over priorities.",
    "Officials insisted that no one would be left without support during the transition.",
    "In the meantime, {group} continue to rely on temporary arrangements.",
    "{Actor} plans to publish a progress report {timeframe}.",
    "The initiative follows years of complaints about slow services.",
    "Markets reacted calmly to the news.",
    "For {person}, the stakes are personal: the family has lived in {place} for generations.",
    "The measures will be reviewed if costs rise by more than {percent} percent.",
    "Some experts warned that {concern}.",
    "A final decision on the second phase is expected {timeframe}.",
    "Two districts of {place} will be the first to see changes, officials said.",
    "Transport links to the area were upgraded last year in anticipation of the project.",
    "Turnout at the last public consultation was lower than organisers had hoped.",
    "A ministry document seen by reporters listed {number} separate tasks for the first stage.",
    "{person} said {group} in the district had raised the issue for years without an answer.",
    "The national audit office warned in {month} that oversight of similar projects was weak.",
    "Lawmakers from the governing coalition defended the timetable during a long session.",
    "Banks have signalled interest in financing part of the work, according to people briefed "
    "on the talks.",
    "Prices for building materials have risen steeply, adding pressure on the budget.",
    "The idea first surfaced in a campaign pledge and was later written into the programme.",
    "Unions said any jobs created should go to workers from {place} first.",
    "Neighbouring countries are watching the experiment with interest.",
    "Volunteers have set up information desks in markets and mosques to answer questions.",
    "A court challenge filed in {month} is still pending.",
    "Satellite images published by researchers show how quickly the area has changed.",
    "Local radio stations carried the announcement live, and phone-in lines were busy all day.",
    "{Group} who spoke to reporters described long queues and confusing paperwork.",
    "The ministry said inspectors would visit every site at least once a month.",
    "Economists expect the effect on inflation to be small.",
    "The government has promised quarterly updates on spending.",
    "Several embassies issued statements welcoming the move.",
    "Hospitals and schools in the area will be given priority, the statement said.",
    "Some of the equipment will have to be imported, which could cause delays.",
    "Officials acknowledged that earlier estimates had been too optimistic.",
    "Rainfall in {month} was well below average, making the issue more urgent.",
    "The cabinet is due to discuss the matter again after the holiday.",
    "An online petition calling for changes gathered {number} thousand signatures.",
    "Young people in {place} have been especially vocal on social media.",
    "The head of the regional chamber of commerce called the plan a turning point.",
)

#: Per-article house style: each article picks one variant per key, so template sentences read
#: differently from one article to the next.
STYLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "said": ("said", "stated", "noted", "added"),
    "officials": ("officials", "authorities", "administrators"),
    "Officials": ("Officials", "Authorities", "Administrators"),
    "plan": ("plan", "scheme", "proposal", "programme"),
    "would": ("would", "could"),
    "project": ("project", "initiative", "scheme"),
    "critics": ("critics", "opponents", "sceptics"),
    "Critics": ("Critics", "Opponents", "Sceptics"),
    "local": ("local", "regional", "municipal"),
    "Local": ("Local", "Regional", "Municipal"),
    "report": ("report", "study", "assessment"),
    "rise": ("rise", "increase", "jump"),
    "costs": ("costs", "expenses", "bills"),
    "experts": ("experts", "specialists", "analysts"),
    "Experts": ("Experts", "Specialists", "Analysts"),
    "meeting": ("meeting", "session", "gathering"),
    "phase": ("phase", "stage"),
    "funding": ("funding", "financing", "money"),
    "timetable": ("timetable", "schedule", "calendar"),
    "decision": ("decision", "ruling", "move"),
    "data": ("data", "figures", "statistics"),
    "government": ("government", "administration", "cabinet"),
    "closely": ("closely", "carefully", "attentively"),
    "nearby": ("nearby", "neighbouring", "surrounding"),
    "several": ("several", "a number of", "various"),
    "Several": ("Several", "A number of", "Various"),
    "main": ("main", "principal", "chief", "biggest"),
    "important": ("important", "pressing", "crucial"),
    "debate": ("debate", "discussion", "argument"),
    "already": ("already", "by now"),
    "also": ("also", "additionally"),
    "reporters": ("reporters", "journalists", "the press"),
    "area": ("area", "region", "district"),
    "announcement": ("announcement", "statement", "news"),
    "review": ("review", "assessment", "audit"),
    "steady": ("steady", "consistent", "gradual"),
}

#: Openers put before some sentences whose first word can be lower-cased safely.
OPENERS: tuple[str, ...] = (
    "Meanwhile,", "At the same time,", "Separately,", "In addition,", "For now,",
    "In recent weeks,", "Earlier this year,", "By contrast,", "Even so,", "As things stand,",
    "On top of that,", "Since then,",
)

SUBHEADS: tuple[str, ...] = (
    "What comes next", "Costs and concerns", "A long wait", "Local reaction", "The numbers",
    "Years in the making", "Mixed reactions", "On the ground", "Next steps",
    "A difficult season", "Who pays", "Lessons from elsewhere",
)

CAPTIONS: tuple[str, ...] = (
    "Residents walk past a construction site in {place}",
    "Officials attend a meeting on the {subject} in {place}",
    "A view of {place}, where the {subject} is planned",
    "Workers prepare the site of the {subject} in {place}",
    "{Group} gather to discuss the {subject} in {place}",
    "A street scene in {place}",
)
CREDITS: tuple[str, ...] = ("AA", "Reuters", "AFP", "Others", "TRT World", "AP")
SOURCES: tuple[str | None, ...] = (
    "AA", "AA", "AA", "Reuters", "TRT World and Agencies", "TRT World and Agencies", "AFP", None,
)
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

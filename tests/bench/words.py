"""Danish word lists and sentence templates for the benchmark's generated proposals.

Each theme has topics with their own title templates and sentences, so a search for
"cykelsti" or "ensomhed ældre" finds a realistic share of the proposals rather than all
or none of them. Everything is driven by a seeded random.Random, so two seedings agree.
"""

import random

STREETS = [
    "Skolevej",
    "Kirkevej",
    "Stationsvej",
    "Havnegade",
    "Storegade",
    "Nørregade",
    "Søndergade",
    "Vestergade",
    "Østergade",
    "Engvej",
    "Skovvej",
    "Møllevej",
    "Bakkevej",
    "Parkvej",
    "Strandvej",
    "Åboulevarden",
    "Ringvejen",
    "Viborgvej",
    "Hadsundvej",
    "Bredgade",
    "Algade",
    "Klostertorvet",
    "Vesterbro",
    "Boulevarden",
    "Hobrovej",
    "Sohngårdsholmsvej",
    "Mølleparkvej",
    "Fjordvej",
    "Lindholm Brygge",
    "Teglværksgade",
]
AREAS = [
    "Vestbyen",
    "Østbyen",
    "Nordbyen",
    "Sydbyen",
    "midtbyen",
    "Havnefronten",
    "Skovparken",
    "Bymarken",
    "Engparken",
    "Gug",
    "Vejgaard",
    "Hasseris",
    "Nørresundby",
    "Svenstrup",
    "Vodskov",
    "Klarup",
    "Storvorde",
    "Sulsted",
    "Tylstrup",
    "Nibe",
    "Hals",
    "Vadum",
    "Frejlev",
    "Godthåb",
    "Visse",
    "Ellidshøj",
]
BUILDINGS = [
    "skolen",
    "biblioteket",
    "rådhuset",
    "idrætshallen",
    "plejecentret",
    "børnehaven",
    "kulturhuset",
    "svømmehallen",
    "stationen",
    "sundhedshuset",
    "medborgerhuset",
    "fritidscentret",
    "ungdomsklubben",
]
PARKS = [
    "Byparken",
    "Kildeparken",
    "Mølleparken",
    "Skovbakken",
    "Østre Anlæg",
    "Karolinelund",
    "Sønderparken",
    "Fjordparken",
    "Lystskoven",
    "Engen ved åen",
]
FIRST_NAMES = [
    "Anne",
    "Mette",
    "Hanne",
    "Lene",
    "Karen",
    "Susanne",
    "Camilla",
    "Louise",
    "Maria",
    "Ida",
    "Freja",
    "Emma",
    "Sofie",
    "Lærke",
    "Jens",
    "Peter",
    "Lars",
    "Søren",
    "Niels",
    "Henrik",
    "Thomas",
    "Anders",
    "Rasmus",
    "Mads",
    "Jonas",
    "Frederik",
    "Mikkel",
    "Ahmad",
    "Fatima",
    "Yusuf",
    "Ayse",
    "Oskar",
    "Magnus",
    "Bente",
    "Inger",
    "Kirsten",
    "Ole",
    "Poul",
]
LAST_NAMES = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Kaya",
    "Hussein",
]

# Per theme: topics of (title templates, sentences about the problem or the idea).
TOPICS: dict[str, list[tuple[list[str], list[str]]]] = {
    "klima": [
        (
            [
                "Ny cykelsti langs {street}",
                "Sikker cykelsti til {building} i {area}",
                "Forbind cykelstien fra {area} til midtbyen",
                "Bredere cykelsti på {street}",
            ],
            [
                "Cykelstien slutter brat ved {street}, og så må man ud blandt bilerne.",
                "En sammenhængende cykelsti vil få flere til at lade bilen stå.",
                "Om morgenen cykler mange skolebørn her, og der er ingen cykelsti.",
            ],
        ),
        (
            ["Flere ladestandere til elbiler i {area}", "Ladestandere ved {building}"],
            [
                "Der er for få ladestandere, så elbilerne holder i kø ved {building}.",
                "Ladestandere på kommunens parkeringspladser gør det lettere at skifte til elbil.",
            ],
        ),
        (
            ["Solceller på taget af {building}", "Solceller på kommunens bygninger i {area}"],
            [
                "Taget på {building} vender mod syd og er oplagt til solceller.",
                "Solceller kan dække en stor del af bygningens elforbrug om sommeren.",
            ],
        ),
        (
            [
                "Bedre busforbindelse mellem {area} og stationen",
                "Flere afgange med bussen til {area} om aftenen",
                "Busstoppested ved {building}",
            ],
            [
                "Den sidste bus fra {area} kører allerede klokken 21, så man må tage bilen.",
                "En bedre busforbindelse vil hjælpe både unge, ældre og pendlere.",
            ],
        ),
        (
            [
                "Regnvandsbede på {street} mod oversvømmelse",
                "Opsaml regnvand fra {building}",
                "Klimatilpasning i {area}",
            ],
            [
                "Ved skybrud står vandet i kældrene på {street}.",
                "Regnvandsbede kan forsinke vandet og samtidig give mere grønt i gaden.",
                "Opsamlet regnvand kan bruges til toiletskyl og vanding.",
            ],
        ),
        (
            ["Gadelys på {street} skal skiftes til LED", "Slukke gadelys om natten i {area}"],
            [
                "Gadelyset på {street} er gammelt og bruger meget strøm.",
                "LED-gadelys sparer energi og kan dæmpes, når der ikke er nogen på vejen.",
            ],
        ),
        (
            [
                "Delebiler i {area}",
                "Cykelparkering ved {building}",
                "Overdækket cykelparkering ved stationen",
            ],
            [
                "Mange familier har kun brug for bil en gang om ugen, og delebiler vil være nok.",
                "Cykelparkeringen er altid fuld, og cyklerne står ud over fortovet.",
            ],
        ),
        (
            [
                "Energirenovering af {building}",
                "Varmepumper i stedet for oliefyr i {area}",
                "Fjernvarme til {area}",
            ],
            [
                "{building_cap} er dårligt isoleret, og varmen forsvinder ud gennem vinduerne.",
                "Mange huse i {area} har stadig oliefyr, og fjernvarme ville sænke udledningen.",
            ],
        ),
    ],
    "ressourcer": [
        (
            [
                "Bedre affaldssortering i {area}",
                "Sortering af affald på {building}",
                "Affald sortering i etageboligerne på {street}",
            ],
            [
                "Det er svært at sortere affald rigtigt, når der kun er to containere.",
                "Tydelige skilte og flere fraktioner vil gøre sorteringen lettere.",
                "Meget affald ender i restaffaldet, selv om det kunne genanvendes.",
            ],
        ),
        (
            ["Flere affaldsspande ved {park}", "Affaldsspande langs {street}"],
            [
                "Efter weekenden flyder der med affald i {park}.",
                "Flere affaldsspande, gerne med sortering, vil holde området rent.",
            ],
        ),
        (
            [
                "Byttecentral på genbrugspladsen",
                "Genbrugsbutik i {area}",
                "Genbrug af byggematerialer fra kommunens byggerier",
            ],
            [
                "Mange ting på genbrugspladsen er stadig brugbare og burde få et nyt liv.",
                "En byttecentral vil øge genbrug og mindske mængden af affald.",
            ],
        ),
        (
            [
                "Mindre madspild i skolernes kantiner",
                "Overskudsmad fra butikkerne i {area}",
                "Madspild på plejecentrene",
            ],
            [
                "Hver dag smides der mad ud, som kunne være spist.",
                "Overskudsmad kunne gå til foreninger og fællesspisning i stedet for til spilde.",
            ],
        ),
        (
            ["Reparationscafé i {building}", "Værktøjsbibliotek i {area}"],
            [
                "I en reparationscafé hjælper frivillige med at reparere cykler og elektronik.",
                "Et værktøjsbibliotek betyder, at ikke alle behøver at købe en boremaskine.",
            ],
        ),
        (
            [
                "Afhentning af storskrald i {area}",
                "Pant på flasker fra kommunens arrangementer",
                "Mindre plastik i kommunens institutioner",
            ],
            [
                "Storskrald bliver stående på fortovet i ugevis på {street}.",
                "Engangsplastik kan erstattes af service, der kan vaskes og bruges igen.",
            ],
        ),
        (
            ["Bæredygtige indkøb i kommunen", "Lokale råvarer i kantinen på {building}"],
            [
                "Kommunen køber ind for mange millioner og kan stille krav om bæredygtighed.",
                "Lokale og økologiske råvarer giver kortere transport og mindre emballage.",
            ],
        ),
    ],
    "ulighed": [
        (
            [
                "Besøgsvenner mod ensomhed blandt ældre",
                "Fællesspisning for ældre i {area}",
                "Mødested for ensomme ældre ved {building}",
                "Ensomhed blandt ældre i {area}",
            ],
            [
                "Mange ældre i {area} sidder alene det meste af ugen og savner nogen at tale med.",
                "Ensomhed er et stort problem, især for ældre, der har mistet en ægtefælle.",
                "En fast fællesspisning giver et sted at mødes og noget at se frem til.",
            ],
        ),
        (
            [
                "Fritidsjob til unge i {area}",
                "Ungdomsklub med længere åbningstid",
                "Lektiecafé på {building}",
            ],
            [
                "De unge i {area} har ingen steder at være om aftenen.",
                "En lektiecafé kan hjælpe de elever, der ikke kan få hjælp derhjemme.",
                "Et fritidsjob giver unge erfaring, selvtillid og egne penge.",
            ],
        ),
        (
            [
                "Ramper til kørestole ved {building}",
                "Bedre tilgængelighed på {street}",
                "Handicaptoilet i {park}",
            ],
            [
                "Med kørestol eller rollator er det umuligt at komme ind på {building}.",
                "Høje kantsten og trapper udelukker mange fra at deltage.",
            ],
        ),
        (
            ["Flere bænke langs {street}", "Bænke i {park} så ældre kan hvile"],
            [
                "Der er langt mellem bænkene, og mange ældre må vende om.",
                "Flere bænke gør det muligt for flere at gå en tur og komme ud blandt andre.",
            ],
        ),
        (
            [
                "Ny legeplads i {area}",
                "Naturlegeplads i {park}",
                "Renovering af legepladsen på {street}",
            ],
            [
                "Legepladsen i {area} er nedslidt, og flere redskaber er lukket.",
                "En legeplads er også et mødested for forældre og bedsteforældre.",
            ],
        ),
        (
            [
                "Sikker skolevej på {street}",
                "Trafiksikkerhed ved {building}",
                "Fodgængerfelt ved skolen på {street}",
                "Lavere hastighed på {street}",
            ],
            [
                "Bilerne kører alt for stærkt forbi skolen, og børnene skal krydse vejen.",
                "Trafiksikkerhed ved skolen bør komme før alt andet.",
                "Et fodgængerfelt med lys vil gøre skolevejen tryg.",
            ],
        ),
        (
            [
                "Længere åbningstider på biblioteket i {area}",
                "Svømmehallen skal åbne tidligere",
                "Kunstgræsbane i {area}",
            ],
            [
                "Biblioteket er lukket, når folk kommer hjem fra arbejde.",
                "Svømmehallen har for få timer til motionister og ældre.",
                "En kunstgræsbane kan bruges hele året, også når græsbanerne er lukket.",
            ],
        ),
        (
            ["Fortov på {street}", "Parkering ved {building}", "Mindre støj fra {street}"],
            [
                "Der er intet fortov, så gående må gå på kørebanen.",
                "Der er for få parkeringspladser, og bilerne holder på fortovet.",
                "Støj fra trafikken gør det svært at sove for beboerne.",
            ],
        ),
        (
            [
                "Billigere boliger i {area}",
                "Boligsocial indsats i {area}",
                "Sundhedstilbud tæt på borgerne i {area}",
            ],
            [
                "Huslejen i {area} er steget så meget, at unge og enlige ikke kan bo her.",
                "Lige adgang til sundhed kræver, at tilbuddene ligger, hvor folk bor.",
            ],
        ),
    ],
    "biodiversitet": [
        (
            [
                "Plant flere træer på {street}",
                "Bevar de gamle træer i {park}",
                "Træer i stedet for asfalt ved {building}",
            ],
            [
                "Træerne giver skygge, renser luften og er levested for fugle og insekter.",
                "De gamle træer i {park} er planlagt fældet, og det er et stort tab.",
            ],
        ),
        (
            [
                "Vilde blomster i rabatterne langs {street}",
                "Mindre græsslåning i {park}",
                "Blomstereng i stedet for græsplæne i {area}",
            ],
            [
                "Når græsset slås hver uge, er der ingen blomster til bierne.",
                "Vilde blomster i rabatterne er billigere at passe og giver liv til insekter.",
            ],
        ),
        (
            ["Insekthoteller og bistader i {park}", "Plads til bier i byen"],
            [
                "Bier og sommerfugle mangler steder at bo og blomster at leve af.",
                "Insekthoteller er et billigt og synligt tiltag, som børn kan være med til.",
            ],
        ),
        (
            [
                "Genslyng åen ved {area}",
                "Mere våd natur ved {area}",
                "Vådområde i stedet for dyrket lavbundsjord",
            ],
            [
                "Åen blev rettet ud for mange år siden, og nu løber vandet for hurtigt.",
                "Et vådområde binder kulstof og giver plads til frøer, fugle og planter.",
            ],
        ),
        (
            ["Ny bynær skov ved {area}", "Skovrejsning på kommunens jord"],
            [
                "En ny skov giver natur, rent drikkevand og et sted at gå tur.",
                "Kommunen ejer marker ved {area}, som kunne blive til skov.",
            ],
        ),
        (
            ["Hundeskov i {area}", "Indhegnet hundeskov ved {park}"],
            [
                "Hundeejere mangler et sted, hvor hunden kan løbe frit.",
                "En hundeskov vil også give mere ro for dyrelivet i resten af parken.",
            ],
        ),
        (
            ["Stop for sprøjtemidler på kommunens arealer", "Oprensning af søen i {park}"],
            [
                "Sprøjtemidler skader insekter og kan ende i grundvandet.",
                "Søen i {park} er ved at gro til, og fiskene dør om sommeren.",
            ],
        ),
    ],
}

GENERIC_OPENERS = [
    "Jeg bor i {area} og kommer dagligt forbi {street}.",
    "Som forælder til to børn i {area} har jeg længe tænkt over det her.",
    "Vi er en gruppe naboer fra {area}, som gerne vil gøre noget.",
    "Mange af os, der færdes omkring {building}, har talt om det i lang tid.",
    "Jeg er pensionist og har boet i {area} i over tredive år.",
    "Jeg er frivillig i en forening i {area} og hører ofte om det.",
    "",
]
GENERIC_REASONS = [
    "Det vil gøre hverdagen lettere for både børn og ældre.",
    "Det kan gøres for få penge, hvis kommunen samarbejder med de lokale foreninger.",
    "Det vil styrke fællesskabet i kvarteret.",
    "Det gavner både klimaet og naturen.",
    "Andre kommuner har gode erfaringer med lignende løsninger.",
    "Forslaget passer godt med kommunens mål for bæredygtighed.",
    "Det handler også om tryghed, især når det bliver mørkt.",
    "Vi vil gerne selv hjælpe til med at få det til at ske.",
    "Det vil give borgerne bedre muligheder uanset økonomi.",
    "Det er en lille ændring, som vil gøre en stor forskel.",
]
GENERIC_CLOSERS = [
    "Jeg håber, kommunen vil se på forslaget.",
    "Støt gerne, hvis du er enig!",
    "Skriv en kommentar, hvis du har gode idéer.",
    "Tak fordi I læser med.",
    "",
    "",
]
COMMENTS = [
    "Godt forslag, det har vi savnet længe.",
    "Enig! Det samme problem findes på {street}.",
    "Jeg er ikke sikker på, at det er den bedste løsning. Hvad koster det?",
    "Hvad med at starte med et forsøg i {area}?",
    "Det har jeg også oplevet, især om vinteren.",
    "Vores forening vil gerne hjælpe til.",
    "Det er vigtigt, at de ældre bliver hørt i sagen.",
    "Kan det kombineres med planerne for {building}?",
    "Fuld støtte herfra.",
    "Husk også dem, der bor i landsbyerne.",
    "Jeg tror, det vil give mere trafik, ikke mindre.",
    "Super idé, min datter siger det samme hver dag.",
]
REPLIES = [
    "Godt spørgsmål, det ved jeg ikke.",
    "Enig med dig.",
    "Det er rigtigt, men det er stadig et problem.",
    "Tak for svaret.",
    "Det kan man læse mere om på kommunens hjemmeside.",
]
ANSWERS = [
    "Tak for forslaget. Forvaltningen har vurderet det og sætter det i gang i år.",
    "Forslaget indgår i budgetforhandlingerne til næste år.",
    "Det er desværre ikke muligt inden for de nuværende rammer.",
    "Forslaget er nu gennemført. Tak til alle, der bidrog.",
]

# Realistic searches: single words, two-word searches and a place name.
SEARCHES = [
    "cykelsti",
    "affald sortering",
    "ensomhed ældre",
    "legeplads",
    "busforbindelse",
    "gadelys",
    "solceller",
    "træer",
    "hundeskov",
    "trafiksikkerhed skole",
    "bænke",
    "genbrug",
    "fortov",
    "støj",
    "parkering",
    "svømmehallen",
    "fællesspisning",
    "regnvand",
    "biblioteket åbningstider",
    "kunstgræsbane",
]


def _fill(template: str, rng: random.Random) -> str:
    building = rng.choice(BUILDINGS)
    return template.format(
        street=rng.choice(STREETS),
        area=rng.choice(AREAS),
        building=building,
        building_cap=building.capitalize(),
        park=rng.choice(PARKS),
    )


def proposal_text(theme_slug: str, rng: random.Random) -> tuple[str, str, str]:
    """(title, body, location_text) for a proposal in the given theme."""
    titles, sentences = rng.choice(TOPICS[theme_slug])
    title = _fill(rng.choice(titles), rng)
    parts = [_fill(rng.choice(GENERIC_OPENERS), rng)]
    parts += [_fill(s, rng) for s in rng.sample(sentences, k=min(len(sentences), 2))]
    if rng.random() < 0.25:
        # A second topic, sometimes from another theme: proposals are rarely about one thing.
        _, other = rng.choice(TOPICS[rng.choice(list(TOPICS))])
        parts.append(_fill(rng.choice(other), rng))
    parts += rng.sample(GENERIC_REASONS, k=rng.randint(1, 3))
    first = " ".join(p for p in parts if p)
    second = " ".join(p for p in [*rng.sample(GENERIC_REASONS, k=2), rng.choice(GENERIC_CLOSERS)])
    body = f"{first}\n\n{second}".strip()
    location = ""
    if rng.random() < 0.4:
        location = f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {rng.choice(AREAS)}"
    return title[:140], body, location


def comment_text(rng: random.Random, *, reply: bool) -> str:
    return _fill(rng.choice(REPLIES if reply else COMMENTS), rng)


def display_name(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return ""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}."

"""What the focus-area suggester knows on day one besides the taxonomy's own words.

EXAMPLES: realistic citizen proposals ``(language, title, body, focus_area_slug)``,
written and labelled by hand from the public list of the 23 focus areas without access to
the vocabulary (they were the project's first evaluation set). The suggester learns from
them as from routing decisions a moderator made before day one: in the words people use,
not the words the vocabulary was written in. The suggester is measured on
tests/proposals/routing_evaluation.py instead, which shares no text with them.

OUT_OF_SCOPE: words of what citizens also propose that no focus area covers (roads,
parking, sports halls, culture, taxes, the council's own services) and of adverts and spam.
They make the suggester's "none of the areas fits" an answer of its own rather than
whatever is left over.
"""

EXAMPLES = (
    (
        "da",
        "Solceller på alle kommunens tage",
        "Rådhuset, skolerne og svømmehallen har store flade tage, der bare står tomme. "
        "Kunne kommunen ikke sætte solpaneler op og selv lave strøm? Det ville også spare "
        "penge på elregningen på sigt.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Vis os kommunens CO2-regnskab hvert år",
        "Jeg vil gerne kunne se, hvor meget kommunen udleder, og om det går den rigtige "
        "vej. Lav en årlig opgørelse, som almindelige mennesker kan forstå, og sæt et "
        "loft over udledningen i budgettet.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Skift oliefyrene ud i kommunens bygninger",
        "Der er stadig børnehaver og idrætshaller, der bliver varmet op med olie og "
        "naturgas. Kobl dem på fjernvarmen eller sæt varmepumper ind hurtigst muligt.",
        "klimahandlingsplan",
    ),
    (
        "en",
        "Electric buses and electric council cars",
        "The council's own cars and the local buses still run on diesel. Set a date for "
        "when every vehicle has to be electric, and tell us how many tonnes of emissions "
        "that saves.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Ordentlig isolering af de gamle skoler",
        "Ved skolen på bakken fryser børnene om vinteren, og vinduerne er utætte. En "
        "energirenovering ville give bedre indeklima og lavere udledning. Lav en plan for "
        "alle kommunens bygninger, ikke kun den ene.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Hvad koster beslutningerne i CO2?",
        "Hver gang byrådet vedtager budgettet, burde der stå, hvor mange tons CO2 hver "
        "enkelt beslutning lægger til eller trækker fra. Andre byer gør det allerede.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Lokale virksomheder sammen om den grønne omstilling",
        "Mange små og mellemstore virksomheder vil gerne bruge mindre energi, men ved "
        "ikke hvor de skal starte. Kommunen kunne samle dem i et netværk, hvor de deler "
        "erfaringer og får sparring fra rådgivere.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Testcenter for brint på havnen",
        "På havnen står store arealer tomme. Lad os invitere universitetet og "
        "energiselskaberne til at bygge et testanlæg for brint og power-to-x, så der "
        "kommer nye arbejdspladser til byen.",
        "klimapartnerskaber",
    ),
    (
        "en",
        "Apprenticeships in heat pumps and solar installation",
        "There is a real shortage of electricians and plumbers who know how to install "
        "heat pumps. The council could team up with the technical college and local "
        "installers to create many more apprenticeships in this field.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Aftaler med de største udledere i kommunen",
        "De fem største virksomheder i kommunen står for en stor del af udledningen. "
        "Indgå forpligtende aftaler med dem, hvor kommunen til gengæld hjælper med "
        "tilladelser og med at få overskudsvarmen ud i fjernvarmenettet.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Iværksættermiljø for energiteknologi",
        "Giv unge iværksættere med ideer til batterier, vindmøller og energilagring "
        "billige lokaler og adgang til forskere. Så kan jobbene blive her i stedet for at "
        "flytte til de store byer.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Overskudsvarme fra datacentret til fjernvarmen",
        "Det nye datacenter ved motorvejen sender varmen direkte ud i luften. Få "
        "varmeværket, virksomheden og et par forskere til at lave et fælles projekt, så "
        "varmen kan bruges i husene.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Stop med at dyrke de våde marker ved åen",
        "Markerne nede ved åen står under vand hver vinter, og landmændene får alligevel "
        "ikke meget ud af dem. Den sorte jord udleder masser af CO2, hver gang den bliver "
        "pløjet. Kommunen bør hjælpe med at tage dem ud af drift.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Opkøb af tørvejord fra landmænd",
        "Hjælp de landmænd, der ejer kulstofrige engarealer, med at sælge eller bytte "
        "jorden, så den kan hvile. Der findes statslige puljer til det, men mange kender "
        "dem slet ikke.",
        "lavbundsjorde",
    ),
    (
        "en",
        "Stop draining the peat fields",
        "A lot of the farmland in the river valley is drained peat, which releases carbon "
        "every year it is ploughed. Please work with the farmers to stop pumping water "
        "out and let these fields retire from farming.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Jordfordeling så landmænd kan bytte de lave arealer",
        "Mange landmænd vil faktisk gerne af med deres lavtliggende marker, hvis de kan "
        "få anden jord i stedet. Kommunen kunne stå for en jordfordeling, så det går op "
        "for alle parter.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Luk drænene i ådalen",
        "Drænene i ådalen holder de organiske jorde tørre, så de kan dyrkes, men det "
        "koster dyrt i drivhusgasser. Sluk pumperne og lad jorden blive våd igen, mod en "
        "fair kompensation til ejerne.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Genskab den gamle mose bag skoven",
        "Der var engang en mose bag skoven, men den blev drænet for længe siden. Hvis vi "
        "lukker grøfterne, kan den komme tilbage med frøer, guldsmede og vadefugle.",
        "vaad-natur",
    ),
    (
        "da",
        "Flere vandhuller i landskabet",
        "Grav nogle nye småsøer og vandhuller på kommunens jorde. Det giver gode "
        "levesteder for padder og insekter, og det er dejligt at gå forbi.",
        "vaad-natur",
    ),
    (
        "en",
        "Let the stream meander again",
        "The stream south of town was straightened into a canal decades ago. Giving it "
        "back its bends and letting it spill over into the meadows would create marshes "
        "full of life.",
        "vaad-natur",
    ),
    (
        "da",
        "Regnvandsbassinet skal ligne en rigtig sø",
        "I vores nye udstykning er regnvandsbassinet bare et hul med et hegn omkring. Lav "
        "det om til en lille sø med siv og fugtige enge, så der kommer noget liv.",
        "vaad-natur",
    ),
    (
        "da",
        "Engene ved fjorden må gerne blive våde",
        "Ved fjorden kunne vi lade vandet oversvømme engene om vinteren igen. Det ville "
        "give strandeng og rørskov, som fuglene elsker.",
        "vaad-natur",
    ),
    (
        "da",
        "Beskyt overdrevene mod gødning",
        "De få tørre overdrev og heder, vi har tilbage, bliver langsomt ødelagt af "
        "gødning, der driver ind fra markerne. Lav bufferzoner omkring dem.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Ingen nye lagerhaller på god landbrugsjord",
        "Kommunen inddrager hele tiden god agerjord til parcelhuse og lagerhaller. Byg "
        "hellere på gamle industrigrunde og pas på den jord, vi skal dyrke mad på i "
        "fremtiden.",
        "saarbare-naturtyper",
    ),
    (
        "en",
        "Protect the bog and heath from nitrogen",
        "The raised bog and the heath near the motorway are slowly being damaged by "
        "nitrogen from farms and traffic. These fragile habitats need stricter rules on "
        "fertiliser and livestock farms close by.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Klitterne bliver trådt i stykker",
        "Ved stranden går og cykler folk på tværs af de skrøbelige klitter og strandenge. "
        "Sæt skilte og faste stier op, så de sarte områder ikke bliver slidt ned.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Ordentligt tilsyn med de beskyttede moser og enge",
        "Mange beskyttede moser og enge er ikke registreret korrekt, og nogle er ligefrem "
        "blevet pløjet op. Kommunen skal kortlægge dem og føre tilsyn.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Den bedste jord skal bruges til mad",
        "Nye solcelleparker og logistikcentre æder den bedste muldjord i kommunen. Beskyt "
        "den gode agerjord i kommuneplanen, så den også er der til fødevarer om 50 år.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Nej tak til reklamer som standard",
        "Der kommer stadig bunker af reklamer i postkasserne, også hos folk der ikke "
        "læser dem. Gør det til standard, at man skal sige ja tak i stedet for nej tak.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Bedre sortering i lejlighederne",
        "I vores boligforening er der kun én container til restaffald, og folk smider alt "
        "i den. Vi vil have sortering af plast, pap og madaffald tæt på opgangene.",
        "mindre-forbrug-affald",
    ),
    (
        "en",
        "No more disposable cups at events",
        "At the summer festival and the football stadium everything is served in "
        "single-use plastic. Require reusable cups with a deposit at all events on "
        "municipal land.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "En måned uden at købe nyt",
        "Hvad med en udfordring, hvor husstande prøver at købe så lidt som muligt i en "
        "måned og vejer deres skrald? Det ville få mange til at opdage, hvor meget vi "
        "køber, vi ikke har brug for.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Betal efter hvor meget skrald man har",
        "Hvis man betalte efter vægten af sin skraldespand, ville flere tænke sig om. Det "
        "virker i andre lande, så hvorfor ikke her?",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Butikker uden emballage på gågaden",
        "Hjælp butikker, der sælger løsvarer uden indpakning, med at komme ind på "
        "gågaden. Så kan man købe præcis det, man skal bruge, i sine egne bøtter.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Genbrugsbutik på genbrugspladsen",
        "Der bliver smidt møbler og cykler ud på genbrugspladsen, som sagtens kan bruges. "
        "Lav et sted, hvor man kan aflevere og hente gratis, eller sælg tingene videre.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Reparationscafé på biblioteket",
        "Et par gange om måneden kunne biblioteket have en café, hvor frivillige hjælper "
        "med at reparere elektronik, tøj og cykler. Så bliver tingene brugt længere.",
        "cirkulaer-oekonomi",
    ),
    (
        "en",
        "Reuse materials from demolished buildings",
        "When the old school is torn down, the bricks, windows and timber should be saved "
        "and used again in new buildings instead of being crushed. Set up a materials "
        "bank.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Udlån af værktøj i hver bydel",
        "Hvorfor skal alle eje en boremaskine, de bruger ti minutter om året? Et "
        "udlånssted for værktøj og haveredskaber i hver bydel ville være super.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Virksomheder kan bruge hinandens restprodukter",
        "Bryggeriet smider mask ud, som en landmand kunne fodre med, og snedkeriet har "
        "spåner, som varmeværket kunne bruge. Kommunen kunne hjælpe med at koble den "
        "slags virksomheder sammen.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Byttemarked for børnetøj i børnehaven",
        "Børn vokser ud af tøjet på et halvt år. Et fast stativ i børnehaven, hvor "
        "forældre kan aflevere og tage tøj, ville holde det i brug meget længere.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Økologiske og lokale råvarer i kommunens køkkener",
        "Plejehjem og daginstitutioner får det meste af deres mad fra store grossister. "
        "Stil krav om økologi og lokale råvarer, næste gang kommunen laver aftaler med "
        "leverandører.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Grønne krav når byggeri sendes i udbud",
        "Når kommunen sender byggeopgaver i udbud, vinder den billigste næsten altid. Giv "
        "point for lav CO2, genbrugte materialer og elektriske maskiner på byggepladsen.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Stop buying brand new office furniture",
        "The town hall replaced all its desks and chairs last year even though the old "
        "ones were fine. The council should buy refurbished furniture and computers by "
        "default.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Miljømærket kaffe og papir på rådhuset",
        "Kaffen, rengøringsmidlerne og papiret på rådhuset burde være miljømærket og "
        "fairtrade. Det lyder småt, men kommunen køber ind for mange millioner om året.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Durable workwear for council staff",
        "Home carers and park workers get new workwear every year. Choose durable, "
        "certified clothing and require the supplier to take the old clothes back.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Overskudsmad fra kantinerne",
        "I skolernes kantiner og på plejehjemmene bliver der smidt meget mad ud hver dag. "
        "Lad folk købe resterne billigt sidst på dagen, eller giv dem til væresteder.",
        "mindre-spild",
    ),
    (
        "da",
        "Supermarkedernes brød skal ikke i containeren",
        "Supermarkederne kasserer frugt og brød, der stadig er helt fint. Hjælp med at få "
        "det videre til madbanker og foreninger i stedet.",
        "mindre-spild",
    ),
    (
        "en",
        "A community fridge in our neighbourhood",
        "A shared fridge where people can leave food they won't eat before going on "
        "holiday, and others can take it. It works in other cities and keeps good food "
        "out of the bin.",
        "mindre-spild",
    ),
    (
        "da",
        "Marked for skæve grøntsager fra gartnerierne",
        "Gartnerierne på egnen smider tonsvis af gulerødder og kartofler ud, fordi de har "
        "den forkerte form. Lav et marked, hvor de kan sælges billigt.",
        "mindre-spild",
    ),
    (
        "da",
        "Hjælp bagerier og slagtere med at måle deres spild",
        "Fødevarevirksomhederne i kommunen kunne få hjælp til at måle, hvor meget der går "
        "tabt i produktionen, og finde ud af hvordan de kan skære ned på det.",
        "mindre-spild",
    ),
    (
        "da",
        "Skolemaden ender i skraldespanden",
        "Mine børn fortæller, at halvdelen af skolemaden bliver smidt ud, fordi "
        "portionerne er for store, eller fordi ingen kan lide retten. Spørg eleverne og "
        "bestil efter hvor mange der rent faktisk spiser.",
        "mindre-spild",
    ),
    (
        "da",
        "Bæredygtighed på skoleskemaet",
        "Børnene lærer for lidt om, hvordan deres valg påvirker klimaet. Lav "
        "undervisningsforløb i alle klasser om mad, tøj, transport og energi.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Grønne ambassadører i boligforeningerne",
        "Uddan frivillige beboere til at hjælpe naboerne med at spare på varmen, sortere "
        "og tænke over det de køber. Det virker meget bedre, når det kommer fra en nabo "
        "end fra et brev fra kommunen.",
        "baeredygtig-dannelse",
    ),
    (
        "en",
        "Green skills workshops for families",
        "Run weekend workshops at the library where families learn to cook with "
        "leftovers, mend clothes and lower their energy use. Make it fun rather than "
        "preachy.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Madkursus for unge om grøn mad",
        "Mange unge vil gerne spise mere grønt, men ved ikke hvordan man laver det. "
        "Gratis madlavningskurser på ungdomsskolen om plantebaseret mad, tak.",
        "baeredygtig-dannelse",
    ),
    (
        "en",
        "Nudge people to cycle to work",
        "Small things like showing how much CO2 you saved by cycling, or a monthly "
        "challenge between workplaces, could change people's habits. The council could "
        "run the campaign.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Sundhedstjek i de udsatte boligområder",
        "Folk i de socialt belastede kvarterer lever kortere og går sjældnere til lægen. "
        "Lad en sygeplejerske komme i beboerhuset en gang om ugen og måle blodtryk og "
        "blodsukker gratis.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Tandlæge for dem der ikke har råd",
        "Mange med lav indkomst dropper tandlægen, fordi det er alt for dyrt. Kommunen "
        "kunne lave en tilskudsordning eller en gratis tandklinik.",
        "lighed-i-sundhed",
    ),
    (
        "en",
        "Health information in more languages",
        "Many of my neighbours don't speak Danish well and don't understand letters from "
        "the hospital or their doctor. Offer interpreters and health guidance in their "
        "own languages.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Gratis motionshold for folk med lav indkomst",
        "Fitness er dyrt, og mange i min opgang får aldrig rørt sig. Gratis motionshold i "
        "parken for folk med få penge kunne gøre en stor forskel for deres helbred.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Rygestop hvor folk faktisk er",
        "Rygestopkurserne på rådhuset når ikke dem, der ryger mest. Tag kurserne ud på "
        "arbejdspladserne, på jobcentret og på værestederne.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Legepladser som børn i kørestol kan bruge",
        "Min søn sidder i kørestol og kan ikke komme ind på en eneste legeplads i vores "
        "bydel. Alle nye legepladser skal kunne bruges af børn med handicap.",
        "lige-muligheder",
    ),
    (
        "da",
        "Anonyme jobansøgninger i kommunen",
        "Folk med udenlandsk klingende navne bliver sjældnere kaldt til samtale. Kommunen "
        "er en stor arbejdsgiver og kunne gå forrest med anonyme ansøgninger.",
        "lige-muligheder",
    ),
    (
        "en",
        "Fair training times for girls' teams",
        "The girls' football team always gets the worst training times and the oldest "
        "pitch. Hall time and money for sports should be shared fairly between boys and "
        "girls.",
        "lige-muligheder",
    ),
    (
        "da",
        "Trinfri adgang til borgerservice og biblioteket",
        "Biblioteket og borgerservice har trapper og tunge døre, som er umulige med "
        "rollator eller kørestol. Alle skal kunne bruge kommunens tilbud uden at skulle "
        "bede om hjælp.",
        "lige-muligheder",
    ),
    (
        "en",
        "Help for people who are not online",
        "Everything happens online now, but many older people and people with low incomes "
        "don't have a computer or struggle with MitID. Keep face-to-face service and "
        "offer free help at the library.",
        "lige-muligheder",
    ),
    (
        "da",
        "Fritidspas så alle børn kan gå til noget",
        "Det koster over tusind kroner om året at gå til fodbold eller spejder. Lav en "
        "ordning, så børn fra familier med få penge også kan være med.",
        "lige-muligheder",
    ),
    (
        "da",
        "Flere besøgsvenner til ældre der sidder alene",
        "Mange ældre på vores vej får ikke besøg i flere uger ad gangen. Støt de "
        "frivillige foreninger, der formidler besøgsvenner, så de kan nå ud til flere.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Fællesspisning for folk der bor alene",
        "Et fast spisearrangement i forsamlingshuset en gang om ugen, hvor man kan komme "
        "alene og gå derfra med nye bekendtskaber. Kommunen kunne betale lokalerne, og de "
        "frivillige laver maden.",
        "bekaempe-ensomhed",
    ),
    (
        "en",
        "Stable funding for the volunteer phone line",
        "The volunteers who run the phone line for isolated people are struggling to pay "
        "rent and training. The council should give them stable funding instead of making "
        "them apply every year.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Nye studerende kender ingen",
        "Det er ikke kun ældre, der sidder alene. Mange unge, der lige er flyttet hertil "
        "for at studere, kender ingen. Kommunen og foreningerne kunne lave "
        "velkomstarrangementer og makkerordninger.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Snakkebænke i parken",
        "Sæt nogle bænke op med et skilt om, at man gerne må sætte sig og snakke. Det "
        "lyder af lidt, men det kan betyde meget for dem, der ikke taler med nogen i "
        "løbet af dagen.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Ræk ud til dem der lige har mistet en ægtefælle",
        "Når man mister sin mand eller kone, ved kommunen det godt. Den kunne tilbyde et "
        "besøg fra en frivillig et par uger efter, når begravelsen er overstået og "
        "telefonen holder op med at ringe.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Hurtig samtalehjælp på gymnasiet",
        "Rigtig mange unge har angst og stress, og ventetiden hos psykologen er lang. Lav "
        "et samtaletilbud på skolerne, hvor man kan få hjælp samme uge.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Fælles køkkenhave i boligforeningen",
        "I vores boligforening kunne vi lave en fælles køkkenhave, hvor naboerne mødes og "
        "dyrker grøntsager sammen. Det giver ro i hovedet, og man lærer hinanden at "
        "kende.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Group walks for people with stress",
        "Weekly group walks in the forest with a trained guide for people dealing with "
        "stress or depression. Being outside together helps more than sitting alone at "
        "home.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Åbn skolernes lokaler for foreningerne om aftenen",
        "Spejderne, kortklubben og koret kan ikke finde steder at være. Åbn skolernes "
        "lokaler om aftenen, så flere kan mødes om noget, de brænder for.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Anonym rådgivning for stressramte",
        "Der mangler et sted, man kan gå hen uden henvisning, når man er ved at gå ned "
        "med stress. En anonym rådgivning et par aftener om ugen ville hjælpe mange.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Borgerpanel om en del af budgettet",
        "Lad en gruppe tilfældigt udvalgte borgere være med til at prioritere en del af "
        "kommunens budget. Så er det ikke kun de sædvanlige, der bliver hørt.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Få flere unge til at stemme",
        "Valgdeltagelsen blandt unge og i nogle boligområder er meget lav. Lav valgcaféer "
        "og debatter på uddannelsesstederne op til kommunalvalget.",
        "aktivt-medborgerskab",
    ),
    (
        "en",
        "Public meetings at times people can attend",
        "Citizen meetings are always at four in the afternoon on a weekday, when most "
        "people are at work or picking up kids. Hold them in the evening, stream them and "
        "let people send in questions online.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Nemmere at give en hånd med lokalt",
        "Jeg vil gerne hjælpe til i lokalsamfundet, men ved ikke hvor. Lav en oversigt "
        "over foreninger, der mangler frivillige, hvor man også kan melde sig til enkelte "
        "opgaver.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Tolk til borgermøderne",
        "Når der er borgermøde om byggeri i vores kvarter, forstår halvdelen af beboerne "
        "ikke, hvad der bliver sagt. Tilbyd tolkning, så alle kan blande sig i debatten.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Ungdomsrådet skal have noget at skulle have sagt",
        "Giv ungdomsrådet sit eget budget og ret til at sætte punkter på byrådets "
        "dagsorden. Ellers er det bare pynt.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Almene boliger i det nye havnekvarter",
        "Det nye område på havnen bliver kun med dyre ejerlejligheder. Sørg for, at der "
        "også kommer almene boliger og billige ungdomsboliger, så det ikke kun er for dem "
        "med mange penge.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Fast boligsocial medarbejder i vores afdeling",
        "I vores boligforening er der mange problemer med uro, gæld og børn, der keder "
        "sig. En fast boligsocial medarbejder kunne hjælpe familierne og sætte "
        "aktiviteter i gang.",
        "inkluderende-byplanlaegning",
    ),
    (
        "en",
        "Design squares that everyone can use",
        "The new town square has no benches, no shade and no toilets, so older people and "
        "families avoid it. Involve residents of all ages when public spaces are "
        "designed.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Åbn boligblokkene op mod resten af byen",
        "Vores bebyggelse ligger bag en stor vej og føles helt afskåret fra byen. Nye "
        "stier, butikker i stueetagen og en cykelbro kunne binde kvarteret sammen med "
        "centrum.",
        "inkluderende-byplanlaegning",
    ),
    (
        "en",
        "Affordable rents near the station",
        "Rents near the train station are out of reach for nurses, bus drivers and "
        "students. Require a share of affordable rental flats in every new development.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Behold skolen i landsbyen",
        "Hvis skolen lukker, flytter børnefamilierne, og så dør byen. Landsbyskolerne er "
        "lige så vigtige som skolerne inde i centrum.",
        "by-og-land",
    ),
    (
        "da",
        "Flere busser ud til landsbyerne",
        "Den sidste bus fra byen kører kl. 18, og i weekenden kører der næsten ingen. "
        "Uden bil kan man ikke bo herude. Flere afgange eller flextrafik, tak.",
        "by-og-land",
    ),
    (
        "en",
        "Proper internet outside the town",
        "Outside the town we still have terrible broadband and mobile coverage. People "
        "can't work from home and kids can't do their homework. Push for fibre to every "
        "village.",
        "by-og-land",
    ),
    (
        "da",
        "Lægehus tættere på de små byer",
        "Vi skal køre 30 kilometer til nærmeste læge. Et lægehus eller en mobil klinik, "
        "der kommer ud i landsbyerne, ville gøre det muligt for de ældre at blive boende.",
        "by-og-land",
    ),
    (
        "da",
        "Pengene ender altid i hovedbyen",
        "Nye cykelstier, legepladser og kulturhuse bliver altid lagt i hovedbyen. Fordel "
        "pengene mere retfærdigt, så vi i de mindre byer også får noget.",
        "by-og-land",
    ),
    (
        "en",
        "Keep the village shop open",
        "Our village shop is about to close. Support from the municipality, for example "
        "lower rent or help to turn it into a cooperative, would keep the village a place "
        "people want to live.",
        "by-og-land",
    ),
    (
        "da",
        "Lektiecafé for børn der ikke får hjælp hjemme",
        "Nogle børn har ingen derhjemme, der kan hjælpe med matematik og dansk. En gratis "
        "lektiehjælp efter skole med frivillige studerende kunne give dem en bedre "
        "chance.",
        "social-mobilitet",
    ),
    (
        "da",
        "Mentorer til unge uden uddannelse",
        "Unge, der er droppet ud af skolen, har brug for en voksen, der tror på dem. Et "
        "mentorprogram med folk fra erhvervslivet kunne hjælpe dem i gang med en "
        "uddannelse eller et job.",
        "social-mobilitet",
    ),
    (
        "en",
        "Break the cycle of poverty early",
        "Children who grow up poor too often end up in the same situation as their "
        "parents. Invest early with more staff in nurseries in deprived areas and reading "
        "support from first grade.",
        "social-mobilitet",
    ),
    (
        "da",
        "Praktikpladser til unge fra boligområderne",
        "Lokale virksomheder kunne forpligte sig til at tage unge fra de udsatte "
        "boligområder i praktik eller studiejob. Det åbner døre, som ellers er lukkede.",
        "social-mobilitet",
    ),
    (
        "da",
        "Ufaglærte skal have råd til at uddanne sig",
        "Mange ufaglærte vil gerne tage en uddannelse, men har ikke råd til at gå ned i "
        "løn imens. Kommunen kunne samarbejde med jobcentret om løntilskud, mens de "
        "uddanner sig.",
        "social-mobilitet",
    ),
    (
        "en",
        "Campus visits for kids whose parents never studied",
        "Many kids in our area have never met anyone who went to university. Arrange "
        "visits and role models so they see higher education as a real option.",
        "social-mobilitet",
    ),
    (
        "da",
        "Red de sidste klokkefrøer",
        "Der lever stadig nogle få klokkefrøer i vandhullerne ved gården syd for byen. "
        "Hvis kommunen ikke passer på netop de steder først, forsvinder de helt.",
        "truede-arter",
    ),
    (
        "da",
        "Kortlæg hvor de sjældne arter lever",
        "Kommunen ved ikke præcist, hvor de rødlistede planter og insekter findes. Lav en "
        "kortlægning og brug pengene der, hvor de mest værdifulde områder er.",
        "truede-arter",
    ),
    (
        "en",
        "Protect the bats in the old church",
        "Rare bats live in the church loft and the old trees around the churchyard. Make "
        "sure the renovation and tree felling don't destroy their roosts.",
        "truede-arter",
    ),
    (
        "da",
        "Vent med at slå orkidéengen",
        "På engen ved skoven gror der sjældne orkidéer, men kommunen slår græsset lige "
        "midt i blomstringen. Vent til sensommeren, tak.",
        "truede-arter",
    ),
    (
        "en",
        "Bring back the rare butterfly on the west meadows",
        "A rare fritillary butterfly used to fly on the meadows west of town. Restoring "
        "the plants its caterpillars need and grazing gently could bring it back before "
        "it is gone for good.",
        "truede-arter",
    ),
    (
        "da",
        "Pas på engen med de sjældne sommerfugle",
        "Ved den gamle grusvej ligger en lille eng, hvor der flyver sommerfugle, som "
        "næsten er væk fra resten af landet. Den skal beskyttes, før der bruges penge på "
        "mere almindelig natur.",
        "truede-arter",
    ),
    (
        "da",
        "Brug kommunens marker til natur",
        "Kommunen ejer mange marker, der bliver forpagtet ud til landbrug. Udlæg en del "
        "af dem til natur, hvor der ikke skal dyrkes, sprøjtes eller bygges.",
        "natur-foerst",
    ),
    (
        "da",
        "Ikke kun græsplæner i parkerne",
        "Afsæt en fjerdedel af de kommunale grønne arealer, hvor planter og insekter har "
        "forrang frem for fodbold og picnic.",
        "natur-foerst",
    ),
    (
        "en",
        "Turn the old gravel pit into a reserve",
        "When the gravel pit closes, don't turn it into an industrial estate. Set it "
        "aside for nature permanently, with no building and only light public access.",
        "natur-foerst",
    ),
    (
        "da",
        "Naturen skal veje tungest i flere områder",
        "Når der laves ny kommuneplan, bør der udpeges flere områder, hvor naturen vejer "
        "tungest, og hvor hensynet til landbrug og byggeri kommer i anden række.",
        "natur-foerst",
    ),
    (
        "en",
        "A real target for protected land",
        "Only a few percent of our municipality is protected. Set a target of say 20 "
        "percent of the land where wildlife has the first say, and report on progress "
        "every year.",
        "natur-foerst",
    ),
    (
        "da",
        "Lad skoven passe sig selv",
        "Kommuneskoven bliver tyndet ud og ryddet op hele tiden. Lad de væltede træer "
        "ligge og lad skoven udvikle sig frit, så der kommer svampe, biller og spætter.",
        "vild-natur",
    ),
    (
        "da",
        "Kvæg og heste i stedet for plæneklippere",
        "Sæt kvæg eller heste ud på et stort område, der får lov at passe sig selv hele "
        "året. Det giver et meget mere varieret landskab end maskiner.",
        "vild-natur",
    ),
    (
        "en",
        "Rewild the river valley",
        "Let the river flood and shift its course, bring in grazing animals and stop "
        "managing the valley like a park. Nature knows how to do this better than we do.",
        "vild-natur",
    ),
    (
        "da",
        "Rodet natur er god natur",
        "Døde træer, brændenælder og krat bliver fjernet i de grønne områder, fordi det "
        "ser rodet ud. Men det er netop der, dyrene lever. Drop oprydningen og lad det "
        "gro som det vil.",
        "vild-natur",
    ),
    (
        "en",
        "Let the dunes move",
        "The dunes along the coast are held in place with fences and planted grass. Let "
        "the wind and the sea shape them again, like they did before.",
        "vild-natur",
    ),
    (
        "da",
        "Lad bæverne bestemme ved åen",
        "Bæverne har bygget dæmninger ved åen, og kommunen vil fjerne dem. Lad dem være "
        "og lad området blive oversvømmet og forandre sig af sig selv.",
        "vild-natur",
    ),
    (
        "da",
        "Naturvejledere til skolerne",
        "Børnene i byen kommer sjældent ud i skoven. Ansæt flere naturvejledere, der "
        "tager klasserne med ud i skoven og ned til stranden.",
        "naturformidling",
    ),
    (
        "da",
        "Sti og skilte ved søen",
        "Det er svært at komme ned til søen, og der står intet om fuglene og planterne. "
        "Lav en sti rundt om søen med nogle tavler, der fortæller hvad man kan se.",
        "naturformidling",
    ),
    (
        "en",
        "An app with local nature trails",
        "An app or website showing the best nature spots in the municipality, how to get "
        "there by bus, and what you can see in each season.",
        "naturformidling",
    ),
    (
        "da",
        "Skovstier man kan komme frem på med kørestol",
        "Der er næsten ingen stier i skoven, man kan bruge med kørestol eller barnevogn. "
        "Lav i det mindste én tilgængelig rute i hvert større naturområde.",
        "naturformidling",
    ),
    (
        "da",
        "Gratis naturture for tilflyttere",
        "Mange nye i kommunen ved slet ikke, hvor flot naturen er herude. Arranger gratis "
        "ture med en guide, der fortæller om dyr, planter og landskabet.",
        "naturformidling",
    ),
    (
        "en",
        "Bird watching tower at the fjord",
        "A simple tower with a view over the fjord would let people watch the birds "
        "without disturbing them. Add signs explaining which species turn up in each "
        "season.",
        "naturformidling",
    ),
    (
        "da",
        "Grønne korridorer mellem skovene",
        "Skovene i kommunen ligger som små øer mellem markerne. Plant levende hegn og lav "
        "brede grønne bælter, så dyrene kan bevæge sig fra den ene skov til den anden.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Faunapassager under motorvejen",
        "Rådyr og grævlinger bliver kørt ned på motorvejen ved skoven. Lav tunneler eller "
        "broer, så dyrene kan komme sikkert over.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Make the small nature patches bigger",
        "Many of our best nature spots are tiny and surrounded by fields. Buy or rent the "
        "land around them so they grow bigger and more robust.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Blomstrende vejkanter på kryds og tværs",
        "Slå vejkanterne sjældnere og så vilde blomster, så de kan fungere som små "
        "naturstriber gennem landskabet.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Fast plejeplan for enge og moser",
        "Mange af vores enge og moser gror til i pil og brombær, fordi ingen passer dem. "
        "Lav en fast plan for plejen og sørg for, at der er penge til den hvert år.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Link the town parks with green streets",
        "Connect the town's parks with tree-lined streets and green strips, so birds, "
        "insects and people can move between them.",
        "sammenhaengende-natur",
    ),
)


OUT_OF_SCOPE = (
    # roads, traffic and parking
    "vej veje vejen asfalt asfalten huller hul lappes belægning kantsten fortov fortovet "
    "parkering parkere p-plads p-pladser parkeringsplads parkeringsafgift p-afgift "
    "parkeringskælder bilister trafiklys lyskryds krydset fartbump fartdæmpning fartkamera "
    "hastighed motorvej afkørsel rundkørsel omkørsel bro broen vejarbejde snerydning saltning "
    "road roads potholes pothole asphalt pavement kerb parking car park parking fee parking "
    "ticket traffic lights junction speed bump speed camera speeding motorway exit ring road "
    "bypass lane bridge roadworks snow clearing gritting",
    # sport, culture and events
    "idrætshal hal hallen håndbold fodbold fodboldbane kunstgræs badminton padel tennis golf "
    "golfbane svømmehal svømmehallen stadion arena koncert koncertsal teater "
    "biograf museum kunst kunstværk kunstner skulptur statue maleri vægmaleri "
    "festival musik "
    "sports hall handball football pitch artificial turf badminton tennis golf course "
    "swimming pool stadium arena concert hall theatre cinema museum art artwork "
    "artist sculpture statue mural festival music bands",
    # taxes and the council's own services
    "skat ejendomsskat grundskyld løn vederlag politikere byggetilladelse sagsbehandling "
    "borgerservice hjemmeside åbningstider "
    "tax property tax council tax salaries planning permission paperwork website opening "
    "hours",
    # adverts and spam
    "køb bestil rabat udsalg fragt levering kampagnekode solbriller ure "
    "casino spins bonus indbetaling kryptovaluta bitcoin investering lån "
    "buy order discount sale cheap prices free shipping delivery promo code sunglasses "
    "watches replica casino free spins deposit bonus crypto bitcoin investment trading bot "
    "guaranteed loan click link",
)

"""An evaluation set for the focus-area suggester, written fresh for it (issue 13).

Citizen-style proposals in Danish and English, paraphrasing the kinds of ideas people
publish on Danish municipal and national proposal platforms, each labelled with every
focus area a moderator could defend (the first is the best). None of the text was taken
from the vocabulary in engage/taxonomy/content.py or from routing_cases.py. OFF_TOPIC
holds proposals that fit none of the 23 areas (roads, parking, sports halls, culture,
administration), adverts and spam, and near-empty text.

Every second item of each list is held out: the tuning half may be looked at and tuned
on, the held-out half only measured. Items added later are appended to the end of their
list, so the same rule splits them alternately and no earlier item changes half. The
acceptable themes of an item are its areas' themes.
"""

from dataclasses import dataclass

from engage.taxonomy.content import THEMES

# (language, title, body, acceptable focus-area slugs separated by spaces, best first)
IN_SCOPE = (
    # --- klimahandlingsplan ---
    (
        "da",
        "Cykelparkering ved stationen",
        "Der er aldrig plads til cyklen om morgenen, så folk tager bilen i stedet. Byg "
        "overdækkede stativer, gerne i to etager.",
        "klimahandlingsplan",
    ),
    (
        "en",
        "Free buses on Saturdays",
        "If the buses were free at weekends, fewer families would drive into town to shop. "
        "It would cut traffic and exhaust fumes.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Regnvandet løber ind i kældrene",
        "Hver gang det øsregner, står vores vej under vand og kældrene bliver sat under vand. "
        "Kommunen må lave regnvandsbassiner eller større kloakrør.",
        "klimahandlingsplan vaad-natur",
    ),
    (
        "da",
        "Kommunens biler skal køre på strøm",
        "Hjemmeplejen kører rundt i dieselbiler hele dagen. Skift dem ud.",
        "klimahandlingsplan baeredygtige-indkoeb",
    ),
    (
        "en",
        "Publish how much the council emits",
        "Every year the council should publish a simple overview of its carbon footprint, "
        "split into buildings, vehicles and food, so we can see whether the goals are met.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Steder at lade elbilen i lejlighedskvarteret",
        "Vi der bor i lejlighed har ingen mulighed for at oplade bilen. Sæt opladere op ved "
        "fortovet.",
        "klimahandlingsplan",
    ),
    (
        "da",
        "Sikker vej til gymnasiet på cykel",
        "Mange unge cykler ad en smal landevej med lastbiler. Det er farligt og får forældrene "
        "til at køre dem i bil.",
        "klimahandlingsplan by-og-land",
    ),
    (
        "en",
        "Green roofs against heavy rain",
        "Put sedum roofs on bus shelters and public buildings to soak up water in storms and "
        "cool the streets in summer.",
        "klimahandlingsplan natur-foerst",
    ),
    (
        "da",
        "Krav om træbyggeri når kommunen sælger grunde",
        "Beton udleder meget. Nye huse på kommunens grunde skal bygges med lavt klimaaftryk.",
        "klimahandlingsplan baeredygtige-indkoeb",
    ),
    (
        "da",
        "Dige ved havnen",
        "Havnen bliver oversvømmet hver gang det stormer.",
        "klimahandlingsplan",
    ),
    (
        "en",
        "A climate plan people can actually follow",
        "I have read the council's climate strategy and it is forty pages of good intentions "
        "without numbers. What I would like is a plan with a yearly target for how much our "
        "emissions should fall, a list of the ten biggest measures with a price and a date on "
        "each, and a page on the website that is updated every year with how far we got. "
        "Transport and heating of homes are the big ones here, so most of the effort should "
        "go there: more frequent buses, safe routes for bikes, and getting the last gas "
        "boilers replaced. If a target is missed, the council should explain why and what it "
        "will do instead.",
        "klimahandlingsplan",
    ),
    # --- klimapartnerskaber ---
    (
        "da",
        "Fælles solanlæg for andelsboligforeningerne",
        "Lad boligforeningerne og kommunen gå sammen om store anlæg på tagene og dele strømmen.",
        "klimapartnerskaber",
    ),
    (
        "en",
        "Use the data centre's waste heat",
        "The new data centre blows warm air out all year. Pipe it into the heating network so "
        "nearby homes are heated by it.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Lærepladser i de grønne firmaer",
        "Elever fra erhvervsskolen skal kunne komme i lære hos dem, der installerer solpaneler "
        "og jordvarme.",
        "klimapartnerskaber social-mobilitet",
    ),
    (
        "da",
        "Borgerejede vindmøller",
        "Vi som bor her skal kunne købe andele i de nye møller, så overskuddet bliver i området.",
        "klimapartnerskaber",
    ),
    (
        "en",
        "Help small businesses go green",
        "Shops and workshops want a lower energy bill but have no time to work out how. Offer "
        "free energy checks and put them in touch with local installers.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Gasanlæg sammen med landmændene",
        "Gylle og haveaffald kan blive til gas. Kommunen bør lave et fælles anlæg med landbruget.",
        "klimapartnerskaber",
    ),
    (
        "da",
        "Samarbejde med universitetet om batterier",
        "Kommunen, universitetet og nye firmaer kan sammen teste, hvordan vi lagrer strøm fra "
        "sol og vind.",
        "klimapartnerskaber",
    ),
    (
        "en",
        "Buy heat pumps together",
        "Negotiate a group discount with installers so homeowners with oil boilers can switch "
        "to heat pumps for less.",
        "klimapartnerskaber klimahandlingsplan",
    ),
    (
        "da",
        "Hjælp til at isolere de gamle parcelhuse",
        "Villaerne fra 70'erne taber meget varme. Lav en ordning med lokale håndværkere og "
        "banken, så flere får råd.",
        "klimapartnerskaber klimahandlingsplan",
    ),
    (
        "en",
        "Solar panels on the sports centre roof",
        "",
        "klimapartnerskaber klimahandlingsplan",
    ),
    (
        "da",
        "Et grønt erhvervsområde ved motorvejen",
        "Vi har et stort ubrugt erhvervsområde ved motorvejen. Jeg foreslår, at kommunen "
        "reserverer det til virksomheder, der arbejder med grøn energi, og hjælper dem med at "
        "dele varme, strøm og vand med hinanden. Et firma, der laver brint, kan levere "
        "overskudsvarme til et gartneri, og et renseanlæg kan levere CO2 til et andet. Det "
        "giver arbejdspladser til folk her i stedet for at de skal pendle til storbyen, og "
        "erhvervsskolen kunne få et samarbejde om uddannelse af teknikere. Andre kommuner har "
        "gjort det med succes, så vi behøver ikke opfinde det hele selv.",
        "klimapartnerskaber",
    ),
    # --- lavbundsjorde ---
    (
        "da",
        "Stop dyrkning af de våde marker ved åen",
        "Markerne langs åen er så våde, at der næsten ikke kan høstes. Lad dem blive natur og "
        "betal ejeren for det.",
        "lavbundsjorde vaad-natur",
    ),
    (
        "en",
        "Stop pumping water off the old bog",
        "The pumps that keep the old bog fields dry cost money and release carbon. Switch them "
        "off and let the water come back.",
        "lavbundsjorde vaad-natur",
    ),
    (
        "da",
        "En fair pris til landmænd der opgiver marker",
        "Hvis man skal give sine marker i ådalen fra sig, skal man have en ordentlig betaling "
        "eller bytte til bedre jord et andet sted.",
        "lavbundsjorde",
    ),
    (
        "da",
        "De drænede moser udleder mere end bilerne",
        "Vidste I, at de gamle moser, der er lavet om til marker, udleder mere end alle byens "
        "biler? Det bør være første prioritet at gøre dem våde igen.",
        "lavbundsjorde vaad-natur klimahandlingsplan",
    ),
    (
        "en",
        "Land swap for farmers in the river valley",
        "Set up a scheme so farmers with wet low fields can swap them for dry fields elsewhere.",
        "lavbundsjorde",
    ),
    ("da", "Luk drænrørene i ådalen", "", "lavbundsjorde vaad-natur"),
    (
        "en",
        "Pay farmers to keep carbon in the ground",
        "Pay landowners for every tonne of carbon kept in the soil when they stop ploughing "
        "the peaty meadows.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Kommunen skal købe de sumpede marker",
        "De laveste marker ved fjorden kunne kommunen købe og lade blive våde.",
        "lavbundsjorde vaad-natur",
    ),
    (
        "da",
        "Køer i stedet for plov på de fugtige enge",
        "Lad engene blive afgræsset i stedet for at blive pløjet op hvert forår.",
        "lavbundsjorde saarbare-naturtyper vild-natur",
    ),
    (
        "en",
        "Tell farmers which fields are carbon-rich",
        "Many farmers do not know which of their fields are peat. Send them maps and advice "
        "about the grants for taking them out of use.",
        "lavbundsjorde",
    ),
    (
        "da",
        "Få styr på de organiske jorder i kommunen",
        "I vores kommune ligger der mange hektar sort jord i ådalene, som blev drænet for "
        "længe siden for at få mere at dyrke. I dag giver de små høstudbytter, pumperne koster "
        "penge at holde kørende, og jorden synker år for år, fordi tørven forsvinder op i "
        "luften som CO2. Jeg foreslår, at kommunen laver en plan sammen med lodsejerne: hvilke "
        "arealer kan tages ud først, hvordan man kan bytte jord, og hvilke statslige puljer "
        "man kan søge. Det vil også give bedre plads til vand, når det regner meget.",
        "lavbundsjorde",
    ),
    # --- vaad-natur ---
    (
        "da",
        "Få den gamle mose tilbage",
        "Bag skolen var der engang en mose, men den blev drænet i 60'erne. Lad os genskabe den "
        "med frøer og siv.",
        "vaad-natur",
    ),
    (
        "en",
        "Clean up the fjord",
        "The water in the fjord is murky and smells in August. Less fertiliser running off the "
        "fields and more reeds would help.",
        "vaad-natur saarbare-naturtyper",
    ),
    (
        "da",
        "Giv bækken sine sving tilbage",
        "Bækken er rettet ud som en kanal. Giv den sine slyngninger igen, så fisk og insekter "
        "kan leve der.",
        "vaad-natur",
    ),
    ("da", "Flere små søer til tudserne", "", "vaad-natur truede-arter"),
    (
        "en",
        "Ponds in the new housing area",
        "Dig a few ponds in the new neighbourhood; they take the storm water and bring "
        "dragonflies and birds.",
        "vaad-natur klimahandlingsplan",
    ),
    (
        "da",
        "Søen er grøn af alger hver sommer",
        "Man kan ikke bade i søen om sommeren. Stop udledningen fra rensningsanlægget.",
        "vaad-natur",
    ),
    (
        "en",
        "Bring back the wet meadow by the river",
        "The meadow used to flood every winter and was full of birds. Remove the ditches.",
        "vaad-natur lavbundsjorde",
    ),
    (
        "da",
        "Lad regnvandet sive ned langs villavejene",
        "Lav grønne lavninger med planter langs vejene, så regnvandet ikke ryger i kloakken.",
        "vaad-natur klimahandlingsplan",
    ),
    ("en", "Save the village pond", "It is drying out and full of rubbish.", "vaad-natur"),
    (
        "da",
        "Beskyt ørrederne i åen",
        "Jern og sand fra markerne kvæler gydepladserne. Der skal gøres noget.",
        "vaad-natur truede-arter",
    ),
    (
        "en",
        "A plan for the streams and lakes",
        "Most of our streams are in poor condition according to the state's own assessment. "
        "They were straightened and deepened decades ago to drain fields, and now they run "
        "fast and carry sand and nutrients straight into the lake, which turns green every "
        "summer. I would like the council to make a plan for bringing water back into the "
        "landscape: let the streams meander again, create small wetlands that catch nitrogen "
        "before it reaches the lake, and restore some of the ponds that have been filled in. "
        "Volunteers from the angling club and the nature society would gladly help.",
        "vaad-natur",
    ),
    # --- saarbare-naturtyper ---
    (
        "da",
        "Ingen sprøjtegift tæt på vores drikkevand",
        "Vandet fra hanen skal være rent. Forbyd sprøjtning tæt på vandværkets boringer.",
        "saarbare-naturtyper",
    ),
    (
        "en",
        "Keep the heath open",
        "The heath north of town is slowly turning into forest. It needs grazing or burning to "
        "keep the heather.",
        "saarbare-naturtyper vild-natur natur-foerst",
    ),
    (
        "da",
        "Byg ikke villaer på den bedste muldjord",
        "Der bygges nyt på den bedste jord. Byg hellere på de gamle fabriksgrunde.",
        "saarbare-naturtyper inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Klitterne bliver slidt væk",
        "Folk går og kører på klitterne, og sandet blæser væk. Sæt hegn og lav faste stier.",
        "saarbare-naturtyper naturformidling",
    ),
    (
        "en",
        "No weed killer in council parks",
        "The council still sprays weeds on pavements and in parks. It harms bees and ends up "
        "in the groundwater.",
        "saarbare-naturtyper natur-foerst",
    ),
    (
        "da",
        "Strandengen ved vigen gror til",
        "Tagrør breder sig over hele engen. Der skal dyr ud at græsse igen.",
        "saarbare-naturtyper vild-natur",
    ),
    (
        "en",
        "Organic farming on council land",
        "The council rents out farmland. Require the tenants to farm without chemicals.",
        "saarbare-naturtyper baeredygtige-indkoeb",
    ),
    ("da", "Nitrat i brøndene", "", "saarbare-naturtyper"),
    (
        "da",
        "Bredere bræmmer langs vandløbene",
        "Pløj ikke helt ud til kanten, lad en stribe stå urørt mellem mark og vand.",
        "saarbare-naturtyper vaad-natur",
    ),
    (
        "en",
        "Ammonia from the pig farms",
        "The big pig farms next to the protected wood give off ammonia that kills the lichens "
        "and mosses. Set limits.",
        "saarbare-naturtyper",
    ),
    (
        "da",
        "Pas på den sjældne natur, vi har tilbage",
        "Vi har stadig nogle få stykker hede, overdrev og kalkrige skrænter, hvor der vokser "
        "planter, man ikke finder andre steder i landsdelen. Men de bliver mindre hvert år: "
        "nogle gror til med birk og fyr, andre får gødning fra markerne ved siden af, og et "
        "par steder er der blevet pløjet helt op til kanten. Jeg synes, kommunen skal lave et "
        "overblik over de beskyttede områder, tale med ejerne om pleje, og sørge for at "
        "reglerne om ikke at sprøjte og gøde tæt på bliver overholdt.",
        "saarbare-naturtyper",
    ),
    # --- mindre-forbrug-affald ---
    (
        "da",
        "Spande på gågaden med rum til sortering",
        "På gågaden er der kun én slags spand. Sæt nogen op med rum til plast, pap og flasker.",
        "mindre-forbrug-affald",
    ),
    (
        "en",
        "Clean up the beach after weekends",
        "After sunny weekends the beach is full of cans and wrappers. More bins and a monthly "
        "clean-up day, please.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Glascontaineren flyder over",
        "Containeren ved Netto er altid fuld, og flaskerne står på jorden. Tøm den oftere.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Tilbudsaviser kun til dem der beder om dem",
        "Alle får stadig tykke aviser med tilbud i postkassen. Gør det omvendt, så man skal "
        "sige ja.",
        "mindre-forbrug-affald",
    ),
    (
        "en",
        "No throwaway cups at council events",
        "At the summer festival everything was served in plastic. Use washable cups.",
        "mindre-forbrug-affald baeredygtige-indkoeb",
    ),
    (
        "da",
        "Brune spande til køkkenaffald i opgangene",
        "I vores opgang kan vi ikke komme af med kartoffelskræller og kaffegrums for sig.",
        "mindre-forbrug-affald mindre-spild",
    ),
    (
        "en",
        "A deposit on takeaway boxes",
        "Takeaway boxes fill the bins in the city centre. A deposit system would bring them back.",
        "mindre-forbrug-affald cirkulaer-oekonomi",
    ),
    ("da", "Flere skraldespande i parken", "", "mindre-forbrug-affald"),
    (
        "da",
        "Genbrugsstationen skal have åbent om aftenen",
        "Den lukker kl. 17, så vi der arbejder kan aldrig nå derud.",
        "mindre-forbrug-affald cirkulaer-oekonomi",
    ),
    (
        "en",
        "Cigarette butts everywhere",
        "Put ashtrays at bus stops; the butts end up in the drains and the sea.",
        "mindre-forbrug-affald",
    ),
    (
        "en",
        "We buy too much stuff",
        "Every November the town fills up with discount signs and people buy things they do "
        "not need, and in January the bins behind the flats are full of boxes, broken "
        "gadgets and clothes worn twice. I know the council cannot tell people what to buy, "
        "but it can make it easier to do the right thing: fewer bin collections for mixed "
        "rubbish and more for sorted materials, less packaging in its own shops and canteens, "
        "and a campaign around Black Friday that shows how much rubbish each household "
        "produces. Other towns have halved their rubbish this way.",
        "mindre-forbrug-affald baeredygtig-dannelse",
    ),
    # --- cirkulaer-oekonomi ---
    (
        "da",
        "Hjælp til at lappe cykler og sy tøj",
        "Lav et sted, hvor frivillige hjælper folk med at fikse deres ting i stedet for at "
        "smide dem ud.",
        "cirkulaer-oekonomi",
    ),
    (
        "en",
        "Borrow a drill from the library",
        "Why does every household own a drill it uses twice a year? Let people borrow tools "
        "like books.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Brug murstenene fra nedrivningerne igen",
        "Når kommunen river gamle skoler ned, skal mursten og bjælker bruges i nye huse.",
        "cirkulaer-oekonomi",
    ),
    (
        "da",
        "Et lille skur hvor man kan give og tage ting",
        "Man stiller det, man ikke bruger, og tager noget andet med hjem. Gerne i hvert "
        "boligområde.",
        "cirkulaer-oekonomi mindre-forbrug-affald",
    ),
    (
        "en",
        "Sell good furniture from the tip",
        "Perfectly good sofas and tables get crushed at the recycling centre. Open a shop "
        "there where they can be bought cheaply.",
        "cirkulaer-oekonomi mindre-forbrug-affald",
    ),
    (
        "da",
        "Ladcykler vi kan dele i kvarteret",
        "Ikke alle har råd til en ladcykel. Lad os dele nogle stykker i kvarteret.",
        "cirkulaer-oekonomi klimahandlingsplan",
    ),
    (
        "en",
        "Children's clothes swap at school",
        "Kids grow out of clothes fast. A monthly swap at school would save parents money.",
        "cirkulaer-oekonomi",
    ),
    ("da", "Marked for brugte ting hver måned på torvet", "", "cirkulaer-oekonomi"),
    (
        "en",
        "One firm's leftovers are another's raw material",
        "Help local companies find each other so offcuts and by-products get used instead of "
        "dumped.",
        "cirkulaer-oekonomi klimapartnerskaber",
    ),
    (
        "da",
        "Reparer skolernes computere i stedet for at købe nye",
        "Hvert tredje år kasseres alle computere og møbler. Reparer dem og brug dem længere.",
        "cirkulaer-oekonomi baeredygtige-indkoeb",
    ),
    (
        "da",
        "Et genbrugscenter med værksted og café",
        "I min by lukkede den gamle genbrugsbutik, og nu kører alt til forbrænding. Jeg "
        "foreslår et center, hvor man kan aflevere møbler, tøj, elektronik og byggematerialer, "
        "som bliver sat i stand af folk i jobtræning og solgt billigt igen. Der kunne være et "
        "værksted, hvor man selv kan låne værktøj og få hjælp til at reparere sin "
        "støvsuger eller sin cykel, og en café, hvor folk mødes. Det skaber arbejde, sparer "
        "penge for familierne, og det er meget bedre for miljøet end at købe nyt hele tiden.",
        "cirkulaer-oekonomi",
    ),
    # --- baeredygtige-indkoeb ---
    (
        "da",
        "Økologisk mad i børnehaverne",
        "Maden i vores børnehave kommer fra en stor virksomhed langt væk. Køb lokalt og økologisk.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Buy from local farmers",
        "The council's kitchens should buy vegetables from farms in the municipality, not "
        "imported ones.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Arbejdstøj der ikke er syet af underbetalte",
        "Når kommunen køber tøj til personalet, skal det ikke være lavet under elendige vilkår "
        "på fabrikker i Asien.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Mere grønt på menuen på plejehjemmene",
        "Køkkenet kunne købe flere grøntsager og mindre oksekød.",
        "baeredygtige-indkoeb lighed-i-sundhed",
    ),
    (
        "en",
        "Zero-emission vans in the next contract",
        "When the council renews its vehicle contracts, it should only accept electric vans.",
        "baeredygtige-indkoeb klimahandlingsplan",
    ),
    (
        "da",
        "Rengøring uden skrappe kemikalier",
        "Skolerne bruger stærke midler. Køb kun produkter med miljømærke.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Count the whole life cost",
        "Cheap chairs that break after two years cost more in the end. Judge bids on how long "
        "things last.",
        "baeredygtige-indkoeb cirkulaer-oekonomi",
    ),
    ("da", "Fairtrade-kaffe på rådhuset", "", "baeredygtige-indkoeb"),
    (
        "en",
        "Less meat in the town hall canteen",
        "Make vegetarian the default and meat the option.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Del de store opgaver op så lokale firmaer kan byde",
        "Kommunens kontrakter er så store, at kun landsdækkende firmaer kan være med.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Use the council's buying power",
        "The council spends a huge sum every year on food, cleaning, furniture, computers and "
        "building work. That money could push the market in a better direction. I propose "
        "that every contract above a certain size includes demands on carbon emissions, on "
        "recycled content and on decent working conditions in the supply chain, and that "
        "smaller local companies are helped to bid. The council should publish each year how "
        "much of what it bought was eco-labelled or organic, so we can see progress.",
        "baeredygtige-indkoeb",
    ),
    # --- mindre-spild ---
    (
        "da",
        "Maden fra rådhusets kantine til de hjemløse",
        "Hver dag bliver der smidt mad ud fra kantinen. Giv den til varmestuen i stedet.",
        "mindre-spild",
    ),
    (
        "en",
        "A shared fridge outside the community centre",
        "Shops and neighbours could leave food there that would otherwise go in the bin.",
        "mindre-spild",
    ),
    (
        "da",
        "Halvdelen af skolemaden ryger ud",
        "Min søn siger, at portionerne er alt for store, og at meget bliver smidt væk.",
        "mindre-spild baeredygtige-indkoeb",
    ),
    (
        "da",
        "Supermarkederne kasserer for meget",
        "Lav en aftale med butikkerne om at give varer, der snart udløber, til dem der mangler.",
        "mindre-spild",
    ),
    (
        "en",
        "Fix the leaking water pipes",
        "The water company loses a big share of clean drinking water through leaks.",
        "mindre-spild",
    ),
    (
        "da",
        "Kurser i at lave mad af rester",
        "Mange ved ikke, hvad de skal gøre med gårsdagens ris og de bløde tomater.",
        "mindre-spild baeredygtig-dannelse",
    ),
    (
        "en",
        "Sell wonky vegetables cheaply",
        "Carrots that are the wrong shape are thrown away on the farms. Sell them at the "
        "market for less.",
        "mindre-spild",
    ),
    ("da", "Stop smid-væk-kulturen på plejehjemmene", "", "mindre-spild"),
    (
        "en",
        "Explain the dates on food",
        "People throw away yoghurt that is perfectly fine because they confuse best before "
        "with use by.",
        "mindre-spild",
    ),
    (
        "da",
        "Gårsdagens brød til halv pris",
        "Lav en ordning, så bagerierne kan sælge brødet fra i går billigt i stedet for at smide "
        "det ud.",
        "mindre-spild",
    ),
    (
        "da",
        "Mindre mad i skraldespanden ved arrangementer",
        "Jeg har været frivillig ved byfesten i tre år, og hver gang ender kasser med "
        "sandwich, frugt og kage i containeren søndag aften. Det samme sker ved "
        "kommunens egne møder og reception, hvor der bestilles mad til dobbelt så mange, som "
        "der kommer. Jeg foreslår, at man bestiller efter tilmelding, at der er en aftale med "
        "en forening, der henter det, der er tilbage, og at kommunen måler, hvor meget der "
        "bliver smidt ud, så man kan se, om det bliver bedre.",
        "mindre-spild",
    ),
    # --- baeredygtig-dannelse ---
    (
        "da",
        "Lær børnene hvor maden kommer fra",
        "Alle elever skal prøve at dyrke grøntsager og lave mad af dem i skolen.",
        "baeredygtig-dannelse",
    ),
    (
        "en",
        "Evening classes on living greener",
        "Classes at the library on how to use less energy, eat less meat and shop smarter.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Grønne ildsjæle i boligforeningen",
        "Beboere, der hjælper naboerne med at sortere og spare på strømmen, bør få lidt støtte.",
        "baeredygtig-dannelse mindre-forbrug-affald",
    ),
    (
        "en",
        "A sustainability week at every school",
        "One week a year where pupils work on projects about climate and nature.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Kampagne for at cykle til arbejde",
        "Kommunen kan gå forrest og lave en konkurrence mellem arbejdspladserne.",
        "baeredygtig-dannelse klimahandlingsplan",
    ),
    (
        "da",
        "Køkkenhaver i alle børnehaver",
        "Små børn lærer meget af at så og høste selv.",
        "baeredygtig-dannelse",
    ),
    (
        "en",
        "Teach teenagers about fast fashion",
        "Young people buy cheap clothes online every week. Show them what it costs the planet.",
        "baeredygtig-dannelse mindre-forbrug-affald",
    ),
    ("da", "Mere om bæredygtighed i skolen", "", "baeredygtig-dannelse"),
    (
        "en",
        "A green welcome pack for new residents",
        "When you move here you should get a leaflet about sorting rubbish, the buses and the "
        "farm shops.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Eleverne skal bestemme over skolens strømforbrug",
        "Lad eleverne styre et budget til at spare energi på skolen og beholde en del af "
        "besparelsen.",
        "baeredygtig-dannelse aktivt-medborgerskab",
    ),
    (
        "en",
        "Help people change their habits, not just inform them",
        "Most of us know that we should drive less, eat less meat and throw away less, but "
        "knowing is not enough. I would like the council to try the small nudges that "
        "research shows work: vegetarian food first in the canteen line, bike racks closer to "
        "the door than the car park, letters that compare your heating with your neighbours'. "
        "Schools and kindergartens could have a yearly theme where children take an idea "
        "home to their parents. And the council's own staff should be role models, so it "
        "does not look like the rules are only for the rest of us.",
        "baeredygtig-dannelse",
    ),
    # --- lighed-i-sundhed ---
    (
        "da",
        "Gratis træning for folk med lav indkomst",
        "Et fitnesskort er dyrt. Tilbyd gratis træning i parken for dem, der ikke har råd.",
        "lighed-i-sundhed social-mobilitet",
    ),
    (
        "en",
        "Health checks on the estate",
        "People on the estate die years earlier than in the rest of town. Send a nurse there "
        "once a week to check blood pressure and blood sugar.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Røgfri skoletid",
        "Mange unge begynder at ryge i 8. klasse. Forbyd cigaretter og snus omkring skolerne.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Tandbehandling til hjemløse",
        "Folk på gaden har ofte ondt i tænderne og kan ikke betale for en tandlæge.",
        "lighed-i-sundhed",
    ),
    (
        "en",
        "We cannot get a GP appointment",
        "We waited three weeks to see a doctor. Attract more doctors to the area.",
        "lighed-i-sundhed by-og-land",
    ),
    (
        "da",
        "Sund frokost til alle skolebørn",
        "Nogle børn har kun chips med i madpakken. Giv alle et varmt måltid.",
        "lighed-i-sundhed baeredygtige-indkoeb social-mobilitet",
    ),
    (
        "en",
        "Help to cut down on drinking",
        "Anonymous support for people who drink too much, without a long waiting list.",
        "lighed-i-sundhed",
    ),
    ("da", "Flere træningsredskaber udendørs", "", "lighed-i-sundhed faellesskaber-mental-sundhed"),
    (
        "en",
        "Diabetes screening for immigrant women",
        "Many women from some communities have diabetes without knowing it.",
        "lighed-i-sundhed lige-muligheder",
    ),
    (
        "da",
        "Sundhedsplejersken skal komme oftere hos sårbare familier",
        "Unge mødre uden netværk har brug for flere besøg end de andre.",
        "lighed-i-sundhed",
    ),
    (
        "da",
        "Samme chance for et langt liv",
        "Der er mange års forskel på, hvor længe man lever, alt efter hvilket postnummer man "
        "bor i. Det handler om rygning, kost, bevægelse og om, at dem med kort uddannelse "
        "sjældnere går til lægen i tide. Jeg foreslår, at kommunen flytter nogle af sine "
        "sundhedstilbud ud i de boligområder, hvor behovet er størst: rygestopkurser på "
        "arbejdspladserne, holdtræning i beboerhuset, og en sygeplejerske, man kan tale med "
        "uden tidsbestilling. Det skal være gratis og foregå tæt på, hvor folk bor.",
        "lighed-i-sundhed",
    ),
    # --- lige-muligheder ---
    (
        "da",
        "Adgang for kørestole til biblioteket",
        "Jeg sidder i kørestol og kan ikke komme ind ad hovedindgangen. Lav en rampe eller en "
        "elevator.",
        "lige-muligheder",
    ),
    (
        "en",
        "Equal pay in the council",
        "Publish the pay gap between men and women in council jobs and close it.",
        "lige-muligheder",
    ),
    (
        "da",
        "Alle børn skal kunne gå til fodbold",
        "Nogle familier har ikke råd til kontingent og støvler. Kommunen kan betale for dem.",
        "lige-muligheder social-mobilitet faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Stop forskelsbehandling i døren til natklubberne",
        "Mine venner med mørk hud bliver afvist, mens vi andre kommer ind.",
        "lige-muligheder",
    ),
    (
        "en",
        "Toilets everyone can use",
        "Gender-neutral and step-free toilets in the town hall and the library.",
        "lige-muligheder",
    ),
    (
        "da",
        "Tegnsprogstolk og tekster på byrådsmøderne",
        "Døve kan ikke følge med i, hvad politikerne beslutter.",
        "lige-muligheder aktivt-medborgerskab",
    ),
    (
        "en",
        "Support for pupils with dyslexia",
        "My daughter was only tested in 6th grade. Test everyone early and give them the tools.",
        "lige-muligheder social-mobilitet",
    ),
    ("da", "Lydsignaler ved alle fodgængerfelter for blinde", "", "lige-muligheder"),
    (
        "en",
        "Make the town hall a safe place for LGBT people",
        "Train staff and show clearly that everyone is welcome.",
        "lige-muligheder",
    ),
    (
        "da",
        "Ansøgninger uden navn til kommunale job",
        "Folk med udenlandsk klingende navne bliver sorteret fra. Fjern navn og alder fra "
        "ansøgningen.",
        "lige-muligheder social-mobilitet",
    ),
    (
        "en",
        "A town for people with disabilities too",
        "My son has a physical disability and a mild intellectual disability, and every "
        "outing is a planning exercise. Many shops have a step at the door, the playground "
        "has no swing he can use, and the swimming pool's changing rooms are too small for "
        "his wheelchair. The leisure clubs say they cannot take him without a helper. I would "
        "like the council to go through its own buildings and activities and make a plan to "
        "remove the barriers, and to support clubs that include children like him.",
        "lige-muligheder",
    ),
    # --- bekaempe-ensomhed ---
    (
        "da",
        "Aftensmad sammen for ældre der bor alene",
        "Mange ældre spiser alene hver aften. Lav middag i forsamlingshuset en gang om ugen.",
        "bekaempe-ensomhed",
    ),
    (
        "en",
        "Phone friends for older people",
        "Volunteers who call an older person once a week just for a chat.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Nye studerende kender ingen",
        "Når man flytter hertil for at studere, er det svært at få venner. Lav nogle mødesteder.",
        "bekaempe-ensomhed faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Snakkebænke i byen",
        "Bænke med et skilt om, at man gerne må sætte sig og få en snak.",
        "bekaempe-ensomhed faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Support the visiting service",
        "The Red Cross visiting service has a long waiting list of people who want a visitor.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Gåture for dem der har mistet deres ægtefælle",
        "Når man bliver alene efter mange år, er det rart at gå sammen med andre i samme "
        "situation.",
        "bekaempe-ensomhed",
    ),
    (
        "en",
        "Children visiting the care home",
        "Let the kindergarten visit the residents every week; both sides love it.",
        "bekaempe-ensomhed",
    ),
    ("da", "Ingen skal sidde alene juleaften", "", "bekaempe-ensomhed"),
    (
        "en",
        "A workshop for retired men",
        "Many retired men have nobody to talk to. A shed where they can build and fix things "
        "together.",
        "bekaempe-ensomhed faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Lokaler og penge til frivilligcentret",
        "Frivilligcentret mangler plads og penge til at nå ud til dem, der sidder alene.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Ensomhed blandt ældre på landet",
        "Min far er 84 og bor alene på en gård fem kilometer fra nærmeste by. Efter at han "
        "mistede kørekortet, ser han kun hjemmeplejen, der kommer ti minutter om morgenen. "
        "Han siger ikke selv, at han er ensom, men han taler om ingenting andet end fortiden. "
        "Jeg tror, der er mange som ham. Kommunen kunne samarbejde med de frivillige "
        "foreninger om en besøgsordning, en bus, der henter folk til fællesspisning, og en "
        "telefonlinje, hvor man kan få en snak. Det koster ikke meget, men betyder alt.",
        "bekaempe-ensomhed",
    ),
    # --- faellesskaber-mental-sundhed ---
    (
        "da",
        "Psykolog på alle skoler",
        "Mange elever har angst og ondt i maven, og ventetiden er lang.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Keep the youth club open late",
        "Teenagers have nowhere to go in the evening except the petrol station.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Mobilfri skole",
        "Børnene sidder med telefonen i hvert frikvarter i stedet for at lege. Saml "
        "telefonerne ind.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Gadefester i kvarteret",
        "Kommunen kan låne borde ud og lukke vejen en dag, så naboerne lærer hinanden at kende.",
        "faellesskaber-mental-sundhed bekaempe-ensomhed",
    ),
    (
        "en",
        "Free counselling for stressed young people",
        "Young people with stress and anxiety should get help quickly, without a referral.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Flere penge til foreningerne",
        "Spejderne, sportsklubberne og koret holder byen sammen. Giv dem bedre tilskud.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "A shared garden for the neighbourhood",
        "A plot where neighbours grow vegetables together and get to know each other.",
        "faellesskaber-mental-sundhed bekaempe-ensomhed natur-foerst",
    ),
    (
        "da",
        "Ventetiden i børne- og ungepsykiatrien er for lang",
        "",
        "faellesskaber-mental-sundhed lighed-i-sundhed",
    ),
    (
        "en",
        "A network for parents of children who struggle at school",
        "Parents whose children refuse to go to school feel alone with it.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Et sted at komme for folk med psykisk sårbarhed",
        "Et hyggeligt sted med kaffe og nogen at tale med, åbent hver dag.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Young people's wellbeing must come first",
        "The latest survey in our schools shows that one in four pupils often feels sad or "
        "worried, and the number has grown every year. Social media, pressure to perform and "
        "fewer places to just hang out all play a part. I suggest the council works on "
        "several fronts: a counsellor in every school, clubs and sports associations that are "
        "free for young people, rules about phones during school hours, and a place in the "
        "centre where teenagers can meet without having to buy anything. Ask the young people "
        "themselves what they need.",
        "faellesskaber-mental-sundhed",
    ),
    # --- aktivt-medborgerskab ---
    (
        "da",
        "Borgermøder om aftenen",
        "Møderne om de nye planer ligger kl. 15, hvor vi andre er på arbejde.",
        "aktivt-medborgerskab",
    ),
    (
        "en",
        "Let citizens decide part of the budget",
        "Set aside a sum each year and let residents propose and vote on projects.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Hjælp til ældre med de digitale løsninger",
        "Min mor kan ikke finde ud af at logge på og læse sin post fra kommunen og har ingen "
        "til at hjælpe.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Et ungeråd med rigtig indflydelse",
        "De unge skal have en stemme, når byrådet beslutter noget om dem.",
        "aktivt-medborgerskab",
    ),
    (
        "en",
        "Evening Danish classes for refugees",
        "Many refugees work during the day and cannot attend the language school.",
        "aktivt-medborgerskab social-mobilitet",
    ),
    (
        "da",
        "Send byrådsmøderne direkte på nettet",
        "Så alle kan følge med hjemmefra.",
        "aktivt-medborgerskab",
    ),
    (
        "en",
        "Interpreters at council meetings with parents",
        "Parents who speak little Danish cannot follow the meetings about their own children.",
        "aktivt-medborgerskab lige-muligheder",
    ),
    ("da", "Valgsted på gymnasiet", "", "aktivt-medborgerskab"),
    (
        "en",
        "Get more young people to vote",
        "Turnout among first-time voters is low. Visit the schools before elections.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Lokalråd i alle bydele og landsbyer",
        "Et lokalråd, som kommunen skal spørge, før der besluttes noget i området.",
        "aktivt-medborgerskab by-og-land",
    ),
    (
        "da",
        "Inddrag os før beslutningerne er taget",
        "Da kommunen ville lukke vores bibliotek, hørte vi først om det, da det stod i avisen, "
        "og høringen var kun et skema på nettet med tre ugers frist. Sådan føler mange, at "
        "det foregår. Jeg foreslår, at kommunen laver faste regler for, hvordan borgerne bliver "
        "spurgt: møder i de berørte områder, på tidspunkter hvor folk kan komme, materiale på "
        "let dansk og på andre sprog, og et svar bagefter om, hvad man har brugt input til. "
        "Det vil give mere tillid til politikerne og flere, der stemmer.",
        "aktivt-medborgerskab",
    ),
    # --- inkluderende-byplanlaegning ---
    (
        "da",
        "Boliger unge kan betale",
        "Huslejen i midtbyen er så høj, at unge på SU ikke kan bo her. Byg små billige "
        "lejligheder.",
        "inkluderende-byplanlaegning",
    ),
    (
        "en",
        "Light the underpass",
        "Women avoid the tunnel under the railway at night because it is dark and feels unsafe.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Et sted at lege for børnene i vores bebyggelse",
        "Der er kun græs og parkering mellem blokkene. Børnene har ingen gynger eller sandkasse.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Bland ejer- og lejeboliger i det nye kvarter",
        "Byg ikke et kvarter kun for de rige. Sørg for at der også kommer almene lejligheder.",
        "inkluderende-byplanlaegning",
    ),
    (
        "en",
        "Winter shelter for people sleeping rough",
        "Several people sleep in the car park by the station even when it freezes.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Torvet skal være et sted at mødes",
        "Fjern bilerne fra torvet og sæt bænke, træer og et springvand op.",
        "inkluderende-byplanlaegning faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Renovate the estate's meeting hall",
        "The residents' hall on our estate is run down; we cannot hold parties or homework "
        "clubs there.",
        "inkluderende-byplanlaegning",
    ),
    ("da", "Mere tryghed omkring stationen om aftenen", "", "inkluderende-byplanlaegning"),
    (
        "en",
        "Not only luxury flats on the harbour",
        "Everything built on the harbour is for people with high incomes.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Noget for de unge i Vestparken",
        "De unge i vores boligområde hænger ud ved indkøbscentret. Lav en skatebane og et "
        "værested mellem blokkene.",
        "inkluderende-byplanlaegning faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Plan the new district for everyone",
        "The plans for the new district by the old factory show expensive terraced houses, a "
        "marina and a hotel. That is nice for some, but the town needs homes that nurses, "
        "bus drivers and students can afford, and it needs places where people from "
        "different backgrounds meet. I suggest that a third of the homes are social housing, "
        "that the ground floors have room for a community house and small shops, and that the "
        "squares and play areas are designed together with the people who will live there. "
        "Good lighting and paths that feel safe after dark should be part of it from the start.",
        "inkluderende-byplanlaegning",
    ),
    # --- by-og-land ---
    (
        "da",
        "Bevar skolen i landsbyen",
        "Hvis skolen lukker, flytter børnefamilierne, og så dør byen.",
        "by-og-land",
    ),
    (
        "en",
        "Evening buses to the villages",
        "The last bus home leaves at seven. Teenagers and shift workers are stuck.",
        "by-og-land klimahandlingsplan",
    ),
    (
        "da",
        "Ordentlig internetforbindelse ude på landet",
        "Vi har næsten ingen dækning, og jeg kan ikke arbejde hjemmefra.",
        "by-og-land",
    ),
    (
        "da",
        "Støt den sidste butik i sognet",
        "Vores lille brugs har svært ved at klare sig. Uden den skal de ældre køre 15 km efter "
        "mælk.",
        "by-og-land",
    ),
    (
        "en",
        "A doctor in the countryside",
        "Our village has had no doctor for two years; the nearest is 25 km away.",
        "by-og-land lighed-i-sundhed",
    ),
    (
        "da",
        "Riv de forfaldne huse i landsbyerne",
        "De tomme rønner ødelægger indtrykket og trækker priserne ned.",
        "by-og-land",
    ),
    (
        "en",
        "A mobile library for the villages",
        "A bus with books and a librarian that visits each village every fortnight.",
        "by-og-land",
    ),
    ("da", "Billigere kørsel på bestilling for dem uden bil", "", "by-og-land"),
    (
        "en",
        "Renovate the village hall",
        "The village hall is where everything happens here, but the roof leaks.",
        "by-og-land faellesskaber-mental-sundhed",
    ),
    (
        "da",
        "Lige så gode fritidstilbud til unge i landsbyerne",
        "Alt for de unge ligger i byen, og der går ingen bus derind om aftenen.",
        "by-og-land",
    ),
    (
        "da",
        "Landsbyerne må ikke blive glemt",
        "Jeg bor i en landsby med 400 indbyggere. På ti år har vi mistet skolen, banken, "
        "posthuset og bageren, og bussen kører nu kun tre gange om dagen. Samtidig hører vi "
        "om nye cykelstier, legepladser og kulturhuse i byen. Vi betaler den samme skat, men "
        "får meget mindre. Jeg foreslår, at kommunen laver en pulje, som landsbyerne selv kan "
        "søge til projekter, at der kommer kørsel på bestilling til en fast lav pris, og at "
        "man hjælper med at få hurtigt internet ud til alle, så unge familier har lyst til at "
        "flytte herud.",
        "by-og-land",
    ),
    # --- social-mobilitet ---
    (
        "da",
        "Hjælp til lektierne i boligområdet",
        "Mange forældre kan ikke hjælpe deres børn med matematik og dansk. Lav en lektiecafé "
        "med frivillige.",
        "social-mobilitet",
    ),
    (
        "en",
        "Apprenticeships for young people who left school early",
        "Young people without an exam need a second chance to learn a trade.",
        "social-mobilitet",
    ),
    (
        "da",
        "Rådgivning til familier med gæld",
        "Mange familier er fanget i dyre lån og rykkergebyrer. Giv gratis hjælp til at komme "
        "ud af det.",
        "social-mobilitet",
    ),
    (
        "da",
        "Fritidsjob til unge fra udsatte familier",
        "Et første job giver selvtillid og kontakter. Kommunen kan selv ansætte nogle.",
        "social-mobilitet",
    ),
    (
        "en",
        "Mentors for the first in the family to study",
        "Students whose parents never went to university often drop out in the first year.",
        "social-mobilitet",
    ),
    (
        "da",
        "Færre skal droppe ud af erhvervsskolen",
        "Hver tredje stopper inden de er færdige. Giv dem en kontaktperson.",
        "social-mobilitet",
    ),
    (
        "en",
        "Free after-school care for low-income families",
        "Parents on benefits cannot afford the after-school club, so the children go home alone.",
        "social-mobilitet lige-muligheder",
    ),
    ("da", "Arbejde til ledige over 55", "", "social-mobilitet"),
    (
        "en",
        "Adult education for unskilled workers",
        "Help people in low-paid jobs get a qualification while they keep working.",
        "social-mobilitet",
    ),
    (
        "da",
        "Børn i fattige familier",
        "Nogle børn har ikke madpakke med og kan ikke komme med på lejrskole.",
        "social-mobilitet lighed-i-sundhed",
    ),
    (
        "en",
        "Break the cycle for children from poor homes",
        "Where you grow up still decides too much of what becomes of you. Children from "
        "homes where the parents are out of work do worse at school, leave education earlier "
        "and end up out of work themselves. I propose that the council follows these "
        "children from day care onwards: extra reading support in the early years, homework "
        "help and a mentor in secondary school, and a guaranteed summer job or work placement "
        "when they are fifteen. Their parents should get help with debt and with finding "
        "work at the same time.",
        "social-mobilitet",
    ),
    # --- truede-arter ---
    (
        "da",
        "Red vibernes unger",
        "Vibernes reder bliver kørt over, når markerne bliver harvet om foråret. Sæt pinde ved "
        "rederne.",
        "truede-arter",
    ),
    (
        "en",
        "Bat boxes in the old trees",
        "The bats in the park lost their roost when the old oak was cut down.",
        "truede-arter",
    ),
    (
        "da",
        "Hjælp til de vilde bier",
        "Der er næsten ingen bier i vores have længere. Plant blomster, de kan leve af.",
        "truede-arter natur-foerst",
    ),
    (
        "da",
        "Odderen er kommet tilbage",
        "Den bliver kørt ned, hvor åen løber under vejen. Lav en tunnel til den.",
        "truede-arter sammenhaengende-natur",
    ),
    (
        "en",
        "Count the butterflies every summer",
        "A butterfly count with volunteers, so we know which species are disappearing.",
        "truede-arter naturformidling",
    ),
    (
        "da",
        "Pas på orkidéerne på skrænten",
        "Der vokser sjældne orkidéer ved grusgraven, men området skal bruges til byggeri.",
        "truede-arter",
    ),
    (
        "en",
        "Protect the nesting terns",
        "Dogs and beachgoers disturb the birds nesting on the spit. Close it in spring.",
        "truede-arter",
    ),
    ("da", "Red storkene", "", "truede-arter"),
    (
        "en",
        "Survey rare plants before building",
        "Before any new road or housing, check whether rare animals and plants live there.",
        "truede-arter",
    ),
    (
        "da",
        "Tudserne forsvinder fra stranden",
        "Den lille tudse, der lever ved vandhullerne bag stranden, er næsten væk.",
        "truede-arter vaad-natur",
    ),
    (
        "da",
        "En plan for de dyr og planter der er ved at forsvinde",
        "Da jeg var barn, hørte vi lærker over markerne og så agerhøns og harer hele tiden. "
        "Nu er de næsten væk, og det samme gælder mange sommerfugle og vilde bier. Jeg ved, "
        "at kommunen ikke kan redde det hele, men den kan finde ud af, hvor de sjældne arter "
        "lever, og beskytte de steder først. Lav en oversigt sammen med de lokale "
        "naturfolk, plej de vigtigste levesteder, og sørg for at der tages hensyn, før man "
        "bygger eller slår græs.",
        "truede-arter",
    ),
    # --- natur-foerst ---
    (
        "da",
        "Lad græsset gro i parken",
        "Slå kun stierne og lad resten blive til en blomstrende eng.",
        "natur-foerst",
    ),
    (
        "en",
        "Wildflowers on the roundabouts",
        "Replace the short grass and the bedding plants on roundabouts with native flowers.",
        "natur-foerst",
    ),
    (
        "da",
        "Skolegården er bare asfalt",
        "Giv den buske, træer og vilde hjørner, hvor børnene kan finde insekter.",
        "natur-foerst",
    ),
    (
        "da",
        "Kirkegården kan blive mere vild",
        "De tomme gravsteder kunne blive til blomster i stedet for grus.",
        "natur-foerst vild-natur",
    ),
    (
        "en",
        "Buy land for nature",
        "The council should buy farmland when it comes up for sale and turn it into nature.",
        "natur-foerst",
    ),
    (
        "da",
        "Lad bladene ligge om efteråret",
        "Kommunen fjerner alle blade fra bedene. Lad dem ligge til pindsvin og insekter.",
        "natur-foerst",
    ),
    (
        "en",
        "No more lawns around council buildings",
        "Turn the lawns around the town hall and schools into meadows.",
        "natur-foerst",
    ),
    ("da", "Flere blomster i vejkanterne", "", "natur-foerst"),
    (
        "en",
        "Reward gardens that help wildlife",
        "A yearly prize and a sign for gardens with ponds, hedges and wild corners.",
        "natur-foerst truede-arter",
    ),
    (
        "da",
        "Frede engen ved skoven",
        "Engen ved skoven skal ikke sælges til byggegrunde. Den skal være natur for altid.",
        "natur-foerst saarbare-naturtyper",
    ),
    (
        "en",
        "Give nature the first say on more of our land",
        "Almost all the land in the municipality is either farmed, built on or mown short. "
        "Nature only gets the leftover corners. I would like the council to set a target "
        "for how much land should be managed for nature first, and to start with its own: "
        "road verges that are cut once a year instead of every month, parks with meadows "
        "instead of lawns, and school grounds with trees and wild areas. When farmland is for "
        "sale next to existing nature, the council should consider buying it.",
        "natur-foerst",
    ),
    # --- vild-natur ---
    (
        "da",
        "Lad de væltede træer ligge i skoven",
        "Efter stormen blev alle træerne kørt væk. Lad dem ligge og rådne til gavn for "
        "svampe og biller.",
        "vild-natur",
    ),
    (
        "en",
        "Bring back wild horses",
        "Let a herd of hardy horses graze the big nature area year round.",
        "vild-natur",
    ),
    (
        "da",
        "Kreaturer der går ude hele året",
        "Lad kvæget gå frit i området hele året, så naturen bliver mere varieret.",
        "vild-natur",
    ),
    (
        "da",
        "Stop fældningen i kommuneskoven",
        "Lad skoven være i fred, så den kan blive gammel og vild.",
        "vild-natur",
    ),
    (
        "en",
        "Let the river flood naturally",
        "Remove the banks and let the river spill over the meadows in winter as it used to.",
        "vild-natur vaad-natur",
    ),
    (
        "da",
        "Mindre pæn natur",
        "Kommunen rydder op overalt. Lad naturen passe sig selv nogle steder.",
        "vild-natur natur-foerst",
    ),
    (
        "en",
        "A national park for our area",
        "We have enough forest and heath for a large wild area. Apply to become a national park.",
        "vild-natur",
    ),
    ("da", "Skoven skal være urørt", "", "vild-natur"),
    (
        "en",
        "Dead trees are homes",
        "Stop removing dead trees in the woods; woodpeckers and beetles need them.",
        "vild-natur truede-arter",
    ),
    (
        "da",
        "Mere plads til de store dyr",
        "Bisonerne i hegnet har for lidt plads. Udvid området.",
        "vild-natur",
    ),
    (
        "da",
        "Giv naturen lov til at styre sig selv",
        "I de fleste af vores skove bliver der plantet, tyndet og fældet efter en plan, og "
        "engene bliver slået med maskiner. Det giver pæn natur, men ikke rig natur. Jeg "
        "foreslår, at kommunen udpeger et stort område, hvor vi lader naturen gøre arbejdet: "
        "dyr, der græsser hele året, træer, der får lov at dø og ligge, og vand, der får lov "
        "at stå, hvor det vil. Det har givet flere arter i andre lande, og det er billigere "
        "end at pleje det hele.",
        "vild-natur",
    ),
    # --- naturformidling ---
    (
        "da",
        "Overnatning i naturen ved søen",
        "Lav nogle små overdækkede steder, hvor familier kan sove i naturen.",
        "naturformidling",
    ),
    (
        "en",
        "Guided walks for newcomers",
        "Many people who move here never discover the woods. Offer free walks with a guide.",
        "naturformidling",
    ),
    (
        "da",
        "Tavler om fuglene ved fjorden",
        "Jeg ser mange fugle, men ved ikke hvad de hedder. Sæt skilte op.",
        "naturformidling",
    ),
    (
        "da",
        "Et indhegnet område til hunde i nordbyen",
        "Hvor man kan lade hunden løbe frit uden snor.",
        "naturformidling",
    ),
    (
        "en",
        "Teaching outdoors every week",
        "Every class should have one lesson a week outside in the woods.",
        "naturformidling baeredygtig-dannelse",
    ),
    (
        "da",
        "En sti hele vejen rundt om mosen",
        "Nu kan man kun gå halvvejs, og så er der privat.",
        "naturformidling",
    ),
    (
        "en",
        "A bird-watching tower by the lake",
        "It would let people see the birds without disturbing them.",
        "naturformidling",
    ),
    ("da", "Et sted at tænde bål i skoven", "", "naturformidling"),
    (
        "en",
        "Trails for cycling in the forest",
        "Mountain bikers and walkers keep clashing. Mark separate routes.",
        "naturformidling",
    ),
    (
        "da",
        "Naturvejleder til børnehaverne",
        "Børnehaverne vil gerne ud, men personalet ved ikke meget om dyr og planter.",
        "naturformidling baeredygtig-dannelse",
    ),
    (
        "en",
        "Help everyone enjoy the countryside",
        "We live surrounded by beautiful nature, yet many families, especially those without "
        "a car, hardly ever get out into it. Paths stop at fields, there are few places to sit "
        "or eat a packed lunch, and nobody tells you what you are looking at. The council "
        "could publish a simple map of walks reachable by bus, put up benches, shelters and "
        "information boards, and hire a ranger who takes school classes and families out to "
        "look for frogs, mushrooms and birds.",
        "naturformidling",
    ),
    # --- sammenhaengende-natur ---
    (
        "da",
        "Plant hegn mellem markerne",
        "De store marker har ingen buske eller træer. Plant hegn, så dyrene kan gemme sig og "
        "bevæge sig.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Plant a new forest near town",
        "A forest where children can play and that stores carbon.",
        "sammenhaengende-natur klimahandlingsplan",
    ),
    (
        "da",
        "Få bugt med bjørneklo langs åen",
        "Den giftige plante breder sig langs åen hvert år.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Tunnel til dyrene under motorvejen",
        "Rådyrene bliver kørt ned hver uge ved afkørslen.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Connect the two woods",
        "The two woods are split by fields. A strip of trees between them would let animals move.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Hybenroserne overtager stranden",
        "Lav en gruppe frivillige, der graver de fremmede roser op.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Trees along every new road",
        "Each new road should get a row of trees and bushes on both sides.",
        "sammenhaengende-natur",
    ),
    ("da", "En million nye træer i kommunen", "", "sammenhaengende-natur"),
    (
        "en",
        "A care plan for our nature areas",
        "The nature areas are neglected; nobody knows who should look after them.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Grøn forbindelse langs jernbanen",
        "Lav et bælte af natur langs banen, så der er sammenhæng mellem parkerne.",
        "sammenhaengende-natur",
    ),
    (
        "da",
        "Bind naturen sammen",
        "Vores natur ligger som små øer mellem marker, veje og huse. En skov her, en mose der, "
        "og intet imellem. Dyr og planter kan ikke flytte sig, og når et område bliver for "
        "lille, forsvinder arterne. Jeg foreslår, at kommunen laver et kort over, hvor "
        "naturen kan forbindes, planter hegn og små skove mellem dem, laver passager under "
        "de store veje, og laver en aftale med frivillige om pleje. Det kunne også give os "
        "bedre stier at gå på.",
        "sammenhaengende-natur",
    ),
    # --- added later, written fresh and appended (issue 13): the every-second rule above
    # puts the first of each pair in the held-out half and the second in the tuning half ---
    (
        "da",
        "Klimaregnskab for hver skole",
        "Hver skole burde få at vide, hvor meget CO2 dens bygning og madordning udleder, så "
        "eleverne kan følge med i, om det falder.",
        "klimahandlingsplan baeredygtig-dannelse",
    ),
    (
        "en",
        "Stop heating empty buildings",
        "Many council buildings are heated with gas all weekend when nobody is there. Put it "
        "in the climate plan to switch them to district heating and timers.",
        "klimahandlingsplan mindre-spild",
    ),
    (
        "da",
        "Kommunen og virksomhederne skal dele overskudsvarme",
        "Bageriet og vaskeriet i industrikvarteret sender masser af varme ud i luften. Lav en "
        "aftale med dem og varmeværket, så varmen kommer ud i husene.",
        "klimapartnerskaber",
    ),
    (
        "en",
        "Green jobs for young people",
        "Start a programme with local firms that fit solar panels and heat pumps, so school "
        "leavers can train there and get a job.",
        "klimapartnerskaber social-mobilitet",
    ),
    (
        "da",
        "Drop pløjningen i ådalen",
        "Markerne nede ved åen er våde det meste af året og giver næsten intet. Lad landmændene "
        "få en aftale om at lade dem ligge, så jorden ikke slipper kulstoffet ud.",
        "lavbundsjorde vaad-natur",
    ),
    (
        "en",
        "Buy the soggy fields back",
        "The council could buy the wet peat fields by the river from farmers who want to sell "
        "and stop draining them.",
        "lavbundsjorde vaad-natur",
    ),
    (
        "da",
        "Lad bækken slynge sig igen",
        "Bækken gennem parken er rettet ud og gravet ned i en kanal. Giv den sine sving "
        "tilbage, så der kommer vand på engen om vinteren.",
        "vaad-natur vild-natur",
    ),
    (
        "en",
        "More ponds for frogs",
        "Dig small ponds on council land; there used to be many.",
        "vaad-natur truede-arter",
    ),
    (
        "da",
        "Ingen gødning på overdrevet",
        "Det gamle overdrev ved kysten gror til i brændenælder, fordi der bliver spredt gødning "
        "på markerne lige ved siden af.",
        "saarbare-naturtyper",
    ),
    (
        "en",
        "Keep the heath open",
        "The heath behind the camp site is turning into a pine wood. Clear the young trees and "
        "let sheep graze it so the heather survives.",
        "saarbare-naturtyper truede-arter",
    ),
    (
        "da",
        "Pant på engangskrus til byfesten",
        "Efter byfesten ligger pladsen fuld af plastikkrus. Brug genbrugskrus med pant næste gang.",
        "mindre-forbrug-affald",
    ),
    (
        "en",
        "Fewer flyers in the letterbox",
        "Give every household a free 'no adverts' sticker. Most of the paper goes straight in "
        "the bin.",
        "mindre-forbrug-affald",
    ),
    (
        "da",
        "Reparationscafé på biblioteket",
        "En gang om måneden kunne frivillige hjælpe med at lappe cykler, sy tøj og reparere "
        "brødristere, i stedet for at vi smider dem ud.",
        "cirkulaer-oekonomi aktivt-medborgerskab",
    ),
    (
        "en",
        "A tool library",
        "Why does every house own a drill it uses twice a year? Let people borrow tools, "
        "ladders and lawnmowers from one shared shed.",
        "cirkulaer-oekonomi mindre-forbrug-affald",
    ),
    (
        "da",
        "Økologisk mælk i alle institutioner",
        "Når kommunen laver nye aftaler om mad til børnehaver og plejehjem, skal der stå krav "
        "om økologi og dansk sæsonmad.",
        "baeredygtige-indkoeb",
    ),
    (
        "en",
        "Fair working conditions in council contracts",
        "When the council hires cleaning firms or builders, the contract should demand proper "
        "pay and no subcontractor chains.",
        "baeredygtige-indkoeb",
    ),
    (
        "da",
        "Madspild i skolekantinen",
        "Der bliver smidt spande med mad ud hver dag. Lad eleverne bestille dagen før, så "
        "køkkenet ved, hvor meget der skal laves.",
        "mindre-spild baeredygtig-dannelse",
    ),
    (
        "en",
        "Lights left on all night",
        "The town hall is lit up every night with nobody inside.",
        "mindre-spild",
    ),
    (
        "da",
        "Klimaundervisning i alle klasser",
        "Børnene skal lære, hvordan man selv kan gøre noget, for eksempel at sortere, cykle og "
        "spise mindre kød. Gerne med besøg på genbrugspladsen.",
        "baeredygtig-dannelse",
    ),
    (
        "en",
        "A green week at the schools",
        "One week a year every school could work on one sustainability project of the pupils' "
        "own choice and show it to their parents.",
        "baeredygtig-dannelse",
    ),
    (
        "da",
        "Sundhedstjek i boligområderne",
        "Folk i de udsatte boligområder går sjældent til lægen. Send en sygeplejerske ud i "
        "beboerhuset en gang om ugen.",
        "lighed-i-sundhed",
    ),
    (
        "en",
        "Free swimming lessons for children from poor families",
        "Some children never learn to swim because their parents cannot pay. It is about "
        "safety and health, so the council should cover it.",
        "lighed-i-sundhed lige-muligheder",
    ),
    (
        "da",
        "Fritidsjob til unge med handicap",
        "Min søn sidder i kørestol og kan ikke få et fritidsjob som sine venner. Kommunen kunne "
        "hjælpe butikkerne med at tage imod unge som ham.",
        "lige-muligheder",
    ),
    (
        "en",
        "Ramps at the polling stations",
        "Two of the polling stations have steps at the door, so wheelchair users cannot vote "
        "in person.",
        "lige-muligheder aktivt-medborgerskab",
    ),
    (
        "da",
        "Besøgsvenner til dem der sidder alene",
        "Min nabo på 88 får kun besøg af hjemmeplejen. Støt foreningerne, der finder frivillige "
        "besøgsvenner.",
        "bekaempe-ensomhed",
    ),
    (
        "en",
        "Lunch club for widowers",
        "A cheap shared lunch twice a week in the community hall, for older people who have "
        "lost their partner and eat alone.",
        "bekaempe-ensomhed",
    ),
    (
        "da",
        "Et sted at tale om stress",
        "Mange unge har det svært, men der går måneder før de får hjælp. Lav en åben "
        "samtalegruppe i ungdomshuset.",
        "faellesskaber-mental-sundhed",
    ),
    (
        "en",
        "Walking groups for people with anxiety",
        "Weekly walks in the woods led by a volunteer, where you can come without signing up.",
        "faellesskaber-mental-sundhed naturformidling",
    ),
    (
        "da",
        "Borgerbudget i hver bydel",
        "Lad beboerne selv stemme om, hvad en del af pengene til bydelen skal bruges på.",
        "aktivt-medborgerskab",
    ),
    (
        "en",
        "Explain council decisions in plain language",
        "The minutes are impossible to read. Publish a short summary in simple Danish and in "
        "English after every meeting, so more people can follow and have a say.",
        "aktivt-medborgerskab",
    ),
    (
        "da",
        "Blandede boliger på den gamle fabriksgrund",
        "Når grunden bliver bebygget, skal der være både almene lejligheder, ældreboliger og "
        "ejerboliger, ikke kun dyre rækkehuse.",
        "inkluderende-byplanlaegning",
    ),
    (
        "en",
        "Benches and shade on the square",
        "The new square is just stone. Older people and parents with prams have nowhere to sit, "
        "so nobody stays there.",
        "inkluderende-byplanlaegning",
    ),
    (
        "da",
        "Bussen til landsbyerne skal køre om aftenen",
        "Sidste bus fra byen til vores landsby går kl. 18. Unge uden bil kan ikke komme hjem "
        "fra fritidsjob eller træning.",
        "by-og-land",
    ),
    (
        "en",
        "Broadband in the villages",
        "In our village the internet is so slow that you cannot work from home. Help us get fibre.",
        "by-og-land",
    ),
    (
        "da",
        "Lektiehjælp i boligområdet",
        "Mange forældre kan ikke hjælpe med lektierne. Frivillige studerende kunne komme i "
        "beboerhuset to gange om ugen.",
        "social-mobilitet lige-muligheder",
    ),
    (
        "en",
        "A second chance at an education",
        "Adults who left school early should get paid time off and help to take an education "
        "later in life.",
        "social-mobilitet",
    ),
    (
        "da",
        "Red de sidste hasselmus",
        "I skoven ved Bøgebakken er der stadig hasselmus, men krattet bliver ryddet. Beskyt "
        "netop det område, før de forsvinder helt.",
        "truede-arter",
    ),
    (
        "en",
        "Map where the rare orchids grow",
        "Before anything is built on the old quarry, find out which rare plants and insects "
        "live there and protect the best parts first.",
        "truede-arter",
    ),
    (
        "da",
        "Kirkegården må gerne blive vildere",
        "Lad græsset gro mellem gravene i den gamle del af kirkegården og så vilde blomster.",
        "natur-foerst",
    ),
    (
        "en",
        "Half the school field for nature",
        "The school grounds are mown flat. Leave half of the field for wild flowers and insects.",
        "natur-foerst baeredygtig-dannelse",
    ),
    (
        "da",
        "Lad de væltede træer ligge",
        "Efter stormen blev alle de væltede træer i skoven kørt væk. De burde ligge og rådne, "
        "så svampe og biller får et sted at bo.",
        "vild-natur",
    ),
    (
        "en",
        "Wild horses in the nature park",
        "Let large grazers roam freely all year round.",
        "vild-natur",
    ),
    (
        "da",
        "Naturvejleder til alle børnehaver",
        "Børnene ved ikke, hvad en mejse er. Giv hver børnehave et par ture om året med en "
        "naturvejleder.",
        "naturformidling baeredygtig-dannelse",
    ),
    (
        "en",
        "A boardwalk through the bog",
        "You can only see the bog from the road. A wooden path through it with a few signs "
        "about the plants would let everyone visit.",
        "naturformidling",
    ),
    (
        "da",
        "En grøn korridor langs banen",
        "Lad det gamle jernbaneterræn blive et sammenhængende grønt bånd mellem skoven og "
        "søen, så dyrene kan komme frem.",
        "sammenhaengende-natur",
    ),
    (
        "en",
        "Join up the small woods",
        "Plant hedges and trees between the little woods north of town so deer and birds can "
        "move between them.",
        "sammenhaengende-natur",
    ),
)

# (language, title, body): proposals no focus area fits, adverts, spam and near-empty text.
OFF_TOPIC = (
    (
        "da",
        "Ny idrætshal i Nørreby",
        "Den gamle hal er for lille til håndboldklubben. Byg en ny med tribuner.",
    ),
    (
        "en",
        "Fix the potholes on Main Street",
        "The holes in the road are so deep that they damage cars.",
    ),
    ("da", "Et kunstværk på rundkørslen", "Sæt en stor skulptur af en lokal kunstner op i midten."),
    (
        "en",
        "Lower parking fees in the centre",
        "Parking costs too much, so people shop at the mall instead.",
    ),
    (
        "en",
        "Cheap sunglasses",
        "Buy designer sunglasses at 80% off! Free shipping worldwide, order today.",
    ),
    (
        "da",
        "Billige solbriller",
        "Køb solbriller fra kendte mærker med op til 70 % rabat. Gratis fragt.",
    ),
    (
        "da",
        "Asfalt på cykelstien er ødelagt",
        "Der er revner og huller i belægningen. Den skal lappes.",
    ),
    ("en", "Longer opening hours at the swimming pool", "The pool closes at 8 pm on weekdays."),
    (
        "da",
        "Flere p-pladser ved hospitalet",
        "Man kører rundt i en halv time for at finde en plads.",
    ),
    ("en", "Speed bumps on our street", "Cars drive far too fast past the kindergarten."),
    ("da", "Snerydning af fortovene", "Sidste vinter blev vores fortov aldrig ryddet."),
    ("en", "Artificial turf for the football club", "The grass pitch is unusable half the year."),
    ("da", "Koncertsal til byen", "Vi mangler et sted til større koncerter og teater."),
    ("en", "Christmas market on the square", "A Christmas market with stalls and mulled wine."),
    ("da", "Lavere ejendomsskat", "Grundskylden stiger hvert år. Sæt den ned."),
    ("en", "Best online casino bonus", "Get 200 free spins and a 100% deposit bonus. Sign up now!"),
    (
        "da",
        "Gratis spins hver dag",
        "Spil med hos vores casino og få bonus på din første indbetaling.",
    ),
    (
        "en",
        "Crypto investment opportunity",
        "Double your money in 30 days with our trading bot. Guaranteed.",
    ),
    ("da", "Tjen penge hjemmefra", "Bliv rig på kryptovaluta. Klik på linket og start i dag."),
    ("en", "Lose 10 kg in two weeks", "Our natural pills burn fat while you sleep. Order now."),
    ("en", "SEO services", "We rank your website on the first page of Google. Cheap prices."),
    ("da", "Køb billige ure", "Rolex og Omega kopier til små priser. Hurtig levering."),
    ("en", "Essay writing service", "Professional writers will do your homework. Plagiarism free."),
    (
        "da",
        "Ny motorvejsafkørsel",
        "En afkørsel ved industrikvarteret vil gøre trafikken nemmere for lastbilerne.",
    ),
    (
        "en",
        "Widen the ring road",
        "The ring road is congested at rush hour; add a lane in each direction.",
    ),
    (
        "da",
        "Trafiklys der skifter hurtigere",
        "Man holder for længe for rødt i krydset ved kirken.",
    ),
    ("en", "Speed cameras on the bypass", "People drive 120 where the limit is 80."),
    ("da", "Omdøb gaden efter en lokal helt", "Vores gamle borgmester fortjener en gade."),
    ("en", "A twin town in Italy", "Set up a twinning with a town in Italy for exchanges."),
    ("da", "Lystbådehavn med flere pladser", "Der er venteliste på bådpladser i havnen."),
    ("en", "A golf course on the hill", "The town lacks an 18-hole golf course."),
    ("da", "Biograf i midtbyen", "Vi har ingen biograf, siden den gamle lukkede."),
    (
        "en",
        "Free museum entry on Sundays",
        "Let everyone visit the town museum for free on Sundays.",
    ),
    ("da", "Skøjtebane om vinteren", "En kunstfrossen skøjtebane på torvet i december."),
    ("en", "Ban leaf blowers on Sunday mornings", "The noise wakes the whole neighbourhood."),
    ("da", "Larm fra baren om natten", "Baren under vores lejlighed spiller musik til kl. 4."),
    ("en", "A statue of the town's founder", "A bronze statue in front of the town hall."),
    ("da", "Ny bro over åen til biler", "Broen er for smal til to biler ad gangen."),
    ("en", "Faster planning permission", "It took eight months to get permission for a carport."),
    ("da", "Byrådet skal have lavere løn", "Politikerne får for meget i vederlag."),
    ("en", "Move the summer holidays", "School summer holidays should start a week later."),
    ("da", "Flere pladser i vuggestuen", "Vi har fået at vide, at der er ventetid på et halvt år."),
    ("en", "Longer library opening hours", "The library should be open until 10 pm."),
    ("da", "Padelbaner ved tennisklubben", "Padel er populært, og der er altid optaget."),
    (
        "en",
        "A new fire station",
        "The fire brigade needs a bigger station closer to the industrial area.",
    ),
    (
        "da",
        "Kommunens hjemmeside er svær at bruge",
        "Jeg kan aldrig finde åbningstiderne for borgerservice.",
    ),
    ("en", "Hello", ""),
    ("da", "Test", "test test"),
    ("da", "Hej", "Virker det her?"),
    ("en", "asdf", "qwerty"),
    ("da", "...", "ok"),
    ("en", "lol", ""),
    ("da", "Forslag", "Jeg har et forslag."),
    ("en", "My idea", "Please read my idea."),
    ("da", "Fyrværkeri nytårsaften", "Lad os få et stort fælles fyrværkeri over havnen."),
    (
        "en",
        "Better mobile parking app",
        "The parking app is slow and often fails to start a session.",
    ),
    ("da", "Betalingsfri parkering i weekenden", "Gør det gratis at parkere lørdag og søndag."),
    ("en", "Repaint the pedestrian crossings", "The white stripes have almost disappeared."),
    ("da", "Vejen til sommerhusområdet er fuld af huller", "Grusvejen bliver værre hvert år."),
    ("en", "A skate park in the city park", "Skaters need a proper concrete bowl."),
    ("da", "Graffiti på tunnelen skal fjernes", "Det ser grimt ud, og ingen gør noget."),
    ("en", "Music festival in August", "A weekend festival with local bands on the harbour."),
    ("da", "Vandkunst på havnen", "Et springvand med lys og musik om aftenen."),
    ("en", "Cheap flights to Spain", "Book now and save up to 60% on flights and hotels."),
    ("da", "Lån penge hurtigt", "Få svar på dit lån på 5 minutter. Ingen sikkerhed."),
    ("en", "Meet singles in your area", "Join the dating site thousands of locals already use."),
    (
        "da",
        "Håndværker søges",
        "Vi tilbyder malerarbejde og tagreparation til fornuftige priser. Ring nu.",
    ),
    ("en", "Rent a car cheaply", "Car hire from 19 euros a day, unlimited mileage."),
    ("da", "Tilbud på pizza", "To pizzaer for 99 kr. hos Napoli Pizza, kun i dag."),
    ("en", "Car wash at the petrol station", "Please open a car wash on the east side of town."),
    (
        "da",
        "Kæmpe udsalg af møbler",
        "Sofaer og spiseborde til halv pris i weekenden. Kom forbi butikken.",
    ),
    (
        "en",
        "Sports hall for the handball club",
        "The club has 400 members and only two hours a week in the hall.",
    ),
    ("da", "Idrætshallen trænger til nyt gulv", "Gulvet i hallen er slidt og glat."),
    (
        "en",
        "Art in the bus station",
        "Commission murals from local artists for the bus station walls.",
    ),
    (
        "da",
        "Parkeringsafgiften er for høj",
        "Det koster 30 kr. i timen at holde ved rådhuset. Det er urimeligt.",
    ),
    (
        "en",
        "Road repairs on the coast road",
        "The coast road has been full of cracks and patches for years.",
    ),
    (
        "da",
        "Vejene i vores kvarter forfalder",
        "Jeg har boet på Skovvej i tyve år, og i al den tid er vejen kun blevet lappet. Der "
        "er huller, som samler vand, når det regner, og kantstenene er væltet flere steder. "
        "Om vinteren bliver det værre, fordi vandet fryser og sprænger asfalten. Vi har "
        "skrevet til kommunen tre gange uden at få svar. Jeg foreslår, at vejene i "
        "villakvarteret får ny asfalt, at kantstenene bliver rettet op, og at kommunen laver "
        "en plan for, hvornår de andre veje i området står for tur.",
    ),
    (
        "en",
        "A proper sports and events arena",
        "Our town has grown by ten thousand people in fifteen years, but we still have the "
        "same sports hall that was built in the seventies. The handball and badminton clubs "
        "fight over training hours, the school cannot hold its sports day indoors, and big "
        "concerts go to the neighbouring town. I propose a new arena with two courts, a "
        "fitness room, changing rooms and seating for two thousand, placed next to the "
        "stadium so parking can be shared. It could also host fairs and graduation parties.",
    ),
    (
        "en",
        "Premium sunglasses outlet",
        "Looking for stylish sunglasses for summer? Our outlet offers hundreds of models from "
        "top brands with UV400 protection, polarised lenses and lightweight frames, all at "
        "prices up to 80% below retail. Whether you are heading to the beach, driving or "
        "skiing, we have the perfect pair. Order before midnight for free express delivery "
        "and a free case. Visit our website today and use the code SUMMER for an extra 10% "
        "off your first order.",
    ),
    (
        "da",
        "Parkering ved stationen",
        "Pendlerne holder alle pladserne fra tidligt om morgenen, så vi der skal handle kan "
        "ikke komme til. Jeg foreslår, at der bliver indført tidsbegrænset parkering på to "
        "timer i dagtimerne, at der bliver lavet en parkeringskælder under det gamle "
        "posthus, og at beboerne i området kan købe en licens, så de kan holde foran deres "
        "egen dør. Det vil også give kommunen indtægter.",
    ),
    (
        "da",
        "Hurtigere sagsbehandling af byggetilladelser",
        "Det tager alt for lang tid at få svar.",
    ),
    ("en", "Dog fouling fines", "Fine owners who do not pick up after their dogs on the pavement."),
    ("da", "Flere politibetjente i gadebilledet", "Der er for lidt politi i weekenderne."),
    # --- added later, written fresh and appended (issue 13), alternating as above ---
    ("da", "Flere lystfiskerpladser ved havnen", "Lav nogle bænke til os der fisker fra molen."),
    (
        "en",
        "Christmas lights on the high street",
        "The street looked dark last December. Put up proper Christmas lights and a big tree.",
    ),
    ("da", "Tilbud på vinduespudsning", "Vi pudser dine vinduer for kun 199 kr. Ring i dag!"),
    ("en", "Weekly market on Saturdays", "Bring back the farmers' market to the town square."),
    (
        "da",
        "Længere åbningstid i svømmehallen",
        "Svømmehallen lukker kl. 20, og det er for tidligt for dem, der arbejder.",
    ),
    ("en", "Make money from home", "Earn 500 dollars a day with our simple online method."),
    ("da", "Hundeskov uden hegn", "Hvorfor skal hundene altid være i snor på stranden?"),
    ("en", "Abc", "xyz"),
    (
        "da",
        "Nyt tag på rådhuset",
        "Taget på rådhuset er utæt, og det regner ind i byrådssalen. Det skal repareres.",
    ),
    ("en", "Lower the speed limit in our street", "Cars drive far too fast past the school."),
    ("da", "Gratis wifi på biblioteket", "Nettet på biblioteket er langsomt og kræver login."),
    (
        "en",
        "Bigger cemetery chapel",
        "Funerals often have more guests than the chapel can seat.",
    ),
)


@dataclass(frozen=True)
class Item:
    language: str
    title: str
    body: str
    areas: tuple[str, ...]  # empty: no focus area fits
    themes: frozenset[str]


def _theme_of() -> dict[str, str]:
    return {area["slug"]: theme["slug"] for theme in THEMES for area in theme["focus_areas"]}


def _items(rows) -> list[Item]:
    theme_of = _theme_of()
    items = []
    for language, title, body, *labels in rows:
        areas = tuple(labels[0].split()) if labels else ()
        themes = frozenset(theme_of[slug] for slug in areas)
        items.append(Item(language, title, body, areas, themes))
    return items


def halves() -> dict[str, list[Item]]:
    """{"tuning": [...], "held-out": [...]}: every second in-scope and off-topic item each."""
    in_scope, off_topic = _items(IN_SCOPE), _items(OFF_TOPIC)
    return {
        "tuning": in_scope[0::2] + off_topic[0::2],
        "held-out": in_scope[1::2] + off_topic[1::2],
    }


@dataclass(frozen=True)
class Measures:
    """The suggester on one half: accuracy on its in-scope items, and its confidence."""

    in_scope: int
    off_topic: int
    top1: float  # the best area is acceptable
    top3: float  # an acceptable area is among the best three
    theme_top1: float  # the best area's theme is an acceptable one
    auroc: float  # the best score ranks in-scope above off-topic text
    none_on_off_topic: float  # off-topic text answered "none fits well"
    none_on_in_scope: float
    # (from %, to %, suggestions shown with a best score in that range, share right)
    reliability: list[tuple[int, int, int, float]]


def _auroc(positives: list[float], negatives: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def evaluation_measure(*, suggester, items: list[Item]) -> Measures:
    """Rank every item with `suggester` (a proposals.routing.Suggester) and score it."""
    top1 = top3 = theme = none_in = none_off = 0
    scores: dict[bool, list[float]] = {True: [], False: []}
    bins: dict[int, list[bool]] = {}
    for item in items:
        ranking = suggester.rank(title=item.title, body=item.body, limit=3)
        best = ranking.suggestions[0]
        right = best.focus_area in item.areas
        scores[bool(item.areas)].append(best.score)
        bins.setdefault(min(9, int(best.score * 10)), []).append(right)
        if item.areas:
            top1 += right
            top3 += any(s.focus_area in item.areas for s in ranking.suggestions[:3])
            theme += best.theme in item.themes
            none_in += not ranking.fits
        else:
            none_off += not ranking.fits
    n_in, n_off = len(scores[True]), len(scores[False])
    return Measures(
        in_scope=n_in,
        off_topic=n_off,
        top1=top1 / n_in,
        top3=top3 / n_in,
        theme_top1=theme / n_in,
        auroc=_auroc(scores[True], scores[False]),
        none_on_off_topic=none_off / n_off,
        none_on_in_scope=none_in / n_in,
        reliability=[
            (b * 10, b * 10 + 10, len(hits), sum(hits) / len(hits))
            for b, hits in sorted(bins.items())
        ],
    )

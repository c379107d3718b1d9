"""Static content for the sustainability taxonomy, seeded by a data migration.

The facts here (theme and focus-area slugs, their Danish and English names and the
UN Sustainable Development Goals each focus area serves) are copied from the
municipality's published list of strategic focus areas. Slugs are public API: never
rename or reuse one. The SDG names, colours and goal statements follow the UN's
official wording and its common Danish version. The descriptions and keywords are the
project's own; Danish is the source language and the English text is an equivalent
version.

The keywords seed the text classifier that suggests a focus area for a citizen
proposal, so each list holds words citizens are likely to use and avoids words
that would fit many focus areas equally well.

Pure data: no Django imports and no file access, so migrations can import it safely.
"""

SDGS = (
    {
        "number": 1,
        "name_da": "Afskaf fattigdom",
        "name_en": "No poverty",
        "color": "#E5243B",
        "description_da": "Afskaf alle former for fattigdom overalt",
        "description_en": "End poverty in all its forms everywhere",
    },
    {
        "number": 2,
        "name_da": "Stop sult",
        "name_en": "Zero hunger",
        "color": "#DDA63A",
        "description_da": (
            "Stop sult, opnå fødevaresikkerhed og forbedret ernæring samt fremme bæredygtigt "
            "landbrug"
        ),
        "description_en": (
            "End hunger, achieve food security and improved nutrition and promote sustainable "
            "agriculture"
        ),
    },
    {
        "number": 3,
        "name_da": "Sundhed og trivsel",
        "name_en": "Good health and well-being",
        "color": "#4C9F38",
        "description_da": "Sikre et sundt liv og fremme trivsel for alle aldersgrupper",
        "description_en": "Ensure healthy lives and promote well-being for all at all ages",
    },
    {
        "number": 4,
        "name_da": "Kvalitetsuddannelse",
        "name_en": "Quality education",
        "color": "#C5192D",
        "description_da": (
            "Sikre lige adgang for alle til inkluderende og kvalitetsuddannelse og fremme "
            "mulighederne for livslang læring for alle"
        ),
        "description_en": (
            "Ensure inclusive and equitable quality education and promote lifelong learning "
            "opportunities for all"
        ),
    },
    {
        "number": 5,
        "name_da": "Ligestilling mellem kønnene",
        "name_en": "Gender equality",
        "color": "#FF3A21",
        "description_da": (
            "Opnå ligestilling mellem kønnene og styrke alle kvinders og pigers rettigheder og "
            "muligheder"
        ),
        "description_en": "Achieve gender equality and empower all women and girls",
    },
    {
        "number": 6,
        "name_da": "Rent vand og sanitet",
        "name_en": "Clean water and sanitation",
        "color": "#26BDE2",
        "description_da": "Sikre bæredygtig adgang til og forvaltning af vand og sanitet for alle",
        "description_en": (
            "Ensure availability and sustainable management of water and sanitation for all"
        ),
    },
    {
        "number": 7,
        "name_da": "Bæredygtig energi",
        "name_en": "Affordable and clean energy",
        "color": "#FCC30B",
        "description_da": (
            "Sikre adgang til pålidelig, bæredygtig og moderne energi til en overkommelig pris for "
            "alle"
        ),
        "description_en": (
            "Ensure access to affordable, reliable, sustainable and modern energy for all"
        ),
    },
    {
        "number": 8,
        "name_da": "Anstændige jobs og økonomisk vækst",
        "name_en": "Decent work and economic growth",
        "color": "#A21942",
        "description_da": (
            "Fremme varig, inkluderende og bæredygtig økonomisk vækst, fuld og produktiv "
            "beskæftigelse og anstændige jobs for alle"
        ),
        "description_en": (
            "Promote sustained, inclusive and sustainable economic growth, full and productive "
            "employment and decent work for all"
        ),
    },
    {
        "number": 9,
        "name_da": "Industri, innovation og infrastruktur",
        "name_en": "Industry, innovation and infrastructure",
        "color": "#FD6925",
        "description_da": (
            "Bygge robust infrastruktur, fremme inkluderende og bæredygtig industrialisering og "
            "understøtte innovation"
        ),
        "description_en": (
            "Build resilient infrastructure, promote inclusive and sustainable industrialization "
            "and foster innovation"
        ),
    },
    {
        "number": 10,
        "name_da": "Mindre ulighed",
        "name_en": "Reduced inequalities",
        "color": "#DD1367",
        "description_da": "Reducere ulighed i og mellem lande",
        "description_en": "Reduce inequality within and among countries",
    },
    {
        "number": 11,
        "name_da": "Bæredygtige byer og lokalsamfund",
        "name_en": "Sustainable cities and communities",
        "color": "#FD9D24",
        "description_da": "Gøre byer og lokalsamfund inkluderende, sikre, robuste og bæredygtige",
        "description_en": (
            "Make cities and human settlements inclusive, safe, resilient and sustainable"
        ),
    },
    {
        "number": 12,
        "name_da": "Ansvarligt forbrug og produktion",
        "name_en": "Responsible consumption and production",
        "color": "#BF8B2E",
        "description_da": "Sikre bæredygtige forbrugs- og produktionsmønstre",
        "description_en": "Ensure sustainable consumption and production patterns",
    },
    {
        "number": 13,
        "name_da": "Klimaindsats",
        "name_en": "Climate action",
        "color": "#3F7E44",
        "description_da": "Handle hurtigt for at bekæmpe klimaforandringerne og deres konsekvenser",
        "description_en": "Take urgent action to combat climate change and its impacts",
    },
    {
        "number": 14,
        "name_da": "Livet i havet",
        "name_en": "Life below water",
        "color": "#0A97D9",
        "description_da": "Bevare og sikre en bæredygtig brug af verdens have og deres ressourcer",
        "description_en": (
            "Conserve and sustainably use the oceans, seas and marine resources for sustainable "
            "development"
        ),
    },
    {
        "number": 15,
        "name_da": "Livet på land",
        "name_en": "Life on land",
        "color": "#56C02B",
        "description_da": (
            "Beskytte, genoprette og fremme bæredygtig brug af økosystemer på land, sikre "
            "bæredygtig skovforvaltning, bekæmpe ørkendannelse, standse og vende jordforringelse "
            "samt standse tabet af biodiversitet"
        ),
        "description_en": (
            "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably "
            "manage forests, combat desertification, and halt and reverse land degradation and "
            "halt biodiversity loss"
        ),
    },
    {
        "number": 16,
        "name_da": "Fred, retfærdighed og stærke institutioner",
        "name_en": "Peace, justice and strong institutions",
        "color": "#00689D",
        "description_da": (
            "Fremme fredelige og inkluderende samfund for bæredygtig udvikling, sikre alle adgang "
            "til retfærdighed og opbygge effektive, ansvarlige og inkluderende institutioner på "
            "alle niveauer"
        ),
        "description_en": (
            "Promote peaceful and inclusive societies for sustainable development, provide access "
            "to justice for all and build effective, accountable and inclusive institutions at all "
            "levels"
        ),
    },
    {
        "number": 17,
        "name_da": "Partnerskaber for handling",
        "name_en": "Partnerships for the goals",
        "color": "#19486A",
        "description_da": (
            "Styrke midlerne til implementering og genoplive det globale partnerskab for "
            "bæredygtig udvikling"
        ),
        "description_en": (
            "Strengthen the means of implementation and revitalize the Global Partnership for "
            "Sustainable Development"
        ),
    },
)

THEMES = (
    {
        "slug": "klima",
        "name_da": "Klima",
        "name_en": "Climate",
        "description_da": (
            "Klimatemaet handler om at nedbringe udledningen af drivhusgasser fra energi, "
            "transport, landbrug og byggeri i hele kommunen og om at gøre os klar til mere regn, "
            "højere vandstand og hedebølger. Kommunen kan ikke gøre det alene, så vi arbejder "
            "sammen med borgere, virksomheder, boligforeninger, landmænd og "
            "uddannelsesinstitutioner. Her kan du følge klimaarbejdet og komme med forslag til, "
            "hvordan vi når målene hurtigere."
        ),
        "description_en": (
            "The climate theme is about cutting greenhouse gas emissions from energy, transport, "
            "farming and buildings across the municipality, and about preparing for more rain, "
            "higher water levels and heatwaves. The municipality cannot do this alone, so we work "
            "with citizens, companies, housing associations, farmers and educational institutions. "
            "Here you can follow our climate work and suggest how we can reach our targets faster."
        ),
        "focus_areas": (
            {
                "slug": "klimahandlingsplan",
                "name_da": "Udvikle en samlet klimahandlingsplan og klimabudgetter/-regnskaber",
                "name_en": "Develop a joint climate action plan and climate budgets and accounts",
                "sdgs": (13,),
                "description_da": (
                    "Klimahandlingsplanen samler kommunens klimamål og indsatser i én plan, så "
                    "udledningen af drivhusgasser falder i takt med det nationale mål om 70 "
                    "procent i 2030 og netto-nul senest i 2050. Et årligt klimabudget og "
                    "klimaregnskab viser, hvor meget CO2 der kommer fra fx transport, opvarmning "
                    "og landbrug, og om vi holder kursen. Borgere, virksomheder, boligforeninger "
                    "og skoler kan foreslå konkrete tiltag, fra flere cykelstier og ladestandere "
                    "til bedre beskyttelse mod skybrud."
                ),
                "description_en": (
                    "The climate action plan brings the municipality's climate targets and actions "
                    "together in one plan, so that greenhouse gas emissions fall in line with the "
                    "national target of 70 percent by 2030 and net zero by 2050 at the latest. An "
                    "annual climate budget and climate account show how much CO2 comes from "
                    "transport, heating and farming, for example, and whether we are on track. "
                    "Citizens, companies, housing associations and schools can suggest concrete "
                    "measures, from more cycle paths and charging points to better protection "
                    "against cloudbursts."
                ),
                "keywords_da": (
                    "klimaplan",
                    "klimahandlingsplan",
                    "klimaregnskab",
                    "klimabudget",
                    "co2",
                    "co2-udledning",
                    "drivhusgasser",
                    "klimaneutral",
                    "klimamål",
                    "cykelsti",
                    "cykelstier",
                    "cykling",
                    "kollektiv trafik",
                    "elbusser",
                    "letbane",
                    "elbil",
                    "ladestander",
                    "samkørsel",
                    "biltrafik",
                    "skybrud",
                    "oversvømmelse",
                    "klimatilpasning",
                    "stormflod",
                    "havvandsstigning",
                ),
                "keywords_en": (
                    "climate plan",
                    "climate action plan",
                    "carbon accounting",
                    "climate budget",
                    "co2",
                    "carbon emissions",
                    "greenhouse gases",
                    "carbon neutral",
                    "climate targets",
                    "cycle path",
                    "bike lanes",
                    "cycling",
                    "public transport",
                    "electric buses",
                    "light rail",
                    "electric car",
                    "charging station",
                    "carpooling",
                    "car traffic",
                    "cloudburst",
                    "flooding",
                    "climate adaptation",
                    "storm surge",
                    "sea level rise",
                ),
            },
            {
                "slug": "klimapartnerskaber",
                "name_da": (
                    "Etablere Klimapartnerskaber og skabe grønne jobs indenfor energiteknologi og "
                    "forskning"
                ),
                "name_en": (
                    "Establish climate partnerships and create green jobs in energy technology and "
                    "research"
                ),
                "sdgs": (7, 8, 9, 13, 17),
                "description_da": (
                    "Klimapartnerskaberne samler virksomheder, forsyninger, "
                    "uddannelsesinstitutioner og kommunen om at udvikle og tage ny energiteknologi "
                    "i brug, fx solceller, varmepumper, fjernvarme, biogas og power-to-x. Målet er "
                    "både lavere udledning og nye grønne arbejdspladser, uddannelser og "
                    "forskningsprojekter lokalt. Boligforeninger og borgere kan være med gennem "
                    "fælles energiprojekter, energirenovering og lokale energifællesskaber."
                ),
                "description_en": (
                    "Climate partnerships bring companies, utilities, educational institutions and "
                    "the municipality together to develop and adopt new energy technology, such as "
                    "solar panels, heat pumps, district heating, biogas and power-to-X. The aim is "
                    "both lower emissions and new green jobs, training programmes and research "
                    "projects locally. Housing associations and citizens can take part through "
                    "joint energy projects, energy renovation and local energy communities."
                ),
                "keywords_da": (
                    "klimapartnerskab",
                    "klimapartnerskaber",
                    "grønne jobs",
                    "grønne arbejdspladser",
                    "virksomheder",
                    "erhvervsliv",
                    "energiteknologi",
                    "forskning",
                    "solceller",
                    "vindmøller",
                    "varmepumpe",
                    "fjernvarme",
                    "biogas",
                    "brint",
                    "power-to-x",
                    "vedvarende energi",
                    "energirenovering",
                    "efterisolering",
                    "energifællesskab",
                    "overskudsvarme",
                    "elforbrug",
                    "iværksættere",
                    "grønne uddannelser",
                ),
                "keywords_en": (
                    "climate partnership",
                    "climate partnerships",
                    "green jobs",
                    "green workplaces",
                    "companies",
                    "business community",
                    "energy technology",
                    "research",
                    "solar panels",
                    "wind turbines",
                    "heat pump",
                    "district heating",
                    "biogas",
                    "hydrogen",
                    "power-to-x",
                    "renewable energy",
                    "energy renovation",
                    "insulation",
                    "energy community",
                    "surplus heat",
                    "electricity use",
                    "entrepreneurs",
                    "green skills",
                ),
            },
            {
                "slug": "lavbundsjorde",
                "name_da": "Udtagning af lavbundsjorde",
                "name_en": "Take carbon-rich low-lying soils out of farming",
                "sdgs": (13, 15),
                "description_da": (
                    "Lavbundsjorde er kulstofrige, drænede marker i ådale og fugtige lavninger, "
                    "som udleder meget CO2, når de bliver dyrket. Når de tages ud af omdrift, og "
                    "vandstanden får lov at stige igen, bliver kulstoffet i jorden. Kommunen "
                    "hjælper lodsejere og landmænd med jordfordeling, kompensation og statslige "
                    "tilskudsordninger, og borgere kan pege på arealer eller foreslå, hvordan de "
                    "nye områder kan bruges."
                ),
                "description_en": (
                    "Low-lying soils are carbon-rich, drained fields in river valleys and damp "
                    "hollows that release a lot of CO2 when they are farmed. When they are taken "
                    "out of rotation and the water table is allowed to rise again, the carbon "
                    "stays in the soil. The municipality helps landowners and farmers with land "
                    "consolidation, compensation and state grant schemes, and citizens can point "
                    "out areas or suggest how the new areas could be used."
                ),
                "keywords_da": (
                    "lavbund",
                    "lavbundsjord",
                    "lavbundsjorde",
                    "tørv",
                    "tørvejord",
                    "kulstof",
                    "kulstofrig jord",
                    "udtagning",
                    "udtage",
                    "ådal",
                    "ådale",
                    "dræn",
                    "afvanding",
                    "grøfter",
                    "pumpelag",
                    "vandstand",
                    "genvådgøring",
                    "omdrift",
                    "lodsejer",
                    "lodsejere",
                    "jordfordeling",
                    "kompensation",
                    "braklægning",
                    "landmand",
                ),
                "keywords_en": (
                    "low-lying soils",
                    "lowland soils",
                    "peat",
                    "peat soils",
                    "carbon",
                    "carbon-rich soil",
                    "taking land out",
                    "set-aside",
                    "river valley",
                    "river valleys",
                    "drainage",
                    "drain pipes",
                    "ditches",
                    "pumping station",
                    "water table",
                    "rewetting",
                    "crop rotation",
                    "landowner",
                    "landowners",
                    "land consolidation",
                    "compensation",
                    "fallow",
                    "farmer",
                ),
            },
            {
                "slug": "vaad-natur",
                "name_da": "Skabe mere våd natur",
                "name_en": "Create more wetland nature",
                "sdgs": (6, 13, 15),
                "description_da": (
                    "Mere våd natur betyder flere moser, enge, søer og vandhuller og vandløb, der "
                    "får lov at slynge sig og gå over deres bredder. Våde områder binder kulstof, "
                    "renser vandet for kvælstof, holder på regnvandet ved skybrud og giver "
                    "levesteder for padder, insekter og fugle. Lodsejere kan få hjælp til at "
                    "etablere vådområder, og skoler og boligforeninger kan grave vandhuller eller "
                    "anlægge regnbede tæt på, hvor folk bor og lærer."
                ),
                "description_en": (
                    "More wetland nature means more bogs, meadows, lakes and ponds, and streams "
                    "that are allowed to meander and flood their banks. Wet areas store carbon, "
                    "remove nitrogen from the water, hold back rainwater during cloudbursts and "
                    "provide habitats for amphibians, insects and birds. Landowners can get help "
                    "to create wetlands, and schools and housing associations can dig ponds or "
                    "build rain gardens close to where people live and learn."
                ),
                "keywords_da": (
                    "vådområde",
                    "vådområder",
                    "våd natur",
                    "mose",
                    "moser",
                    "eng",
                    "enge",
                    "søer",
                    "søen",
                    "vandhul",
                    "vandhuller",
                    "vandløb",
                    "bæk",
                    "genslyngning",
                    "kvælstof",
                    "okker",
                    "padder",
                    "frøer",
                    "salamandre",
                    "rørskov",
                    "regnbed",
                    "kildevæld",
                    "fjorden",
                    "vandkvalitet",
                ),
                "keywords_en": (
                    "wetland",
                    "wetlands",
                    "wet nature",
                    "bog",
                    "marsh",
                    "wet meadow",
                    "lake",
                    "lakes",
                    "pond",
                    "ponds",
                    "stream",
                    "streams",
                    "re-meandering",
                    "nitrogen",
                    "ochre",
                    "amphibians",
                    "frogs",
                    "newts",
                    "reed bed",
                    "rain garden",
                    "natural springs",
                    "fjord",
                    "water quality",
                ),
            },
            {
                "slug": "saarbare-naturtyper",
                "name_da": "Sikre sårbare naturtyper og landbrugsjord",
                "name_en": "Protect vulnerable habitats and farmland",
                "sdgs": (2, 15),
                "description_da": (
                    "Sårbare naturtyper som heder, overdrev, strandenge, klitter og gamle skove "
                    "skal beskyttes mod gødning, sprøjtemidler, tilgroning og byggeri, samtidig "
                    "med at den bedste landbrugsjord bevares til fødevareproduktion. Det handler "
                    "om at placere nye boliger, veje og solcelleparker, hvor de gør mindst skade, "
                    "og om bufferzoner mellem marker og natur. Landmænd, grundejere og borgere kan "
                    "bidrage med naturvenlig drift og ved at melde skader på beskyttet natur."
                ),
                "description_en": (
                    "Vulnerable habitats such as heaths, dry grasslands, salt meadows, dunes and "
                    "old forests must be protected from fertiliser, pesticides, overgrowth and "
                    "development, while the best farmland is kept for food production. This means "
                    "placing new housing, roads and solar parks where they do the least harm, and "
                    "creating buffer zones between fields and nature. Farmers, property owners and "
                    "citizens can contribute through nature-friendly farming and by reporting "
                    "damage to protected nature."
                ),
                "keywords_da": (
                    "sårbar natur",
                    "sårbare naturtyper",
                    "beskyttet natur",
                    "paragraf 3",
                    "hede",
                    "overdrev",
                    "strandeng",
                    "klitter",
                    "gammel skov",
                    "sprøjtemidler",
                    "pesticider",
                    "sprøjtning",
                    "gødning",
                    "ammoniak",
                    "bufferzone",
                    "randzone",
                    "landbrugsjord",
                    "god landbrugsjord",
                    "fødevareproduktion",
                    "tilgroning",
                    "arealpres",
                    "grundvand",
                    "drikkevand",
                    "økologisk landbrug",
                ),
                "keywords_en": (
                    "vulnerable nature",
                    "vulnerable habitats",
                    "protected nature",
                    "section 3",
                    "heath",
                    "heathland",
                    "dry grassland",
                    "salt meadow",
                    "dunes",
                    "old forest",
                    "pesticides",
                    "spraying",
                    "fertiliser",
                    "ammonia",
                    "buffer zone",
                    "field margins",
                    "farmland",
                    "agricultural land",
                    "food production",
                    "overgrowth",
                    "land pressure",
                    "groundwater",
                    "drinking water",
                    "organic farming",
                ),
            },
        ),
    },
    {
        "slug": "ressourcer",
        "name_da": "Ressourcer",
        "name_en": "Resources",
        "description_da": (
            "Ressourcetemaet handler om at bruge færre råvarer og smide mindre ud, både i hjemmet, "
            "i virksomhederne og i kommunens egne institutioner. Vi vil forebygge affald, sortere "
            "bedre, reparere og genbruge mere og stille grønne krav, når kommunen køber ind. Det "
            "kræver nye vaner, og derfor er undervisning og gode eksempler fra hverdagen en vigtig "
            "del af indsatsen."
        ),
        "description_en": (
            "The resources theme is about using fewer raw materials and throwing less away, at "
            "home, in companies and in the municipality's own institutions. We want to prevent "
            "waste, sort better, repair and reuse more, and set green requirements when the "
            "municipality buys goods and services. This takes new habits, which is why teaching "
            "and good examples from everyday life are an important part of the work."
        ),
        "focus_areas": (
            {
                "slug": "mindre-forbrug-affald",
                "name_da": "Mindre privat forbrug og mindre affald",
                "name_en": "Less private consumption and less waste",
                "sdgs": (12,),
                "description_da": (
                    "Det bedste affald er det, der aldrig opstår, så vi vil hjælpe husstande med "
                    "at købe mindre, undgå engangsplast og emballage og sortere det affald, der "
                    "alligevel kommer. Boligforeninger kan få hjælp til gode affaldsløsninger i "
                    "gården, skoler kan arbejde med affaldsfri madpakker, og virksomheder kan "
                    "skære ned på emballagen. Forslag kan fx handle om sortering, storskrald, "
                    "genbrugspladser eller henkastet affald i naturen."
                ),
                "description_en": (
                    "The best waste is the waste that is never created, so we want to help "
                    "households buy less, avoid single-use plastic and packaging, and sort the "
                    "waste that is still produced. Housing associations can get help with good "
                    "waste solutions in their courtyards, schools can work with waste-free packed "
                    "lunches, and companies can cut down on packaging. Proposals might be about "
                    "sorting, bulky waste, recycling centres or litter in nature."
                ),
                "keywords_da": (
                    "affald",
                    "skrald",
                    "sortering",
                    "affaldssortering",
                    "genbrug",
                    "genbrugsplads",
                    "emballage",
                    "storskrald",
                    "pant",
                    "plastik",
                    "plast",
                    "engangsplast",
                    "engangsservice",
                    "plastikposer",
                    "skraldespand",
                    "affaldsspand",
                    "affaldscontainer",
                    "tømning",
                    "renovation",
                    "madaffald",
                    "henkastet affald",
                    "affaldsindsamling",
                    "reklamer",
                    "overforbrug",
                ),
                "keywords_en": (
                    "waste",
                    "rubbish",
                    "garbage",
                    "trash",
                    "recycling",
                    "sorting",
                    "waste sorting",
                    "recycling centre",
                    "packaging",
                    "bulky waste",
                    "deposit",
                    "plastic",
                    "single-use plastic",
                    "disposable tableware",
                    "plastic bags",
                    "bin",
                    "waste container",
                    "bin collection",
                    "organic waste",
                    "litter",
                    "litter picking",
                    "junk mail",
                    "buy less",
                    "overconsumption",
                ),
            },
            {
                "slug": "cirkulaer-oekonomi",
                "name_da": "Fremme cirkulær økonomi",
                "name_en": "Promote the circular economy",
                "sdgs": (9, 12),
                "description_da": (
                    "I en cirkulær økonomi bliver produkter og materialer brugt så længe som "
                    "muligt: de bliver repareret, delt, solgt videre og til sidst genanvendt. "
                    "Kommunen vil støtte reparationscaféer, byttemarkeder og deleordninger og "
                    "hjælpe virksomheder og byggeriet med at genbruge materialer og bruge "
                    "hinandens restprodukter. Boligforeninger og skoler kan fx oprette "
                    "værktøjsbiblioteker og byttehylder eller genbruge materialer ved renovering."
                ),
                "description_en": (
                    "In a circular economy, products and materials are used for as long as "
                    "possible: they are repaired, shared, sold on and finally recycled. The "
                    "municipality wants to support repair cafés, swap markets and sharing schemes, "
                    "and help companies and the construction sector reuse materials and make use "
                    "of each other's by-products. Housing associations and schools can, for "
                    "example, set up tool libraries and swap shelves or reuse materials when "
                    "renovating."
                ),
                "keywords_da": (
                    "cirkulær",
                    "cirkulær økonomi",
                    "reparation",
                    "reparere",
                    "reparationscafé",
                    "deleøkonomi",
                    "deleordning",
                    "udlån",
                    "værktøjsbibliotek",
                    "byttemarked",
                    "bytte",
                    "byttehylde",
                    "loppemarked",
                    "genbrugsbutik",
                    "second hand",
                    "brugt",
                    "byggeaffald",
                    "byggematerialer",
                    "genanvendelse",
                    "upcycling",
                    "produktlevetid",
                    "industriel symbiose",
                    "restprodukter",
                ),
                "keywords_en": (
                    "circular",
                    "circular economy",
                    "repair",
                    "repair café",
                    "fix",
                    "sharing economy",
                    "sharing scheme",
                    "lending",
                    "tool library",
                    "swap",
                    "swap market",
                    "swap shelf",
                    "flea market",
                    "second-hand shop",
                    "second hand",
                    "used",
                    "construction waste",
                    "building materials",
                    "reuse",
                    "upcycling",
                    "product lifespan",
                    "industrial symbiosis",
                    "by-products",
                ),
            },
            {
                "slug": "baeredygtige-indkoeb",
                "name_da": "Fremme bæredygtig indkøbspraksis",
                "name_en": "Promote sustainable procurement",
                "sdgs": (12,),
                "description_da": (
                    "Kommunen køber hvert år ind for store beløb, og ved at stille krav om "
                    "miljømærker, klimaaftryk, holdbarhed og ordentlige arbejdsforhold kan "
                    "indkøbene flytte hele markeder. Det gælder alt fra maden i kantiner, skoler "
                    "og plejehjem til møbler, it, byggeri og biler. Lokale virksomheder kan få "
                    "hjælp til at byde på grønne udbud, og borgere kan foreslå, hvad kommunen skal "
                    "stille krav om."
                ),
                "description_en": (
                    "Every year the municipality buys goods and services for large sums, and by "
                    "requiring eco-labels, a low climate footprint, durability and decent working "
                    "conditions, its purchasing can shift whole markets. This covers everything "
                    "from the food in canteens, schools and care homes to furniture, IT, "
                    "construction and vehicles. Local companies can get help to bid for green "
                    "tenders, and citizens can suggest what the municipality should require."
                ),
                "keywords_da": (
                    "indkøb",
                    "indkøbspolitik",
                    "offentlige indkøb",
                    "grønne indkøb",
                    "udbud",
                    "grønne udbud",
                    "leverandør",
                    "leverandører",
                    "miljømærke",
                    "svanemærket",
                    "miljøkrav",
                    "klimakrav",
                    "kantine",
                    "skolemad",
                    "økologisk mad",
                    "økologiprocent",
                    "lokale råvarer",
                    "fairtrade",
                    "arbejdsforhold",
                    "sociale klausuler",
                    "totalomkostninger",
                    "certificering",
                ),
                "keywords_en": (
                    "procurement",
                    "purchasing",
                    "purchasing policy",
                    "public procurement",
                    "green procurement",
                    "tender",
                    "green tenders",
                    "supplier",
                    "suppliers",
                    "eco-label",
                    "nordic swan",
                    "environmental requirements",
                    "climate requirements",
                    "canteen",
                    "school meals",
                    "organic food",
                    "organic share",
                    "local produce",
                    "fairtrade",
                    "working conditions",
                    "social clauses",
                    "total cost of ownership",
                    "certification",
                ),
            },
            {
                "slug": "mindre-spild",
                "name_da": "Mindske spild i produktion og forbrug",
                "name_en": "Reduce waste in production and consumption",
                "sdgs": (2, 12),
                "description_da": (
                    "Spild af mad, vand, energi og materialer koster både penge og klima, og meget "
                    "af det kan undgås med bedre planlægning. I hjemmet handler det om at bruge "
                    "resterne og forstå datomærkningen, mens butikker, restauranter, kantiner og "
                    "virksomheder kan give overskudsmad og overskudsvarer videre i stedet for at "
                    "kassere dem. Skoler og institutioner kan måle deres madspild og finde ud af, "
                    "hvor det opstår."
                ),
                "description_en": (
                    "Wasting food, water, energy and materials costs both money and the climate, "
                    "and much of it can be avoided with better planning. At home this means using "
                    "leftovers and understanding date labels, while shops, restaurants, canteens "
                    "and companies can pass on surplus food and goods instead of throwing them "
                    "out. Schools and institutions can measure their food waste and find out where "
                    "it happens."
                ),
                "keywords_da": (
                    "madspild",
                    "spild",
                    "madrester",
                    "rester",
                    "overskudsmad",
                    "bedst før",
                    "sidste anvendelsesdato",
                    "holdbarhed",
                    "datomærkning",
                    "too good to go",
                    "fødevarebank",
                    "køleskab",
                    "fælleskøleskab",
                    "portioner",
                    "portionsstørrelse",
                    "kassere",
                    "kassation",
                    "overproduktion",
                    "svind",
                    "skraldning",
                    "vandspild",
                    "produktionsspild",
                    "madplan",
                ),
                "keywords_en": (
                    "food waste",
                    "wasted food",
                    "leftovers",
                    "surplus food",
                    "best before",
                    "use by",
                    "shelf life",
                    "date labels",
                    "too good to go",
                    "food bank",
                    "fridge",
                    "community fridge",
                    "portions",
                    "portion size",
                    "throw away",
                    "discarded",
                    "overproduction",
                    "shrinkage",
                    "dumpster diving",
                    "water waste",
                    "production waste",
                    "meal planning",
                    "wasted",
                ),
            },
            {
                "slug": "baeredygtig-dannelse",
                "name_da": "Understøtte bæredygtig dannelse og adfærd",
                "name_en": "Support sustainability education and behaviour",
                "sdgs": (4, 12),
                "description_da": (
                    "Bæredygtig dannelse handler om at give børn, unge og voksne viden, lyst og "
                    "mod til at handle bæredygtigt i hverdagen. Skoler og daginstitutioner kan "
                    "arbejde med verdensmålene i undervisningen og med grønne elevråd, mens "
                    "foreninger, biblioteker, boligforeninger og arbejdspladser kan lave "
                    "kampagner, kurser og små skub, der gør de grønne valg lette. Forslag kan "
                    "handle om alt fra undervisningsforløb og workshops til nye vaner i familien "
                    "og på jobbet."
                ),
                "description_en": (
                    "Sustainability education is about giving children, young people and adults "
                    "the knowledge, motivation and courage to act sustainably in everyday life. "
                    "Schools and day-care centres can work with the Sustainable Development Goals "
                    "in their teaching and with green student councils, while associations, "
                    "libraries, housing associations and workplaces can run campaigns, courses and "
                    "small nudges that make green choices easy. Proposals can be about anything "
                    "from teaching programmes and workshops to new habits in the family and at "
                    "work."
                ),
                "keywords_da": (
                    "undervisning",
                    "dannelse",
                    "adfærd",
                    "vaner",
                    "hverdagsvaner",
                    "elever",
                    "skoleprojekt",
                    "daginstitution",
                    "børnehave",
                    "verdensmål i undervisningen",
                    "grønt flag",
                    "grønne elevråd",
                    "klimaundervisning",
                    "kampagne",
                    "oplysning",
                    "workshop",
                    "kursus",
                    "foredrag",
                    "nudging",
                    "inspiration",
                    "grøn guide",
                    "bevidsthed",
                    "holdningsændring",
                    "rollemodel",
                ),
                "keywords_en": (
                    "teaching",
                    "sustainability education",
                    "behaviour",
                    "habits",
                    "everyday habits",
                    "pupils",
                    "school project",
                    "day care",
                    "kindergarten",
                    "sdgs in teaching",
                    "green flag",
                    "eco-schools",
                    "climate education",
                    "campaign",
                    "awareness",
                    "workshop",
                    "course",
                    "talk",
                    "nudging",
                    "inspiration",
                    "green guide",
                    "mindset",
                    "role model",
                    "lesson",
                ),
            },
        ),
    },
    {
        "slug": "ulighed",
        "name_da": "Ulighed",
        "name_en": "Inequality",
        "description_da": (
            "Ulighedstemaet handler om, at alle skal have en fair chance for et godt og sundt liv, "
            "uanset hvor de bor, hvad deres forældre laver, eller hvordan de har det. Vi arbejder "
            "med sundhed, uddannelse, job, boligområder, fællesskaber og ensomhed, og vi gør det "
            "sammen med foreninger, frivillige, boligforeninger og skoler. Den sociale side af "
            "bæredygtighed er lige så vigtig som den grønne."
        ),
        "description_en": (
            "The inequality theme is about everyone having a fair chance of a good and healthy "
            "life, regardless of where they live, what their parents do or how they are feeling. "
            "We work on health, education, jobs, residential areas, communities and loneliness, "
            "together with associations, volunteers, housing associations and schools. The social "
            "side of sustainability is just as important as the green one."
        ),
        "focus_areas": (
            {
                "slug": "lighed-i-sundhed",
                "name_da": "Fremme lighed i sundhed",
                "name_en": "Promote equality in health",
                "sdgs": (3, 10),
                "description_da": (
                    "Der er stor forskel på, hvor længe og hvor sundt man lever, afhængigt af "
                    "uddannelse, indkomst og hvor man bor. Kommunen vil gøre forebyggelse, "
                    "rygestop, motion og sundhedstjek lettere at bruge for dem, der har mest brug "
                    "for det, fx ved at tage tilbuddene med ud i boligområder, på arbejdspladser "
                    "og i foreninger. Skoler og daginstitutioner kan bidrage med sund mad, "
                    "bevægelse og tidlig opsporing."
                ),
                "description_en": (
                    "There are big differences in how long and how healthily people live, "
                    "depending on education, income and where they live. The municipality wants to "
                    "make prevention, stop-smoking support, exercise and health checks easier to "
                    "use for those who need them most, for example by bringing the services out to "
                    "residential areas, workplaces and associations. Schools and day-care centres "
                    "can contribute with healthy food, physical activity and early detection."
                ),
                "keywords_da": (
                    "sundhed",
                    "ulighed i sundhed",
                    "forebyggelse",
                    "sundhedstjek",
                    "sundhedstilbud",
                    "sundhedscenter",
                    "sundhedsplejerske",
                    "læge",
                    "lægehus",
                    "tandlæge",
                    "rygning",
                    "rygestop",
                    "alkohol",
                    "misbrug",
                    "motion",
                    "bevægelse",
                    "sund mad",
                    "kost",
                    "overvægt",
                    "diabetes",
                    "kronisk sygdom",
                    "levetid",
                    "livsstilssygdomme",
                    "screening",
                ),
                "keywords_en": (
                    "health",
                    "health inequality",
                    "prevention",
                    "health check",
                    "health services",
                    "health centre",
                    "health visitor",
                    "doctor",
                    "gp",
                    "dentist",
                    "smoking",
                    "quit smoking",
                    "alcohol",
                    "addiction",
                    "exercise",
                    "physical activity",
                    "healthy food",
                    "diet",
                    "obesity",
                    "diabetes",
                    "chronic illness",
                    "life expectancy",
                    "lifestyle diseases",
                    "screening",
                ),
            },
            {
                "slug": "lige-muligheder",
                "name_da": "Fremme lige muligheder for alle",
                "name_en": "Promote equal opportunities for all",
                "sdgs": (4, 5, 10),
                "description_da": (
                    "Alle skal have de samme muligheder for at gå i skole, dyrke "
                    "fritidsinteresser, få et job og deltage i samfundet, uanset køn, handicap, "
                    "etnisk baggrund, seksualitet eller forældrenes økonomi. Det kan handle om "
                    "tilgængelige bygninger, fritidspas til børn fra familier med få penge, "
                    "ligeløn og indsatser mod diskrimination i skoler, foreninger og på "
                    "arbejdspladser. Virksomheder kan fx åbne døren for flere medarbejdere med "
                    "handicap."
                ),
                "description_en": (
                    "Everyone should have the same opportunities to go to school, enjoy leisure "
                    "activities, get a job and take part in society, regardless of gender, "
                    "disability, ethnic background, sexuality or their parents' finances. This can "
                    "mean accessible buildings, leisure passes for children from low-income "
                    "families, equal pay and action against discrimination in schools, "
                    "associations and workplaces. Companies can, for example, open their doors to "
                    "more employees with disabilities."
                ),
                "keywords_da": (
                    "lige muligheder",
                    "ligestilling",
                    "køn",
                    "kønsroller",
                    "ligeløn",
                    "diskrimination",
                    "forskelsbehandling",
                    "racisme",
                    "handicap",
                    "handicappede",
                    "tilgængelighed",
                    "kørestol",
                    "rampe",
                    "fritidspas",
                    "kontingent",
                    "fritidsaktiviteter",
                    "lgbt+",
                    "seksualitet",
                    "etnisk baggrund",
                    "inklusion",
                    "ordblind",
                    "specialundervisning",
                    "funktionsnedsættelse",
                ),
                "keywords_en": (
                    "equal opportunities",
                    "equality",
                    "gender",
                    "gender roles",
                    "equal pay",
                    "discrimination",
                    "unequal treatment",
                    "racism",
                    "disability",
                    "disabled",
                    "accessibility",
                    "wheelchair",
                    "ramp",
                    "leisure pass",
                    "membership fee",
                    "leisure activities",
                    "lgbt+",
                    "sexuality",
                    "ethnic background",
                    "inclusion",
                    "dyslexia",
                    "special needs education",
                    "impairment",
                ),
            },
            {
                "slug": "bekaempe-ensomhed",
                "name_da": (
                    "Fremme den kommunale indsats og understøtte de frivillige organisationers "
                    "bekæmpelse af ensomhed"
                ),
                "name_en": (
                    "Strengthen the municipality's work and support voluntary organisations "
                    "against loneliness"
                ),
                "sdgs": (3, 10),
                "description_da": (
                    "Mange føler sig ensomme, både unge og ældre, og ensomhed går ud over "
                    "helbredet og livsglæden. Kommunen vil styrke sin egen indsats og støtte de "
                    "frivillige organisationer, der driver besøgsvenner, spisefællesskaber, "
                    "gågrupper og mødesteder. Boligforeninger, skoler og arbejdspladser kan være "
                    "med til at opdage dem, der sidder alene, og invitere dem ind i et fællesskab."
                ),
                "description_en": (
                    "Many people feel lonely, young and old alike, and loneliness harms both "
                    "health and joy in life. The municipality wants to strengthen its own efforts "
                    "and support the voluntary organisations that run visiting-friend schemes, "
                    "shared meals, walking groups and meeting places. Housing associations, "
                    "schools and workplaces can help spot people who are sitting alone and invite "
                    "them into a community."
                ),
                "keywords_da": (
                    "ensomhed",
                    "ensom",
                    "ensomme",
                    "alene",
                    "isolation",
                    "isoleret",
                    "besøgsven",
                    "besøgstjeneste",
                    "frivillig",
                    "frivillige",
                    "frivillige organisationer",
                    "ældre",
                    "pensionister",
                    "plejehjem",
                    "enlig",
                    "enke",
                    "spisefællesskab",
                    "fællesspisning",
                    "gåvenner",
                    "gågruppe",
                    "ringeven",
                    "mødested",
                    "venskab",
                    "ungdomsensomhed",
                ),
                "keywords_en": (
                    "loneliness",
                    "lonely",
                    "alone",
                    "isolation",
                    "isolated",
                    "visiting friend",
                    "visiting service",
                    "volunteer",
                    "volunteers",
                    "voluntary organisations",
                    "elderly",
                    "pensioners",
                    "care home",
                    "living alone",
                    "widow",
                    "shared meals",
                    "community dinner",
                    "walking group",
                    "walking buddy",
                    "phone friend",
                    "meeting place",
                    "friendship",
                    "youth loneliness",
                ),
            },
            {
                "slug": "faellesskaber-mental-sundhed",
                "name_da": "Fremme fællesskaber og mental sundhed",
                "name_en": "Promote communities and mental health",
                "sdgs": (3, 11),
                "description_da": (
                    "Gode fællesskaber i foreninger, nabolag, skoler og på arbejdspladser er noget "
                    "af det, der bedst beskytter mod stress, angst og depression. Kommunen vil "
                    "gøre det lettere at finde et fællesskab og at få hjælp tidligt, når livet er "
                    "svært, særligt for børn og unge. Forslag kan fx handle om nye klubtilbud, "
                    "aktiviteter i nabolaget, trivselsindsatser i skolen eller bedre rådgivning om "
                    "psykisk sårbarhed."
                ),
                "description_en": (
                    "Good communities in associations, neighbourhoods, schools and workplaces are "
                    "among the best protection against stress, anxiety and depression. The "
                    "municipality wants to make it easier to find a community and to get help "
                    "early when life is hard, especially for children and young people. Proposals "
                    "might be about new clubs, neighbourhood activities, well-being initiatives in "
                    "schools or better counselling on mental vulnerability."
                ),
                "keywords_da": (
                    "fællesskab",
                    "fællesskaber",
                    "mental sundhed",
                    "trivsel",
                    "mistrivsel",
                    "psykisk",
                    "psykiatri",
                    "stress",
                    "angst",
                    "depression",
                    "selvskade",
                    "psykolog",
                    "rådgivning",
                    "ungdomsklub",
                    "klub",
                    "forening",
                    "foreningsliv",
                    "sport",
                    "idræt",
                    "nabofællesskab",
                    "naboer",
                    "sociale medier",
                    "skærmtid",
                    "værested",
                ),
                "keywords_en": (
                    "community",
                    "communities",
                    "mental health",
                    "well-being",
                    "poor well-being",
                    "mental",
                    "psychiatry",
                    "stress",
                    "anxiety",
                    "depression",
                    "self-harm",
                    "psychologist",
                    "counselling",
                    "youth club",
                    "club",
                    "association",
                    "sports",
                    "sports club",
                    "neighbourhood community",
                    "neighbours",
                    "social media",
                    "screen time",
                    "drop-in centre",
                ),
            },
            {
                "slug": "aktivt-medborgerskab",
                "name_da": "Understøtte aktivt og lige medborgerskab",
                "name_en": "Support active and equal citizenship",
                "sdgs": (10, 16),
                "description_da": (
                    "Et stærkt demokrati kræver, at alle kan og vil være med, også dem, der "
                    "sjældent stemmer, ikke taler flydende dansk eller har svært ved det digitale. "
                    "Kommunen vil gøre det lettere at blive hørt gennem borgermøder, ungeråd, "
                    "borgerbudgetter og platforme som denne og støtte foreninger og lokalråd, der "
                    "får flere til at engagere sig. Skoler kan styrke elevdemokratiet, og "
                    "virksomheder kan give medarbejderne tid til at engagere sig i lokalsamfundet."
                ),
                "description_en": (
                    "A strong democracy needs everyone to be able and willing to take part, "
                    "including those who rarely vote, do not speak fluent Danish or find digital "
                    "services difficult. The municipality wants to make it easier to be heard "
                    "through public meetings, youth councils, participatory budgets and platforms "
                    "like this one, and to support associations and local councils that get more "
                    "people involved. Schools can strengthen student democracy, and companies can "
                    "give employees time to engage in the local community."
                ),
                "keywords_da": (
                    "medborgerskab",
                    "demokrati",
                    "borgerinddragelse",
                    "inddragelse",
                    "indflydelse",
                    "medbestemmelse",
                    "høring",
                    "borgermøde",
                    "borgerpanel",
                    "borgerbudget",
                    "ungeråd",
                    "elevdemokrati",
                    "lokalråd",
                    "valg",
                    "stemme",
                    "valgdeltagelse",
                    "integration",
                    "nydanskere",
                    "dansk sprog",
                    "tolk",
                    "mitid",
                    "digital hjælp",
                    "digital post",
                    "engagement",
                ),
                "keywords_en": (
                    "citizenship",
                    "democracy",
                    "citizen participation",
                    "involvement",
                    "influence",
                    "co-determination",
                    "consultation",
                    "public meeting",
                    "citizens' panel",
                    "participatory budget",
                    "youth council",
                    "student democracy",
                    "local council",
                    "election",
                    "vote",
                    "voter turnout",
                    "integration",
                    "newcomers",
                    "danish language",
                    "interpreter",
                    "mitid",
                    "digital help",
                    "digital post",
                    "civic engagement",
                ),
            },
            {
                "slug": "inkluderende-byplanlaegning",
                "name_da": "Fremme inkluderende byplanlægning og boligsociale indsatser",
                "name_en": "Promote inclusive urban planning and social housing initiatives",
                "sdgs": (10, 11),
                "description_da": (
                    "Byer og boligområder skal planlægges, så folk med forskellige indkomster, "
                    "aldre og baggrunde bor side om side og har gode, trygge steder at mødes. "
                    "Kommunen arbejder med lokalplaner, blandede boligformer og boligsociale "
                    "helhedsplaner sammen med de almene boligforeninger. Borgere kan fx foreslå "
                    "bedre belysning, legepladser, fælleshuse, billigere boliger eller byrum, som "
                    "alle kan bruge."
                ),
                "description_en": (
                    "Towns and residential areas should be planned so that people with different "
                    "incomes, ages and backgrounds live side by side and have good, safe places to "
                    "meet. The municipality works on local plans, mixed housing and social housing "
                    "master plans together with the non-profit housing associations. Citizens can, "
                    "for example, suggest better lighting, playgrounds, community houses, cheaper "
                    "homes or public spaces that everyone can use."
                ),
                "keywords_da": (
                    "byplanlægning",
                    "lokalplan",
                    "boligområde",
                    "almene boliger",
                    "almen bolig",
                    "boligforening",
                    "boligsocial",
                    "helhedsplan",
                    "udsatte boligområder",
                    "blandede boligformer",
                    "billige boliger",
                    "betalbare boliger",
                    "husleje",
                    "byrum",
                    "legeplads",
                    "tryghed",
                    "utryghed",
                    "belysning",
                    "gadelys",
                    "fælleshus",
                    "beboerhus",
                    "beboere",
                    "hjemløse",
                    "byfornyelse",
                ),
                "keywords_en": (
                    "urban planning",
                    "local plan",
                    "residential area",
                    "social housing",
                    "non-profit housing",
                    "housing association",
                    "housing social work",
                    "master plan",
                    "disadvantaged neighbourhoods",
                    "mixed housing",
                    "cheap housing",
                    "affordable housing",
                    "high rents",
                    "public space",
                    "playground",
                    "feeling safe",
                    "feeling unsafe",
                    "lighting",
                    "street lights",
                    "community house",
                    "residents' house",
                    "residents",
                    "homeless",
                    "urban renewal",
                ),
            },
            {
                "slug": "by-og-land",
                "name_da": "Fremme lige levevilkår mellem by og land",
                "name_en": "Promote equal living conditions between town and countryside",
                "sdgs": (10, 11),
                "description_da": (
                    "Livet skal være godt, uanset om man bor i en større by, i en landsby eller på "
                    "landet. Det handler om busforbindelser, bredbånd og mobildækning, lokale "
                    "skoler, dagligvarebutikker og lægehuse og om at styrke de forsamlingshuse og "
                    "foreninger, der holder landsbyerne levende. Landsbyråd, lokale virksomheder "
                    "og borgere kan søge støtte til projekter, der gør deres lokalsamfund mere "
                    "attraktivt at bo i."
                ),
                "description_en": (
                    "Life should be good whether you live in a larger town, in a village or in the "
                    "countryside. This is about bus services, broadband and mobile coverage, local "
                    "schools, grocery shops and doctors' surgeries, and about strengthening the "
                    "village halls and associations that keep villages alive. Village councils, "
                    "local businesses and citizens can apply for support for projects that make "
                    "their local community a more attractive place to live."
                ),
                "keywords_da": (
                    "landsby",
                    "landsbyer",
                    "landdistrikter",
                    "på landet",
                    "yderområder",
                    "udkant",
                    "busforbindelse",
                    "flextur",
                    "landsbybus",
                    "skolebus",
                    "pendling",
                    "bredbånd",
                    "mobildækning",
                    "internet",
                    "købmand",
                    "dagligvarebutik",
                    "landsbyskole",
                    "skolelukning",
                    "lægemangel",
                    "forsamlingshus",
                    "landsbypulje",
                    "landsbyråd",
                    "faldefærdige huse",
                    "lange afstande",
                ),
                "keywords_en": (
                    "village",
                    "villages",
                    "rural areas",
                    "countryside",
                    "outlying areas",
                    "peripheral areas",
                    "bus service",
                    "on-demand bus",
                    "village bus",
                    "school bus",
                    "commuting",
                    "broadband",
                    "mobile coverage",
                    "internet",
                    "local shop",
                    "grocery store",
                    "village school",
                    "school closure",
                    "doctor shortage",
                    "village hall",
                    "village fund",
                    "village council",
                    "derelict houses",
                    "long distances",
                ),
            },
            {
                "slug": "social-mobilitet",
                "name_da": "Fremme social mobilitet",
                "name_en": "Promote social mobility",
                "sdgs": (4, 8, 10),
                "description_da": (
                    "Social mobilitet betyder, at børn ikke skal være bundet af deres forældres "
                    "uddannelse og indkomst, og at voksne kan komme videre, selv om de har haft en "
                    "svær start. Kommunen vil mindske frafaldet på ungdomsuddannelserne, hjælpe "
                    "ledige i job og skaffe flere praktikpladser og mere efteruddannelse. Skoler "
                    "kan tilbyde lektiehjælp og mentorer, og virksomheder kan tage ansvar ved at "
                    "ansætte lærlinge og folk på kanten af arbejdsmarkedet."
                ),
                "description_en": (
                    "Social mobility means that children should not be held back by their parents' "
                    "education and income, and that adults can move forward even after a difficult "
                    "start. The municipality wants to reduce drop-out from upper secondary and "
                    "vocational education, help unemployed people into work and secure more "
                    "apprenticeships and further training. Schools can offer homework help and "
                    "mentors, and companies can take responsibility by hiring apprentices and "
                    "people on the edge of the labour market."
                ),
                "keywords_da": (
                    "social mobilitet",
                    "social arv",
                    "uddannelse",
                    "ungdomsuddannelse",
                    "erhvervsuddannelse",
                    "frafald",
                    "lektiehjælp",
                    "mentor",
                    "job",
                    "arbejde",
                    "ledighed",
                    "ledige",
                    "kontanthjælp",
                    "fleksjob",
                    "praktikplads",
                    "lærling",
                    "efteruddannelse",
                    "opkvalificering",
                    "fritidsjob",
                    "fattigdom",
                    "lav indkomst",
                    "gæld",
                    "uddannelsesvejledning",
                    "socialøkonomisk virksomhed",
                ),
                "keywords_en": (
                    "social mobility",
                    "social heritage",
                    "education",
                    "upper secondary education",
                    "vocational education",
                    "drop-out",
                    "homework help",
                    "mentor",
                    "job",
                    "work",
                    "unemployment",
                    "unemployed",
                    "social benefits",
                    "flex job",
                    "apprenticeship",
                    "apprentice",
                    "further training",
                    "upskilling",
                    "part-time job",
                    "poverty",
                    "low income",
                    "debt",
                    "career guidance",
                    "social enterprise",
                ),
            },
        ),
    },
    {
        "slug": "biodiversitet",
        "name_da": "Biodiversitet",
        "name_en": "Biodiversity",
        "description_da": (
            "Biodiversitetstemaet handler om at give plads til flere vilde planter og dyr i "
            "kommunen, fra de sjældneste arter til bierne i haven. Vi vil beskytte den mest "
            "værdifulde natur først, udlægge mere areal til natur, lade naturen udvikle sig mere "
            "frit og binde naturområderne sammen. Samtidig skal alle borgere kende og kunne komme "
            "ud i den natur, der ligger tæt på dem."
        ),
        "description_en": (
            "The biodiversity theme is about making room for more wild plants and animals in the "
            "municipality, from the rarest species to the bees in the garden. We want to protect "
            "the most valuable nature first, set aside more land for nature, let nature develop "
            "more freely and link nature areas together. At the same time, every citizen should "
            "know and be able to get out into the nature close to where they live."
        ),
        "focus_areas": (
            {
                "slug": "truede-arter",
                "name_da": "Sikre det mest værdifulde natur og de truede arter først",
                "name_en": "Protect the most valuable nature and threatened species first",
                "sdgs": (15,),
                "description_da": (
                    "Den natur, der er mest værdifuld og rummer flest sjældne og truede arter, "
                    "skal sikres først, fordi den er svær eller umulig at genskabe. Kommunen "
                    "kortlægger arter og levesteder og målretter plejen mod fx orkidéer, "
                    "sommerfugle, flagermus og vilde bier. Borgere, skoler og foreninger kan "
                    "hjælpe med at registrere fund, og lodsejere kan få råd om at passe på arterne "
                    "på deres jord."
                ),
                "description_en": (
                    "The nature that is most valuable and home to the most rare and threatened "
                    "species must be protected first, because it is hard or impossible to "
                    "recreate. The municipality maps species and habitats and targets its care at, "
                    "for example, orchids, butterflies, bats and wild bees. Citizens, schools and "
                    "associations can help by recording sightings, and landowners can get advice "
                    "on looking after the species on their land."
                ),
                "keywords_da": (
                    "truede arter",
                    "truet",
                    "rødlisten",
                    "rødlistet",
                    "sjældne arter",
                    "sjælden",
                    "arter",
                    "artsbeskyttelse",
                    "bilag iv",
                    "natura 2000",
                    "levested",
                    "ynglested",
                    "orkidéer",
                    "sommerfugle",
                    "flagermus",
                    "vilde bier",
                    "humlebier",
                    "odder",
                    "fugle",
                    "kortlægning",
                    "artsregistrering",
                    "høj naturværdi",
                ),
                "keywords_en": (
                    "threatened species",
                    "endangered",
                    "red list",
                    "red-listed",
                    "rare species",
                    "rare",
                    "species",
                    "species protection",
                    "annex iv",
                    "natura 2000",
                    "habitat",
                    "breeding site",
                    "orchid",
                    "orchids",
                    "butterflies",
                    "bats",
                    "wild bees",
                    "bumblebees",
                    "otter",
                    "birds",
                    "mapping",
                    "species recording",
                    "high nature value",
                ),
            },
            {
                "slug": "natur-foerst",
                "name_da": "Udlægge flere arealer hvor natur har førsteprioritet",
                "name_en": "Set aside more areas where nature comes first",
                "sdgs": (15,),
                "description_da": (
                    "Vi vil have flere arealer, hvor naturen kommer før landbrug, byggeri og pæne "
                    "græsplæner. Det kan være kommunale grønne områder, vejrabatter, skolegårde, "
                    "kirkegårde og boligforeningers udearealer, der bliver lagt om til "
                    "blomsterenge og vild med vilje, eller større områder, der bliver fredet eller "
                    "købt til natur. Grundejere og haveejere kan gøre det samme i mindre skala."
                ),
                "description_en": (
                    "We want more areas where nature comes before farming, building and neat "
                    "lawns. This can be municipal green spaces, road verges, school grounds, "
                    "cemeteries and housing associations' outdoor areas turned into wildflower "
                    "meadows and left wild on purpose, or larger areas that are protected or "
                    "bought for nature. Property owners and garden owners can do the same on a "
                    "smaller scale."
                ),
                "keywords_da": (
                    "naturareal",
                    "naturarealer",
                    "mere natur",
                    "naturbeskyttelse",
                    "fredning",
                    "fredet",
                    "blomstereng",
                    "vilde blomster",
                    "vild med vilje",
                    "vejrabat",
                    "rabatter",
                    "græsplæne",
                    "plæne",
                    "græsslåning",
                    "slåning",
                    "parker",
                    "grønne områder",
                    "kirkegård",
                    "skolegård",
                    "udearealer",
                    "haver",
                    "biodiversitetshave",
                    "jordopkøb",
                    "hjemmehørende planter",
                ),
                "keywords_en": (
                    "nature area",
                    "more nature",
                    "nature protection",
                    "protected area",
                    "conservation order",
                    "wildflower meadow",
                    "wildflowers",
                    "wild on purpose",
                    "road verge",
                    "verges",
                    "lawn",
                    "mowing",
                    "grass cutting",
                    "parks",
                    "green spaces",
                    "cemetery",
                    "school grounds",
                    "outdoor areas",
                    "garden",
                    "gardens",
                    "wildlife garden",
                    "land purchase",
                    "native plants",
                    "no mow",
                ),
            },
            {
                "slug": "vild-natur",
                "name_da": "Prioritere mere vild natur med fri dynamik",
                "name_en": "Prioritise wilder nature with free natural dynamics",
                "sdgs": (15,),
                "description_da": (
                    "Vild natur med fri dynamik betyder, at naturen i højere grad får lov at passe "
                    "sig selv: træer må vælte og blive liggende, vandet må finde sin egen vej, og "
                    "store græssende dyr holder landskabet åbent i stedet for maskiner. Det giver "
                    "plads til langt flere arter end ensartet og velplejet natur. Kommunen vil "
                    "afprøve det på egne arealer og hjælpe lodsejere, der vil lade deres jord "
                    "blive vildere."
                ),
                "description_en": (
                    "Wild nature with free natural dynamics means letting nature largely look "
                    "after itself: trees may fall and be left lying, water may find its own way, "
                    "and large grazing animals keep the landscape open instead of machines. This "
                    "makes room for far more species than uniform, well-tended nature. The "
                    "municipality wants to try this on its own land and help landowners who want "
                    "to let their land become wilder."
                ),
                "keywords_da": (
                    "vild natur",
                    "vildere",
                    "fri dynamik",
                    "rewilding",
                    "urørt",
                    "urørt skov",
                    "dødt ved",
                    "døde træer",
                    "væltede træer",
                    "stormfald",
                    "selvforyngelse",
                    "store græssere",
                    "helårsgræsning",
                    "græssende dyr",
                    "kvæg",
                    "heste",
                    "vildheste",
                    "bison",
                    "krat",
                    "naturnationalpark",
                    "naturlig hydrologi",
                    "passe sig selv",
                    "uden indgreb",
                ),
                "keywords_en": (
                    "wild nature",
                    "wilder",
                    "free dynamics",
                    "rewilding",
                    "untouched",
                    "untouched forest",
                    "deadwood",
                    "dead trees",
                    "fallen trees",
                    "windthrow",
                    "natural regeneration",
                    "large grazers",
                    "year-round grazing",
                    "grazing animals",
                    "cattle",
                    "horses",
                    "wild horses",
                    "bison",
                    "scrub",
                    "nature national park",
                    "natural hydrology",
                    "let nature take care of itself",
                    "no intervention",
                ),
            },
            {
                "slug": "naturformidling",
                "name_da": (
                    "Mere viden til alle borgere om natur og bedre adgang til natur af høj kvalitet"
                ),
                "name_en": (
                    "More knowledge about nature for all citizens and better access to "
                    "high-quality nature"
                ),
                "sdgs": (4, 11, 15),
                "description_da": (
                    "Alle borgere skal kende naturen i kommunen og have let adgang til natur af "
                    "høj kvalitet tæt på, hvor de bor. Det kræver gode stier, skilte og "
                    "faciliteter som shelters og bålpladser og tilbud om naturvejledning, guidede "
                    "ture og naturskole for børn, skoler og daginstitutioner. Foreninger og "
                    "boligforeninger kan lave fælles naturaktiviteter, og borgere kan foreslå nye "
                    "stier eller steder, der bør gøres lettere at komme til."
                ),
                "description_en": (
                    "All citizens should know the nature in the municipality and have easy access "
                    "to high-quality nature close to where they live. This requires good paths, "
                    "signs and facilities such as shelters and fire pits, and offers of nature "
                    "guiding, guided walks and nature school for children, schools and day-care "
                    "centres. Associations and housing associations can organise joint nature "
                    "activities, and citizens can suggest new paths or places that should be "
                    "easier to reach."
                ),
                "keywords_da": (
                    "naturformidling",
                    "naturvejleder",
                    "naturskole",
                    "udeskole",
                    "guidet tur",
                    "naturtur",
                    "vandretur",
                    "vandresti",
                    "stier",
                    "trampesti",
                    "shelter",
                    "bålplads",
                    "skilte",
                    "informationstavle",
                    "naturcenter",
                    "friluftsliv",
                    "udeliv",
                    "adgang til naturen",
                    "naturoplevelser",
                    "fugletårn",
                    "madpakkehus",
                    "mountainbike",
                    "hundeskov",
                ),
                "keywords_en": (
                    "nature guide",
                    "nature interpretation",
                    "nature school",
                    "outdoor school",
                    "guided tour",
                    "nature walk",
                    "hike",
                    "hiking trail",
                    "footpath",
                    "trails",
                    "walking path",
                    "shelter",
                    "campfire site",
                    "signs",
                    "information board",
                    "nature centre",
                    "outdoor life",
                    "access to nature",
                    "nature experiences",
                    "bird tower",
                    "picnic area",
                    "mountain bike",
                    "dog forest",
                ),
            },
            {
                "slug": "sammenhaengende-natur",
                "name_da": "Sammenbinde, udvide og pleje vores naturområder",
                "name_en": "Connect, expand and care for our nature areas",
                "sdgs": (15,),
                "description_da": (
                    "Små, isolerede naturområder kan ikke bære mange arter på længere sigt, så "
                    "naturen skal bindes sammen i grønne korridorer, hvor dyr og planter kan "
                    "sprede sig. Det sker ved at plante levende hegn og ny skov, udvide de "
                    "eksisterende naturområder og pleje dem, fx ved at bekæmpe invasive arter som "
                    "kæmpebjørneklo og rynket rose. Landmænd, grundejere, boligforeninger og "
                    "frivillige kan være med til at plante, pleje og skabe forbindelser på tværs "
                    "af skel."
                ),
                "description_en": (
                    "Small, isolated nature areas cannot support many species in the long run, so "
                    "nature must be linked up in green corridors where animals and plants can "
                    "spread. This is done by planting hedgerows and new forest, expanding existing "
                    "nature areas and caring for them, for example by tackling invasive species "
                    "such as giant hogweed and Japanese rose. Farmers, property owners, housing "
                    "associations and volunteers can help plant, care for and create links across "
                    "property boundaries."
                ),
                "keywords_da": (
                    "sammenhængende natur",
                    "grønne korridorer",
                    "spredningskorridor",
                    "forbinde",
                    "forbindelse",
                    "faunapassage",
                    "vildtpassage",
                    "levende hegn",
                    "læhegn",
                    "hegn",
                    "skovrejsning",
                    "ny skov",
                    "træplantning",
                    "plante træer",
                    "udvide naturen",
                    "naturpleje",
                    "plejeplan",
                    "invasive arter",
                    "kæmpebjørneklo",
                    "rynket rose",
                    "japansk pileurt",
                    "grønt danmarkskort",
                    "trædesten",
                    "naturplejegruppe",
                ),
                "keywords_en": (
                    "connected nature",
                    "green corridors",
                    "wildlife corridor",
                    "connect",
                    "linking nature areas",
                    "wildlife crossing",
                    "green bridge",
                    "hedgerows",
                    "shelterbelt",
                    "hedge",
                    "afforestation",
                    "new forest",
                    "tree planting",
                    "plant trees",
                    "expand nature",
                    "nature management",
                    "management plan",
                    "invasive species",
                    "giant hogweed",
                    "japanese rose",
                    "japanese knotweed",
                    "green map of denmark",
                    "stepping stones",
                    "conservation volunteers",
                ),
            },
        ),
    },
)

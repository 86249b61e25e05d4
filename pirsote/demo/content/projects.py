"""The projects that prepared the reform, their service models, goals and organisations.

Facts from the seed pages only: the fields the seeds leave open (end dates, Innokylä
addresses, organisation identifiers) stay empty rather than guessed.
"""

import datetime

from ..specs import Bi, ObjectSpec, PageSpec, Ref, heading, link_list, page_ref, paragraph, quote
from .site import INNOKYLA_LINK, MORE_INFORMATION, PIRHA_LINK, abstract_image, drawn_image


def organisation(slug):
    return Ref("organisation", slug)


def goal(slug):
    return Ref("goal", slug)


def target_group(slug):
    return Ref("target-group", slug)


def person(name):
    return Ref("person", name)


IMAGES = [
    abstract_image(
        "projects",
        "Kuvitus: hankkeet",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä sinisiä ja vihreitä ympyröitä.",
            "Abstract illustration of overlapping blue and green circles.",
        ),
        8,
        [(232, 242, 246), (0, 94, 184), (0, 133, 124), (23, 43, 77)],
    ),
    abstract_image(
        "service-models",
        "Kuvitus: toimintamallit",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä keltaisia ja turkooseja ympyröitä.",
            "Abstract illustration of overlapping yellow and turquoise circles.",
        ),
        9,
        [(252, 248, 234), (255, 209, 102), (64, 170, 190), (0, 94, 184)],
    ),
    abstract_image(
        "pirsote",
        "Kuvitus: PirSOTE-hanke",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä tummansinisiä ja turkooseja ympyröitä.",
            "Abstract illustration of overlapping dark blue and turquoise circles.",
        ),
        10,
        [(230, 240, 248), (23, 43, 77), (0, 133, 124), (77, 151, 214)],
    ),
    abstract_image(
        "komas",
        "Kuvitus: KOMAS-hanke",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä violetteja ja sinisiä ympyröitä.",
            "Abstract illustration of overlapping purple and blue circles.",
        ),
        11,
        [(240, 238, 248), (104, 71, 160), (0, 94, 184), (160, 130, 210)],
    ),
    abstract_image(
        "pirkoti",
        "Kuvitus: PirKOTI-hanke",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä oransseja ja vihreitä ympyröitä.",
            "Abstract illustration of overlapping orange and green circles.",
        ),
        12,
        [(250, 244, 232), (230, 120, 40), (86, 180, 120), (150, 70, 20)],
    ),
    drawn_image(
        "model-low-threshold-services",
        "Kuvitus: matalan kynnyksen palvelut",
        "door",
        [(250, 246, 236), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: asiakas puhekuplan kanssa avoimen oven edessä, oven yllä numero yksi.",
            "Drawing: a client with a speech bubble in front of an open door marked with the "
            "number one.",
        ),
    ),
    drawn_image(
        "model-client-guidance",
        "Kuvitus: asiakasohjaus",
        "signpost",
        [(236, 244, 250), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: kaksi ihmistä tienviitan luona, viitat osoittavat eri suuntiin.",
            "Drawing: two people by a signpost whose signs point in different directions.",
        ),
    ),
    drawn_image(
        "model-multi-professional-teams",
        "Kuvitus: monialaiset sotetiimit",
        "team",
        [(240, 248, 246), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: ammattilaisten tiimi asiakkaan ympärillä, yllä sydän.",
            "Drawing: a team of professionals around a client, a heart above them.",
        ),
    ),
    drawn_image(
        "model-miepa",
        "Kuvitus: Miepä",
        "heart",
        [(248, 240, 244), (200, 50, 80), (0, 133, 124), (104, 71, 160)],
        Bi(
            "Piirroskuva: kaksi ihmistä keskustelee, välissä suuri sydän ja puhekuplat.",
            "Drawing: two people talking, with a large heart and speech bubbles between them.",
        ),
    ),
    drawn_image(
        "model-digital-services",
        "Kuvitus: digitaaliset palvelut",
        "video",
        [(236, 242, 250), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: kannettava tietokone, jonka näytöllä ammattilainen videovastaanotolla, "
            "vieressä puhelin.",
            "Drawing: a laptop showing a professional in a video appointment, a phone beside it.",
        ),
    ),
    drawn_image(
        "model-functional-ability-and-home-rehabilitation",
        "Kuvitus: kotikuntoutus",
        "rehab",
        [(246, 244, 236), (104, 71, 160), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: ikäihminen kävelykepin kanssa harjoittelee kaiteen tukemana kotinsa "
            "pihalla, vieressä fysioterapeutti.",
            "Drawing: an older person with a walking stick practising along a handrail outside "
            "their home, a physiotherapist beside them.",
        ),
    ),
    drawn_image(
        "model-family-centre",
        "Kuvitus: perhekeskus",
        "family",
        [(252, 246, 232), (0, 94, 184), (255, 209, 102), (230, 120, 40)],
        Bi(
            "Piirroskuva: kaksi aikuista ja kaksi lasta, yllä sydän.",
            "Drawing: two adults and two children, a heart above them.",
        ),
    ),
    drawn_image(
        "model-services-for-living-at-home",
        "Kuvitus: kotona asumista tukevat palvelut",
        "home",
        [(240, 246, 240), (0, 94, 184), (0, 133, 124), (200, 50, 80)],
        Bi(
            "Piirroskuva: ikäihminen kävelykepin kanssa kotitalonsa edessä, kotihoitaja tulossa "
            "laukun kanssa.",
            "Drawing: an older person with a walking stick in front of their house, a home-care "
            "nurse arriving with a bag.",
        ),
    ),
]

ORGANISATIONS = [
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "pirkanmaan-liitto",
        {
            "name": Bi("Pirkanmaan liitto", "Council of Tampere Region"),
            "abbreviation": Bi("", ""),
            "kind": "joint-authority",
            "website": "https://www.pirkanmaa.fi",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "stm",
        {
            "name": Bi("Sosiaali- ja terveysministeriö", "Ministry of Social Affairs and Health"),
            "abbreviation": Bi("STM", "STM"),
            "kind": "ministry",
            "website": "https://stm.fi",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "thl",
        {
            "name": Bi(
                "Terveyden ja hyvinvoinnin laitos", "Finnish Institute for Health and Welfare"
            ),
            "abbreviation": Bi("THL", "THL"),
            "kind": "agency",
            "website": "https://thl.fi",
        },
    ),
    # The seeds do not say which of the regional agencies pays the grants out.
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "avi",
        {
            "name": Bi("Aluehallintovirasto", "Regional State Administrative Agency"),
            "abbreviation": Bi("AVI", "AVI"),
            "kind": "agency",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "pirkanmaan-kunnat",
        {
            "name": Bi("Pirkanmaan kunnat", "Municipalities of Pirkanmaa"),
            "abbreviation": Bi("", ""),
            "kind": "municipality",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "pirkanmaan-sairaanhoitopiiri",
        {
            "name": Bi("Pirkanmaan sairaanhoitopiiri", "Pirkanmaa Hospital District"),
            "abbreviation": Bi("", ""),
            "kind": "joint-authority",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "tamk",
        {
            "name": Bi("Tampereen ammattikorkeakoulu", "Tampere University of Applied Sciences"),
            "abbreviation": Bi("TAMK", "TAMK"),
            "kind": "higher-education",
            "website": "https://www.tamk.fi",
        },
    ),
    ObjectSpec(
        "organisation",
        "projects.Organisation",
        "pirha",
        {
            "name": Bi("Pirkanmaan hyvinvointialue", "Pirkanmaa wellbeing services county"),
            "abbreviation": Bi("Pirha", "Pirha"),
            "kind": "wellbeing-county",
            "website": "https://pirha.fi",
        },
    ),
]

# The goals of the projects' preparation, in the order of the seed's list.
GOALS = [
    ObjectSpec(
        "goal",
        "projects.Goal",
        "saatavuus",
        {
            "name": Bi(
                "Palveluiden yhdenvertainen saatavuus, oikea-aikaisuus ja jatkuvuus",
                "Equal access to services, and services that are timely and continuous",
            ),
            "description": Bi(
                "Jokainen saa tarvitsemansa palvelut yhdenvertaisesti, oikeaan aikaan ja "
                "katkeamatta, asuinpaikasta riippumatta.",
                "Everyone gets the services they need on equal terms, at the right time and "
                "without breaks, wherever they live.",
            ),
        },
    ),
    ObjectSpec(
        "goal",
        "projects.Goal",
        "ennaltaehkaisy",
        {
            "name": Bi(
                "Toiminnan painotuksen siirtäminen raskaista palveluista ehkäisevään ja "
                "ennakoivaan työhön",
                "Shifting the emphasis from intensive services to preventive and proactive work",
            ),
            "description": Bi(
                "Painopistettä siirretään erikoissairaanhoidosta ja muista raskaista palveluista "
                "perustasolle ja ehkäisevään työhön, jotta apua saa ennen kuin ongelmat kasvavat.",
                "The emphasis shifts from specialised medical care and other intensive services "
                "to primary-level services and preventive work, so that help comes before "
                "problems grow.",
            ),
        },
    ),
    ObjectSpec(
        "goal",
        "projects.Goal",
        "laatu",
        {
            "name": Bi(
                "Palveluiden laadun ja vaikuttavuuden parantaminen",
                "Improving the quality and effectiveness of services",
            ),
            "description": Bi(
                "Palvelut ovat laadukkaita ja auttavat asiakasta todella, ja laatua varmistetaan "
                "yhteisin käytännöin.",
                "Services are of high quality and genuinely help the client, and their quality "
                "is ensured by shared practices.",
            ),
        },
    ),
    ObjectSpec(
        "goal",
        "projects.Goal",
        "monialaisuus",
        {
            "name": Bi(
                "Palveluiden monialaisuuden ja yhteentoimivuuden varmistaminen",
                "Ensuring that services are multidisciplinary and work together",
            ),
            "description": Bi(
                "Sosiaalihuollon ja terveydenhuollon ammattilaiset työskentelevät yhdessä, ja "
                "palvelut toimivat yhteen asiakkaan parhaaksi.",
                "Social welfare and health care professionals work together, and services work "
                "together in the client's best interest.",
            ),
        },
    ),
    ObjectSpec(
        "goal",
        "projects.Goal",
        "kustannukset",
        {
            "name": Bi("Kustannusten nousun hillintä", "Curbing the growth in costs"),
            "description": Bi(
                "Sosiaali- ja terveyspalvelujen kustannusten kasvua hillitään oikea-aikaisilla "
                "ja vaikuttavilla palveluilla.",
                "The growth in the cost of health and social services is curbed with timely and "
                "effective services.",
            ),
        },
    ),
]

TARGET_GROUPS = [
    ObjectSpec(
        "target-group",
        "projects.TargetGroup",
        slug,
        {"name": name},
    )
    for slug, name in (
        ("kaikki-asukkaat", Bi("Kaikki asukkaat", "All residents")),
        ("ikaihmiset", Bi("Ikäihmiset", "Older people")),
        (
            "lapset-nuoret-perheet",
            Bi("Lapset, nuoret ja perheet", "Children, young people and families"),
        ),
        (
            "mielenterveys-paihde",
            Bi(
                "Mielenterveys- ja päihdepalveluja tarvitsevat",
                "People needing mental health and substance abuse services",
            ),
        ),
        ("sosiaalihuollon-asiakkaat", Bi("Sosiaalihuollon asiakkaat", "Social welfare clients")),
        (
            "pitkaaikainen-palvelutarve",
            Bi("Pitkäaikaista palvelua tarvitsevat", "People with long-term service needs"),
        ),
    )
]

OBJECTS = [*ORGANISATIONS, *GOALS, *TARGET_GROUPS]

INNOKYLA_MODELS = Bi(
    "PirSOTE- ja PirKOTI-valmistelussa syntyneitä mallinnuksia on viety Terveyden ja "
    "hyvinvoinnin laitoksen ylläpitämään Innokylään. Pirkanmaa on ollut erittäin aktiivinen "
    "jakamaan osaamistaan myös muun Suomen palvelujen kehittämisen hyväksi.",
    "The models produced in the preparation of PirSOTE and PirKOTI have been published on "
    "Innokylä, a platform maintained by the Finnish Institute for Health and Welfare. "
    "Pirkanmaa has been very active in sharing its expertise to help develop services "
    "elsewhere in Finland too.",
)
TRANSFER = Bi(
    "Kun Pirkanmaan liitossa käynnissä olleet hankkeet siirtyivät hyvinvointialueen "
    "organisaatiossa integraation vastuualueen alaisuuteen, keskitetty hankevalmistelu sai "
    "lisää mandaattia hyvinvointialueen sisällä.",
    "When the projects run by the Council of Tampere Region moved to the wellbeing services "
    "county's area of responsibility for integration, the centrally run project work gained a "
    "stronger mandate within the county.",
)


def service_model(slug, title, intro, body, target_groups, goals):
    """A service model page with its own drawn card image, "model-<English slug>"."""
    return PageSpec(
        model="projects.ServiceModelPage",
        title=title,
        slug=slug,
        intro=intro,
        body=[paragraph(*body)],
        listing_image=f"model-{slug.en}",
        fields={
            # The seed says the groundwork for these was laid in the preparation.
            "status": "in-development",
            "target_groups": [target_group(key) for key in target_groups],
            "goals": [goal(key) for key in goals],
        },
    )


PIRSOTE_MODELS = [
    service_model(
        Bi("matalan-kynnyksen-palvelut", "low-threshold-services"),
        Bi(
            "Matalan kynnyksen palvelut yhden kontaktin periaatteella",
            "Low-threshold services with a one-contact approach",
        ),
        Bi(
            "Matalan kynnyksen palvelut, ohjaus ja neuvonta sekä vastaanotot järjestetään niin, "
            "että palvelutarpeeseen vastataan yhden kontaktin taktiikalla.",
            "Low-threshold services, guidance and advice, and appointments are organised so "
            "that a client's need for services is met with a one-contact approach.",
        ),
        (
            "<p>Yhden kontaktin periaatteessa asiakkaan ei tarvitse itse etsiä oikeaa palvelua: "
            "ensimmäinen yhteydenotto riittää siihen, että asia hoidetaan tai ohjataan oikeaan "
            "paikkaan. Toimintamallin pohjatyö on tehty PirSOTE-hankkeessa.</p>",
            "<p>With a one-contact approach, clients do not have to find the right service "
            "themselves: their first contact is enough for the matter to be dealt with or "
            "passed to the right place. The groundwork for the model was laid in the PirSOTE "
            "project.</p>",
        ),
        ["kaikki-asukkaat"],
        ["saatavuus", "ennaltaehkaisy"],
    ),
    service_model(
        Bi("asiakasohjaus", "client-guidance"),
        Bi("Asiakasohjaus ja oma työntekijä", "Client guidance and a named worker"),
        Bi(
            "Asiakasohjauksen avulla asiakas saa ongelmiensa ratkaisuun oikean ammattilaisen tai "
            "moniammatillisen tiimin. Pitkäaikaisessa palvelutarpeessa hänellä on oma "
            "työntekijä, johon hän saa tarvittaessa yhteyden.",
            "Client guidance connects clients with the right professional or multi-professional "
            "team to solve their problems. Clients with long-term service needs have a named "
            "worker whom they can contact when they need to.",
        ),
        (
            "<p>Asiakasohjaus on osa tulevaisuuden sote-keskusta, josta asiakas saa palvelut "
            "sujuvasti ja tukenaan eri alojen ammattilaiset. Toimintamallin pohjatyö on tehty "
            "PirSOTE-hankkeessa.</p>",
            "<p>Client guidance is part of the health and social services centre of the future, "
            "where clients get smooth services with the support of professionals from different "
            "fields. The groundwork for the model was laid in the PirSOTE project.</p>",
        ),
        ["kaikki-asukkaat", "pitkaaikainen-palvelutarve"],
        ["saatavuus", "monialaisuus"],
    ),
    service_model(
        Bi("monialaiset-sotetiimit", "multi-professional-teams"),
        Bi(
            "Monialaiset sotetiimit ja Minun tiimini -toimintamalli",
            "Multi-professional teams and the Minun tiimini model",
        ),
        Bi(
            "Sosiaalihuollossa kehitetään monialaisia sotetiimejä, konsultaatiolomakkeistoja ja "
            "asiakaslähtöisyyteen perustuvaa Minun tiimini -toimintamallia.",
            "In social welfare, the work develops multi-professional health and social services "
            "teams, consultation forms and Minun tiimini (“My team”), a model built around the "
            "client.",
        ),
        (
            "<p>Sosiaalihuoltoa ja terveydenhuoltoa on saatu kehittämisaihioissa vietyä "
            "vahvemmin yhteen, ja uudistuksessa sosiaalihuollon roolia painotetaan aiempaa "
            "vahvemmin. Toimintamallin pohjatyö on tehty PirSOTE-hankkeessa.</p>",
            "<p>The development work has brought social welfare and health care more closely "
            "together, and the reform gives social welfare a stronger role than before. The "
            "groundwork for the model was laid in the PirSOTE project.</p>",
        ),
        ["sosiaalihuollon-asiakkaat"],
        ["monialaisuus", "laatu"],
    ),
    service_model(
        Bi("miepa", "miepa"),
        Bi(
            "Miepä: yhteistyö ja aikainen apu mielenterveys- ja päihdepalveluissa",
            "Miepä: cooperation and early help in mental health and substance abuse services",
        ),
        Bi(
            "Mielenterveys- ja päihdepalveluissa kehitetään yhteistyötä ja aikaista apua.",
            "The Miepä work develops cooperation and early help in mental health and substance "
            "abuse services.",
        ),
        (
            "<p>Miepä-kehittämisen painopisteet ovat yhteistyö ja aikainen apu. Se tukee "
            "uudistuksen tavoitetta siirtää toiminnan painotusta raskaista palveluista "
            "ehkäisevään ja ennakoivaan työhön. Kehittämistyön pohja on tehty "
            "PirSOTE-hankkeessa.</p>",
            "<p>The Miepä work focuses on cooperation and early help. It supports the reform's "
            "goal of shifting the emphasis from intensive services to preventive and proactive "
            "work. The groundwork was laid in the PirSOTE project.</p>",
        ),
        ["mielenterveys-paihde"],
        ["ennaltaehkaisy", "monialaisuus"],
    ),
    service_model(
        Bi("digitaaliset-palvelut", "digital-services"),
        Bi("Digitaaliset palvelut ja etävastaanotot", "Digital services and remote appointments"),
        Bi(
            "Kansalaisille digimpää elämää: kotiin annettavia palveluja digitaalisesti ja "
            "vastaanottoja etäyhteydellä.",
            "A more digital life for residents: services at home delivered digitally, and "
            "appointments by remote connection.",
        ),
        (
            "<p>Tulevaisuuden sote-keskus lähtee digistä ja päätyy kivijalkaan. "
            "Videoyhteyden kautta asiakas saa yhdenvertaista palvelua myös siellä, missä "
            "palvelua ei muuten ole saatavilla.</p>",
            "<p>The health and social services centre of the future starts with digital "
            "services and reaches all the way to bricks-and-mortar service points. By video "
            "link, clients get equal services even where services are not otherwise "
            "available.</p>",
        ),
        ["kaikki-asukkaat"],
        ["saatavuus", "kustannukset"],
    ),
    service_model(
        Bi(
            "toimintakyvyn-arviointi-ja-kotikuntoutus", "functional-ability-and-home-rehabilitation"
        ),
        Bi(
            "Ikäihmisten toimintakyvyn arviointi ja kotikuntoutus",
            "Functional-ability assessment and home rehabilitation for older people",
        ),
        Bi(
            "Ikäihmisten palveluissa toimintakykyä arvioidaan moniammatillisesti, ja kuntoutus "
            "tuodaan kotiin.",
            "In services for older people, functional ability is assessed by a "
            "multi-professional team, and rehabilitation is brought to the home.",
        ),
        (
            "<p>Moniammatillisessa arvioinnissa ikäihmisen toimintakykyä arvioivat yhdessä eri "
            "alojen ammattilaiset, ja kotikuntoutuksessa kuntoutus tapahtuu hänen kotonaan. "
            "Toimintamallin pohjatyö on tehty PirSOTE-hankkeessa.</p>",
            "<p>In a multi-professional assessment, professionals from different fields assess "
            "an older person's functional ability together; in home rehabilitation, the "
            "rehabilitation takes place in the person's own home. The groundwork for the model "
            "was laid in the PirSOTE project.</p>",
        ),
        ["ikaihmiset"],
        ["ennaltaehkaisy", "laatu", "monialaisuus"],
    ),
    service_model(
        Bi("perhekeskus", "family-centre"),
        Bi("Perhekeskustoimintamalli", "Family centre model"),
        Bi(
            "Lasten, nuorten ja perheiden matalan kynnyksen palvelut järjestetään "
            "maakunnallisesti yhtenäisen perhekeskustoimintamallin mukaan.",
            "Low-threshold services for children, young people and families are organised "
            "according to a family centre model that is the same throughout the region.",
        ),
        (
            "<p>Yhtenäinen perhekeskustoimintamalli tarkoittaa, että lapset, nuoret ja perheet "
            "saavat matalan kynnyksen palveluja samoin periaattein kaikkialla Pirkanmaalla. "
            "Toimintamallin pohjatyö on tehty PirSOTE-hankkeessa.</p>",
            "<p>A uniform family centre model means that children, young people and families "
            "get low-threshold services on the same principles everywhere in Pirkanmaa. The "
            "groundwork for the model was laid in the PirSOTE project.</p>",
        ),
        ["lapset-nuoret-perheet"],
        ["saatavuus", "ennaltaehkaisy", "monialaisuus"],
    ),
]

PIRKOTI_MODELS = [
    service_model(
        Bi("kotona-asumista-tukevat-palvelut", "services-for-living-at-home"),
        Bi(
            "Kotona asumista tukevat palvelut iäkkäille",
            "Services supporting older people living at home",
        ),
        Bi(
            "Iäkkäiden kotona asumista tukevia palveluja kehitetään, kotiin annettaviin "
            "palveluihin turvataan riittävä ja osaava henkilöstö, ja laatua varmistetaan muun "
            "muassa yhtenäisillä omavalvontakäytännöillä.",
            "Services that support older people living at home are developed, adequate and "
            "skilled staff are secured for home care, and quality is ensured by means such as "
            "uniform self-monitoring practices.",
        ),
        (
            "<p>Omavalvonnassa palvelujen tuottaja itse seuraa ja varmistaa palvelunsa laatua; "
            "yhtenäisin käytännöin laatua seurataan samalla tavalla kaikkialla. "
            "Toimintamallia on kehitetty PirKOTI-hankkeessa.</p>",
            "<p>In self-monitoring, service providers themselves follow and ensure the quality "
            "of their services; with uniform practices, quality is monitored in the same way "
            "everywhere. The model has been developed in the PirKOTI project.</p>",
        ),
        ["ikaihmiset", "pitkaaikainen-palvelutarve"],
        ["laatu", "saatavuus"],
    ),
]

PIRSOTE = PageSpec(
    model="projects.ProjectPage",
    title=Bi(
        "Pirkanmaan tulevaisuuden sote-keskus",
        "Pirkanmaa Health and Social Services Centre of the Future",
    ),
    slug=Bi("pirsote", "pirsote"),
    intro=Bi(
        "Hanke kehittää Pirkanmaalle tulevaisuuden sote-keskusta: monialaisia perustason "
        "sosiaali- ja terveyspalveluja, joista asiakas saa palvelut sujuvasti yhdestä paikasta.",
        "The project develops the health and social services centre of the future for "
        "Pirkanmaa: multidisciplinary primary-level services from which clients get smooth "
        "services in one place.",
    ),
    listing_image="pirsote",
    fields={
        "acronym": "PirSOTE",
        # The seed release says the projects move to the wellbeing services county.
        "status": "transferred",
        "actual_start": datetime.date(2020, 1, 1),
        "date_precision": "year",
        "coordinator": organisation("pirkanmaan-liitto"),
        "implementers": [
            organisation("pirkanmaan-kunnat"),
            organisation("pirkanmaan-sairaanhoitopiiri"),
            organisation("tamk"),
        ],
        "goals": [goal(spec.key) for spec in GOALS],
        "staff_figures": [
            {
                "count": 40,
                "is_approximate": True,
                "description": Bi("valmistelijaa", "preparers"),
            },
            {
                "count": 70,
                "is_approximate": True,
                "description": Bi(
                    "ammattilaista kunnissa (PirSOTE- ja PirKOTI-hankkeissa yhteensä)",
                    "professionals in the municipalities (PirSOTE and PirKOTI together)",
                ),
            },
        ],
        "contacts": [
            {"person": person("Eeva Halme"), "role": Bi("Hankejohtaja", "Project Director")},
            {
                "person": person("Matti Meikäläinen"),
                "role": Bi("Hankepäällikkö", "Project Manager"),
            },
        ],
    },
    body=[
        quote(
            Bi(
                "Tulevaisuuden sote-keskus ei ole yksi talo vaan verkostomainen malli, joka lähtee "
                "digistä ja päätyy kivijalkaan.",
                "The health and social services centre of the future is not a single building "
                "but a network model that starts with digital services and reaches all the way to "
                "bricks-and-mortar service points.",
            ),
            Bi("Hankejohtaja Eeva Halme", "Project Director Eeva Halme"),
        ),
        paragraph(
            "<p>Uudistuksen lähtökohtana ollut tulevaisuuden sote-keskus on saanut "
            "hankevalmistelussa mallinnuksen. Tavoitteena on, että asiakkaat saavat sen kautta "
            "yhdenvertaista palvelua yhdestä paikasta ja eri alojen ammattilaisten tuella – "
            "videoyhteyden kautta myös siellä, missä palvelua ei muuten ole saatavilla.</p>",
            "<p>The health and social services centre of the future, the starting point of the "
            "reform, has been modelled in the project. The aim is that clients receive equal "
            "services through it, in one place and with the support of professionals from "
            "different fields – by video link even where services are not otherwise "
            "available.</p>",
        ),
        paragraph(
            "<p>Pirkanmaan liitto on hankkeen hanketoimisto, ja kunnat ja kuntayhtymät "
            "toteuttavat hanketta. Valmistelijat ovat siirtyneet hankkeeseen kunnista, "
            "Pirkanmaan sairaanhoitopiiristä ja Tampereen ammattikorkeakoulusta. Kuntiin "
            "palkatut kehittäjäosaajat ja koordinaattorit ovat tukeneet toimintayksiköissä "
            "tehtävää muutosta.</p>",
            "<p>The Council of Tampere Region is the project office, and municipalities and joint "
            "municipal authorities carry out the project. The people preparing it have joined "
            "from municipalities, the Pirkanmaa Hospital District and Tampere University of "
            "Applied Sciences. Development specialists and coordinators hired by the "
            "municipalities have supported the change in the operational units.</p>",
        ),
        paragraph(
            f"<p>{INNOKYLA_MODELS.fi} {TRANSFER.fi}</p>",
            f"<p>{INNOKYLA_MODELS.en} {TRANSFER.en}</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("toimintamallit"), None),
            (page_ref("tavoitteet"), None),
            (page_ref("rahoitus"), None),
            INNOKYLA_LINK,
        ),
    ],
    children=PIRSOTE_MODELS,
)

KOMAS = PageSpec(
    model="projects.ProjectPage",
    title=Bi("Kohti maakunnallista sotea", "Towards Regional Health and Social Services"),
    slug=Bi("komas", "komas"),
    intro=Bi(
        "Hanke valmisteli sosiaali- ja terveydenhuollon rakenneuudistusta Pirkanmaalla.",
        "The project prepared the structural reform of health and social services in Pirkanmaa.",
    ),
    listing_image="komas",
    fields={
        "acronym": "KOMAS",
        # Seed 002 says the projects run by the Council move to the wellbeing services county.
        "status": "transferred",
        "actual_start": datetime.date(2020, 1, 1),
        "date_precision": "year",
        "coordinator": organisation("pirkanmaan-liitto"),
        "implementers": [
            organisation("pirkanmaan-kunnat"),
            organisation("pirkanmaan-sairaanhoitopiiri"),
        ],
        "goals": [goal("saatavuus"), goal("monialaisuus"), goal("kustannukset")],
    },
    body=[
        paragraph(
            "<p>Kohti maakunnallista sotea -hanke (KOMAS) on valmistellut sosiaali- ja "
            "terveydenhuollon rakenneuudistusta: sote-palvelujen järjestämisen siirtoa "
            "kunnilta hyvinvointialueelle. Sosiaali- ja terveysministeriö myönsi rahoituksen "
            "Sote-rakenneuudistus -hankkeelle kesällä 2020.</p>",
            "<p>The Towards Regional Health and Social Services project (KOMAS) has prepared the "
            "structural reform of health and social services: the transfer of responsibility for "
            "organising them from the municipalities to the wellbeing services county. The "
            "Ministry of Social Affairs and Health granted the funding for the structural reform "
            "project in summer 2020.</p>",
        ),
        paragraph(
            "<p>Pirkanmaan liitto on rakenneuudistuksen valmistelun hanketoimisto. Valmistelu "
            "on siirtynyt Pirkanmaan hyvinvointialueelle, joka aloitti 1.7.2021.</p>",
            "<p>The Council of Tampere Region is the project office for the preparation of the "
            "structural reform. The preparation has moved to the Pirkanmaa wellbeing services "
            "county, which started on 1 July 2021.</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("tavoitteet"), None),
            (page_ref("rahoitus"), None),
            PIRHA_LINK,
        ),
    ],
)

PIRKOTI = PageSpec(
    model="projects.ProjectPage",
    title=Bi(
        "Pirkanmaan tulevaisuuden kotona asumista tukevat palvelut iäkkäille",
        "Future services supporting older people living at home in Pirkanmaa",
    ),
    slug=Bi("pirkoti", "pirkoti"),
    intro=Bi(
        "Hanke kehittää iäkkäiden kotona asumista tukevia palveluja ja turvaa kotiin "
        "annettaviin palveluihin riittävän ja osaavan henkilöstön.",
        "The project develops services that support older people living at home and secures "
        "adequate and skilled staff for home care.",
    ),
    listing_image="pirkoti",
    fields={
        "acronym": "PirKOTI",
        "status": "transferred",
        "actual_start": datetime.date(2022, 1, 1),
        "date_precision": "year",
        "coordinator": organisation("pirkanmaan-liitto"),
        # About 70 professionals in the municipalities worked on PirSOTE and PirKOTI together.
        "implementers": [organisation("pirkanmaan-kunnat")],
        "goals": [goal("laatu"), goal("ennaltaehkaisy"), goal("kustannukset"), goal("saatavuus")],
        "staff_figures": [
            {"count": 3, "is_approximate": False, "description": Bi("henkilöä", "people")},
        ],
        "contacts": [
            {"person": person("Eeva Halme"), "role": Bi("Hankejohtaja", "Project Director")},
        ],
    },
    body=[
        paragraph(
            "<p>PirKOTI-hanke alkoi vuonna 2022. Se kehittää iäkkäiden kotona asumista tukevia "
            "palveluja, turvaa riittävän ja osaavan henkilöstön kotiin annettaviin palveluihin "
            "ja varmistaa palvelujen laatua muun muassa yhtenäisillä "
            "omavalvontakäytännöillä.</p>",
            "<p>The PirKOTI project began in 2022. It develops services that support older "
            "people living at home, secures adequate and skilled staff for home care and ensures "
            "the quality of services by means such as uniform self-monitoring practices.</p>",
        ),
        paragraph(
            "<p>Hankkeessa työskentelevät ammattilaiset ovat siirtyneet siihen kunnista, "
            "Pirkanmaan sairaanhoitopiiristä ja Tampereen ammattikorkeakoulusta. Pirkanmaan "
            "kunnissa, ”kentällä”, on PirSOTE- ja PirKOTI-hankkeissa työskennellyt noin 70 "
            "ammattilaista, osa kokopäiväisesti ja osa osa-aikaisesti.</p>",
            "<p>The professionals working on the project have joined it from municipalities, "
            "the Pirkanmaa Hospital District and Tampere University of Applied Sciences. In the "
            "municipalities of Pirkanmaa, “in the field”, about 70 professionals have worked on "
            "the PirSOTE and PirKOTI projects, some full-time and some part-time.</p>",
        ),
        paragraph(
            f"<p>{INNOKYLA_MODELS.fi} {TRANSFER.fi}</p>",
            f"<p>{INNOKYLA_MODELS.en} {TRANSFER.en}</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("toimintamallit"), None),
            (page_ref("tavoitteet"), None),
            INNOKYLA_LINK,
        ),
    ],
    children=PIRKOTI_MODELS,
)

SERVICE_MODELS_INDEX = PageSpec(
    model="projects.ServiceModelIndexPage",
    title=Bi("Toimintamallit", "Service models"),
    slug=Bi("toimintamallit", "service-models"),
    intro=Bi(
        "Hankkeissa on pohjustettu uusia tapoja järjestää sosiaali- ja terveyspalvelut. Voit "
        "rajata toimintamalleja hankkeen, tavoitteen ja kohderyhmän mukaan.",
        "The projects have laid the groundwork for new ways of organising health and social "
        "services. You can filter the service models by project, goal and target group.",
    ),
    listing_image="service-models",
    body=[
        paragraph(
            "<p>Valmistelussa on pohjustettu tällä sivulla esiteltyjä toimintamalleja – ja "
            f"paljon muutakin. {INNOKYLA_MODELS.fi}</p>",
            "<p>The preparation has laid the groundwork for the service models presented on "
            f"this page – and much more. {INNOKYLA_MODELS.en}</p>",
        ),
        link_list(MORE_INFORMATION, (page_ref("hankkeet"), None), INNOKYLA_LINK),
    ],
)

PROJECTS_SECTION = PageSpec(
    model="projects.ProjectIndexPage",
    title=Bi("Hankkeet", "Projects"),
    slug=Bi("hankkeet", "projects"),
    intro=Bi(
        "Pirkanmaan liiton hankkeet ovat valmistelleet sote-uudistusta ja hyvinvointialuetta "
        "yhdessä kuntien, Pirkanmaan sairaanhoitopiirin ja Tampereen ammattikorkeakoulun kanssa.",
        "The projects of the Council of Tampere Region have prepared the health and social "
        "services reform and the wellbeing services county together with the municipalities, "
        "the Pirkanmaa Hospital District and Tampere University of Applied Sciences.",
    ),
    listing_image="projects",
    show_in_menus=True,
    body=[
        paragraph(
            "<p>Hankepäälliköiden roolina on ollut antaa tukea ja sparrata. Yhdessä on sovittu, "
            "mitä ja miten toimintamalleja kehitetään. Hankkeet ovat siirtyneet Pirkanmaan "
            "hyvinvointialueelle, jossa kehittäminen jatkuu.</p>",
            "<p>The project managers' role has been to support and coach. Which service models "
            "to develop, and how, has been agreed together. The projects have moved to "
            "the Pirkanmaa wellbeing services county, where the development work continues.</p>",
        ),
    ],
    children=[PIRSOTE, KOMAS, PIRKOTI, SERVICE_MODELS_INDEX],
)

# The reform section's goals page: the goals themselves come from the Goal objects above.
GOALS_PAGE = PageSpec(
    model="projects.GoalIndexPage",
    title=Bi("Sote-uudistuksen tavoitteet", "Goals of the reform"),
    slug=Bi("tavoitteet", "goals"),
    intro=Bi(
        "Sote-palvelut ja niitä tukeva rakenne uudistetaan. Tarkoituksena on taata "
        "yhdenvertaiset, sujuvat palvelut kaikkialla maakunnassa.",
        "Health and social services and the structures that support them are being reformed. "
        "The aim is to guarantee equal, smooth services throughout the region.",
    ),
    listing_image="goals",
    body=[
        paragraph(
            "<p>Sote-uudistuksessa parannetaan peruspalveluita. Samalla sosiaali- ja "
            "terveydenhuollon ja pelastustoimen järjestäminen siirretään kunnilta "
            "hyvinvointialueiden vastuulle. Uudistus tehdään kaikkialla Suomessa.</p>",
            "<p>The reform improves basic public services. At the same time, responsibility "
            "for organising health care, social welfare and rescue services is transferred "
            "from municipalities to wellbeing services counties. The reform is carried out "
            "throughout Finland.</p>",
        ),
        heading("Pirkanmaan hyvinvointialue", "Pirkanmaa wellbeing services county"),
        paragraph(
            "<p>Pirkanmaan hyvinvointialue aloitti 1.7.2021, ja sen väliaikainen toimielin "
            "piti samana päivänä kokouksensa.</p>",
            "<p>The Pirkanmaa wellbeing services county started on 1 July 2021, and its "
            "interim preparatory body held its meeting on the same day.</p>",
        ),
        heading("Hankkeet", "Projects"),
        paragraph(
            "<p>Pirkanmaan liiton hankkeet linkittyvät läheisesti hyvinvointialuevalmisteluun: "
            "Pirkanmaan tulevaisuuden sote-keskus -hanke (lyhenteenä PirSOTE), Kohti "
            "maakunnallista sotea -hanke (lyhenteenä KOMAS) ja vuonna 2022 alkanut "
            "PirKOTI-hanke. Tällä sivulla ovat sote-hankevalmistelun yhteiset tavoitteet ja "
            "kunkin tavoitteen kohdalla hankkeet ja toimintamallit, jotka sitä tavoittelevat.</p>",
            "<p>The projects of the Council of Tampere Region are closely linked to the "
            "preparation of the wellbeing services county: the Pirkanmaa Health and Social "
            "Services Centre of the Future project (PirSOTE), the Towards Regional Health and "
            "Social Services project (KOMAS) and the PirKOTI project, which began in 2022. This "
            "page lists the shared goals of the projects' work and, for each goal, the projects "
            "and service models that pursue it.</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("hankkeet"), None),
            (page_ref("toimintamallit"), None),
            (page_ref("palvelut-edella"), None),
            (page_ref("visio"), None),
            (page_ref("rahoitus"), None),
            (page_ref("valmistelijat"), None),
            PIRHA_LINK,
        ),
    ],
)

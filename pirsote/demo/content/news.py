"""The newsroom: the seed release with its furniture, and the other releases the seed lists.

The seed release gives no publication time of its own; its text ("the sites are retired at
the start of next year", "after the turn of the year") dates it to December 2022, so it is
dated 15.12.2022. The other releases ("Lue lisää julkaisijalta") carry the seed's own
types and times, to the second, in Helsinki time.
"""

import datetime
from zoneinfo import ZoneInfo

from ..specs import Bi, ObjectSpec, PageSpec, Ref, heading, page_ref, paragraph
from .site import drawn_image

HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(*args):
    return datetime.datetime(*args, tzinfo=HELSINKI)


def keyword(slug):
    return Ref("keyword", slug)


KEYWORDS = [
    ObjectSpec("keyword", "news.Keyword", slug, {"name": name})
    for slug, name in [
        ("sote-uudistus", Bi("Sote-uudistus", "Health and social services reform")),
        ("hyvinvointialue", Bi("Hyvinvointialue", "Wellbeing services county")),
        ("sote-keskus", Bi("Sote-keskus", "Health and social services centre")),
        ("kotona-asuminen", Bi("Kotona asuminen", "Living at home")),
        ("ilmasto", Bi("Ilmasto", "Climate")),
        ("kiertotalous", Bi("Kiertotalous", "Circular economy")),
        ("pirkanmaan-palkinto", Bi("Pirkanmaan palkinto", "Pirkanmaa Award")),
        ("maakuntavaltuusto", Bi("Maakuntavaltuusto", "Regional council")),
        ("vaestoennuste", Bi("Väestöennuste", "Population projection")),
    ]
]

# Each release has a drawing of its own; the publisher's other releases use release-<English slug>.
IMAGES = [
    drawn_image(
        "release-county",
        "Tiedotekuva: sote-hankkeet hyvinvointialueella",
        "centre",
        [(236, 244, 250), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: sote-keskuksen rakennus, jonka katolla on risti, edessä asiakkaita.",
            "Drawing: a health and social services centre building with a cross on its roof, "
            "clients in front of it.",
        ),
    ),
    drawn_image(
        "release-network",
        "Tiedotekuva: verkostomainen sote-keskus",
        "network",
        [(240, 248, 246), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: verkosto, jonka solmuja ovat muun muassa tietokone ja sote-keskus.",
            "Drawing: a network whose nodes include a computer and a health centre.",
        ),
    ),
    drawn_image(
        "release-municipalities-get-help-with-climate-work",
        "Tiedotekuva: ilmastotyö ja kiertotalous",
        "climate",
        [(238, 246, 238), (0, 94, 184), (0, 133, 124), (86, 160, 80)],
        Bi(
            "Piirroskuva: lehti kehässä kiertävien nuolten keskellä, kiertotalouden symboli.",
            "Drawing: a leaf inside arrows going round in a circle, a symbol of the circular "
            "economy.",
        ),
    ),
    drawn_image(
        "release-pirkanmaa-award-speech",
        "Tiedotekuva: palkinnon luovutuspuhe",
        "podium",
        [(246, 242, 250), (104, 71, 160), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: puhuja puhujanpöntön takana ja yleisöä.",
            "Drawing: a speaker at a lectern and an audience.",
        ),
    ),
    drawn_image(
        "release-pirkanmaa-award-to-patria",
        "Tiedotekuva: Pirkanmaan palkinto",
        "trophy",
        [(250, 246, 236), (0, 94, 184), (0, 133, 124), (23, 43, 77)],
        Bi(
            "Piirroskuva: tähdellä koristeltu palkintopokaali.",
            "Drawing: a trophy decorated with a star.",
        ),
    ),
    drawn_image(
        "release-regional-council-elections-2025",
        "Tiedotekuva: maakuntavaltuuston valinnat",
        "council",
        [(236, 242, 250), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: viisi ihmistä kokouspöydän ääressä, yllä rasti äänestysruudussa.",
            "Drawing: five people at a meeting table, a tick in a ballot box above them.",
        ),
    ),
    drawn_image(
        "release-population-projections-in-the-autumn",
        "Tiedotekuva: väestöennusteet",
        "chart",
        [(244, 244, 250), (0, 94, 184), (0, 133, 124), (230, 120, 40)],
        Bi(
            "Piirroskuva: kasvava pylväskaavio, jonka pylväiden päällä on ihmishahmoja.",
            "Drawing: a growing bar chart with human figures standing on the bars.",
        ),
    ),
]

SEED_RELEASE = PageSpec(
    model="news.ReleasePage",
    title=Bi(
        "Sote-hankkeet aloittavat pian uudessa kotipesässä, Pirkanmaan hyvinvointialueella",
        "The health and social services projects soon start in their new home, the Pirkanmaa "
        "wellbeing services county",
    ),
    slug=Bi(
        "sote-hankkeet-aloittavat-pian-uudessa-kotipesassa",
        "projects-soon-start-in-their-new-home",
    ),
    intro=Bi(
        "– Sosiaalihuoltoa ja terveydenhuoltoa on saatu vietyä kehittämisaihioissa vahvemmin "
        "yhteen. Olemme osaltamme tukeneet palvelutuotannon ja henkilöstön turvallista "
        "siirtymää hyvinvointialueelle – esimerkiksi saattamalla eri puolilla Pirkanmaata "
        "hyvinvointialueen tulevia työntekijöitä samojen pöytien ääreen.",
        "“In the development work, social welfare and health care have been brought more "
        "closely together. For our part, we have supported a safe transfer of service "
        "production and staff to the wellbeing services county, for example by bringing the "
        "county's future employees from all over Pirkanmaa to the same tables.”",
    ),
    listing_image="release-county",
    body=[
        heading(
            "Uusi laajempi näkökulma vahvistui matkan varrella",
            "A new, wider perspective grew stronger along the way",
        ),
        paragraph(
            "<p>Eeva Halme kertoo, että valmistelussa oli pitkään ajatuksena, että kehitetään "
            "”kuntien hankkeita”. – Kun lainsäädäntö meni läpi, kunnissa tuli ymmärrys "
            "työskentelystä yhteistä hyvinvointialuetta varten. Ja tämä ajatus on vain "
            "vahvistunut matkan varrella.</p>"
            "<p>– Hankepäälliköitten roolina on ollut antaa tukea ja sparrata. Yhdessä on "
            "sovittu, mitä ja miten toimintamalleja kehitetään. Kuntiin palkattujen "
            "kehittäjäosaajien ja koordinaattoreiden tehtävänä on puolestaan ollut tukea "
            "toimintayksiköissä tehtävää muutosta sekä koordinoida raportointia ja "
            "viestintää.</p>",
            "<p>Eeva Halme says that for a long time the idea in the preparation was to "
            "develop “the municipalities’ projects”. “When the legislation was passed, the "
            "municipalities came to understand that they were working for a shared wellbeing "
            "services county. And that idea has only grown stronger along the way.”</p>"
            "<p>“The project managers’ role has been to give support and to coach. Together we "
            "have agreed which service models are developed and how. The development experts "
            "and coordinators hired by the municipalities, in turn, have supported the change "
            "in the operational units and coordinated reporting and communications.”</p>",
        ),
        heading("Kehittämisen tulee olla jatkuvaa", "Development must be continuous"),
        paragraph(
            "<p>Kun Pirkanmaan liitossa käynnissä olevat hankkeet siirtyvät hyvinvointialueen "
            "organisaatiossa integraation vastuualueen alaisuuteen, keskitetty hankevalmistelu "
            "saa lisää mandaattia hyvinvointialueen sisällä.</p>"
            "<p>– Ohjaamme yhteisiin tavoitteisiin, kehitämme toiminnallista muutosta niin "
            "että tuemme samalla hyvinvointialueen strategian toimeenpanoa ja johtamista.</p>"
            "<p>Eeva Halme toteaa, että muitakin hankkeita on käynnissä paljon. Siksi pitää "
            "tarkistaa, ettei työtä tehdä päällekkäin.</p>"
            "<p>– Uudistuksen lähtökohtana ollut tulevaisuuden sote-keskus on saanut "
            "hankevalmistelussa mallinnuksen. Se ei ole yksi talo vaan verkostomainen malli, "
            "joka lähtee digistä ja päätyy kivijalkaan. Tavoite on, että asiakkaat saavat "
            "aikanaan sen kautta yhdenvertaista palvelua, videoyhteyden kautta siellä, missä "
            "ei muuten palvelua ole saatavilla.</p>"
            "<p>Vuodenvaihteen jälkeenkin on vielä paljon kehitettävää palveluissa. Ja "
            "ovathan kehittäjätkin palvelujen nykytilanteen kokemusasiantuntijoita ja "
            "tunnistavat kehittämistarpeet – itsekin palvelujen käyttäjinä.</p>",
            "<p>When the projects now run by the Council of Tampere Region move under the "
            "integration unit in the wellbeing services county’s organisation, the centralised "
            "project preparation gains a stronger mandate within the county.</p>"
            "<p>“We steer towards shared goals and develop the operational change so that, at "
            "the same time, we support the implementation of the county’s strategy and its "
            "management.”</p>"
            "<p>Eeva Halme notes that many other projects are also under way. That is why it "
            "must be checked that work is not done twice.</p>"
            "<p>“The health and social services centre of the future, the starting point of "
            "the reform, has been modelled in the project preparation. It is not one building "
            "but a networked model that starts from digital services and ends at the street "
            "corner. The aim is that, in time, clients get equal services through it, by video "
            "link where services are not otherwise available.”</p>"
            "<p>Even after the turn of the year there is still much to develop in the "
            "services. And the developers themselves are experts by experience of the services "
            "as they are today and recognise what needs developing – as users of the services "
            "themselves.</p>",
        ),
        heading(
            "Sote-hankevalmistelun tavoitteena on ollut",
            "The goals of the projects’ preparation have been",
        ),
        paragraph(
            "<ul>"
            "<li>Palveluiden yhdenvertainen saatavuus, oikea-aikaisuus ja jatkuvuus</li>"
            "<li>Toiminnan painotuksen siirtäminen raskaista palveluista ehkäisevään ja "
            "ennakoivaan työhön</li>"
            "<li>Palveluiden laadun ja vaikuttavuuden parantaminen</li>"
            "<li>Palveluiden monialaisuuden ja yhteentoimivuuden varmistaminen</li>"
            "<li>Kustannusten nousun hillintä</li>"
            "</ul>",
            "<ul>"
            "<li>Equal access to services, at the right time and without interruption</li>"
            "<li>Shifting the emphasis from heavy services to preventive and proactive "
            "work</li>"
            "<li>Improving the quality and effectiveness of services</li>"
            "<li>Ensuring that services are multidisciplinary and work together</li>"
            "<li>Curbing the growth in costs</li>"
            "</ul>",
        ),
        paragraph(
            "<p>Tätä kaikkea – ja paljon muutakin – on valmistelussa pohjustettu:</p>"
            "<ul>"
            "<li>Matalan kynnyksen palvelut, ohjaus ja neuvonta sekä vastaanotot niin, että "
            "palvelutarpeeseen vastataan yhden kontaktin taktiikalla.</li>"
            "<li>Asiakasohjaus, jolla saa oikean ammattilaisen tai moniammatillisen tiimin "
            "ongelmiensa ratkaisuun. Pidempiaikaisessa palvelutarpeissa oma työntekijä, johon "
            "tarpeen tullen saa yhteyden.</li>"
            "<li>Sosiaalihuollossa monialaiset sotetiimit, konsultaatiolomakkeistot ja "
            "asiakaslähtöisyyteen perustuva Minun tiimini -toimintamalli.</li>"
            "<li>Mielenterveys- ja päihdepalveluissa yhteistyö ja aikainen apu. "
            "Miepä-kehittäminen.</li>"
            "<li>Kansalaisille digimpää elämää kotiin annettavista palveluista, "
            "etävastaanotot.</li>"
            "<li>Ikäihmisten palveluissa moniammatillisen toimintakyvyn arviointi ja "
            "kotikuntoutus.</li>"
            "<li>Tulevaisuuden kotona asumista tukevat palvelut iäkkäille, riittävän ja "
            "osaavan henkilöstön turvaaminen kotiin annettavissa palveluissa sekä laadun "
            "varmistaminen mm. yhtenäiset omavalvontakäytänteet.</li>"
            "<li>Lasten, nuorten ja perheiden matalan kynnyksen palvelut, maakunnallisesti "
            "yhtenäinen perhekeskustoimintamalli.</li>"
            "</ul>",
            "<p>All this – and much more – has been laid down in the preparation:</p>"
            "<ul>"
            "<li>Low-threshold services, guidance and advice, and appointments, so that the "
            "need for services is met with a single contact.</li>"
            "<li>Client guidance that brings the right professional or multidisciplinary team "
            "to solve the client’s problems; for longer-term needs, a named worker who can be "
            "contacted when needed.</li>"
            "<li>In social welfare, multidisciplinary social and health care teams, "
            "consultation forms and the client-centred “My team” service model.</li>"
            "<li>In mental health and substance abuse services, cooperation and early help: "
            "the Miepä development work.</li>"
            "<li>A more digital life at home for residents from home care services: remote "
            "appointments.</li>"
            "<li>In services for older people, multidisciplinary assessment of functional "
            "capacity and rehabilitation at home.</li>"
            "<li>Future services that support older people living at home, securing enough "
            "skilled staff in home care and assuring quality, for example with uniform "
            "self-monitoring practices.</li>"
            "<li>Low-threshold services for children, young people and families: a family "
            "centre model uniform across the region.</li>"
            "</ul>",
        ),
        heading(
            "Löydät tietoa hankkeista Innokylästä",
            "You will find the projects on Innokylä",
        ),
        paragraph(
            "<p>PirSOTE- ja PirKOTI-valmistelussa syntyneitä mallinnuksia on viety "
            "Innokylään. Pirkanmaa on ollut erittäin aktiivinen jakamaan osaamistaan myös "
            "muun Suomen palvelujen kehittämisen hyväksi.</p>",
            "<p>The models created in the PirSOTE and PirKOTI preparation have been published "
            "on Innokylä. Pirkanmaa has been very active in sharing its expertise for the "
            "development of services in the rest of Finland too.</p>",
        ),
        # No list of the projects here: the release page lists its related projects itself.
    ],
    fields={
        "release_type": "press-release",
        "first_published_at": helsinki(2022, 12, 15, 10, 0, 0),
        "keywords": [
            keyword("sote-uudistus"),
            keyword("hyvinvointialue"),
            keyword("sote-keskus"),
            keyword("kotona-asuminen"),
        ],
        "projects": [page_ref("pirsote"), page_ref("pirkoti")],
        "contacts": [{"person": Ref("person", "Eeva Halme")}],
        "images": [
            {
                "image": Ref("image", "release-county"),
                "caption": Bi(
                    "Sote-hankkeet siirtyvät Pirkanmaan hyvinvointialueelle.",
                    "The projects move to the Pirkanmaa wellbeing services county.",
                ),
            },
            {
                "image": Ref("image", "release-network"),
                "caption": Bi(
                    "Tulevaisuuden sote-keskus on verkostomainen malli, joka lähtee digistä ja "
                    "päätyy kivijalkaan.",
                    "The health and social services centre of the future is a networked model "
                    "from digital services to the street corner.",
                ),
            },
        ],
    },
)


def publisher_release(title, slug, release_type, published, intro, keywords):
    """One of the publisher's other releases: the seed gives its title, type, time and lead."""
    return PageSpec(
        model="news.ReleasePage",
        title=title,
        slug=slug,
        intro=intro,
        listing_image=f"release-{slug.en}",
        fields={
            "release_type": release_type,
            "first_published_at": published,
            "keywords": [keyword(slug) for slug in keywords],
        },
    )


PUBLISHER_RELEASES = [
    publisher_release(
        Bi(
            "Pirkanmaan kunnat saavat ilmastonmuutoksen hillintään ja kiertotalouden "
            "hyödyntämiseen apua",
            "Pirkanmaa municipalities get help in mitigating climate change and using the "
            "circular economy",
        ),
        Bi("kunnat-saavat-apua-ilmastotyohon", "municipalities-get-help-with-climate-work"),
        "article",
        helsinki(2025, 9, 4, 10, 4, 3),
        Bi(
            "Pirkanmaan liitto on mukana kahdessa uudessa valtakunnallisessa Euroopan "
            "aluekehitysrahaston (EAKR) hankkeessa. Toinen on kiertotaloutta edistävä "
            "KOPPI-hanke ja toinen ilmastotyön ja vihreän siirtymän seurantaa kehittävä "
            "Tehoava.",
            "The Council of Tampere Region takes part in two new national European Regional "
            "Development Fund (ERDF) projects: KOPPI, which promotes the circular economy, and "
            "Tehoava, which develops the monitoring of climate work and the green transition.",
        ),
        ["ilmasto", "kiertotalous"],
    ),
    publisher_release(
        Bi(
            "Maakuntavaltuuston puheenjohtaja Sofia Vikman: Pirkanmaan palkinnon luovutuspuhe",
            "Chair of the Regional Council Sofia Vikman: speech at the Pirkanmaa Award ceremony",
        ),
        Bi("pirkanmaan-palkinnon-luovutuspuhe", "pirkanmaa-award-speech"),
        "press-release",
        helsinki(2025, 9, 1, 21, 37, 46),
        Bi(
            "Pirkanmaan liiton maakuntahallitus myönsi vuoden 2025 Pirkanmaan palkinnon "
            "puolustusteollisuus- ja teknologiayhtiö Patrian Pirkanmaan toiminnoille. "
            "Stipendin, 7000 euroa, sai Pirkanmaan Reserviläispiiri käytettäväksi nuorten "
            "pirkanmaalaisten maanpuolustustyöhön ja maanpuolustustahdon vaalimiseen nuorten "
            "ikäluokkien keskuudessa. Maakuntavaltuuston puheenjohtaja Sofia Vikman luovutti "
            "palkinnon Pirkan päivän vastaanotolla.",
            "The Regional Board of the Council of Tampere Region gave the 2025 Pirkanmaa Award "
            "to the Pirkanmaa operations of the defence and technology company Patria. The "
            "€7,000 grant went to the Pirkanmaa Reservists’ District, for young people’s "
            "national defence work in Pirkanmaa and for fostering the will to defend the "
            "country among the young. The Chair of the Regional Council, Sofia Vikman, "
            "presented the award at the Pirkka Day reception.",
        ),
        ["pirkanmaan-palkinto"],
    ),
    publisher_release(
        Bi(
            "Pirkanmaan palkinto Patrian Pirkanmaan toiminnoille",
            "The Pirkanmaa Award to Patria’s operations in Pirkanmaa",
        ),
        Bi("pirkanmaan-palkinto-patrialle", "pirkanmaa-award-to-patria"),
        "press-release",
        helsinki(2025, 9, 1, 21, 34, 51),
        Bi(
            "Pirkanmaan liiton maakuntahallitus on myöntänyt vuoden 2025 Pirkanmaan palkinnon "
            "puolustusteollisuus- ja teknologiayhtiö Patrian Pirkanmaan toiminnoille.",
            "The Regional Board of the Council of Tampere Region has given the 2025 Pirkanmaa "
            "Award to the Pirkanmaa operations of the defence and technology company Patria.",
        ),
        ["pirkanmaan-palkinto"],
    ),
    publisher_release(
        Bi(
            "Pirkanmaan liitolle valittiin maakuntavaltuuston puheenjohtajat, maakuntahallitus "
            "ja tarkastuslautakunta",
            "The Council of Tampere Region elected the chairs of its Regional Council, its "
            "Regional Board and its Audit Committee",
        ),
        Bi("maakuntavaltuuston-valinnat-2025", "regional-council-elections-2025"),
        "press-release",
        helsinki(2025, 8, 25, 13, 17, 13),
        Bi(
            "Kansanedustaja Sofia Vikman (kok.) on Pirkanmaan liiton maakuntavaltuuston "
            "puheenjohtaja kaudella 2025–2029. Maakuntahallituksen johdossa on Roope Lehto "
            "(sd.) Nokialta. Tarkastuslautakuntaa johtaa Inka Loppi (sd.) Akaasta. "
            "Maanantaina 25.8. Kangasalla kokoontunut Pirkanmaan liiton maakuntavaltuusto "
            "valitsi maakuntavaltuuston puheenjohtajat, maakuntahallituksen ja "
            "tarkastuslautakunnan jäsenet ja varajäsenet.",
            "Member of Parliament Sofia Vikman (National Coalition Party) chairs the Regional "
            "Council of the Council of Tampere Region for the term 2025–2029. The Regional "
            "Board is led by Roope Lehto (Social Democratic Party) from Nokia, and the Audit "
            "Committee by Inka Loppi (Social Democratic Party) from Akaa. Meeting in Kangasala "
            "on Monday 25 August, the Regional Council elected its chairs and the members and "
            "deputy members of the Regional Board and the Audit Committee.",
        ),
        ["maakuntavaltuusto"],
    ),
    publisher_release(
        Bi(
            "Pirkanmaan liiton väestöennusteet valmistuvat syksyllä",
            "The Council of Tampere Region’s population projections are completed in the autumn",
        ),
        Bi("vaestoennusteet-valmistuvat-syksylla", "population-projections-in-the-autumn"),
        "blog-post",
        helsinki(2025, 8, 20, 9, 40, 7),
        Bi(
            "Pyrimme omalla väestöennustetyöllämme palvelemaan ennen muuta jäsenkuntiamme ja "
            "muita maakunnallisia sidosryhmiä.",
            "With our own population projections we aim to serve above all our member "
            "municipalities and other regional stakeholders.",
        ),
        ["vaestoennuste"],
    ),
]

NEWSROOM = PageSpec(
    model="news.NewsIndexPage",
    title=Bi("Uutishuone", "Newsroom"),
    slug=Bi("uutishuone", "newsroom"),
    intro=Bi(
        "Uutishuoneessa voit lukea tiedotteitamme ja rajata niitä tyypin, asiasanan, hankkeen "
        "ja vuoden mukaan. Voit tilata tiedotteet sähköpostiisi tai seurata niitä syötteenä. "
        "Mediapankista löydät kuvia, joita media saa julkaista vapaasti.",
        "In the newsroom you can read our releases and filter them by type, keyword, project "
        "and year. You can subscribe to the releases by e-mail or follow them as a feed. In the "
        "media bank you will find images that the media may publish freely.",
    ),
    show_in_menus=True,
    body=[
        paragraph(
            "<p>Kaikki tiedotepalvelussa julkaistu materiaali on vapaasti median "
            "käytettävissä.</p>",
            "<p>All material published in the release service is free for the media to use.</p>",
        ),
    ],
    children=[SEED_RELEASE, *PUBLISHER_RELEASES],
)

OBJECTS = KEYWORDS

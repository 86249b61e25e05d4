"""The site-wide demo content: images, people, the reform's core pages and site settings.

The facts come from the reform's seed pages. Real people's contact details are replaced by
example ones. The project and funding pages live in projects.py and funding.py; __init__.py
puts the page tree together.
"""

from functools import partial

from django.conf import settings

from pirsote.core.models import Licence

from .. import images
from ..specs import (
    Bi,
    ImageSpec,
    PageSpec,
    PersonSpec,
    contact_people,
    heading,
    image,
    image_ref,
    link_list,
    page_ref,
    paragraph,
    quote,
)

PUBLISHER = Bi("Pirkanmaan liitto", "Council of Tampere Region")
PROJECT_OFFICE = Bi(
    "Pirkanmaan liitto on Tulevaisuuden sote-keskus -hankkeen ja rakenneuudistuksen "
    "valmistelun hanketoimisto.",
    "The Council of Tampere Region is the project office for the Health and Social Services "
    "Centre of the Future project and for the preparation of the structural reform.",
)
SERVER_LOG_RETENTION_DAYS = 30
# The date the statements were last checked against the site (Finnish and English style).
STATEMENTS_DATE = Bi("6.12.2026", "6 December 2026")
# Figures the privacy statement gives, read from the settings that enforce them.
CONFIRM_LINK_DAYS = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // (24 * 60 * 60)
STAFF_IDLE_MINUTES = settings.STAFF_SESSION_IDLE_TIMEOUT // 60
STAFF_MAX_HOURS = settings.STAFF_SESSION_MAX_AGE // (60 * 60)
FEEDBACK_EMAIL = "saavutettavuus@example.fi"
# The authority that supervises the Act on the Provision of Digital Services (306/2019): since
# 1.1.2025 Traficom, which took the task over from the Regional State Administrative Agency for
# Southern Finland (government proposal HE 71/2024).
SUPERVISOR = Bi(
    "Liikenne- ja viestintävirasto Traficom", "Finnish Transport and Communications Agency Traficom"
)
SUPERVISOR_UNIT = Bi("Saavutettavuusvalvonta", "Accessibility monitoring")
SUPERVISOR_SITE = Bi("https://www.saavutettavuusvaatimukset.fi", "https://www.webaccessibility.fi")
SUPERVISOR_EMAIL = "saavutettavuus@traficom.fi"
# No-break spaces: a number must not wrap on a narrow screen.
SUPERVISOR_PHONE = "029\u00a0534\u00a05000"
SUPERVISOR_PHONE_INTERNATIONAL = "+358\u00a029\u00a0534\u00a05000"
PRIVACY_EMAIL = "tietosuoja@example.fi"
SITE_EMAIL = "kirjaamo@example.fi"
SITE_PHONE = "+358 40 000 0000"

# The vision as the Ministry of Social Affairs and Health pictures it.
VISION_ORGANISER = Bi(
    "Vahva sosiaali- ja terveydenhuollon järjestäjä",
    "A strong organiser of health and social services",
)
VISION_SERVICES = Bi(
    "Monialaiset perustason palvelut kaikille ikä- ja asiakasryhmille",
    "Multidisciplinary primary-level services for all age and client groups",
)
VISION_ITEMS = Bi(
    [
        "palvelut yhdestä paikasta",
        "tukena eri alojen ammattilaiset",
        "ilta- ja viikonloppuvastaanottoja",
        "mobiilit omahoitopalvelut",
        "digitaaliset asiointipalvelut",
        "seitsemässä vuorokaudessa hoitoon",
    ],
    [
        "services from one place",
        "support from professionals in different fields",
        "evening and weekend appointments",
        "mobile self-care services",
        "digital e-services",
        "treatment within seven days",
    ],
)
# Alt text stays short (the image field holds 255 characters); the whole diagram is written
# out under the image, under a heading of its own, for everyone (the drawing's small text is
# unreadable on a phone).
VISION_ALT = Bi(
    "Kaavio sote-uudistuksen visiosta: vahva sosiaali- ja terveydenhuollon järjestäjä ja "
    "monialaiset perustason palvelut kaikille ikä- ja asiakasryhmille. Kaavion sisältö on "
    "tekstinä kuvan alla.",
    "Diagram of the reform's vision: a strong organiser of health and social services and "
    "multidisciplinary primary-level services for all age and client groups. The diagram is "
    "written out as text below the image.",
)
VISION_AS_TEXT = Bi("Kaavio tekstinä", "The diagram as text")


def _vision_drawing(language):
    return partial(
        images.vision_diagram,
        title={"fi": "Sote-uudistuksen visio", "en": "Vision of the reform"}[language],
        organiser=getattr(VISION_ORGANISER, language),
        services=getattr(VISION_SERVICES, language),
        items=[item[0].upper() + item[1:] for item in getattr(VISION_ITEMS, language)],
    )


def abstract_image(key, title, description, seed, palette):
    return ImageSpec(
        key=key,
        title=title,
        description=description,
        draw=partial(images.abstract, seed, palette),
    )


DEMO_CREDIT = Bi(
    "Kuvitus: Pirkanmaan sote-uudistus (demo)",
    "Illustration: Pirkanmaa health and social services reform (demo)",
)


def drawn_image(key, title, scene, palette, description):
    """A drawn illustration (images.SCENES) of one subject: free to use, credited to the demo."""
    return ImageSpec(
        key=key,
        title=title,
        description=description,
        draw=partial(images.illustration, scene, palette),
        credit=DEMO_CREDIT,
    )


IMAGES = [
    ImageSpec(
        key="vision-fi",
        title="Sote-uudistuksen visio -kaavio (suomeksi)",
        description=VISION_ALT,
        draw=_vision_drawing("fi"),
        credit=Bi("sosiaali- ja terveysministeriö", "Ministry of Social Affairs and Health"),
        licence=Licence.ALL_RIGHTS_RESERVED,
        free_for_media_use=False,
    ),
    ImageSpec(
        key="vision-en",
        title="Sote-uudistuksen visio -kaavio (englanniksi)",
        description=VISION_ALT,
        draw=_vision_drawing("en"),
        credit=Bi("sosiaali- ja terveysministeriö", "Ministry of Social Affairs and Health"),
        licence=Licence.ALL_RIGHTS_RESERVED,
        free_for_media_use=False,
    ),
    abstract_image(
        "reform",
        "Kuvitus: sote-uudistus",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä sinisiä ympyröitä.",
            "Abstract illustration of overlapping blue circles.",
        ),
        1,
        [(225, 236, 247), (0, 94, 184), (77, 151, 214), (23, 43, 77)],
    ),
    abstract_image(
        "goals",
        "Kuvitus: tavoitteet",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä vihreitä ympyröitä.",
            "Abstract illustration of overlapping green circles.",
        ),
        2,
        [(230, 244, 234), (0, 133, 124), (86, 180, 120), (20, 90, 60)],
    ),
    abstract_image(
        "services",
        "Kuvitus: palvelut edellä",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä turkooseja ja keltaisia ympyröitä.",
            "Abstract illustration of overlapping turquoise and yellow circles.",
        ),
        3,
        [(240, 248, 247), (0, 133, 124), (255, 209, 102), (64, 170, 190)],
    ),
    abstract_image(
        "vision",
        "Kuvitus: visio",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä violetteja ympyröitä.",
            "Abstract illustration of overlapping purple circles.",
        ),
        4,
        [(242, 238, 248), (104, 71, 160), (160, 130, 210), (60, 40, 110)],
    ),
    abstract_image(
        "funding",
        "Kuvitus: rahoitus",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä oransseja ympyröitä.",
            "Abstract illustration of overlapping orange circles.",
        ),
        5,
        [(253, 243, 232), (230, 120, 40), (250, 172, 140), (150, 70, 20)],
    ),
    abstract_image(
        "preparers",
        "Kuvitus: valmistelijat",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä punaisia ja vaaleanpunaisia ympyröitä.",
            "Abstract illustration of overlapping red and pink circles.",
        ),
        6,
        [(250, 238, 240), (200, 50, 80), (240, 150, 170), (120, 30, 50)],
    ),
    abstract_image(
        "about",
        "Kuvitus: tietoa sivustosta",
        Bi(
            "Abstrakti kuvitus, jossa on päällekkäisiä harmaita ympyröitä.",
            "Abstract illustration of overlapping grey circles.",
        ),
        7,
        [(244, 245, 247), (120, 130, 145), (180, 188, 198), (60, 70, 85)],
    ),
]

PEOPLE = [
    # Named in the seeds; her real phone number and e-mail address are replaced.
    PersonSpec(
        name="Eeva Halme",
        job_title=Bi(
            "Hankejohtaja, PirSOTE- ja PirKOTI-hankkeet",
            "Project Director, PirSOTE and PirKOTI projects",
        ),
        organisation=PUBLISHER,
        phone="+358 40 000 0001",
        email="eeva.halme@example.fi",
    ),
    # Synthetic people.
    PersonSpec(
        name="Matti Meikäläinen",
        job_title=Bi("Hankepäällikkö, PirSOTE-hanke", "Project Manager, PirSOTE project"),
        organisation=PUBLISHER,
        phone="+358 40 000 0002",
        email="matti.meikalainen@example.fi",
    ),
    PersonSpec(
        name="Maija Esimerkki",
        job_title=Bi("Viestinnän asiantuntija", "Communications Specialist"),
        organisation=PUBLISHER,
        phone="+358 40 000 0003",
        email="maija.esimerkki@example.fi",
    ),
]

PIRHA_LINK = (
    "https://pirha.fi",
    Bi(
        "Pirkanmaan hyvinvointialueen verkkosivut (pirha.fi)",
        "Website of the Pirkanmaa wellbeing services county (pirha.fi)",
    ),
)
SOTEUUDISTUS_LINK = (
    "https://soteuudistus.fi",
    Bi(
        "Sote-uudistuksen valtakunnalliset verkkosivut (soteuudistus.fi)",
        "National website of the health and social services reform (soteuudistus.fi)",
    ),
)
STM_LINK = (
    "https://stm.fi",
    Bi(
        "Sosiaali- ja terveysministeriön verkkosivut (stm.fi)",
        "Ministry of Social Affairs and Health (stm.fi)",
    ),
)
THL_LINK = (
    "https://thl.fi",
    Bi(
        "Terveyden ja hyvinvoinnin laitoksen verkkosivut (thl.fi)",
        "Finnish Institute for Health and Welfare (thl.fi)",
    ),
)
INNOKYLA_LINK = (
    "https://innokyla.fi",
    Bi(
        "Hankkeiden materiaalit Innokylä-alustalla (innokyla.fi)",
        "Project materials on the Innokylä platform (innokyla.fi, in Finnish)",
    ),
)
MORE_INFORMATION = Bi("Lisätietoa", "More information")

SERVICES_FIRST = PageSpec(
    model="core.ReformPage",
    title=Bi("Palvelut edellä", "Services first"),
    slug=Bi("palvelut-edella", "services-first"),
    intro=Bi(
        "Uudistuksen myötä Suomeen syntyy laaja-alaisia sosiaali- ja terveyskeskuksia. Niistä "
        "asiakas saa palveluja sujuvasti.",
        "The reform will create broad-based health and social services centres across Finland. "
        "They will give clients smooth access to services.",
    ),
    listing_image="services",
    body=[
        paragraph(
            "<p>Tarkoituksena on taata yhdenvertaiset sote-palvelut kaikille.</p>"
            "<p>Uudistuksessa otetaan käyttöön monenlaisia digi- ja mobiilipalveluja. "
            "Viikonloppu- ja iltavastaanottotoimintaa sekä matalan kynnyksen palvelupisteitä "
            "laajennetaan. Lisäksi painopistettä siirretään erikoissairaanhoidosta perustasolle "
            "ja ehkäisevään työhön. Sosiaalihuollon roolia painotetaan aiempaa vahvemmin.</p>",
            "<p>The aim is to guarantee equal health and social services for everyone.</p>"
            "<p>The reform introduces a wide range of digital and mobile services. Weekend and "
            "evening appointments and easy-to-access service points will be expanded. The "
            "emphasis will also shift from specialised medical care to primary-level services "
            "and preventive work. Social welfare will be given a stronger role than before.</p>",
        ),
        heading("Yhteinen kehittäminen on alkanut", "Joint development has begun"),
        paragraph(
            "<p>Sote-palvelujen ja hyvinvointialueen yhteinen kehittäminen on jo alkanut "
            f"maakunnassamme. {PROJECT_OFFICE.fi} Kunnat ja kuntayhtymät toteuttavat hanketta. "
            "Valmistelijatiimiin on rekrytoitu maakunnasta eri alojen ammattilaisia.</p>",
            "<p>Joint development of health and social services and of the wellbeing services "
            f"county has already begun in our region. {PROJECT_OFFICE.en} Municipalities and "
            "joint municipal authorities carry out the project. Professionals from different "
            "fields across the region have been recruited to the preparation team.</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (
                page_ref("valmistelijat"),
                Bi("Valmistelijat ja heidän yhteystietonsa", "The preparation team and contacts"),
            ),
            (page_ref("pirsote"), None),
            SOTEUUDISTUS_LINK,
            STM_LINK,
            THL_LINK,
        ),
    ],
)

VISION = PageSpec(
    model="core.ReformPage",
    title=Bi("Sote-uudistuksen visio", "Vision of the reform"),
    slug=Bi("visio", "vision"),
    intro=Bi(
        f"{VISION_ORGANISER.fi} ja monialaiset perustason palvelut kaikille ikä- ja "
        "asiakasryhmille.",
        f"{VISION_ORGANISER.en}, and multidisciplinary primary-level services for all age and "
        "client groups.",
    ),
    listing_image="vision",
    body=[
        image(
            Bi(image_ref("vision-fi"), image_ref("vision-en")),
            Bi(
                f"Sote-uudistuksen visio. {VISION_AS_TEXT.fi} alla.",
                f"Vision of the reform. {VISION_AS_TEXT.en} below.",
            ),
        ),
        # The diagram's text in the diagram's order: its two boxes, then its six points.
        heading(*VISION_AS_TEXT),
        paragraph(
            f"<p>Kaavion otsikko on ”Sote-uudistuksen visio”. Ylimpänä: {VISION_ORGANISER.fi}. "
            f"Sen alla: {VISION_SERVICES.fi}. Ne pitävät sisällään kuusi kohtaa:</p><ul>"
            + "".join(f"<li>{item}</li>" for item in VISION_ITEMS.fi)
            + "</ul>",
            f"<p>The diagram's title is “Vision of the reform”. At the top: {VISION_ORGANISER.en}. "
            f"Below it: {VISION_SERVICES.en}. They include six points:</p><ul>"
            + "".join(f"<li>{item}</li>" for item in VISION_ITEMS.en)
            + "</ul>",
        ),
        link_list(
            Bi("Lue lisää", "Read more"),
            (page_ref("palvelut-edella"), None),
            (page_ref("rahoitus"), None),
        ),
    ],
)

PREPARERS = PageSpec(
    model="core.ReformPage",
    title=Bi("Valmistelijat", "Preparation team"),
    slug=Bi("valmistelijat", "preparation-team"),
    intro=Bi(
        "Valmistelijatiimiin on rekrytoitu maakunnasta eri alojen ammattilaisia.",
        "Professionals from different fields across the region have been recruited to the "
        "preparation team.",
    ),
    listing_image="preparers",
    body=[
        paragraph(
            f"<p>{PROJECT_OFFICE.fi} Kunnat ja kuntayhtymät toteuttavat hanketta. Valmistelijat "
            "ovat siirtyneet hankkeisiin kunnista, Pirkanmaan sairaanhoitopiiristä ja Tampereen "
            "ammattikorkeakoulusta. Kunkin hankkeen sivulla kerrotaan, kuinka moni siinä "
            "työskentelee.</p>",
            f"<p>{PROJECT_OFFICE.en} Municipalities and joint municipal authorities carry out "
            "the project. The people preparing the reform have joined the projects from "
            "municipalities, the Pirkanmaa Hospital District and Tampere University of Applied "
            "Sciences. Each project's page tells how many people work on it.</p>",
        ),
        contact_people(
            Bi("Yhteyshenkilöt", "Contact people"),
            "Eeva Halme",
            "Matti Meikäläinen",
            "Maija Esimerkki",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("hankkeet"), None),
            (page_ref("toimintamallit"), None),
            INNOKYLA_LINK,
            PIRHA_LINK,
        ),
    ],
)

ACCESSIBILITY_STATEMENT = PageSpec(
    model="core.ReformPage",
    title=Bi("Saavutettavuusseloste", "Accessibility statement"),
    slug=Bi("saavutettavuusseloste", "accessibility-statement"),
    intro=Bi(
        "Pirkanmaan liitto pyrkii takaamaan tämän sivuston saavutettavuuden digitaalisten "
        "palvelujen tarjoamisesta annetun lain (306/2019) mukaisesti.",
        "The Council of Tampere Region aims to ensure the accessibility of this website in "
        "accordance with the Act on the Provision of Digital Services (306/2019).",
    ),
    listing_image="about",
    body=[
        paragraph(
            "<p>Tämä saavutettavuusseloste koskee Pirkanmaan sote-uudistuksen verkkosivustoa. "
            "Seloste perustuu itsearvioon.</p>"
            f"<p>Seloste on laadittu {STATEMENTS_DATE.fi}.</p>",
            "<p>This accessibility statement applies to the website of the Pirkanmaa health and "
            "social services reform. The statement is based on a self-assessment.</p>"
            f"<p>This statement was prepared on {STATEMENTS_DATE.en}.</p>",
        ),
        heading("Saavutettavuuden tila", "Compliance status"),
        paragraph(
            "<p>Sivusto täyttää saavutettavuusvaatimukset: se on WCAG 2.1 -ohjeiston A- ja "
            "AA-tason mukainen.</p>",
            "<p>The website is fully compliant with the accessibility requirements: it meets "
            "levels A and AA of the Web Content Accessibility Guidelines (WCAG) 2.1.</p>",
        ),
        heading("Saavutettavuuspuutteet", "Non-accessible content"),
        paragraph(
            "<p>Emme ole tietoisia sivuston saavutettavuuspuutteista.</p>",
            "<p>We are not aware of any accessibility issues on this website.</p>",
        ),
        heading("Anna palautetta saavutettavuudesta", "Feedback on accessibility"),
        paragraph(
            "<p>Huomasitko sivustolla saavutettavuuspuutteen, tai etkö saa jotain sisältöä "
            "saavutettavassa muodossa? Kerro siitä meille sähköpostilla osoitteeseen "
            f'<a href="mailto:{FEEDBACK_EMAIL}">{FEEDBACK_EMAIL}</a>. Vastaamme palautteeseen '
            "14 päivän kuluessa.</p>",
            "<p>Did you notice an accessibility issue on this website, or is some content not "
            "available to you in an accessible form? Please let us know by e-mail at "
            f'<a href="mailto:{FEEDBACK_EMAIL}">{FEEDBACK_EMAIL}</a>. We will reply within '
            "14 days.</p>",
        ),
        heading("Valvontaviranomainen", "Enforcement authority"),
        paragraph(
            "<p>Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. "
            "Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta lainkaan kahden "
            "viikon aikana, voit tehdä ilmoituksen saavutettavuusvaatimusten "
            "valvontaviranomaiselle. Valvontaviranomaisen sivuilla kerrotaan tarkasti, miten "
            "ilmoituksen voi tehdä ja miten asia käsitellään.</p>",
            "<p>If you notice accessibility problems on the website, please give feedback to us "
            "first. If you are not satisfied with our reply, or you receive no reply within two "
            "weeks, you can notify the authority that enforces the accessibility requirements. "
            "The authority's website explains in detail how to make a notification and how the "
            "matter is handled.</p>",
        ),
        heading(
            "Valvontaviranomaisen yhteystiedot", "Contact details of the enforcement authority"
        ),
        paragraph(
            f"<p>{SUPERVISOR.fi}<br/>{SUPERVISOR_UNIT.fi}<br/>"
            f'<a href="{SUPERVISOR_SITE.fi}">{SUPERVISOR_SITE.fi.removeprefix("https://")}</a>'
            f'<br/>Sähköposti <a href="mailto:{SUPERVISOR_EMAIL}">{SUPERVISOR_EMAIL}</a>'
            f"<br/>Puhelinvaihde {SUPERVISOR_PHONE}</p>",
            f"<p>{SUPERVISOR.en}<br/>{SUPERVISOR_UNIT.en}<br/>"
            f'<a href="{SUPERVISOR_SITE.en}">{SUPERVISOR_SITE.en.removeprefix("https://")}</a>'
            f'<br/>E-mail <a href="mailto:{SUPERVISOR_EMAIL}">{SUPERVISOR_EMAIL}</a>'
            f"<br/>Telephone switchboard {SUPERVISOR_PHONE_INTERNATIONAL}</p>",
        ),
    ],
)

PRIVACY_STATEMENT = PageSpec(
    model="core.ReformPage",
    title=Bi("Tietosuojaseloste", "Privacy statement"),
    slug=Bi("tietosuojaseloste", "privacy-statement"),
    intro=Bi(
        "Tässä selosteessa kerrotaan, mitä henkilötietoja tämä sivusto käsittelee ja mitä "
        "evästeitä se käyttää. Sivusto ei käytä analytiikkaa eikä seurantaevästeitä.",
        "This statement explains what personal data this website processes and which cookies "
        "it uses. The website uses no analytics and no tracking cookies.",
    ),
    listing_image="about",
    body=[
        paragraph(
            f"<p>Seloste on päivitetty {STATEMENTS_DATE.fi}.</p>",
            f"<p>This statement was last updated on {STATEMENTS_DATE.en}.</p>",
        ),
        heading("Rekisterinpitäjä", "Data controller"),
        paragraph(
            f"<p>Pirkanmaan liitto<br/>Esimerkkikatu 1, 33100 Tampere<br/>Puhelin {SITE_PHONE}"
            f'<br/>Sähköposti <a href="mailto:{SITE_EMAIL}">{SITE_EMAIL}</a></p>'
            "<p>Tietosuojaa koskevissa asioissa voit ottaa yhteyttä osoitteeseen "
            f'<a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>.</p>',
            "<p>Council of Tampere Region (Pirkanmaan liitto)<br/>Esimerkkikatu 1, "
            f"FI-33100 Tampere, Finland<br/>Phone {SITE_PHONE}"
            f'<br/>E-mail <a href="mailto:{SITE_EMAIL}">{SITE_EMAIL}</a></p>'
            "<p>For matters concerning data protection, please contact "
            f'<a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>.</p>',
        ),
        heading("Evästeet", "Cookies"),
        paragraph(
            "<p>Sivusto ei seuraa kävijöitä eikä käytä analytiikkapalveluja tai kolmansien "
            "osapuolten sisältöjä, jotka keräisivät tietoja kävijöistä. Se asettaa vain alla "
            "luetellut evästeet, ja vain silloin, kun niitä tarvitaan. Ne ovat välttämättömiä "
            "lomakkeiden ja ylläpidon toiminnalle, eikä niihin siksi kysytä suostumusta. "
            "Evästeet eivät sisällä tietoja sinusta.</p>"
            "<ul>"
            "<li><b>csrftoken</b> – tietoturvaeväste. Se asetetaan, kun avaat lomakkeen: "
            "tiedotteiden tilauslomakkeen tai tilauksen vahvistussivun. Se suojaa lomaketta "
            "muilta sivustoilta lähetetyiltä väärennetyiltä pyynnöiltä (CSRF). Eväste sisältää "
            "satunnaisen tunnisteen, ja selain poistaa sen, kun suljet selaimen.</li>"
            "<li><b>sessionid</b> – istuntoeväste vain sivuston ylläpitäjille. Se asetetaan "
            "ylläpitoon kirjautuessa ja pitää ylläpitäjän kirjautuneena. Istunto päättyy "
            f"{STAFF_IDLE_MINUTES} minuutin käyttämättömyyden jälkeen ja viimeistään "
            f"{STAFF_MAX_HOURS} tunnin kuluttua kirjautumisesta.</li>"
            "<li><b>messages</b> – vain ylläpitäjille: välittää ylläpidon ilmoituksen, kuten "
            "”Sivu julkaistu”, seuraavalle sivulle. Se poistetaan, kun ilmoitus on näytetty.</li>"
            "</ul>",
            "<p>The website does not track visitors and uses no analytics services or "
            "third-party content that would collect data about visitors. It sets only the "
            "cookies listed below, and only when they are needed. They are strictly necessary "
            "for the forms and the administration interface to work, so no consent is asked "
            "for them. The cookies contain no information about you.</p>"
            "<ul>"
            "<li><b>csrftoken</b> – a security cookie. It is set when you open a form: the "
            "form for subscribing to releases or the page confirming a subscription. It "
            "protects the form against forged requests sent from other websites (CSRF). The "
            "cookie holds a random token, and your browser deletes it when you close the "
            "browser.</li>"
            "<li><b>sessionid</b> – a session cookie for the site's editors only. It is set "
            "when an editor logs in to the administration interface and keeps them logged in. "
            f"The session ends after {STAFF_IDLE_MINUTES} minutes without activity and at the "
            f"latest {STAFF_MAX_HOURS} hours after logging in.</li>"
            "<li><b>messages</b> – for editors only: carries a notice of the administration "
            "interface, such as “Page published”, to the next page. It is deleted once the "
            "notice has been shown.</li>"
            "</ul>",
        ),
        heading("Tiedotteiden sähköpostitilaus", "E-mail subscription to releases"),
        paragraph(
            "<p>Kun tilaat tiedotteemme sähköpostiisi, lähetämme antamaasi osoitteeseen "
            "vahvistusviestin. Ennen kuin vahvistat tilauksen, emme tallenna osoitettasi: "
            "osoite ja valintasi kulkevat vain vahvistusviestin linkissä, joka on voimassa "
            f"{CONFIRM_LINK_DAYS} päivää. Jos et vahvista tilausta, siitä ei jää mitään "
            "talteen.</p>"
            "<p>Kun vahvistat tilauksen, tallennamme sähköpostiosoitteesi, valitsemasi kielen, "
            "tiedotetyypit ja hankkeet sekä tilauksen ja viimeisimmän vahvistuksen ajankohdan. "
            "Lisäksi kirjaamme jokaisesta sinulle lähetetystä tiedotteesta, milloin viesti "
            "lähti, ja jos lähetys epäonnistui, postipalvelimen virheilmoituksen. Tietoja "
            "käytetään vain tilaamiesi tiedotteiden lähettämiseen, eikä niitä luovuteta "
            "ulkopuolisille. Niitä näkevät vain liiton viestinnän ylläpitäjät ja sivuston "
            "pääkäyttäjät.</p>"
            "<p>Tietoja säilytetään niin kauan kuin tilaus on voimassa, enintään hankkeiden "
            "päättymiseen asti: kun hankkeet päättyvät, lähetämme jokaiselle tilaajalle "
            "viimeisen viestin, jossa kerromme, missä työtä voi seurata, ja poistamme sen "
            "jälkeen kaikki tilaajien osoitteet ja valinnat. Voit perua tilauksen "
            "milloin tahansa jokaisen viestin lopussa olevalla linkillä: peruminen poistaa "
            "heti osoitteesi, valintasi ja lähetyskirjauksesi. Voit myös pyytää tietojesi "
            "poistamista sähköpostitse osoitteesta "
            f'<a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>. Kun ylläpitäjä poistaa '
            "tilauksen pyynnöstä, sivuston muutoslokiin jää merkintä poistosta, jossa näkyvät "
            "vain osoitteen kaksi ensimmäistä merkkiä ja verkkotunnus.</p>"
            "<p>Lomakkeen väärinkäytön estämiseksi sivusto laskee lyhyen aikaa, montako kertaa "
            "lomake on lähetetty samasta IP-osoitteesta ja montako vahvistusviestiä samaan "
            "osoitteeseen on lähetetty. Osoitteesta laskuri tallentaa vain tiivisteen. Laskurit "
            "poistuvat itsestään viimeistään tunnin kuluttua.</p>"
            "<p>Tilauksen tietojen käsittely perustuu suostumukseesi, jonka annat vahvistamalla "
            "tilauksen ja jonka voit perua perumalla tilauksen (EU:n yleisen "
            "tietosuoja-asetuksen 6 artiklan 1 kohdan a alakohta).</p>",
            "<p>When you subscribe to our releases by e-mail, we send a confirmation message to "
            "the address you give. Until you confirm the subscription, we do not store your "
            "address: the address and your choices travel only in the link in the confirmation "
            f"message, which works for {CONFIRM_LINK_DAYS} days. If you do not confirm, nothing "
            "is kept.</p>"
            "<p>When you confirm, we store your e-mail address, the language, types of release "
            "and projects you chose, and when you subscribed and last confirmed. For each "
            "release mailed to you we also record when the message was sent and, if sending "
            "failed, the mail server's error message. The data is used only to send you the "
            "releases you asked for and is not disclosed to anyone else. Only the Council's "
            "communications editors and the site's administrators can see it.</p>"
            "<p>The data is kept for as long as the subscription lasts, and at the latest until "
            "the projects end: then every subscriber gets one last message telling where to "
            "follow the work, after which all subscribers' addresses and choices are deleted. "
            "You can cancel the "
            "subscription at any time with the link at the end of every message: cancelling "
            "immediately deletes your address, your choices and the record of messages sent to "
            "you. You can also ask for your data to be deleted by e-mail to "
            f'<a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>. When an editor deletes a '
            "subscription on request, the site's change log keeps a note of the deletion that "
            "shows only the first two characters of the address and its domain.</p>"
            "<p>To prevent misuse of the form, the site counts for a short while how many times "
            "the form has been sent from one IP address and how many confirmation messages have "
            "been sent to one address. For the address, the counter stores only a digest. The "
            "counters disappear by themselves within an hour at the latest.</p>"
            "<p>The processing of subscription data is based on your consent, which you give by "
            "confirming the subscription and withdraw by cancelling it (Article 6(1)(a) of the "
            "EU General Data Protection Regulation).</p>",
        ),
        heading("Palvelimen lokitiedot", "Server logs"),
        paragraph(
            "<p>Palvelin kirjaa tietoturvan ja toimintavarmuuden vuoksi jokaisesta pyynnöstä "
            "lokiin IP-osoitteen, ajankohdan, pyydetyn sivun osoitteen ja selaimen "
            f"tunnistetiedot. Lokitietoja säilytetään {SERVER_LOG_RETENTION_DAYS} päivää, minkä "
            "jälkeen ne poistetaan. Niitä käytetään vain sivuston ylläpitoon ja väärinkäytösten "
            "selvittämiseen, eikä niitä luovuteta ulkopuolisille, ellei laki sitä edellytä.</p>",
            "<p>For security and reliability, the server logs the IP address, time, requested "
            "address and browser identification of every request. The logs are kept for "
            f"{SERVER_LOG_RETENTION_DAYS} days and then deleted. They are used only to run the "
            "website and to investigate misuse, and they are not disclosed to anyone else "
            "unless the law requires it.</p>",
        ),
        heading("Yhteyshenkilöiden tiedot", "Contact people's details"),
        paragraph(
            "<p>Sivustolla julkaistaan sote-uudistuksen valmistelijoiden nimiä, tehtävänimikkeitä "
            "ja työyhteystietoja, jotta kansalaiset ja media voivat ottaa heihin yhteyttä.</p>",
            "<p>The website publishes the names, job titles and work contact details of the "
            "people preparing the reform so that the public and the media can contact them.</p>",
        ),
        heading("Käsittelyn peruste ja oikeutesi", "Legal basis and your rights"),
        paragraph(
            "<p>Muita kuin tilausten henkilötietoja käsitellään rekisterinpitäjän yleisen edun "
            "mukaisen tehtävän hoitamiseksi (EU:n yleisen tietosuoja-asetuksen 6 artiklan 1 "
            "kohdan e alakohta). Sinulla on oikeus saada tietää, mitä tietoja sinusta "
            "käsitellään, pyytää virheellisten tietojen korjaamista ja tilauksesi tietojen "
            "poistamista sekä vastustaa tietojesi käsittelyä. Lähetä pyyntö "
            "rekisterinpitäjälle. Voit myös tehdä valituksen tietosuojavaltuutetun "
            "toimistolle.</p>",
            "<p>Personal data other than subscriptions is processed to perform a task carried "
            "out in the public interest (Article 6(1)(e) of the EU General Data Protection "
            "Regulation). You have the right to know what data about you is processed, to ask "
            "for incorrect data to be corrected and for your subscription data to be deleted, "
            "and to object to the processing of your data. Send your request to the "
            "data controller. You can also lodge a complaint with the Office of the Data "
            "Protection Ombudsman.</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (
                "https://tietosuoja.fi",
                Bi(
                    "Tietosuojavaltuutetun toimisto (tietosuoja.fi)",
                    "Office of the Data Protection Ombudsman (tietosuoja.fi)",
                ),
            ),
        ),
    ],
)

# The reform section's pages are SERVICES_FIRST, VISION and PREPARERS here, and the goals
# and funding pages of projects.py and funding.py: content/__init__.py puts them in order.
REFORM_SECTION = PageSpec(
    model="core.SectionIndexPage",
    title=Bi("Sote-uudistus", "The reform"),
    slug=Bi("sote-uudistus", "reform"),
    intro=Bi(
        "Uudistuksella taataan yhdenvertaiset, sujuvat sosiaali- ja terveyspalvelut "
        "kaikkialla maakunnassa. Tässä osiossa kerrotaan uudistuksen tavoitteista, "
        "visiosta ja rahoituksesta sekä sen valmistelusta Pirkanmaalla.",
        "The reform aims to guarantee equal, smooth health and social services "
        "throughout the region. This section describes the goals, vision and funding of "
        "the reform and how it is being prepared in Pirkanmaa.",
    ),
    listing_image="reform",
    show_in_menus=True,
)

ABOUT_SECTION = PageSpec(
    model="core.SectionIndexPage",
    title=Bi("Tietoa sivustosta", "About this site"),
    slug=Bi("tietoa-sivustosta", "about-this-site"),
    intro=Bi(
        "Sivuston saavutettavuus ja henkilötietojen käsittely.",
        "Accessibility of this website and how it processes personal data.",
    ),
    listing_image="about",
    show_in_menus=False,
    children=[ACCESSIBILITY_STATEMENT, PRIVACY_STATEMENT],
)

HOME = PageSpec(
    model="core.HomePage",
    title=Bi("Sote-uudistus Pirkanmaalla", "Health and social services reform in Pirkanmaa"),
    slug=Bi("etusivu", "home"),
    intro=Bi(
        "Sosiaali- ja terveyspalvelut ja niitä tukeva rakenne uudistetaan. Täältä löydät tietoa "
        "uudistuksen tavoitteista, visiosta ja rahoituksesta, sitä valmistelleista hankkeista ja "
        "niiden toimintamalleista sekä valmistelijoista Pirkanmaalla.",
        "Health and social services and the structures that support them are being reformed. "
        "Here you will find information on the goals, vision and funding of the reform, on the "
        "projects that have prepared it and their service models, and on the people preparing "
        "it in Pirkanmaa.",
    ),
    listing_image="reform",
    body=[
        heading("Uudistus lyhyesti", "The reform in brief"),
        paragraph(
            "<p>Sote-uudistuksessa parannetaan peruspalveluita, ja sosiaali- ja "
            "terveydenhuollon ja pelastustoimen järjestäminen siirretään kunnilta "
            "hyvinvointialueille. Pirkanmaan hyvinvointialue aloitti 1.7.2021.</p>"
            "<p>Uudistusta on valmisteltu Pirkanmaan liiton hankkeissa: Pirkanmaan "
            "tulevaisuuden sote-keskus (PirSOTE), Kohti maakunnallista sotea (KOMAS) ja vuonna "
            "2022 alkanut PirKOTI. Hankkeet ovat siirtyneet Pirkanmaan hyvinvointialueelle, "
            "jossa kehittäminen jatkuu.</p>",
            "<p>The reform improves basic public services and transfers responsibility for "
            "organising health care, social welfare and rescue services from municipalities to "
            "wellbeing services counties. The Pirkanmaa wellbeing services county started on "
            "1 July 2021.</p>"
            "<p>The reform has been prepared in projects of the Council of Tampere Region: the "
            "Pirkanmaa Health and Social Services Centre of the Future (PirSOTE), Towards "
            "Regional Health and Social Services (KOMAS) and PirKOTI, which began in 2022. The "
            "projects have moved to the Pirkanmaa wellbeing services county, where the "
            "development work continues.</p>",
        ),
        quote(
            Bi(
                f"{VISION_ORGANISER.fi}. {VISION_SERVICES.fi}.",
                f"{VISION_ORGANISER.en}. {VISION_SERVICES.en}.",
            ),
            Bi(
                "Sote-uudistuksen visio, sosiaali- ja terveysministeriö",
                "Vision of the reform, Ministry of Social Affairs and Health",
            ),
        ),
        link_list(
            Bi("Tutustu uudistukseen", "Explore the reform"),
            (page_ref("tavoitteet"), None),
            (page_ref("palvelut-edella"), None),
            (page_ref("visio"), None),
            (page_ref("rahoitus"), None),
            (page_ref("hankkeet"), None),
            (page_ref("toimintamallit"), None),
            (page_ref("valmistelijat"), None),
            PIRHA_LINK,
        ),
    ],
    # content/__init__.py gives the home page its children: the sections above and the projects.
)

SITE_SETTINGS = {
    "publisher_name": PUBLISHER,
    "publisher_description": Bi(
        f"{PROJECT_OFFICE.fi} Pirkanmaan tulevaisuuden sote-keskus (PirSOTE) -hanke alkoi "
        "vuonna 2020 ja PirKOTI-hanke (Tulevaisuuden kotona asumista tukevat palvelut "
        "iäkkäille Pirkanmaalla) vuonna 2022. PirSOTE-valmistelijoita on nelisenkymmentä, ja "
        "PirKOTI-hankkeessa työskentelee kolme henkilöä. Nämä ammattilaiset ovat siirtyneet "
        "hankkeisiin kunnista, Pirkanmaan sairaanhoitopiiristä ja Tampereen "
        "ammattikorkeakoulusta. Pirkanmaan kunnissa, ”kentällä”, on työskennellyt noin 70 "
        "ammattilaista, osa kokopäiväisesti ja osa osa-aikaisesti.\n\n"
        "Sote-valmistelusta viestittäneet verkkosivut osoitteessa soteuudistus.pirkanmaa.fi "
        "jäävät ensi vuoden alusta pois käytöstä. Sivusto on näkyvillä jonkin aikaa, jonka "
        "jälkeen se arkistoidaan.",
        f"{PROJECT_OFFICE.en} The Pirkanmaa Health and Social Services Centre of the Future "
        "project (PirSOTE) began in 2020, and the PirKOTI project (Future services supporting "
        "older people living at home in Pirkanmaa) in 2022. Some forty people work on the "
        "preparation of PirSOTE and three on the PirKOTI project. These professionals have "
        "joined the projects from municipalities, the Pirkanmaa Hospital District and Tampere "
        "University of Applied Sciences. In the municipalities of Pirkanmaa, “in the field”, "
        "about 70 professionals have worked on the projects, some full-time and some part-time."
        "\n\nThe website that has communicated the preparation, soteuudistus.pirkanmaa.fi, "
        "will be taken out of use at the start of next year. It will remain visible for a "
        "while and will then be archived.",
    ),
    "address": Bi("Esimerkkikatu 1\n33100 Tampere", "Esimerkkikatu 1\nFI-33100 Tampere\nFinland"),
    "phone": SITE_PHONE,
    "email": SITE_EMAIL,
    "not_found_title": Bi("Sivua ei löytynyt", "Page not found"),
    "not_found_text": Bi(
        "<p>Etsimääsi sivua ei löytynyt. Se on ehkä siirretty tai poistettu. Tarkista osoite.</p>",
        "<p>The page you were looking for was not found. It may have been moved or removed. "
        "Please check the address.</p>",
    ),
    # Pages, by their Finnish slug.
    "accessibility_statement": page_ref("saavutettavuusseloste"),
    "privacy_statement": page_ref("tietosuojaseloste"),
}


# Promoted search results (Settings → Promoted search results): a query, the Finnish slug of
# the page shown first for it, and the description written in Finnish.
SEARCH_PROMOTIONS = [
    (
        "rahoitus",
        "rahoitus",
        "Paljonko rahoitusta Pirkanmaan sote-hankkeille on myönnetty ja mistä se tulee.",
    ),
    (
        "yhteystiedot",
        "valmistelijat",
        "Sote-uudistuksen valmistelijoiden yhteystiedot.",
    ),
]

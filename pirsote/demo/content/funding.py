"""The grants of summer 2020 and the funding page that computes its sums from them.

The seeds give the amounts, the funder (STM), who pays out (a regional state administrative
agency) and who supervises (the ministries and THL). They do not name the recipient: the
grants are recorded to the Council of Tampere Region, the projects' project office. No
payments are recorded because the seeds state none.
"""

import datetime
from decimal import Decimal

from ..specs import Bi, ObjectSpec, PageSpec, Ref, heading, link_list, page_ref, paragraph
from .site import INNOKYLA_LINK, MORE_INFORMATION, SOTEUUDISTUS_LINK, STM_LINK, THL_LINK

# "Kesällä 2020": the first day of the season, with the season as the precision.
SUMMER_2020 = datetime.date(2020, 6, 1)


def grant(identifier, project, title, description, amount):
    return ObjectSpec(
        "grant",
        "funding.Grant",
        identifier,
        {
            "title": title,
            "description": description,
            "project": Ref("page", project),
            "funder": Ref("organisation", "stm"),
            "recipient": Ref("organisation", "pirkanmaan-liitto"),
            "payer": Ref("organisation", "avi"),
            "supervisors": [Ref("organisation", "stm"), Ref("organisation", "thl")],
            "amount_awarded": amount,
            "award_date": SUMMER_2020,
            "award_date_precision": "season",
            "decision_reference": "",
        },
        lookup_field="identifier",
    )


GRANTS = [
    grant(
        "360G-pirsote-2020-pirsote",
        "pirsote",
        Bi(
            "Tulevaisuuden sote-keskus -hanke",
            "Health and Social Services Centre of the Future project",
        ),
        Bi(
            "Sosiaali- ja terveysministeriön rahoitus Pirkanmaan tulevaisuuden sote-keskus "
            "-hankkeen (PirSOTE) toteuttamiseen: monialaiset perustason sosiaali- ja "
            "terveyspalvelut, joista asiakas saa palvelut sujuvasti yhdestä paikasta.",
            "Funding from the Ministry of Social Affairs and Health to carry out the Pirkanmaa "
            "Health and Social Services Centre of the Future project (PirSOTE): multidisciplinary "
            "primary-level services from which clients get smooth services in one place.",
        ),
        Decimal("5921081"),
    ),
    grant(
        "360G-pirsote-2020-komas",
        "komas",
        Bi(
            "Sote-rakenneuudistus -hanke",
            "Health and social services structural reform project",
        ),
        Bi(
            "Sosiaali- ja terveysministeriön rahoitus sosiaali- ja terveydenhuollon "
            "rakenneuudistuksen valmisteluun Pirkanmaalla Kohti maakunnallista sotea -hankkeessa "
            "(KOMAS).",
            "Funding from the Ministry of Social Affairs and Health to prepare the structural "
            "reform of health and social services in Pirkanmaa in the Towards Regional Health "
            "and Social Services project (KOMAS).",
        ),
        Decimal("9329760"),
    ),
]

OBJECTS = GRANTS

FUNDING_PAGE = PageSpec(
    model="funding.FundingPage",
    title=Bi("Miten uudistus rahoitetaan", "How the reform is funded"),
    slug=Bi("rahoitus", "funding"),
    intro=Bi(
        "Pirkanmaalle on myönnetty kesällä 2020 rahoitusta kahdelle sote-uudistusta "
        "valmistelevalle hankkeelle.",
        "In summer 2020, Pirkanmaa was granted funding for two projects that prepare the health "
        "and social services reform.",
    ),
    listing_image="funding",
    body=[
        heading("Rahoitus ja valvonta", "Funding and supervision"),
        paragraph(
            "<p>Rahoitus tulee sosiaali- ja terveysministeriöstä (STM). Hanketta valvotaan ja "
            "ohjataan ministeriöistä ja Terveyden ja hyvinvoinnin laitokselta (THL). "
            "Aluehallintovirasto (AVI) hoitaa hankkeelle tulevia maksatuksia. Hankkeen "
            "toteutumista valvotaan sille asetettujen kriteerien mukaan.</p>"
            "<p>Hanketoteuttajat antavat uudistusvalmisteluun myös henkilöstönsä "
            "työpanosta.</p>",
            "<p>The funding comes from the Ministry of Social Affairs and Health (STM). The "
            "project is supervised and steered by the ministries and by the Finnish Institute "
            "for Health and Welfare (THL). The Regional State Administrative Agency (AVI) "
            "handles the payments to the project. The progress of the project is monitored "
            "against the criteria set for it.</p>"
            "<p>The organisations carrying out the project also contribute their staff's "
            "working time to the preparation of the reform.</p>",
        ),
        heading("Materiaalit Innokylässä", "Materials in Innokylä"),
        paragraph(
            "<p>Hankkeen aikana syntyviä materiaaleja tallennetaan Terveyden ja hyvinvoinnin "
            "laitoksen ylläpitämään Innokylä-alustaan. Alla olevista linkeistä saat lisätietoa "
            "valtakunnallisesta sote-uudistuksesta.</p>",
            "<p>Materials produced during the project are stored on Innokylä, a platform "
            "maintained by the Finnish Institute for Health and Welfare. The links below lead "
            "to more information on the national reform.</p>",
        ),
        link_list(
            MORE_INFORMATION,
            (page_ref("hankkeet"), None),
            SOTEUUDISTUS_LINK,
            STM_LINK,
            THL_LINK,
            INNOKYLA_LINK,
        ),
    ],
)

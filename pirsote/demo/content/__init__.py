"""The demo site's content in Finnish and English, put together from its parts.

site.py holds the images, people, core pages and site settings; projects.py the projects,
service models, goals, target groups and organisations; funding.py the grants and the
funding page; news.py the newsroom, its releases and keywords. This module orders them
into what the builder reads: IMAGES, PEOPLE, OBJECTS
(in dependency order: organisations, goals and target groups before the grants that point
at them), HOME (the page tree), SITE_SETTINGS and SEARCH_PROMOTIONS.
"""

from dataclasses import replace

from . import funding, news, projects, site

IMAGES = [*site.IMAGES, *projects.IMAGES, *news.IMAGES]
PEOPLE = site.PEOPLE
OBJECTS = [*projects.OBJECTS, *funding.OBJECTS, *news.OBJECTS]
HOME = replace(
    site.HOME,
    children=[
        replace(
            site.REFORM_SECTION,
            children=[
                projects.GOALS_PAGE,
                site.SERVICES_FIRST,
                site.VISION,
                funding.FUNDING_PAGE,
                site.PREPARERS,
            ],
        ),
        projects.PROJECTS_SECTION,
        news.NEWSROOM,
        site.ABOUT_SECTION,
    ],
)
SITE_SETTINGS = site.SITE_SETTINGS
SEARCH_PROMOTIONS = site.SEARCH_PROMOTIONS

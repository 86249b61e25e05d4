"""What other apps add to a project's page, without the projects app naming them.

One Wagtail hook, registered in a feature app's wagtail_hooks.py (funding, news):

- ``register_project_page_section``: a function ``(project, request)`` returning
  ``(template_name, context)`` for a section of the project's page, or None when it has
  nothing to show (a project without grants has no funding section).

The page shows the contributed sections after its service models and before its contact
people, in hook `order`. The functions run only where the page renders them: inside its
cached fragment, so a cached view costs none of their queries. The template is rendered with
`context` alone (plus `request`), as an inclusion tag would be, so it must not depend on the
page's context.
"""

from wagtail import hooks

PROJECT_PAGE_SECTIONS = "register_project_page_section"


def project_page_sections(project, request):
    """[(template_name, context)] of the sections other apps add to `project`'s page."""
    sections = []
    for hook in hooks.get_hooks(PROJECT_PAGE_SECTIONS):
        section = hook(project, request)
        if section:
            template_name, context = section
            sections.append((template_name, context))
    return sections

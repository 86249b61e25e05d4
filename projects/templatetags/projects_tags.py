"""{% project_page_sections project %}: the sections other apps add (projects.sections)."""

from django import template
from django.utils.safestring import mark_safe

from .. import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def project_page_sections(context, project):
    """Each contributed section rendered with its own context, as an inclusion tag is."""
    request = context.get("request")
    engine = context.template.engine
    rendered = []
    for template_name, section_context in sections.project_page_sections(project, request):
        section_template = engine.get_template(template_name)
        rendered.append(
            section_template.render(context.new({**section_context, "request": request}))
        )
    # Each part is a rendered (autoescaped) template.
    return mark_safe("".join(rendered))

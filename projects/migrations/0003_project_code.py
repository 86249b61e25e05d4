"""Projects keep their code (the acronym as a slug) in a unique column: lookups are in SQL."""

from django.db import migrations, models
from django.utils.text import slugify


def fill_codes(apps, schema_editor):
    ProjectPage = apps.get_model("projects", "ProjectPage")
    taken = set()
    for project in ProjectPage.objects.order_by("pk").only("pk", "acronym"):
        base = slugify(project.acronym or "") or f"project-{project.pk}"
        code, n = base, 1
        # Acronyms that slugify alike ("Pir SOTE", "Pir-SOTE") could exist before this.
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        taken.add(code)
        ProjectPage.objects.filter(pk=project.pk).update(code=code)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_safe_urls")]

    operations = [
        migrations.AddField(
            model_name="projectpage",
            name="code",
            field=models.SlugField(editable=False, max_length=30, null=True, verbose_name="code"),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
    ]

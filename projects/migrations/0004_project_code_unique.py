"""The project code unique, once every project has one (0003): apart, for PostgreSQL."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_project_code")]

    operations = [
        migrations.AlterField(
            model_name="projectpage",
            name="code",
            field=models.SlugField(
                editable=False, max_length=30, unique=True, verbose_name="code"
            ),
        ),
    ]

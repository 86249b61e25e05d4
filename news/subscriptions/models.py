"""Confirmed e-mail subscribers, the releases announced to them and the mails to send.

Nothing is stored about an address until its owner follows the confirmation link: the
choices travel in the signed link until then (see tokens.py). Unsubscribing deletes the
subscriber, and with it every delivery row that names them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import ReleasePage, ReleaseType
from pirsote.core.visibility import public_pages
from projects.models import ProjectPage


def subscribable_projects():
    """The projects a visitor may choose: those the public may see, in the tree's order."""
    return public_pages(ProjectPage.objects).order_by("path")


@dataclass
class Choices:
    """What a subscriber receives: the language, and the types and projects (empty: all)."""

    language: str
    release_types: list[str] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)

    def describe(self, projects=None):
        """The choices in words, in the active language, for pages and mails.

        `projects`: the chosen ProjectPages if already loaded, else they are fetched.
        """
        if projects is None:
            projects = ProjectPage.objects.filter(pk__in=self.project_ids).order_by("path")
        return {
            "language": dict(settings.LANGUAGES).get(self.language, self.language),
            "release_types": [str(ReleaseType(value).label) for value in self.release_types],
            "projects": [str(project) for project in projects],
        }

    def on_offer(self):
        """(release types, ProjectPages) of the choices still on offer; both may be empty.

        A project unpublished since the link was mailed, or a type no longer made, is left out.
        """
        types = [value for value in self.release_types if value in ReleaseType.values]
        projects = list(subscribable_projects().filter(pk__in=self.project_ids))
        return types, projects


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email):
        return self.filter(email__iexact=email)

    def confirm(self, email, choices):
        """Create the subscriber, or give an existing one these choices; returns it.

        Choices no longer on offer (a project unpublished since the mail was sent) are
        dropped; if no chosen project is left, the subscriber gets every release, as the
        page then says. Following the same link twice, even at once, leaves one subscriber.
        """
        types, projects = choices.on_offer()
        try:
            return self._save_choices(email, choices, types, projects)
        except IntegrityError:
            # Another request created the subscriber a moment ago: update that one.
            return self._save_choices(email, choices, types, projects)

    @transaction.atomic
    def _save_choices(self, email, choices, types, projects):
        subscriber = self.select_for_update().for_address(email).first()
        if subscriber is None:
            subscriber = self.model(email=email)
        subscriber.language = choices.language
        subscriber.release_types = types
        subscriber.all_projects = not projects
        subscriber.confirmed_at = timezone.now()
        subscriber.save()
        subscriber.projects.set(projects)
        return subscriber

    def matching_ids(self, release):
        """Pks of the subscribers whose choices cover `release`: its type and projects."""
        through = Subscriber.projects.through
        project_ids = [project.pk for project in release.projects.all()]
        chose_a_project = Exists(
            through.objects.filter(subscriber=OuterRef("pk"), projectpage__in=project_ids)
        )
        rows = self.filter(Q(all_projects=True) | chose_a_project).values_list(
            "pk", "release_types"
        )
        # JSON containment is not portable to SQLite; the type lists are short.
        return [pk for pk, types in rows if not types or release.release_type in types]


class Subscriber(models.Model):
    """An address whose owner confirmed they want releases by e-mail, and their choices."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    release_types = models.JSONField(
        _("types of release"),
        default=list,
        blank=True,
        help_text=_("Empty: every type."),
    )
    all_projects = models.BooleanField(
        _("all projects"),
        default=True,
        help_text=_("Releases on any project or none; otherwise only the chosen projects."),
    )
    projects = models.ManyToManyField(
        ProjectPage, verbose_name=_("projects"), blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    created_at = models.DateTimeField(_("first subscribed"), default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        verbose_name = _("e-mail subscriber")
        verbose_name_plural = _("e-mail subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriptions_unique_email"),
        ]

    def __str__(self):
        # Wagtail's action log keeps an object's name after deletion: not the whole address.
        local, _at, domain = self.email.partition("@")
        return f"{local[:2]}…@{domain}"

    @property
    def choices(self):
        project_ids = [] if self.all_projects else [p.pk for p in self.projects.all()]
        return Choices(self.language, list(self.release_types), project_ids)

    def _release_types_label(self):
        return ", ".join(str(ReleaseType(v).label) for v in self.release_types) or _("All")

    _release_types_label.short_description = _("types of release")
    release_types_label = property(_release_types_label)

    def _projects_label(self):
        if self.all_projects:
            return _("All")
        return ", ".join(project.acronym for project in self.projects.all()) or "–"

    _projects_label.short_description = _("projects")
    projects_label = property(_projects_label)


class ReleaseNotification(models.Model):
    """The record that a release has been announced: a release is announced only once."""

    release = models.OneToOneField(
        ReleasePage,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="subscriber_notification",
    )
    created_at = models.DateTimeField(_("announced"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("release announcement")
        verbose_name_plural = _("release announcements")

    def __str__(self):
        return str(self.release)


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def due(self, now):
        return self.pending().filter(next_attempt_at__lte=now)


class Delivery(models.Model):
    """One release mail to one subscriber: pending until sent, retried with back-off."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    release = models.ForeignKey(ReleasePage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set only when the mail server refused the message for good, many times over.
    failed_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("release mail")
        verbose_name_plural = _("release mails")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "release"], name="subscriptions_one_mail_per_release"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="subscriptions_pending_mails",
            ),
        ]

    def __str__(self):
        return f"{self.release} → {self.subscriber}"

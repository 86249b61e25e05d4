from django.core.management.base import BaseCommand, CommandError

from pirsote.core.embargo import refresh_media_privacy


class Command(BaseCommand):
    help = (
        "Recompute which images and documents are public (used by a page the public sees, a "
        "snippet shown publicly or free for media use) and which private, and move image "
        "files to or from the private prefix to match. Safe to run again; it reads Wagtail's "
        "reference index, so run rebuild_references_index first if that may be out of date."
    )

    def handle(self, *args, **options):
        changes = refresh_media_privacy()
        self.stdout.write(
            f"Made private: {changes.images_made_private} images, "
            f"{changes.documents_made_private} documents. "
            f"Made public: {changes.images_made_public} images, "
            f"{changes.documents_made_public} documents. "
            f"Stray renditions removed: {changes.stray_renditions_removed}."
        )
        summary = (
            f"Under embargo: {changes.images_under_embargo} images, "
            f"{changes.documents_under_embargo} documents."
        )
        if changes.failed:
            # What could not be decided or moved was left private; the log says why.
            raise CommandError(f"{summary} Some media could not be updated: see the log.")
        self.stdout.write(self.style.SUCCESS(summary))

from django.core.management.base import BaseCommand

from pirsote.core.rendition_signals import pregenerate


class Command(BaseCommand):
    help = (
        "Make every rendition the site shows (pirsote/core/renditions.py) for every image not "
        "under embargo: after a deploy that changes the list, after restoring or importing "
        "images. Safe to run again: existing renditions are kept."
    )

    def handle(self, *args, **options):
        images, made, failed = pregenerate()
        self.stdout.write(f"Renditions made: {made}, for {images} images.")
        if failed:
            self.stderr.write(
                self.style.WARNING(f"{failed} images failed: see the log for each one.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Every image has its renditions."))

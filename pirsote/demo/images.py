"""Demo images drawn with Pillow: no downloads, and the same bytes on every run."""

import io
import random

from PIL import Image, ImageDraw, ImageFont

# Pillow's built-in font has no "ä" or "ö": prefer a system font that has them.
FONT_FILES = {
    "regular": ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    "bold": ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}

INK = (23, 43, 77)
WHITE = (255, 255, 255)


def font(size, weight="regular"):
    for name in FONT_FILES[weight]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def to_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def wrap(draw, text, text_font, max_width):
    """Split text into lines that fit max_width pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=text_font) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fit(draw, texts, size, box_width, weight="regular", max_lines=3):
    """The largest font size up to size at which every text fits box_width in max_lines."""
    max_width = box_width - 40
    while size > 12:
        text_font = font(size, weight)
        if all(
            len(lines) <= max_lines
            and max(draw.textlength(line, font=text_font) for line in lines) <= max_width
            for lines in (wrap(draw, text, text_font, max_width) for text in texts)
        ):
            break
        size -= 2
    return size


def draw_centered(draw, box, text, size, fill, weight="regular", line_gap=8):
    """Wrapped text centred in box (left, top, right, bottom)."""
    left, top, right, bottom = box
    text_font = font(size, weight)
    lines = wrap(draw, text, text_font, right - left - 40)
    line_height = text_font.getbbox("Åg")[3] + line_gap
    y = top + (bottom - top - line_height * len(lines) + line_gap) / 2
    for line in lines:
        width = draw.textlength(line, font=text_font)
        draw.text((left + (right - left - width) / 2, y), line, font=text_font, fill=fill)
        y += line_height


def vision_diagram(title, organiser, services, items, size=(1600, 1000)):
    """The reform's vision: an organiser, multidisciplinary services and six promises."""
    width = size[0]
    image = Image.new("RGB", size, (241, 246, 251))
    draw = ImageDraw.Draw(image)

    draw.text((80, 56), title, font=font(60, "bold"), fill=INK)
    size = fit(draw, [organiser, services], 46, width - 160, "bold", max_lines=2)
    draw.rounded_rectangle((80, 160, width - 80, 290), radius=28, fill=(0, 94, 184))
    draw_centered(draw, (80, 160, width - 80, 290), organiser, size, WHITE, "bold")
    draw.rounded_rectangle((80, 320, width - 80, 450), radius=28, fill=(0, 133, 124))
    draw_centered(draw, (80, 320, width - 80, 450), services, size, WHITE, "bold")

    colours = [(255, 209, 102), (250, 172, 140), (168, 218, 220)]
    columns, gap = 3, 40
    box_width = (width - 160 - gap * (columns - 1)) // columns
    box_height = 220
    size = fit(draw, items, 38, box_width)
    for index, item in enumerate(items):
        row, column = divmod(index, columns)
        left = 80 + column * (box_width + gap)
        top = 500 + row * (box_height + gap)
        box = (left, top, left + box_width, top + box_height)
        draw.rounded_rectangle(box, radius=24, fill=colours[column % len(colours)])
        draw_centered(draw, box, item, size, INK)
    return to_png(image)


def abstract(seed, palette, size=(1200, 675)):
    """A calm abstract illustration of overlapping circles for listing cards."""
    rng = random.Random(seed)
    width, height = size
    background, *colours = palette
    image = Image.new("RGB", size, background)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(14):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        red, green, blue = rng.choice(colours)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(red, green, blue, 150))
    image.paste(layer, (0, 0), layer)
    return to_png(image)

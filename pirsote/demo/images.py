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


# Drawn illustrations: simple flat scenes, one per subject, for cards and release images.

SKIN = (241, 194, 160)
SKIN_DARK = (160, 110, 80)
WIDTH, HEIGHT = 1200, 675


def _person(draw, x, ground, height, colour, skin=SKIN, cane=False, child=False):
    """A standing figure with its feet on `ground`, centred on x."""
    head = height * (0.22 if child else 0.17)
    body_top = ground - height + head * 2
    body_width = height * 0.32
    draw.ellipse((x - head, ground - height, x + head, ground - height + head * 2), fill=skin)
    draw.rounded_rectangle(
        (x - body_width / 2, body_top + 6, x + body_width / 2, ground - height * 0.3),
        radius=body_width / 2.5,
        fill=colour,
    )
    leg = body_width * 0.18
    for offset in (-body_width / 4, body_width / 4):
        draw.rounded_rectangle(
            (x + offset - leg, ground - height * 0.36, x + offset + leg, ground),
            radius=leg,
            fill=INK,
        )
    if cane:
        draw.line(
            (x + body_width / 2 + 18, ground - height * 0.55, x + body_width / 2 + 30, ground),
            fill=(120, 80, 40),
            width=8,
        )


def _house(draw, left, ground, width, wall, roof, door=(23, 43, 77)):
    height = width * 0.7
    draw.rectangle((left, ground - height, left + width, ground), fill=wall)
    draw.polygon(
        [
            (left - 25, ground - height),
            (left + width / 2, ground - height - width * 0.45),
            (left + width + 25, ground - height),
        ],
        fill=roof,
    )
    draw.rectangle(
        (left + width * 0.4, ground - height * 0.5, left + width * 0.6, ground), fill=door
    )
    for window_left in (left + width * 0.1, left + width * 0.7):
        draw.rectangle(
            (window_left, ground - height * 0.8, window_left + width * 0.2, ground - height * 0.55),
            fill=WHITE,
        )


def _heart(draw, cx, cy, size, colour):
    draw.ellipse((cx - size, cy - size * 0.6, cx, cy + size * 0.4), fill=colour)
    draw.ellipse((cx, cy - size * 0.6, cx + size, cy + size * 0.4), fill=colour)
    draw.polygon(
        [(cx - size * 0.97, cy), (cx + size * 0.97, cy), (cx, cy + size * 1.1)], fill=colour
    )


def _bubble(draw, box, colour, tail_left=True):
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=(bottom - top) / 3, fill=colour)
    x = left + (right - left) * (0.25 if tail_left else 0.75)
    draw.polygon(
        [
            (x - 15, bottom - 2),
            (x + 15, bottom - 2),
            (x - 25 if tail_left else x + 25, bottom + 30),
        ],
        fill=colour,
    )
    for dot in range(3):
        cx = left + (right - left) * (0.3 + 0.2 * dot)
        cy = (top + bottom) / 2
        draw.ellipse((cx - 9, cy - 9, cx + 9, cy + 9), fill=WHITE)


def _cross(draw, cx, cy, size, colour):
    arm = size / 3
    draw.rectangle((cx - arm / 2, cy - size / 2, cx + arm / 2, cy + size / 2), fill=colour)
    draw.rectangle((cx - size / 2, cy - arm / 2, cx + size / 2, cy + arm / 2), fill=colour)


def _scene_centre(draw, p, ground):
    draw.rectangle((330, ground - 330, 870, ground), fill=WHITE)
    draw.rectangle((330, ground - 350, 870, ground - 320), fill=p[1])
    for row in range(2):
        for column in range(4):
            left = 370 + column * 125
            top = ground - 290 + row * 110
            draw.rectangle((left, top, left + 80, top + 70), fill=p[2])
    draw.rectangle((545, ground - 120, 655, ground), fill=p[1])
    draw.ellipse((540, ground - 470, 660, ground - 350), fill=WHITE)
    _cross(draw, 600, ground - 410, 80, p[3])
    _person(draw, 240, ground, 200, p[3])
    _person(draw, 960, ground, 180, p[1])
    _person(draw, 1030, ground, 120, p[2], child=True)


def _scene_network(draw, p, ground):
    nodes = [(200, 200), (420, 420), (600, 180), (800, 400), (1000, 220), (600, 520)]
    for a in nodes:
        for b in nodes:
            if a < b and abs(a[0] - b[0]) < 450:
                draw.line((*a, *b), fill=p[2], width=10)
    for index, (x, y) in enumerate(nodes):
        radius = 70 if index == 5 else 55
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=p[1 + index % 3])
    draw.rounded_rectangle((530, 465, 670, 560), radius=12, fill=WHITE)
    _cross(draw, 600, 512, 50, p[3])
    draw.rounded_rectangle((160, 165, 240, 235), radius=10, fill=WHITE)
    draw.rectangle((175, 180, 225, 215), fill=p[3])


def _scene_door(draw, p, ground):
    draw.rectangle((420, ground - 420, 780, ground), fill=p[1])
    draw.rectangle((480, ground - 360, 720, ground), fill=WHITE)
    draw.rectangle((500, ground - 340, 700, ground), fill=p[2])
    draw.ellipse((665, ground - 190, 685, ground - 170), fill=WHITE)
    draw.ellipse((560, ground - 560, 640, ground - 480), fill=p[3])
    draw.text((582, ground - 553), "1", font=font(60, "bold"), fill=WHITE)
    _person(draw, 300, ground, 230, p[3])
    _bubble(draw, (130, ground - 420, 330, ground - 300), p[2], tail_left=False)


def _scene_signpost(draw, p, ground):
    draw.rectangle((585, ground - 470, 615, ground), fill=INK)
    for index, (top, direction) in enumerate(
        ((ground - 450, 1), (ground - 350, -1), (ground - 250, 1))
    ):
        colour = p[1 + index]
        if direction > 0:
            draw.polygon(
                [(600, top), (820, top), (870, top + 40), (820, top + 80), (600, top + 80)],
                fill=colour,
            )
        else:
            draw.polygon(
                [(600, top), (380, top), (330, top + 40), (380, top + 80), (600, top + 80)],
                fill=colour,
            )
    _person(draw, 250, ground, 220, p[3])
    _person(draw, 950, ground, 230, p[1])


def _scene_team(draw, p, ground):
    draw.ellipse((380, ground - 120, 820, ground - 20), fill=p[2])
    for x, height, colour in (
        (300, 230, p[1]),
        (470, 250, p[3]),
        (730, 240, p[1]),
        (900, 225, p[3]),
    ):
        _person(draw, x, ground, height, colour, skin=SKIN if x % 2 else SKIN_DARK)
    _person(draw, 600, ground, 260, WHITE)
    _heart(draw, 600, ground - 360, 45, p[3])


def _scene_heart(draw, p, ground):
    _heart(draw, 600, 300, 170, p[1])
    _bubble(draw, (180, 120, 430, 240), p[2], tail_left=False)
    _bubble(draw, (770, 150, 1020, 270), p[3])
    _person(draw, 280, ground, 200, p[3])
    _person(draw, 920, ground, 200, p[2], skin=SKIN_DARK)


def _scene_video(draw, p, ground):
    draw.rounded_rectangle((300, 110, 900, 470), radius=24, fill=INK)
    draw.rectangle((330, 140, 870, 440), fill=p[1])
    draw.ellipse((545, 180, 655, 290), fill=SKIN)
    draw.rounded_rectangle((510, 300, 690, 440), radius=50, fill=WHITE)
    _cross(draw, 600, 370, 50, p[3])
    draw.polygon([(230, 470), (970, 470), (1030, 540), (170, 540)], fill=(120, 130, 145))
    draw.rounded_rectangle((960, 260, 1080, 480), radius=18, fill=INK)
    draw.rectangle((975, 285, 1065, 450), fill=p[2])
    draw.ellipse((1005, 320, 1035, 350), fill=SKIN)


def _scene_rehab(draw, p, ground):
    _house(draw, 640, ground, 380, WHITE, p[1])
    draw.line((140, ground - 130, 520, ground - 130), fill=p[3], width=12)
    for x in (160, 340, 500):
        draw.line((x, ground - 130, x, ground), fill=p[3], width=10)
    _person(draw, 300, ground, 230, p[2], cane=True, skin=(236, 205, 185))
    draw.rectangle((270, ground - 235, 330, ground - 215), fill=(230, 230, 235))
    _person(draw, 470, ground, 240, p[3], skin=SKIN_DARK)


def _scene_family(draw, p, ground):
    draw.ellipse((200, 90, 1000, 640), fill=p[2])
    _person(draw, 380, ground, 300, p[1])
    _person(draw, 820, ground, 290, p[3], skin=SKIN_DARK)
    _person(draw, 540, ground, 170, p[3], child=True)
    _person(draw, 670, ground, 140, p[1], child=True, skin=SKIN_DARK)
    _heart(draw, 600, 170, 45, WHITE)


def _scene_home(draw, p, ground):
    _house(draw, 380, ground, 440, WHITE, p[1])
    _heart(draw, 600, ground - 420, 45, p[3])
    _person(draw, 250, ground, 220, p[2], cane=True, skin=(236, 205, 185))
    draw.rectangle((220, ground - 225, 280, ground - 205), fill=(230, 230, 235))
    _person(draw, 960, ground, 230, p[3])
    draw.rounded_rectangle((990, ground - 160, 1070, ground - 90), radius=10, fill=p[1])


def _scene_climate(draw, p, ground):
    draw.arc((330, 80, 870, 620), start=200, end=330, fill=p[1], width=40)
    draw.arc((330, 80, 870, 620), start=20, end=150, fill=p[2], width=40)
    draw.polygon([(850, 190), (900, 300), (790, 280)], fill=p[1])
    draw.polygon([(350, 510), (300, 400), (410, 420)], fill=p[2])
    draw.ellipse((470, 200, 730, 500), fill=p[3])
    draw.line((510, 470, 700, 230), fill=WHITE, width=12)
    for step in range(3):
        y = 420 - step * 60
        x = 530 + step * 48
        draw.line((x, y, x - 40, y - 60), fill=WHITE, width=8)
        draw.line((x, y, x + 55, y - 15), fill=WHITE, width=8)


def _scene_podium(draw, p, ground):
    _person(draw, 600, ground, 420, p[2])  # behind the lectern
    draw.polygon(
        [(470, ground - 260), (730, ground - 260), (700, ground), (500, ground)], fill=p[1]
    )
    draw.rectangle((450, ground - 290, 750, ground - 250), fill=p[3])
    draw.ellipse((580, ground - 230, 620, ground - 190), fill=WHITE)
    draw.line((640, ground - 290, 660, ground - 380), fill=INK, width=8)
    draw.ellipse((650, ground - 400, 676, ground - 374), fill=INK)
    for x, colour in ((200, p[3]), (330, p[2]), (870, p[1]), (1000, p[3])):
        _person(draw, x, ground, 150, colour, skin=SKIN if x % 3 else SKIN_DARK)


def _scene_trophy(draw, p, ground):
    gold = (233, 180, 50)
    draw.pieslice((440, 60, 760, 380), start=0, end=180, fill=gold)
    draw.rectangle((440, 90, 760, 220), fill=gold)
    draw.arc((360, 110, 480, 260), start=90, end=270, fill=gold, width=22)
    draw.arc((720, 110, 840, 260), start=270, end=90, fill=gold, width=22)
    draw.rectangle((575, 370, 625, 460), fill=gold)
    draw.rectangle((500, 460, 700, 520), fill=p[1])
    draw.rectangle((460, 520, 740, 570), fill=p[3])
    draw.polygon(
        [
            (600, 150),
            (625, 205),
            (685, 210),
            (640, 250),
            (655, 310),
            (600, 280),
            (545, 310),
            (560, 250),
            (515, 210),
            (575, 205),
        ],
        fill=WHITE,
    )


def _scene_council(draw, p, ground):
    draw.rounded_rectangle((220, ground - 190, 980, ground - 130), radius=20, fill=p[1])
    for index, x in enumerate((300, 440, 580, 720, 860)):
        _person(draw, x, ground - 150, 190, p[2 + index % 2], skin=SKIN if index % 2 else SKIN_DARK)
    draw.rounded_rectangle((220, ground - 190, 980, ground - 130), radius=20, fill=p[1])
    draw.rectangle((260, ground - 130, 290, ground), fill=p[1])
    draw.rectangle((910, ground - 130, 940, ground), fill=p[1])
    draw.rectangle((530, 60, 670, 170), fill=WHITE, outline=INK, width=6)
    draw.line((555, 115, 590, 150, 645, 80), fill=p[3], width=12)


def _scene_chart(draw, p, ground):
    draw.line((220, ground, 1000, ground), fill=INK, width=8)
    for index, value in enumerate((180, 240, 300, 330, 380)):
        left = 260 + index * 145
        draw.rectangle((left, ground - value, left + 100, ground), fill=p[1 + index % 3])
        _person(draw, left + 50, ground - value - 10, 110, INK, child=index == 0)
    draw.line((230, ground - 260, 980, ground - 470), fill=p[3], width=10)
    draw.polygon([(990, ground - 475), (945, ground - 490), (960, ground - 445)], fill=p[3])


SCENES = {
    name.removeprefix("_scene_"): function
    for name, function in globals().items()
    if name.startswith("_scene_")
}


def illustration(scene, palette, size=(WIDTH, HEIGHT)):
    """A flat drawing of `scene` (a key of SCENES) in `palette`: background and three colours."""
    background, *colours = palette
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    ground = HEIGHT - 90
    draw.ellipse((-200, ground - 40, WIDTH + 200, HEIGHT + 400), fill=_mix(background, colours[0]))
    SCENES[scene](draw, [background, *colours], ground)
    if size != (WIDTH, HEIGHT):
        image = image.resize(size, Image.LANCZOS)
    return to_png(image)


def _mix(first, second, share=0.18):
    return tuple(round(a + (b - a) * share) for a, b in zip(first, second, strict=True))

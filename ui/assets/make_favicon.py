"""Draw the app's favicon, ui/assets/favicon.png: a white pulse line on an NHS-blue rounded square.

Run once after changing the drawing (``python ui/assets/make_favicon.py``); the PNG is committed, so the app never
draws or fetches it at run time. Drawn at four times the size and scaled down, for smooth edges.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 64
SCALE = 4
BLUE = "#005EB8"  # NHS blue, the theme's primary colour (.streamlit/config.toml)
WHITE = "#FFFFFF"
# The pulse line, in 64-pixel units: flat, a small bump, a tall spike, a dip, flat again.
PULSE = [(8, 34), (20, 34), (25, 27), (29, 34), (33, 34), (37, 14), (42, 48), (46, 34), (56, 34)]


def draw() -> Image.Image:
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * SCALE, fill=BLUE)
    points = [(x * SCALE, y * SCALE) for x, y in PULSE]
    pen.line(points, fill=WHITE, width=6 * SCALE, joint="curve")
    for x, y in (points[0], points[-1]):  # round ends
        r = 3 * SCALE
        pen.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    target = Path(__file__).with_name("favicon.png")
    draw().save(target, optimize=True)
    print(f"wrote {target}")

"""The page as signed beside the page as it is now, with what changed marked.

None of the reviewers' usual tools shows a modification after signing as a
picture. Both pages are rendered with PDFium (``pypdfium2``, annotations and
form fields drawn), compared pixel by pixel with Pillow, and the regions that
differ are outlined in red on both pictures — together with the areas the
structural comparison named (an annotation PDFium cannot draw still gets
its box). The signed revision is the file cut at the end of the signature's
byte range, rendered as the signer's software saw it.

Rendering a hostile file can take long or much memory: callers run this in
a guarded worker (``guard.GuardedVerifier.call``), never in a server thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from verify.textlayer import Box

DPI = 90
MAX_SIDE = 1600
"""Pixels on the long side at most (a poster-sized page is scaled down)."""
CELL = 6
"""Pixels per cell of the grid the differences are grouped on."""
THRESHOLD = 48
"""Grey-level difference below which two pixels count as the same (anti-aliasing)."""
PAD_CELLS = 2
MARK = (200, 0, 0)
HALO = (255, 255, 255)


@dataclass
class Difference:
    """Both pictures (PNG; ``None`` when the page is not in that version) and the marked boxes."""

    signed_png: bytes | None
    current_png: bytes | None
    boxes: list[Box] = field(default_factory=list)


def _render(data: bytes, index: int) -> Image.Image | None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if not 0 <= index < len(pdf):
            return None
        pdf.init_forms()
        page = pdf[index]
        width, height = page.get_size()
        scale = min(DPI / 72, MAX_SIDE / max(width, height, 1))
        bitmap = page.render(scale=scale, draw_annots=True, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        page.close()
        return image
    finally:
        pdf.close()


def _same_size(a: Image.Image, b: Image.Image) -> tuple[Image.Image, Image.Image]:
    width, height = max(a.width, b.width), max(a.height, b.height)

    def pad(image: Image.Image) -> Image.Image:
        if image.size == (width, height):
            return image
        canvas = Image.new("RGB", (width, height), "white")
        canvas.paste(image, (0, 0))
        return canvas

    return pad(a), pad(b)


def _changed_cells(a: Image.Image, b: Image.Image) -> tuple[set[tuple[int, int]], int, int]:
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    mask = diff.point(lambda v: 255 if v > THRESHOLD else 0)
    columns, rows = max(1, a.width // CELL), max(1, a.height // CELL)
    grid = mask.resize((columns, rows), Image.Resampling.BOX)
    pixels = grid.load()
    assert pixels is not None
    cells = {(x, y) for y in range(rows) for x in range(columns) if pixels[x, y]}
    return cells, columns, rows


def _regions(cells: set[tuple[int, int]], columns: int, rows: int) -> list[Box]:
    """Connected groups of changed cells (8-neighbours, a gap of PAD_CELLS bridged), as boxes."""
    boxes: list[Box] = []
    left = set(cells)
    while left:
        stack = [left.pop()]
        x0 = x1 = stack[0][0]
        y0 = y1 = stack[0][1]
        while stack:
            x, y = stack.pop()
            x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
            for dx in range(-PAD_CELLS, PAD_CELLS + 1):
                for dy in range(-PAD_CELLS, PAD_CELLS + 1):
                    neighbour = (x + dx, y + dy)
                    if neighbour in left:
                        left.remove(neighbour)
                        stack.append(neighbour)
        boxes.append(
            (
                max(0, x0 - 1) / columns,
                max(0, y0 - 1) / rows,
                min(columns, x1 + 2) / columns,
                min(rows, y1 + 2) / rows,
            )
        )
    return _merged(boxes)


def _merged(boxes: list[Box]) -> list[Box]:
    """Overlapping boxes joined, so one change is one outline."""
    result: list[Box] = []
    for box in sorted(boxes):
        for i, other in enumerate(result):
            if (
                box[0] <= other[2]
                and other[0] <= box[2]
                and box[1] <= other[3]
                and other[1] <= box[3]
            ):
                result[i] = (
                    min(box[0], other[0]),
                    min(box[1], other[1]),
                    max(box[2], other[2]),
                    max(box[3], other[3]),
                )
                break
        else:
            result.append(box)
    return result if len(result) == len(boxes) else _merged(result)


def _marked(image: Image.Image, boxes: list[Box], filled: list[Box] = ()) -> bytes:  # type: ignore[assignment]
    """``boxes`` outlined; ``filled`` (annotations located in the file's structure, which
    PDFium may not draw when they carry no appearance) also tinted, so they show."""
    if filled:
        tint = Image.new("RGBA", image.size, (0, 0, 0, 0))
        shade = ImageDraw.Draw(tint)
        for left, top, right, bottom in filled:
            shade.rectangle(
                (
                    left * image.width,
                    top * image.height,
                    right * image.width,
                    bottom * image.height,
                ),
                fill=(*MARK, 60),
            )
        image = Image.alpha_composite(image.convert("RGBA"), tint).convert("RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 300)
    for left, top, right, bottom in boxes:
        rect = (
            int(left * image.width),
            int(top * image.height),
            int(right * image.width) - 1,
            int(bottom * image.height) - 1,
        )
        draw.rectangle(rect, outline=HALO, width=width + 2)
        draw.rectangle(rect, outline=MARK, width=width)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def page_difference(
    path: Path,
    signed_length: int,
    page: int | None,
    signed_page: int | None,
    areas: list[list[float]],
) -> Difference:
    """Pictures of ``page`` (1-based, now) and ``signed_page`` (1-based, as signed), marked.

    ``areas``: boxes the structural comparison already located on the page
    (fractions), marked even where the pixels do not differ.
    """
    data = Path(path).read_bytes()
    current = _render(data, page - 1) if page is not None else None
    signed = _render(data[:signed_length], signed_page - 1) if signed_page is not None else None
    located: list[Box] = [tuple(a) for a in areas if len(a) == 4]  # type: ignore[misc]
    boxes = list(located)
    if current is not None and signed is not None:
        signed, current = _same_size(signed, current)
        boxes = _merged([*boxes, *_regions(*_changed_cells(signed, current))])
    elif current is not None or signed is not None:
        boxes = [(0.0, 0.0, 1.0, 1.0)]  # the whole page was added or removed
    return Difference(
        signed_png=_marked(signed, boxes) if signed is not None else None,
        current_png=_marked(current, boxes, located) if current is not None else None,
        boxes=boxes,
    )

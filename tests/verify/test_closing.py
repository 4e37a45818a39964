"""The signature block read from a scan's lines (``verify.closing``)."""

from __future__ import annotations

from verify.closing import read_closing
from verify.textlayer import Line, Word


def _line(text: str, x0: float, top: float, bottom: float) -> Line:
    words, x = [], x0
    for token in text.split():
        words.append(Word(token, x, x + 0.012 * len(token), top, bottom, None, 0.95))
        x += 0.012 * (len(token) + 1)
    return Line(text=text, x0=x0, x1=x, top=top, bottom=bottom, words=tuple(words))


def test_a_title_in_two_pieces_beside_the_recipients_is_read_left_to_right() -> None:
    """``PHÓ CHỦ TỊCH`` read as ``PHO`` and ``TỊCH`` (``CHỦ`` lost), the right piece's box a
    little taller: ``Như trên;`` of ``Nơi nhận`` shares a row with ``TỊCH`` on the page
    and not with ``PHO``, which the page's order put after it. The right column's lines
    in rows of their own give ``PHO TỊCH``, a title with a word lost."""
    lines = [
        _line("Nơi nhận:", 0.153, 0.4684, 0.4848),
        _line("KT. CHỦ TỊCH", 0.623, 0.4641, 0.4851),
        _line("Như trên;", 0.165, 0.4831, 0.4991),
        _line("TỊCH", 0.738, 0.4857, 0.5004),
        _line("PHO", 0.616, 0.4857, 0.4974),
        _line("Triệu Văn Thảo", 0.62, 0.5698, 0.5857),
    ]
    parts = read_closing(lines)
    assert parts.authority is not None and parts.authority.startswith("KT")
    assert [line.text for line in parts.title] == ["PHO", "TỊCH"]
    assert parts.name is not None and parts.name.text == "Triệu Văn Thảo"

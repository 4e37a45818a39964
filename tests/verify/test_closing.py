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


def test_an_authority_whose_tm_ocr_misread_stands_before_a_body() -> None:
    """``TA. ỦY BAN NHÂN DÂN``: two glyphs and a point before a collective body's name
    are ``TM.`` (thay mặt), which alone stands before one; the title is the line below."""
    lines = [
        _line("TA. ỦY BAN NHÂN DÂN", 0.57, 0.492, 0.508),
        _line("CHU TỊCH", 0.65, 0.514, 0.528),
        _line("Cầm Thị Cường", 0.62, 0.608, 0.624),
    ]
    parts = read_closing(lines)
    assert parts.authority == "TM. ỦY BAN NHÂN DÂN"
    assert [line.text for line in parts.title] == ["CHU TỊCH"]
    # before a title, two glyphs and a point are no authority: the title is read whole
    lines[0] = _line("TA. CHỦ TỊCH", 0.57, 0.492, 0.508)
    assert read_closing(lines).authority is None


def test_a_body_named_over_the_title_is_the_authority_whose_tm_ocr_lost() -> None:
    """``ỦY BAN NHÂN DÂN`` over ``CHỦ TỊCH``, its ``TM.`` lost: a signer's title never
    begins with a body's name, so the title is ``CHỦ TỊCH``."""
    lines = [
        _line("ỦY BAN NHÂN DÂN", 0.60, 0.087, 0.103),
        _line("CHỦ TỊCH", 0.63, 0.109, 0.125),
        _line("Hoàng Văn Khánh", 0.59, 0.228, 0.244),
    ]
    parts = read_closing(lines)
    assert parts.authority == "TM. ỦY BAN NHÂN DÂN"
    assert [line.text for line in parts.title] == ["CHỦ TỊCH"]
    # a title that names its body after it is the title, all of it
    lines[0] = _line("CHỦ TỊCH ỦY BAN NHÂN DÂN", 0.58, 0.087, 0.103)
    lines[1] = _line("XÃ TRUNG CHÍNH", 0.62, 0.109, 0.125)
    parts = read_closing(lines)
    assert parts.authority is None and len(parts.title) == 2


def test_an_authority_whose_point_ocr_lost_heads_the_title() -> None:
    """``KT CHỦ TỊCH`` over ``PHÓ CHỦ TỊCH``: no signer's title begins with ``KT``, so the
    first line is the authority, its point lost, and the title is the line below. A
    title line alone that begins with ``KT`` is left as read."""
    lines = [
        _line("KT CHỦ TỊCH", 0.61, 0.529, 0.545),
        _line("PHÓ CHỦ TỊCH", 0.60, 0.552, 0.568),
        _line("Huỳnh Văn Phượng", 0.57, 0.648, 0.664),
    ]
    parts = read_closing(lines)
    assert parts.authority == "KT. CHỦ TỊCH"
    assert [line.text for line in parts.title] == ["PHÓ CHỦ TỊCH"]
    alone = read_closing([lines[0], lines[2]])
    assert alone.authority is None
    assert [line.text for line in alone.title] == ["KT CHỦ TỊCH"]

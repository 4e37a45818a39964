"""Positioned lines of the first and last page, from the text layer or by OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.admin_pdf import make_admin_pdf, make_scanned_pdf
from verify.errors import InputFileError
from verify.textlayer import TextOptions, Word, build_lines, ocr_available, read_document

LONG_BODY = tuple(
    f"Nội dung {i}. Ủy ban nhân dân xã triển khai các nhiệm vụ chuyển đổi số theo kế hoạch "
    "của huyện, bảo đảm tiến độ và chất lượng, báo cáo kết quả định kỳ hằng quý."
    for i in range(1, 40)
)


def test_header_columns_are_separate_lines(tmp_path: Path) -> None:
    """Words of the agency and of the national title on one baseline are two lines, not one."""
    path = tmp_path / "doc.pdf"
    make_admin_pdf(path)
    first = read_document(path).first
    assert first is not None and first.source == "text"
    texts = [line.text for line in first.lines]
    assert "UBND HUYỆN VĂN CHẤN" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Số: 15/QĐ-UBND" in texts
    title = next(line for line in first.lines if line.text.startswith("CỘNG HÒA"))
    agency = next(line for line in first.lines if line.text == "UBND HUYỆN VĂN CHẤN")
    assert agency.x1 < title.x0
    assert title.bold and not agency.bold


def _heavy_stems(source: Path, target: Path) -> None:
    """``source`` with every font's ``/StemV`` heavy (PDFium then reports a weight of
    740–940, as it does for Chromium's Noto and FreeSerif) and the bold font renamed
    without its style (``AAAAAA+Heading``)."""
    import pypdf
    from pypdf.generic import NameObject, NumberObject

    writer = pypdf.PdfWriter(clone_from=source)
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            continue
        descriptor = descriptor.get_object()
        bold = "-Bold" in str(font["/BaseFont"])
        descriptor[NameObject("/StemV")] = NumberObject(200 if bold else 150)
        if bold and "Italic" not in str(font["/BaseFont"]):
            font[NameObject("/BaseFont")] = NameObject("/AAAAAA+Heading")
            descriptor[NameObject("/FontName")] = NameObject("/AAAAAA+Heading")
    writer.write(target)


def test_bold_is_relative_to_the_body_when_names_say_no_style(tmp_path: Path) -> None:
    """A font whose name says no style is bold only when heavier than 600 and not the face
    the body is set in: PDFium derives the weight from ``/StemV`` when the descriptor
    has no ``/FontWeight``, and some producers' StemV makes a regular face look heavy."""
    made = tmp_path / "made.pdf"
    make_admin_pdf(made)
    path = tmp_path / "heavy.pdf"
    _heavy_stems(made, path)
    first = read_document(path).first
    assert first is not None
    title = next(line for line in first.lines if line.text.startswith("CỘNG HÒA"))
    agency = next(line for line in first.lines if line.text == "UBND HUYỆN VĂN CHẤN")
    assert title.bold and not agency.bold


def test_rules_under_agency_and_motto(tmp_path: Path) -> None:
    """The short rules of the header are found, as horizontal lines under the text."""
    path = tmp_path / "doc.pdf"
    make_admin_pdf(path)
    first = read_document(path).first
    assert first is not None
    assert len([rule for rule in first.rules if rule.y < 0.15]) == 2


def test_first_and_last_page_of_a_long_document(tmp_path: Path) -> None:
    """Only the first and the last page are read; the signature block is on the last."""
    path = tmp_path / "long.pdf"
    make_admin_pdf(path, body_paragraphs=LONG_BODY)
    document = read_document(path)
    assert document.page_count >= 2
    assert document.first is not None and document.last is not None
    assert document.first.index == 0 and document.last.index == document.page_count - 1
    assert "Hoàng Văn Minh" in document.last.text
    assert "Hoàng Văn Minh" not in document.first.text


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A file that cannot be opened is the one case that raises."""
    with pytest.raises(InputFileError):
        read_document(tmp_path / "absent.pdf")


def test_truncated_pdf_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    """A cut-off PDF gives no text and a TEXT_UNREADABLE problem, never a crash."""
    path = tmp_path / "half.pdf"
    data = make_admin_pdf(None)
    path.write_bytes(data[: len(data) // 2])
    document = read_document(path)
    assert document.first is None
    assert [p.code for p in document.problems] == ["TEXT_UNREADABLE"]


def test_scan_without_ocr_has_no_text(tmp_path: Path) -> None:
    """With OCR switched off, a scan's page is read as empty and marked as text layer."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=100)
    document = read_document(path, TextOptions(ocr=False))
    assert document.first is not None and document.first.lines == ()
    assert document.source == "text"


def test_ocr_unavailable_is_reported(tmp_path: Path) -> None:
    """A scan with no Tesseract model for the language says what to install."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=100)
    document = read_document(path, TextOptions(ocr_language="xx-no-such-model"))
    assert [p.code for p in document.problems] == ["OCR_UNAVAILABLE"]
    assert "tesseract-ocr-vie" in document.problems[0].message


@pytest.mark.tesseract
@pytest.mark.skipif(not ocr_available("vie"), reason="Tesseract with the Vietnamese model absent")
def test_ocr_reads_a_scan_with_bounded_rendering(tmp_path: Path) -> None:
    """A scan is OCR'd, even when the pixel cap forces a lower resolution than asked."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=200)
    # 2.5 million pixels: about 130 dpi on A4, less than the 300 dpi asked for.
    document = read_document(path, TextOptions(ocr_dpi=300, max_render_pixels=2_500_000))
    assert document.source == "ocr"
    assert document.first is not None
    texts = [line.text for line in document.first.lines]
    assert any("QUYẾT ĐỊNH" in text for text in texts)
    assert any("Tân Thịnh" in text and "2024" in text for text in texts)


@pytest.mark.tesseract
@pytest.mark.skipif(not ocr_available("vie"), reason="Tesseract with the Vietnamese model absent")
def test_ocr_timeout_is_a_problem(tmp_path: Path) -> None:
    """An OCR call over its time limit is reported, not waited for."""
    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=200)
    document = read_document(path, TextOptions(ocr_timeout_seconds=0.01))
    assert [p.code for p in document.problems] == ["OCR_TIMEOUT"]


@pytest.mark.parametrize(("dpi", "read_at"), [(100, 100 * 5 / 3), (200, 250)])
def test_a_scan_is_enlarged_to_250_dpi_but_not_past_five_thirds(
    tmp_path: Path, dpi: int, read_at: float
) -> None:
    """A 200 dpi scan is read at 250 dpi; a 100 dpi one at 167, not 250: enlarged past
    about 5/3, letters lose their marks (measured: 372/441 fields against 410/441)."""
    from verify.ocr import render

    path = tmp_path / "scan.pdf"
    make_scanned_pdf(path, dpi=dpi)
    image = render(path, 0, TextOptions(), native=dpi)
    a4_width_inches = 210 / 25.4
    assert image.width == pytest.approx(a4_width_inches * read_at, rel=0.01)


def _words(
    text: str, x0: float, top: float, height: float = 0.016, confidence: float = 0.9
) -> list[Word]:
    words, x = [], x0
    for token in text.split():
        words.append(Word(token, x, x + 0.012 * len(token), top, top + height, None, confidence))
        x += 0.012 * (len(token) + 1)
    return words


def test_one_printed_line_tesseract_read_as_two_is_read_left_to_right() -> None:
    """On a scan skewed by a degree Tesseract read ``PHÓ GIÁM ĐỐC`` as two text lines,
    ``PHÓ`` a little lower than ``GIÁM ĐỐC`` to its right: one row, read from the left.
    A seal's tall ghost beside two title lines does not make them one row."""
    rows = [
        _words("KT. GIÁM ĐỐC", 0.63, 0.634),
        # Tesseract's boxes: the left column's line starts between the two pieces
        _words("GIÁM ĐỐC", 0.71, 0.654, height=0.018),
        _words("PHÓ", 0.63, 0.656),
        _words("Như trên;", 0.17, 0.655, height=0.013),
        _words("ĐỘNG", 0.45, 0.625, height=0.06),
    ]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == [
        "ĐỘNG",
        "KT. GIÁM ĐỐC",
        "PHÓ",
        "GIÁM ĐỐC",
        "Như trên;",
    ]


def test_lines_one_under_the_other_stay_so_where_ocr_boxes_swell() -> None:
    """At 100 dpi Tesseract's boxes of a type name and the subject under it overlap by
    half: two rows still, the type first, though the subject starts further left."""
    rows = [
        _words("Tình hình thực hiện chuyển đổi số", 0.09, 0.196, height=0.04),
        _words("BÁO CÁO", 0.44, 0.179, height=0.038),
    ]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == ["BÁO CÁO", "Tình hình thực hiện chuyển đổi số"]


def test_pieces_of_one_printed_line_side_by_side_are_one_line() -> None:
    """On a skewed scan Tesseract read the type name ``THÔNG BÁO`` as two text lines,
    ``TH`` and ``ÔNG BÁO``, touching: one line, as if read as one. Pieces a column's gap
    apart stay two lines (the header's columns)."""
    rows = [
        _words("UBND HUYỆN MÊ LINH", 0.17, 0.056),
        _words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.49, 0.056),
        _words("TH", 0.443, 0.136),
        _words("ÔNG BÁO", 0.476, 0.133),
    ]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == [
        "UBND HUYỆN MÊ LINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TH ÔNG BÁO",
    ]
    assert [w.text for w in lines[2].words] == ["TH", "ÔNG", "BÁO"]


def test_ink_read_a_second_time_inside_a_line_is_no_line() -> None:
    """On a blurred, skewed scan Tesseract read part of the agency's line a second time,
    ``N DÀN HU`` in a swollen box over ``ỦY BAN NHÂN DÂN HUYỆN VĂN YÊN``, and part of the
    motto, doubting some of those words: no lines of the page (the first had joined the
    parent's name). A word of the line under it, a seal's tall ghost beside the lines,
    and a stacked header's number line over the national title's swollen box, at the
    same margin but read surely, stay."""
    rows = [
        _words("UBND TỈNH YÊN BÁI", 0.166, 0.056),
        _words("N DÀN HU", 0.207, 0.0774, height=0.025, confidence=0.28),
        _words("lụ do Hạnh pht", 0.657, 0.0753, height=0.026, confidence=0.44),
        _words("ỦY BAN NHÂN DÂN HUYỆN VĂN YÊN", 0.08, 0.0763, height=0.018),
        _words("Độc lập Tự do Hạnh phúc", 0.554, 0.0778),
        _words("VĂN", 0.2, 0.097),
        _words("ĐỘNG", 0.45, 0.05, height=0.06),
        _words("Số: 2085/BB-STTTT", 0.137, 0.1131, height=0.0196),
        _words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.137, 0.1179, height=0.0308),
    ]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == [
        "ĐỘNG",
        "UBND TỈNH YÊN BÁI",
        "ỦY BAN NHÂN DÂN HUYỆN VĂN YÊN",
        "Độc lập Tự do Hạnh phúc",
        "VĂN",
        "Số: 2085/BB-STTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]


def test_a_glyph_or_two_read_again_inside_a_line_is_no_line_however_sure() -> None:
    """``lồ``, read surely a second time from the ``ồ`` of ``đồng`` inside a subject's line,
    lies within that line's stretch of the row: no line of the page, nor is ``HOG``, no
    syllable. A syllable of three letters or more so read (``Phòng``), or a number, stays."""
    subject = "Về việc kiện toàn Tổ công nghệ số cộng đồng xã Hoàng Thu Phố"
    rows = [_words(subject, 0.18, 0.150, height=0.018), _words("lồ", 0.57, 0.149, height=0.02)]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == [subject]
    rows[1] = _words("HOG", 0.57, 0.149, height=0.02, confidence=0.89)  # no syllable
    assert [line.text for line in build_lines([], aspect=1.41, rows=rows)] == [subject]
    rows[1] = _words("Phòng", 0.57, 0.149, height=0.02, confidence=0.95)
    assert len(build_lines([], aspect=1.41, rows=rows)) == 2
    rows[1] = _words("2024", 0.57, 0.149, height=0.02, confidence=0.95)
    assert len(build_lines([], aspect=1.41, rows=rows)) == 2


def test_a_speck_read_with_a_second_reading_does_not_hide_it() -> None:
    """``J TI`` over ``CHỦ ỊCH``: a second reading of the title's ink, its box swollen
    above by a speck read as ``J``. Its words of two letters or more lie within the
    title's row; the speck does not make it a line of its own."""
    speck = Word("J", 0.688, 0.700, 0.6109, 0.6138, None, 0.53)
    rows = [
        _words("TM. ỦY BAN NHÂN DÂN", 0.582, 0.5942),
        [*_words("CHỦ ỊCH", 0.651, 0.6135, height=0.0145, confidence=0.84)],
        [speck, Word("TI", 0.705, 0.722, 0.6136, 0.6257, None, 0.62)],
    ]
    lines = build_lines([], aspect=1.41, rows=rows)
    assert [line.text for line in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ ỊCH"]


def _tesseract(*tokens: tuple[str, int, int, int, int, float, int]) -> dict[str, list]:
    """Tesseract's ``image_to_data`` for tokens (text, left, top, width, height, confidence
    in percent, line number), all in block 1, paragraph 1."""
    data: dict[str, list] = {
        key: []
        for key in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num")
    }
    data["line_num"] = []
    for text, left, top, width, height, conf, line in tokens:
        for key, value in zip(
            ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num"),
            (text, left, top, width, height, conf, 1, 1, line),
            strict=True,
        ):
            data[key].append(value)
    return data


def test_a_short_word_tesseract_hardly_believes_is_kept_when_its_line_vouches_for_it() -> None:
    """``UBND HUYỆN TÂN PHÚ`` with ``TÂN`` and ``PHÚ`` at 3 % (a speck swelled their boxes):
    capitals of syllables, as tall as the line's sure capitals, are words, kept doubted.
    A speck read as a short token stays out: not a syllable, not in capitals, or in a
    line of lower case."""
    from verify.ocr import _words

    data = _tesseract(
        ("UBND", 365, 234, 132, 34, 91, 1),
        ("HUYỆN", 517, 225, 163, 50, 96, 1),
        ("TÂN", 697, 225, 92, 43, 3, 1),
        ("PHÚ", 809, 226, 96, 43, 3, 1),
        ("II", 900, 230, 40, 40, 5, 1),  # no syllable
        ("ta", 950, 230, 40, 40, 5, 1),  # lower case among capitals
        ("Căn", 300, 400, 90, 40, 96, 2),
        ("cứ", 400, 400, 60, 40, 96, 2),
        ("Luật", 470, 400, 100, 40, 96, 2),
        ("TỔ", 580, 400, 70, 40, 4, 2),  # capitals among lower case
    )
    rows, _tilt = _words(data, 2000, 2800)
    kept = {word.text: word.confidence for row in rows for word in row}
    assert kept["TÂN"] == kept["PHÚ"] == 0.03
    assert not {"II", "ta", "TỔ"} & set(kept)
    assert {"UBND", "HUYỆN", "Căn", "cứ", "Luật"} <= set(kept)


def test_a_word_is_too_narrow_for_its_letters_not_for_its_signs() -> None:
    """A doubted token far narrower than its letters need is a rule or a speck read as
    text; a quote glued to a name (``'Lê``, 54 %) is thin itself and counts for none:
    ``Lê`` keeps its width and stays. ``Lê`` read in a sliver is no word, nor is a sign
    and one letter (``‹c``: a speck, however thin the sign)."""
    from verify.ocr import _words

    data = _tesseract(
        ("'Lê", 1225, 926, 50, 58, 54, 1),
        ("Thanh", 1293, 926, 102, 58, 96, 1),
        ("Ứng", 1409, 931, 79, 49, 95, 1),
        ("Lê", 1600, 926, 20, 58, 54, 2),
        ("‹c", 1700, 926, 25, 58, 50, 2),
    )
    rows, _tilt = _words(data, 2000, 2800)
    assert [[word.text for word in row] for row in rows] == [["'Lê", "Thanh", "Ứng"]]


def test_a_second_reading_and_a_row_of_dwarfs_are_no_words() -> None:
    """Tesseract read ``CHỦ TỊCH`` twice, as ``CHỦ TỊ`` in one line and ``CH`` … ``CH`` in
    another, the first ``CH`` within ``CHỦ``: that ``CH`` is left out, the second kept (it
    is the end of ``TỊCH``). Over a subject it read a row of dust as a line of tokens a
    quarter of a word's height (``cai``, ``nần``): those are no words either, but a word
    of full height Tesseract put in that line is (``2025``). A rule read
    as ``“ANH`` over ``DÂN``, doubted, is no reading of ``DÂN``, which stays."""
    from verify.ocr import _words

    sure = [("Căn", 300, 1060, 70, 34, 96, 9), ("cứ", 380, 1060, 50, 36, 96, 9)]
    sure += [("Luật", 440, 1058, 80, 40, 96, 9), ("Tổ", 530, 1060, 50, 38, 96, 9)]
    data = _tesseract(
        ("CH", 1189, 2196, 58, 32, 90, 1),
        ("CH", 1327, 2197, 62, 46, 91, 1),
        ("CHỦ", 1195, 2198, 82, 39, 87, 2),
        ("TỊ", 1289, 2200, 39, 37, 89, 2),
        ("cai", 579, 909, 132, 10, 80, 3),
        ("nần", 748, 904, 15, 8, 70, 3),
        ("2025", 1300, 890, 90, 36, 96, 3),  # a year wrapped beside the dust: a word
        ("V/v", 327, 921, 61, 30, 86, 4),
        ("đôn", 402, 917, 62, 33, 96, 4),
        ("DÂN", 426, 1208, 86, 36, 96, 5),
        ("“ANH", 418, 1217, 97, 58, 19, 6),
        *sure,
    )
    rows, _tilt = _words(data, 2000, 2800)
    texts = sorted(word.text for row in rows for word in row)
    kept = ["CH", "CHỦ", "TỊ", "V/v", "đôn", "DÂN", "“ANH", "2025", "Căn", "cứ", "Luật", "Tổ"]
    assert texts == sorted(kept)
    kept_ch = next(w for row in rows for w in row if w.text == "CH")
    assert kept_ch.x0 == 1327 / 2000


@pytest.mark.parametrize(
    ("frames", "read", "found"),
    [
        (["2023", "2023"], "3033", "2023"),  # two frames agree
        (["2023", "2033"], "3033", None),  # they differ: no third frame decides
        ([None, "2023", "2023"], "3033", "2023"),  # a frame with nothing that holds gives way
        ([None, None, "2023"], "3033", None),  # one reading alone
        (["3033"], "3033", None),  # the page's reading confirmed
    ],
)
def test_a_second_look_takes_what_two_frames_read_alike(
    monkeypatch: pytest.MonkeyPatch, frames: list[str | None], read: str, found: str | None
) -> None:
    """The digits of a box read alone overrule the page's reading only when the first two
    frames in which they hold agree; the widest frame may catch a rule or dust and hold
    nothing, and then the next, tighter one reads in its place."""
    from verify import ocr

    margins: list[float] = []

    def digits_in(
        _path: Path, _index: int, _options: object, _box: object, margin: float, *_: object
    ) -> str | None:
        margins.append(margin)
        return frames[len(margins) - 1]

    monkeypatch.setattr(ocr, "_digits_in", digits_in)
    box = (0.8, 0.15, 0.84, 0.16)
    assert ocr.digits_read_alone(Path("x.pdf"), 0, TextOptions(), box, r"\d{4}", read) == found
    assert margins == list(ocr._FRAMES[: len(frames)])


def test_digits_are_read_alone_with_the_english_model_when_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A few digits cut from a rough scan are read with Tesseract's English model (it reads
    an italic ``11`` the Vietnamese one loses); without it, with the page's model."""
    from verify import ocr

    options = TextOptions()
    monkeypatch.setattr(ocr, "ocr_available", lambda language="vie": True)
    assert ocr._digits_language(options) == "eng"
    monkeypatch.setattr(ocr, "ocr_available", lambda language="vie": language == "vie")
    assert ocr._digits_language(options) == "vie"

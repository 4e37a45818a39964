"""Vietnamese text knowledge: syllables, glued words, debris, fixed phrases."""

from __future__ import annotations

import pytest

from verify.lexicon import restore_diacritics, restore_surname, with_lost_word
from verify.vntext import (
    clean_value,
    complete_circumflex,
    has_foreign_letter,
    is_syllable,
    k_before_front_vowel,
    respace,
    undouble_vowels,
)


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("XÃTRÚCSƠN", "XÃ TRÚC SƠN"),
        ("UBNDHUYỆNCƯJÚT", "UBND HUYỆN CƯ JÚT"),
        ("NGHĨATÂM", "NGHĨA TÂM"),
        ("LêVănThanh", "Lê Văn Thanh"),
        ("Độclập", "Độc lập"),
        ("THỊNH", "THỊNH"),
        ("HUYEN", "HUYEN"),  # a syllable OCR read without its marks stays whole
        ("ƯBNDTỈNH", "UBND TỈNH"),  # an abbreviation OCR gave a mark it never has
        ("ƯBND", "UBND"),
        # ``DÂ NHUYỆN`` cuts as many pieces, but no syllable ends with ``â``
        ("DÂNHUYỆN", "DÂN HUYỆN"),
        ("TIỀNHẢI", "TIỀN HẢI"),
    ],
)
def test_glued_syllables_are_cut_back(glued: str, spaced: str) -> None:
    """OCR of tight print glues syllables; the only valid reading puts the spaces back."""
    assert respace(glued) == spaced


@pytest.mark.parametrize(
    "word", ["wifi", "online", "camera", "Zalo", "Youtube", "TikTok", "fanpage"]
)
def test_loanwords_as_written_are_never_cut(word: str) -> None:
    """Subjects of digital-transformation documents are full of loanwords that look like
    glued syllables (``on li ne``): running text in plain ASCII is kept as written."""
    assert respace(word) == word
    assert clean_value(f"Triển khai {word} công cộng") == f"Triển khai {word} công cộng"


def test_a_closing_bracket_that_balances_the_value_is_kept() -> None:
    """Only unbalanced brackets at the ends are debris (an acronym in brackets ends many
    subjects)."""
    assert (
        clean_value("Cổng dịch vụ công quốc gia (DVCQG).") == "Cổng dịch vụ công quốc gia (DVCQG)"
    )
    assert clean_value("_UBND TỈNH)") == "UBND TỈNH"
    assert clean_value("Ban Chỉ đạo (BCĐ) xã |") == "Ban Chỉ đạo (BCĐ) xã"


def test_syllable_rules() -> None:
    """Onset, nucleus, coda, and a stop coda only with sắc or nặng."""
    assert all(is_syllable(s) for s in ("nghiêng", "khuyến", "người", "được", "Krông", "gì"))
    assert not any(is_syllable(s) for s in ("xãt", "gninhh", "tbubnd"))


def test_debris_is_removed() -> None:
    """Underscores, bars, quotes and dust around and inside a value go; words stay."""
    assert clean_value("_UBNDTỈNHTHANHHÓA _") == "UBND TỈNH THANH HÓA"
    assert clean_value("'ỦY BAN NHÂN DÂN | XÃ QUẢNG NINH,.") == "ỦY BAN NHÂN DÂN XÃ QUẢNG NINH"


def test_fixed_phrases_get_their_tone_marks_back() -> None:
    """Only whole known phrases are rewritten; names and lone words are left alone."""
    assert restore_diacritics("triển khai chuyến đối số năm 2025") == (
        "triển khai chuyển đổi số năm 2025"
    )
    assert restore_diacritics("Về việc thanh lập Ban") == "Về việc thành lập Ban"
    assert restore_diacritics("công nhận xã đạt chuấn chuyển đổi số") == (
        "công nhận xã đạt chuẩn chuyển đổi số"
    )
    assert restore_diacritics("đất chuẩn bị cho dự án") == "đất chuẩn bị cho dự án"
    assert restore_diacritics("Kiếm tra kết quả") == "Kiểm tra kết quả"
    assert restore_diacritics("Tinh hình thực hiện") == "Tình hình thực hiện"
    assert restore_diacritics("đồn đốc triển khai") == "đôn đốc triển khai"
    assert restore_diacritics("Về việc kiện toán Tổ") == "Về việc kiện toàn Tổ"
    assert restore_diacritics("Lê Văn Thanh; số tại huyện") == "Lê Văn Thanh; số tại huyện"
    # an ``o`` OCR read as a zero among a word's letters: the phrase's word replaces it
    assert restore_diacritics("triển khai nên tảng s0 tại tỉnh") == (
        "triển khai nền tảng số tại tỉnh"
    )
    assert restore_diacritics("xã A0 Lưới") == "xã A0 Lưới"  # in no phrase: as read
    # a D read with the bar of a Đ: the phrase's word replaces it
    assert restore_diacritics("Đự hội nghị sơ kết") == "Dự hội nghị sơ kết"


def test_a_phrase_of_three_words_with_one_vowel_misread_is_restored() -> None:
    """``nần tảng số``: Tesseract read ``ề`` as ``ầ``, a vowel for another, which no mark
    explains; in a phrase of three words or more the other two words tell. A shorter
    phrase, or a word of two letters, is left as read."""
    assert restore_diacritics("triển khai nần tảng số tại huyện") == (
        "triển khai nền tảng số tại huyện"
    )
    assert restore_diacritics("ỦY BEN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"
    assert restore_diacritics("kinh tế sa sút") == "kinh tế sa sút"
    assert restore_diacritics("nần tảng") == "nần tảng"


def test_letters_vietnamese_does_not_write() -> None:
    assert has_foreign_letter("ÖÒ") and has_foreign_letter("TÏNH") and has_foreign_letter("2Š")
    assert not any(map(has_foreign_letter, ["Ửng", "ĐẮK", "M'Đrắk", "KH", "quyết", "1/2"]))


def test_the_word_before_a_year_is_nam() -> None:
    """``nắm 2024``: before a year, ``nam`` with a mark other than the breve is ``năm``
    misread; bare ``nam`` is a word and the end of place names, so it is left."""
    assert restore_diacritics("xã Vạn Yên nắm 2024") == "xã Vạn Yên năm 2024"
    assert restore_diacritics("KẾ HOẠCH NẰM 2025") == "KẾ HOẠCH NĂM 2025"
    assert restore_diacritics("tỉnh Quảng Nam 2024") == "tỉnh Quảng Nam 2024"
    assert restore_diacritics("phía nam 2024") == "phía nam 2024"
    assert restore_diacritics("nấm 20245") == "nấm 20245"


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("HUYỆN ĐẶẮK HÀ", "HUYỆN ĐẮK HÀ"),  # the second glyph carries the whole mark
        ("TRUYỂÊN", "TRUYỂN"),  # the one with a tone is kept
        ("Aá", "Á"),  # in the case of the first
        ("TRUYEÊN", "TRUYÊN"),  # the first glyph without the circumflex
        # a piece of a mark read as one Vietnamese does not write: the other is kept
        ("VÏĨNH", "VĨNH"),
        ("KNIÏA", "KNIA"),
        ("cứu, hưu trí", "cứu, hưu trí"),  # ``ưu``: the marked vowel first is a syllable's
        ("xoong, soóc", "xoong, soóc"),  # ``oo`` is written so
        ("feedback, ưu tiên, Hòa An", "feedback, ưu tiên, Hòa An"),  # no OCR double here
    ],
)
def test_a_vowel_read_twice_is_written_once(read: str, written: str) -> None:
    """Tesseract sometimes reads a vowel under stacked marks as two glyphs; no Vietnamese
    syllable writes one vowel twice."""
    assert undouble_vowels(read) == written


def test_a_phrase_word_split_at_a_doubled_vowel_is_joined() -> None:
    """``TRUYỂ ÊN`` is one word when joined it completes a known phrase; two words that
    merely meet at the same vowel elsewhere stay two."""
    assert restore_diacritics("SỞ THÔNG TIN VÀ TRUYỂ ÊN THÔNG") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert restore_diacritics("GIAM ĐOỌC") == "GIÁM ĐỐC"  # ``o`` read twice, in a phrase
    assert restore_diacritics("SỞ THÔNG TIN VÀ TRUYE ÊN THÔNG") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert restore_diacritics("UBND xã Hòa An") == "UBND xã Hòa An"
    assert restore_diacritics("KẾT QUẢ Ả") == "KẾT QUẢ Ả"  # a phrase already: nothing split
    assert restore_diacritics("Bà Ánh, thông tin") == "Bà Ánh, thông tin"


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("Định Văn Khải", "Đinh Văn Khải"),  # no family name is Định: Đinh's letters
        ("ĐỈNH VĂN KHẢI", "ĐINH VĂN KHẢI"),
        ("Lế Thị Hoa", "Lê Thị Hoa"),
        ("Lương Văn An", "Lương Văn An"),  # a family name as read stays
        ("Lưỡng Văn An", "Lưỡng Văn An"),  # Lương or Lường: not guessed
        ("Ưng Thị Đức", "Ưng Thị Đức"),  # a family name of its own, not Ứng's
        ("Ừng Thị Đức", "Ừng Thị Đức"),  # Ưng or Ứng: not guessed
        ("Vũ Đúc Thắng", "Vũ Đúc Thắng"),  # given names are left as read
    ],
)
def test_a_family_name_ocr_misread_by_a_tone_mark(read: str, written: str) -> None:
    """A signer's full name starts with a family name, a short closed list."""
    assert restore_surname(read) == written


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("XÃ HIẸP THẠNH", "XÃ HIỆP THẠNH"),  # iê before a final, its tone kept by OCR
        ("khuyén nghị", "khuyến nghị"),
        ("VIET NAM", "VIET NAM"),  # every mark lost: Việt or Viết, not guessed
        ("client", "client"),
        ("tiền", "tiền"),
        ("gièm pha", "gièm pha"),  # after the onset gi the vowel is e
    ],
)
def test_the_circumflex_of_ie_before_a_final(read: str, written: str) -> None:
    """``ie``/``ye`` before a final consonant or ``u`` is always written ``iê``/``yê``."""
    assert complete_circumflex(read) == written


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("cết luận của Chủ tịch", "kết luận của Chủ tịch"),
        ("CIỂM TRA", "KIỂM TRA"),
        ("chế độ cấp", "chế độ cấp"),
        ("CEO Công ty", "CEO Công ty"),
    ],
)
def test_a_c_before_a_front_vowel_is_a_k(read: str, written: str) -> None:
    """Vietnamese writes ``k`` before ``e``, ``ê``, ``i``, ``y``: ``cết`` is ``kết`` misread.
    A word without a Vietnamese mark (``CEO``) may be another language's, and stays."""
    assert k_before_front_vowel(read) == written


@pytest.mark.parametrize(
    ("read", "written"),
    [
        ("SỞ THÔNG VÀ TRUYỀN THÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        ("Tổ công nghệ số đồng xã An", "Tổ công nghệ số cộng đồng xã An"),
        ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", None),  # whole
        ("PHÒNG VĂN HÓA VÀ THÔNG TIN", None),  # no phrase of five words read so
        ("Sở Thông tin và Truyền", None),  # its last word: phrase_rest's
    ],
)
def test_a_word_lost_inside_a_long_fixed_phrase(read: str, written: str | None) -> None:
    """Four words read in the order of a phrase of five or more, one inside it lost: the
    phrase, the word put back in the text's case."""
    assert with_lost_word(read) == written

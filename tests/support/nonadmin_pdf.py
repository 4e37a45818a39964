"""Signed PDFs that are not administrative documents, as certificate holders really sign them.

A service contract with a CA, an application for a certificate, an invoice
and a newsletter: Vietnamese text with names, phone numbers, dates and even
a ``Số`` — but none has the header of a document an agency issues (agency
over a number, national title beside it, a type name of Nghị định 30).
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.support.admin_variants import FONTS, Doc, _fonts

KINDS = ("contract", "application", "invoice", "newsletter")


def _font_doc(family: str) -> Doc:
    from datetime import date

    return Doc(
        producer="canvas",
        font=family,
        size=12,
        parent_agency="",
        agency="",
        number="",
        type="",
        type_code=None,
        date=date(2024, 1, 1),
        place="",
        subject="",
        authority=None,
        signer_title="",
        signer_name="",
        paragraphs=0,
        leading=1.3,
    )


def make_nonadmin_pdf(kind: str, family: str = "LiberationSerif") -> bytes:
    """One page of ``kind`` (see :data:`KINDS`)."""
    regular, bold, italic = _fonts(_font_doc(family if family in FONTS else "LiberationSerif"))
    width, height = A4
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=1)
    y = height - 60
    left = 70

    def line(text: str, font: str = regular, size: float = 12, centre: bool = False) -> None:
        nonlocal y
        c.setFont(font, size)
        if centre:
            c.drawCentredString(width / 2, y, text)
        else:
            c.drawString(left, y, text)
        y -= size * 1.5

    if kind == "contract":
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, centre=True)
        line("Độc lập - Tự do - Hạnh phúc", bold, centre=True)
        y -= 10
        line("HỢP ĐỒNG CUNG CẤP DỊCH VỤ CHỨNG THỰC CHỮ KÝ SỐ", bold, 14, centre=True)
        line("Số: 0458/2024/HĐDV-VNPT", italic, centre=True)
        line("Căn cứ Bộ luật Dân sự số 91/2015/QH13 ngày 24 tháng 11 năm 2015;")
        line("Hôm nay, ngày 05 tháng 3 năm 2024, tại Hà Nội, chúng tôi gồm:")
        line("BÊN A: CÔNG TY TNHH THƯƠNG MẠI HOÀNG LONG", bold)
        line("Đại diện: Ông Nguyễn Văn Long - Giám đốc; điện thoại: 0912 345 678")
        line("BÊN B: TỔNG CÔNG TY DỊCH VỤ VIỄN THÔNG", bold)
        line("Đại diện: Bà Trần Thị Thu - Trưởng phòng; điện thoại: 024 3772 1234")
        line("Điều 1. Bên B cung cấp cho Bên A chứng thư số thời hạn 3 năm.")
        line("Điều 2. Giá trị hợp đồng: 1.826.000 đồng (đã gồm thuế GTGT).")
        y -= 20
        c.setFont(bold, 12)
        c.drawCentredString(width * 0.28, y, "ĐẠI DIỆN BÊN A")
        c.drawCentredString(width * 0.72, y, "ĐẠI DIỆN BÊN B")
        y -= 70
        c.drawCentredString(width * 0.28, y, "Nguyễn Văn Long")
        c.drawCentredString(width * 0.72, y, "Trần Thị Thu")
    elif kind == "application":
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, centre=True)
        line("Độc lập - Tự do - Hạnh phúc", bold, centre=True)
        y -= 10
        line("ĐƠN ĐĂNG KÝ CẤP CHỨNG THƯ SỐ CÁ NHÂN", bold, 14, centre=True)
        line("Kính gửi: Trung tâm Chứng thực điện tử")
        line("Họ và tên: Lê Thị Minh Châu      Ngày sinh: 12/08/1985")
        line("Số CCCD: 038185001234      Điện thoại: 0987 654 321")
        line("Địa chỉ: Thôn Đông, xã Quảng Nhân, huyện Quảng Xương, tỉnh Thanh Hóa")
        line("Tôi cam kết các thông tin trên là đúng sự thật.")
        y -= 10
        c.setFont(italic, 12)
        c.drawCentredString(width * 0.7, y, "Thanh Hóa, ngày 20 tháng 5 năm 2024")
        y -= 18
        c.setFont(bold, 12)
        c.drawCentredString(width * 0.7, y, "NGƯỜI ĐỀ NGHỊ")
        y -= 60
        c.drawCentredString(width * 0.7, y, "Lê Thị Minh Châu")
    elif kind == "invoice":
        line("CÔNG TY CỔ PHẦN PHẦN MỀM AN PHÁT", bold)
        line("Mã số thuế: 0101234567 - Điện thoại: 024 6282 5555")
        y -= 10
        line("HÓA ĐƠN GIÁ TRỊ GIA TĂNG", bold, 15, centre=True)
        line("Ngày 14 tháng 06 năm 2024", italic, centre=True)
        line("Ký hiệu: 1C24TAP      Số: 0001532")
        line("Người mua hàng: Phạm Văn Đức - Đơn vị: Ủy ban nhân dân xã Tân Thịnh")
        line("1. Gia hạn chứng thư số 12 tháng     1      1.650.000")
        line("Tổng cộng tiền thanh toán: 1.815.000 đồng")
        y -= 20
        c.setFont(bold, 12)
        c.drawCentredString(width * 0.28, y, "Người mua hàng")
        c.drawCentredString(width * 0.72, y, "Người bán hàng")
    else:
        line("BẢN TIN CHUYỂN ĐỔI SỐ", bold, 16, centre=True)
        line("Số 04 - Tháng 4/2024", italic, centre=True)
        line("Trong tháng, các xã trên địa bàn tỉnh đã triển khai nhiều mô hình mới;")
        line("tỷ lệ hồ sơ trực tuyến toàn trình đạt 62,5%. Liên hệ: 0203 385 1234.")
        line("Ông Hoàng Văn Minh, Chủ tịch UBND xã Tân Thịnh, chia sẻ kinh nghiệm.")
        line("Tân Thịnh, ngày 28 tháng 4 năm 2024")
    c.showPage()
    c.save()
    return out.getvalue()

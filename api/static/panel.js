// The panel of one evidence report: the verdict, one panel per signature (like Acrobat's
// signature panel and DSS's report together), what changed after signing with the signed
// version and a picture of the difference, and the document's fields with their
// confidence. Used for a single PDF and for every file of a dossier; the appraisers' page
// may import it too.
"use strict";

import { api, el, plainDate, saveResponse, vnTime } from "./dom.js";

const STATES = {
  passed: ["✓", "Đạt"],
  info: ["i", "Lưu ý"],
  warning: ["!", "Cảnh báo"],
  unknown: ["?", "Chưa xác định"],
  failed: ["✗", "Không đạt"],
  not_checked: ["–", "Chưa kiểm tra"],
};
const INDICATIONS = {
  TOTAL_PASSED: ["passed", "Chữ ký hợp lệ"],
  TOTAL_FAILED: ["failed", "Chữ ký không hợp lệ"],
  INDETERMINATE: ["unknown", "Chưa xác định được chữ ký"],
};
const VERDICTS = {
  valid: ["passed", "Văn bản có chữ ký số hợp lệ"],
  invalid: ["failed", "Chữ ký số KHÔNG hợp lệ"],
  indeterminate: ["unknown", "Chưa xác định được chữ ký số"],
  unsigned: ["failed", "Văn bản không có chữ ký số"],
  unreadable: ["failed", "Không đọc được tệp PDF"],
};
const TIME_SOURCES = {
  timestamp: "theo dấu thời gian của tổ chức cấp dấu thời gian (được chứng nhận)",
  claimed: "theo đồng hồ máy tính của người ký (người ký tự khai, không được chứng nhận)",
  placeholder: "không rõ: giá trị mặc định của phần mềm ký, không phải lúc ký thật",
  none: "không rõ: tệp không ghi thời điểm ký",
};
const WHO = {
  administrator: "Việc của quản trị hệ thống",
  issuer: "Việc của cơ quan ban hành văn bản",
  reviewer: "Việc của người thẩm định",
};
const CHANGE_KINDS = {
  page_added: "Trang thêm vào",
  page_removed: "Trang bị xoá",
  page_content: "Nội dung trang",
  annotation_added: "Chú thích thêm vào",
  annotation_changed: "Chú thích bị sửa",
  annotation_removed: "Chú thích bị xoá",
  form_field: "Ô biểu mẫu",
  signature_added: "Chữ ký thêm vào",
  validation_data: "Dữ liệu xác thực",
  document: "Cấu trúc tài liệu",
  object_replaced: "Đối tượng bị thay",
  signed_bytes: "Nội dung đã ký",
};
const ROLES = { signer: "Người ký", issuer: "CA phát hành", root: "Chứng thư gốc", missing: "CA còn thiếu" };
export const FIELD_ORDER = ["parent_agency", "agency", "number", "type", "place", "date", "subject",
  "signer_title", "signer_name"];

export function stateBadge(state, text) {
  const [mark, word] = STATES[state] || STATES.unknown;
  return el("span", { class: "badge state-" + state, "data-state": state },
    el("span", { class: "badge-mark", "aria-hidden": "true" }, mark), " ", text || word);
}

function row(label, ...value) {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

/** The banner at the top of a file's result: verdict, evidence or not, what to do first. */
export function verdictBanner(report) {
  const [state, text] = VERDICTS[report.verdict] || VERDICTS.unreadable;
  const signatures = report.signatures || [];
  const blocking = signatures.find((s) => s.indication !== "TOTAL_PASSED") || signatures[0];
  const summary = blocking && blocking.summary;
  const accepted = report.accepted ? "Được chấp nhận làm minh chứng." : "Chưa được chấp nhận làm minh chứng.";
  const problem = !signatures.length && (report.problems || [])[0];
  return el("div", { class: "verdict state-" + state, "data-verdict": report.verdict, role: "group", "aria-label": "Kết luận" },
    el("p", { class: "verdict-title" }, stateBadge(state, text)),
    el("p", { class: "verdict-detail" }, accepted),
    summary && report.verdict !== "valid" ? el("p", { class: "verdict-detail" }, summary.headline) : null,
    problem ? el("p", { class: "verdict-detail" }, problem.message) : null,
    summary ? el("p", { class: "next-step" }, el("b", {}, "Việc cần làm: "), summary.next_step,
      summary.action_by ? el("span", { class: "who" }, " (" + WHO[summary.action_by] + ")") : null) : null);
}

function timeRows(sig) {
  const summary = sig.summary || {};
  const kind = summary.time_kind || (sig.signing_time_source === "timestamp" ? "timestamp" : sig.signing_time ? "claimed" : "none");
  const moment = summary.time || sig.signing_time;
  const when = kind === "placeholder" || !moment
    ? el("span", {}, "không rõ")
    : el("span", {}, el("time", { datetime: moment }, vnTime(moment)), " (giờ Việt Nam, UTC+7)");
  const rows = row("Thời điểm ký", when, el("span", { class: "source" }, "Nguồn: " + TIME_SOURCES[kind]),
    summary.time_note ? el("span", { class: "note" }, summary.time_note) : null);
  const policy = sig._policy ? "theo chính sách " + sig._policy : "";
  rows.push(...row("Kiểm tra lúc", sig.validation_time
    ? el("span", {}, el("time", { datetime: sig.validation_time }, vnTime(sig.validation_time)), " (giờ Việt Nam) ", policy)
    : policy || "không rõ"));
  return rows;
}

function checksTable(sig) {
  if (!sig.checks || !sig.checks.length) {
    return el("ul", { class: "lines" }, ...((sig.summary && sig.summary.lines) || sig.messages || []).map((l) => el("li", {}, l)));
  }
  return el("table", { class: "checks stack" },
    el("caption", {}, "Từng bước kiểm tra"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Kiểm tra"), el("th", { scope: "col" }, "Kết quả"),
      el("th", { scope: "col" }, "Chi tiết"))),
    el("tbody", {}, ...sig.checks.map((c) => el("tr", { "data-check": c.name, "data-state": c.state },
      el("th", { scope: "row" }, c.label),
      el("td", { "data-label": "Kết quả" }, stateBadge(c.state)),
      el("td", { "data-label": "Chi tiết" }, c.text)))));
}

function certificateList(sig) {
  const certs = sig.certificates || [];
  if (!certs.length) return null;
  const items = certs.map((c) => el("li", { class: "cert", "data-role": c.role },
    el("p", { class: "cert-name" }, el("b", {}, (ROLES[c.role] || c.role) + ": "), c.name,
      c.trusted_anchor ? el("span", { class: "tag tag-ok" }, "đã cài trong kho tin cậy") : null,
      c.role === "missing" ? el("span", { class: "tag tag-bad" }, "không tìm thấy") : null),
    c.role === "missing" ? null : el("dl", { class: "facts small" },
      ...row("Cấp bởi", c.issuer || "không rõ"),
      ...row("Số hiệu", el("code", {}, c.serial || "")),
      ...row("Hiệu lực", vnDate2(c.not_before) + " – " + vnDate2(c.not_after),
        c.valid_at_signing === true ? el("span", { class: "tag tag-ok" }, "còn hiệu lực lúc ký") : null,
        c.valid_at_signing === false ? el("span", { class: "tag tag-bad" }, "không còn hiệu lực lúc ký") : null),
      ...row("Chủ thể", c.subject || ""),
      ...row("SHA-256", el("code", { class: "hash" }, c.sha256 || "")))));
  return el("details", { class: "chain" },
    el("summary", {}, "Chuỗi chứng thư (" + certs.length + "): " + certs.map((c) => c.name).join(" → ")),
    el("ol", { class: "certs" }, ...items));
}

function vnDate2(iso) { return iso ? vnTime(iso, false).split(" ")[0] : "không rõ"; }

function changesBlock(sig, index, ctx) {
  const changes = sig.changes || [];
  if (!changes.length) return null;
  const list = el("ul", { class: "changes" }, ...changes.map((c) => el("li", { "data-kind": c.kind },
    el("span", { class: "tag " + (c.permitted ? "tag-ok" : "tag-bad") }, c.permitted ? "được phép" : "không được phép"),
    " ", el("b", {}, CHANGE_KINDS[c.kind] || c.kind), c.page ? " — trang " + c.page : "",
    c.revision ? " — phiên bản " + c.revision : "", ": ", c.text)));
  const block = el("section", { class: "changes-block", "aria-label": "Thay đổi sau khi ký" },
    el("h4", {}, "Thay đổi sau khi ký"), list);
  if (!ctx.verificationId) {
    block.append(el("p", { class: "hint" }, "Tải bản đã ký và xem hình so sánh: mở tệp này riêng (kiểm tra một tệp PDF)."));
    return block;
  }
  const actions = el("div", { class: "buttons" });
  if (sig.intact && sig.signed_length && sig.signed_revision) {
    actions.append(el("button", { type: "button", class: "secondary", "data-action": "download-revision",
      "data-revision": sig.signed_revision }, "Tải bản đã ký (phiên bản " + sig.signed_revision + ")"));
    const pages = [...new Set(changes.filter((c) => !c.permitted && c.page).map((c) => c.page))];
    for (const page of pages) {
      actions.append(el("button", { type: "button", class: "secondary", "data-action": "show-difference",
        "data-page": page }, "Xem hình so sánh trang " + page));
    }
  }
  block.append(actions, el("div", { class: "pictures", "aria-live": "polite" }));
  actions.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.action === "download-revision") downloadRevision(ctx, button);
    else showDifference(ctx, index + 1, Number(button.dataset.page), block.querySelector(".pictures"), button);
  });
  return block;
}

async function downloadRevision(ctx, button) {
  button.disabled = true;
  try {
    const response = await api("/verifications/" + ctx.verificationId + "/revisions/" + button.dataset.revision);
    await saveResponse(response, "ban-da-ky.pdf");
  } catch (error) {
    ctx.onError(error.message);
  } finally {
    button.disabled = false;
  }
}

async function picture(ctx, signature, page, side) {
  const query = "?signature=" + signature + "&page=" + page + "&side=" + side;
  const response = await api("/verifications/" + ctx.verificationId + "/difference" + query);
  return URL.createObjectURL(await response.blob());
}

async function showDifference(ctx, signature, page, box, button) {
  button.disabled = true;
  box.replaceChildren(el("p", { class: "hint", role: "status" }, "Đang dựng hình so sánh trang " + page + "…"));
  try {
    const [signed, current] = await Promise.all(["signed", "current"].map((side) =>
      picture(ctx, signature, page, side).catch((error) => (error.status === 404 ? null : Promise.reject(error)))));
    const figure = (src, caption, alt) => el("figure", {},
      src ? el("a", { href: src, target: "_blank", rel: "noopener" }, el("img", { src, alt }))
          : el("p", { class: "missing" }, "Không có trang này"),
      el("figcaption", {}, caption));
    box.replaceChildren(el("div", { class: "difference", "data-page": page },
      figure(signed, "Bản đã ký", "Trang " + page + " như khi ký"),
      figure(current, "Bản hiện tại — chỗ thay đổi khoanh đỏ", "Trang " + page + " hiện tại, chỗ thay đổi được khoanh đỏ")));
  } catch (error) {
    box.replaceChildren(el("p", { class: "message" }, error.message));
  } finally {
    button.disabled = false;
  }
}

/** One signature's panel: ``position`` 0-based in signing order, ``count`` signatures in all,
 * ``index`` its place in the report (the API's ``signature`` number is index + 1). */
export function signaturePanel(sig, position, count, ctx, index) {
  const [state, label] = INDICATIONS[sig.indication] || INDICATIONS.INDETERMINATE;
  const summary = sig.summary || {};
  const revision = sig.signed_revision && sig.revisions ? ", phiên bản " + sig.signed_revision + "/" + sig.revisions : "";
  const warnings = summary.warnings || sig.warnings || [];
  const title = "Chữ ký " + (position + 1) + "/" + count + revision;
  return el("article", { class: "signature state-" + state, "data-indication": sig.indication, "aria-label": title },
    el("header", { class: "signature-head" },
      el("h3", {}, title), stateBadge(state, label)),
    summary.headline && !ctx.single ? el("p", { class: "headline" }, summary.headline) : null,
    el("dl", { class: "facts" },
      ...row("Người ký", summary.signer || (sig.signer && sig.signer.common_name) || "không rõ"),
      ...row("Cấp bởi (CA)", summary.issuer || "không rõ"),
      ...row("Trường chữ ký", sig.field || "(không gắn trường)", sig.page ? ", trang " + sig.page : ""),
      ...timeRows(sig)),
    summary.next_step && !ctx.single ? el("p", { class: "next-step" }, el("b", {}, "Việc cần làm: "), summary.next_step,
      summary.action_by ? el("span", { class: "who" }, " (" + WHO[summary.action_by] + ")") : null) : null,
    checksTable(sig),
    certificateList(sig),
    changesBlock(sig, index, ctx),
    warnings.length ? el("div", { class: "warnings" }, el("h4", {}, "Cảnh báo"),
      el("ul", {}, ...warnings.map((w) => el("li", {}, w)))) : null);
}

/** Every signature of a report, in signing order (chữ ký 1/3 is the first one made). */
export function signaturePanels(report, ctx) {
  const signatures = report.signatures || [];
  if (!signatures.length) return el("p", { class: "missing" }, "Không tìm thấy chữ ký số nào trong tệp.");
  const policy = report.policy ? report.policy.id + " " + report.policy.version : "";
  const ordered = signatures.map((s, i) => [s, i]).sort((a, b) =>
    (a[0].signed_revision || 1e9) - (b[0].signed_revision || 1e9) || a[1] - b[1]);
  // one signature: its headline and next step are the file's, shown once in the banner above
  const full = Object.assign({ onError: () => {} }, ctx, { single: signatures.length === 1 && ctx.banner !== false });
  return el("div", { class: "signatures" }, ...ordered.map(([sig, index], position) =>
    signaturePanel(Object.assign({}, sig, { _policy: policy }), position, signatures.length, full, index)));
}

function fieldValue(key, value, detail) {
  if (detail && detail.garbled) {
    return [el("span", { class: "missing" }, "Không đọc được"),
      el("span", { class: "note" }, detail.note ? " — " + detail.note : "")];
  }
  const shown = key === "date" ? plainDate(value) : value;
  const marks = [];
  if (detail && detail.source === "ocr") {
    const sure = detail.confidence === null || detail.confidence === undefined ? "" : ", độ tin cậy " + Math.round(detail.confidence * 100) + "%";
    marks.push(el("span", { class: "tag " + (detail.uncertain ? "tag-warn" : "tag-info") }, "OCR" + sure));
  }
  if (detail && detail.uncertain) marks.push(el("span", { class: "tag tag-warn" }, "cần đối chiếu"));
  return [el("span", { class: "value" }, shown), ...marks,
    detail && detail.uncertain && detail.note ? el("span", { class: "note" }, detail.note) : null];
}

/** The document's fields, each with where it was read and how sure the reading is. */
export function fieldsSection(report, labels) {
  const fields = report.fields || {};
  const details = report.fields_detail || {};
  const notes = [];
  if (report.fields_reliable === false) {
    notes.push(el("p", { class: "notice state-failed", "data-notice": "unreliable" },
      el("b", {}, "Không đáng tin: "), "thông tin dưới đây đọc từ tệp đã bị sửa sau khi ký, có thể không phải nội dung đã ký."));
  }
  if (fields.source === "ocr") {
    notes.push(el("p", { class: "notice state-info", "data-notice": "ocr" },
      el("b", {}, "Đọc bằng nhận dạng ký tự (OCR) từ bản quét: "), "mỗi giá trị ghi độ tin cậy; giá trị “cần đối chiếu” phải xem lại trên văn bản."));
  }
  if (report.administrative === false) {
    notes.push(el("p", { class: "notice state-warning" }, "Tệp không phải văn bản hành chính (không có thể thức theo Nghị định 30/2020/NĐ-CP)."));
  }
  const rows = FIELD_ORDER.map((key) => {
    const value = fields[key];
    return el("tr", { "data-field": key, class: report.fields_reliable === false ? "unreliable" : null },
      el("th", { scope: "row" }, (labels && labels[key]) || key),
      value ? el("td", {}, ...fieldValue(key, value, details[key])) : el("td", { class: "missing" }, "không tìm thấy"));
  });
  return el("section", { class: "fields-block", "aria-label": "Thông tin văn bản" },
    el("h3", {}, "Thông tin văn bản"), ...notes,
    el("table", { class: "fields stack" }, el("tbody", {}, ...rows)));
}

const SHOWN_ELSEWHERE = new Set(["FIELD_UNCERTAIN", "FIELD_GARBLED", "FIELDS_UNRELIABLE"]);

/** The file's other problems (errors first), each once. */
export function problemsList(report) {
  const problems = (report.problems || []).filter((p) => !SHOWN_ELSEWHERE.has(p.code));
  if (!problems.length) return null;
  problems.sort((a, b) => (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1));
  return el("section", { class: "problems", "aria-label": "Vấn đề cần lưu ý" }, el("h3", {}, "Vấn đề cần lưu ý"),
    el("ul", {}, ...problems.map((p) => el("li", { class: "problem-" + p.severity },
      el("span", { class: "tag " + (p.severity === "error" ? "tag-bad" : "tag-warn") }, p.severity === "error" ? "lỗi" : "lưu ý"), " ", p.message))));
}

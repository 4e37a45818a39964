// The reviewers' page: one file, no build step. Talks to the same API as everyone
// else, with the key kept in this browser's localStorage.
"use strict";

const KEY_STORAGE = "hoso.apiKey";
const $ = (id) => document.getElementById(id);
let currentJob = null;
let pollTimer = null;

function apiKey() { return localStorage.getItem(KEY_STORAGE) || ""; }

function showKeyStatus() {
  $("key-status").textContent = apiKey()
    ? "Đã lưu khóa trên máy này. Có thể chọn tệp để kiểm tra."
    : "Chưa có khóa: dán khóa API rồi bấm “Lưu khóa”.";
}

function showMessage(text) {
  const box = $("message");
  box.textContent = text || "";
  box.hidden = !text;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: "Bearer " + apiKey() }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let message = "Lỗi " + response.status;
    try {
      const body = await response.json();
      if (body.error) {
        message = body.error.message;
        if (Array.isArray(body.error.details)) {
          const lines = body.error.details.map((d) => typeof d === "string" ? d : (d.path ? d.path + ": " : "") + (d.message || ""));
          if (lines.length) message += " " + lines.join("; ");
        }
      }
    } catch (_) { /* not JSON */ }
    if (response.status === 401) message = "Khóa API không đúng hoặc đã bị thu hồi. " + message;
    if (response.status === 403) message = "Khóa API này không được phép làm việc này. " + message;
    throw new Error(message);
  }
  return response;
}

function formatTime(iso) {
  if (!iso) return "không rõ thời điểm";
  const date = new Date(iso);
  return isNaN(date) ? iso : date.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
}

// ---- PDF: signature panel and fields ---------------------------------------

const SIGNATURE_STATES = {
  TOTAL_PASSED: ["valid", "✓", "Chữ ký hợp lệ"],
  TOTAL_FAILED: ["invalid", "✗", "Chữ ký không hợp lệ"],
  INDETERMINATE: ["indeterminate", "?", "Không xác nhận được chữ ký"],
};

const VERDICTS = {
  valid: ["ok", "Văn bản có chữ ký số hợp lệ."],
  invalid: ["bad", "Chữ ký số KHÔNG hợp lệ: văn bản đã bị thay đổi hoặc chữ ký bị hỏng."],
  indeterminate: ["warn", "Không xác nhận được chữ ký số (ví dụ: chứng thư không thuộc nơi cấp tin cậy)."],
  unsigned: ["bad", "Văn bản không có chữ ký số."],
  unreadable: ["bad", "Không đọc được tệp PDF."],
};

// Field names come from the server (GET /labels, i.e. verify.labels), so the page
// names fields exactly as `hoso verify` and the dossier reports do.
const FIELD_ORDER = ["parent_agency", "agency", "number", "type", "place", "date", "subject",
  "signer_title", "signer_name"];
let FIELD_LABELS = FIELD_ORDER.map((key) => [key, key]);

async function loadLabels() {
  try {
    const response = await fetch("/labels");
    if (!response.ok) return;
    const labels = await response.json();
    FIELD_LABELS = FIELD_ORDER.map((key) => [key, labels.fields[key] || key]);
  } catch (error) {
    // The page still works with the raw field names; the next load retries.
  }
}

function signatureCard(sig) {
  const [cls, mark, label] = SIGNATURE_STATES[sig.indication] || SIGNATURE_STATES.INDETERMINATE;
  const signer = sig.signer || {};
  const when = sig.signing_time_source === "timestamp" ? " (theo dấu thời gian)" : "";
  const reasons = el("ul", { class: "reasons" }, ...(sig.messages || []).map((m) => el("li", {}, m)));
  return el("div", { class: "signature " + cls, "data-indication": sig.indication },
    el("div", { class: "mark", "aria-hidden": "true" }, mark),
    el("div", { class: "status" }, label),
    el("div", {},
      el("b", {}, signer.common_name || "Không rõ người ký"),
      signer.organization ? " — " + signer.organization : "",
      el("div", { class: "meta" }, "Ký lúc " + formatTime(sig.signing_time) + when)),
    reasons);
}

function showPdfReport(name, body) {
  const report = body.report;
  $("pdf-result").hidden = false;
  $("dossier-result").hidden = true;
  $("pdf-name").textContent = "— " + name;
  const [cls, text] = VERDICTS[report.verdict] || VERDICTS.unreadable;
  const accepted = report.accepted
    ? "Được chấp nhận làm minh chứng."
    : "Chưa được chấp nhận làm minh chứng.";
  const verdict = $("pdf-verdict");
  verdict.className = "verdict " + cls;
  verdict.dataset.verdict = report.verdict;
  verdict.replaceChildren(text, el("span", { class: "detail" }, accepted));

  const signatures = $("signatures");
  signatures.replaceChildren(...(report.signatures || []).map(signatureCard));
  if (!report.signatures || !report.signatures.length) {
    signatures.replaceChildren(el("p", { class: "missing" }, "Không tìm thấy chữ ký số nào trong tệp."));
  }

  const fields = report.fields || {};
  const rows = FIELD_LABELS.map(([key, label]) => el("tr", {},
    el("th", {}, label),
    fields[key] ? el("td", {}, key === "date" ? new Date(fields[key]).toLocaleDateString("vi-VN") : fields[key])
                : el("td", { class: "missing" }, "không tìm thấy")));
  if (fields.source === "ocr") rows.push(el("tr", {}, el("th", {}, "Nguồn"), el("td", {}, "Nhận dạng ký tự (OCR) từ bản quét")));
  $("fields").tBodies[0].replaceChildren(...rows);

  const problems = report.problems || [];
  $("pdf-problems").replaceChildren(problems.length
    ? el("div", {}, el("h3", {}, "Vấn đề cần lưu ý"),
        el("ul", { class: "reasons" }, ...problems.map((p) => el("li", {}, p.message))))
    : "");
}

async function verifyPdf(file) {
  const form = new FormData();
  form.append("file", file);
  const response = await api("/verifications", { method: "POST", body: form });
  showPdfReport(file.name, await response.json());
}

// ---- ZIP: job progress, criteria table, downloads ----------------------------

function showJob(job) {
  const progress = job.progress || { done: 0, total: 0, percent: 0 };
  $("progress-bar").value = progress.percent;
  const states = { queued: "Đang chờ đến lượt kiểm tra...", running: "Đang kiểm tra", done: "Đã kiểm tra xong", failed: "Kiểm tra không thành công" };
  let text = states[job.state] || job.state;
  if (progress.total) text += ": " + progress.done + "/" + progress.total + " tệp (" + progress.percent + "%)";
  $("progress-text").textContent = text;
  $("dossier-result").dataset.state = job.state;
}

function criteriaRow(row) {
  const reasons = (row.reasons || []).map((r) => el("li", {}, r.message));
  if (row.explanation) reasons.unshift(el("li", {}, "Giải trình của đơn vị: " + row.explanation));
  const documents = (row.documents || []).map((d) => el("li", {}, d));
  return el("tr", { "data-criterion": row.id },
    el("td", {}, row.id),
    el("td", {}, row.name, el("div", { class: "meta" }, row.requirement_label + " · mục tiêu " + row.target_text + (row.value_text ? " · kết quả " + row.value_text : ""))),
    el("td", { class: "status-" + row.self_status }, row.self_status_label),
    el("td", { class: "status-" + row.status }, row.status_label),
    el("td", {}, documents.length ? el("ul", { class: "reasons" }, ...documents) : null,
      reasons.length ? el("ul", { class: "reasons" }, ...reasons) : null));
}

async function showDossierResult(job) {
  const report = await (await api(job.links.reports.json)).json();
  const appraisal = report.appraisal;
  const decision = appraisal.decision;
  const verdict = $("dossier-verdict");
  verdict.hidden = false;
  const tone = { dat: "ok", khong_dat: "bad", cho_tham_dinh: "warn" }[decision.outcome] || "warn";
  verdict.className = "verdict " + tone;
  verdict.dataset.passed = String(decision.passed);
  verdict.replaceChildren("Kết luận: " + decision.label, el("span", { class: "detail" }, decision.explanation));
  $("criteria").tBodies[0].replaceChildren(...appraisal.criteria.map(criteriaRow));
  $("criteria").hidden = false;
  $("downloads").hidden = false;
}

async function pollJob(jobId) {
  clearTimeout(pollTimer);
  if (currentJob !== jobId) return;
  try {
    const job = await (await api("/dossiers/" + jobId)).json();
    showJob(job);
    if (job.state === "done") return showDossierResult(job);
    if (job.state === "failed") return showMessage("Không kiểm tra được hồ sơ: " + ((job.error && job.error.message) || ""));
  } catch (error) {
    showMessage(error.message);
  }
  pollTimer = setTimeout(() => pollJob(jobId), 700);
}

async function submitDossier(file) {
  const form = new FormData();
  form.append("file", file);
  $("pdf-result").hidden = true;
  $("dossier-result").hidden = false;
  $("dossier-name").textContent = "— " + file.name;
  $("dossier-verdict").hidden = true;
  $("downloads").hidden = true;
  $("criteria").hidden = true;
  const job = await (await api("/dossiers", { method: "POST", body: form })).json();
  currentJob = job.id;
  showJob(job);
  pollJob(job.id);
}

function fileNameOf(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = header.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : fallback;
}

async function download(button) {
  if (!currentJob) return;
  const { download: kind, format, form } = button.dataset;
  const path = kind === "report"
    ? "/dossiers/" + currentJob + "/report?format=" + format
    : "/dossiers/" + currentJob + "/render/" + form + "?format=" + format;
  button.disabled = true;
  try {
    const response = await api(path, { method: kind === "report" ? "GET" : "POST" });
    const blob = await response.blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: fileNameOf(response, "tai-lieu." + format) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  } catch (error) {
    showMessage(error.message);
  } finally {
    button.disabled = false;
  }
}

// ---- wiring ------------------------------------------------------------------

async function handleFile(file) {
  showMessage("");
  if (!file) return;
  if (!apiKey()) return showMessage("Hãy nhập và lưu khóa API trước.");
  const name = file.name.toLowerCase();
  try {
    if (name.endsWith(".zip") || file.type === "application/zip") await submitDossier(file);
    else if (name.endsWith(".pdf") || file.type === "application/pdf") {
      $("drop").classList.add("busy");
      await verifyPdf(file);
    } else showMessage("Chỉ nhận tệp PDF (minh chứng) hoặc ZIP (hồ sơ).");
  } catch (error) {
    showMessage(error.message);
  } finally {
    $("drop").classList.remove("busy");
  }
}

function init() {
  loadLabels();
  $("api-key").value = apiKey();
  showKeyStatus();
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    localStorage.setItem(KEY_STORAGE, $("api-key").value.trim());
    showKeyStatus();
  });
  $("key-forget").addEventListener("click", () => {
    localStorage.removeItem(KEY_STORAGE);
    $("api-key").value = "";
    showKeyStatus();
  });
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => { event.preventDefault(); handleFile(event.dataTransfer.files[0]); });
  $("file-input").addEventListener("change", (event) => { handleFile(event.target.files[0]); event.target.value = ""; });
  document.querySelectorAll("[data-download]").forEach((button) => button.addEventListener("click", () => download(button)));
}

init();

// The dossier view: the job's progress, the conclusion, every criterion linked to its files
// and their signature panels, a filter (all / not met / awaiting), every folder and file —
// including the folder that matches no criterion and stray files — and the downloads.
"use strict";

import { $, api, el, elapsedText, saveResponse, vnTime } from "./dom.js";
import { fieldsSection, problemsList, signaturePanels, stateBadge, verdictBanner } from "./panel.js";

const OUTCOME_STATES = { dat: "passed", khong_dat: "failed", cho_tham_dinh: "warning", theo_doi: "info" };
const STATUS_STATES = {
  dat: "passed", khong_dat: "failed", cho_tham_dinh: "warning", dang_trien_khai: "warning",
  khong_danh_gia: "not_checked", khong_ap_dung: "not_checked",
};
const NOT_MET = new Set(["khong_dat", "dang_trien_khai", "khong_danh_gia"]);
const KINDS = {
  pdf: "PDF", illustration: "Ảnh/video minh họa", other: "Định dạng không chấp nhận",
  ignored: "Tệp hệ thống (bỏ qua)", refused: "Liên kết (từ chối)",
};
const VERDICT_WORDS = {
  valid: "chữ ký hợp lệ", invalid: "chữ ký không hợp lệ", indeterminate: "chưa xác định được chữ ký",
  unsigned: "chưa ký số", unreadable: "không đọc được",
};

let current = null;
let timer = null;
let started = 0;

export function currentJob() { return current; }

export function stopFollowing() {
  current = null;
  clearTimeout(timer);
}

function showProgress(job) {
  const progress = job.progress || { done: 0, total: 0, percent: 0 };
  $("progress-bar").value = progress.percent;
  const states = { queued: "Đang chờ đến lượt kiểm tra", running: "Đang kiểm tra", done: "Đã kiểm tra xong", failed: "Kiểm tra không thành công" };
  let text = states[job.state] || job.state;
  if (progress.total) text += ": " + progress.done + "/" + progress.total + " tệp (" + progress.percent + "%)";
  if (job.state === "queued" || job.state === "running") text += " — đã " + elapsedText((Date.now() - started) / 1000);
  $("progress-text").textContent = text;
  $("dossier-progress").hidden = job.state === "done";
  $("dossier-result").dataset.state = job.state;
}

/** Follow a job until it ends, then show its result. ``onError`` shows a message. */
export function follow(job, name, onError) {
  current = job.id;
  started = Date.now();
  $("dossier-name").textContent = name ? "— " + name : "";
  for (const id of ["dossier-verdict", "dossier-body"]) $(id).replaceChildren();
  $("downloads").hidden = true;
  $("dossier-result").hidden = false;
  showProgress(job);
  poll(job.id, onError);
}

async function poll(jobId, onError) {
  clearTimeout(timer);
  if (current !== jobId) return;
  try {
    const job = await (await api("/dossiers/" + jobId)).json();
    if (current !== jobId) return;
    $("dossier-name").textContent = "— " + job.file_name;
    showProgress(job);
    if (job.state === "done") return showResult(job, onError);
    if (job.state === "failed") return onError("Không kiểm tra được hồ sơ: " + ((job.error && job.error.message) || ""));
  } catch (error) {
    // a busy server (503) or a dropped connection: keep following; a missing job or key: stop
    if (error.status === 404 || error.status === 401 || error.status === 403) return onError(error.message);
  }
  timer = setTimeout(() => poll(jobId, onError), 800);
}

function fileAnchor(index) { return "tep-" + (index + 1); }

const PHONE = window.matchMedia("(max-width: 700px)");

/** Reasons under "Lý do (n)": open on a wide screen, folded on a phone (one tap opens). */
function reasonList(items) {
  return el("details", { class: "why", open: !PHONE.matches },
    el("summary", {}, "Lý do (" + items.length + ")"), el("ul", { class: "reasons" }, ...items));
}

function criterionRow(row, files, anchors) {
  const state = STATUS_STATES[row.status] || "failed";
  const reasons = (row.reasons || []).map((r) => el("li", {}, r.message));
  if (row.explanation) reasons.unshift(el("li", {}, el("b", {}, "Giải trình của đơn vị: "), row.explanation));
  const links = files.map((f) => el("li", {},
    el("a", { href: "#" + anchors.get(f.path), "data-file": anchors.get(f.path) }, f.path.split("/").pop()),
    " ", f.explanation ? el("span", { class: "tag tag-info" }, "giải trình")
      : f.counts ? el("span", { class: "tag tag-ok" }, "được tính") : f.kind === "pdf" ? el("span", { class: "tag tag-bad" }, "không được tính") : null));
  return el("tr", { id: "tieu-chi-" + row.id, "data-criterion": row.id, "data-status": row.status },
    el("th", { scope: "row" }, el("span", { class: "crit-id" }, row.id), " ", row.name,
      el("span", { class: "meta" }, row.requirement_label + " · mục tiêu " + row.target_text + (row.value_text ? " · kết quả " + row.value_text : ""),
        el("span", { class: "phone-only" }, " · tự đánh giá: " + row.self_status_label))),
    el("td", { "data-label": "Tự đánh giá" }, row.self_status_label),
    el("td", { "data-label": "Kiểm tra" }, stateBadge(state, row.status_label)),
    el("td", {},
      links.length ? el("ul", { class: "file-links" }, ...links) : el("span", { class: "missing" }, "Không có tệp"),
      reasons.length ? reasonList(reasons) : null));
}

function filterBar(criteria, table) {
  const counts = {
    all: criteria.length,
    not_met: criteria.filter((c) => NOT_MET.has(c.status)).length,
    awaiting: criteria.filter((c) => c.status === "cho_tham_dinh").length,
  };
  const options = [["all", "Tất cả"], ["not_met", "Không đạt"], ["awaiting", "Chờ thẩm định"]];
  const bar = el("fieldset", { class: "filter" }, el("legend", {}, "Hiện tiêu chí"),
    ...options.map(([value, label]) => el("label", {},
      el("input", { type: "radio", name: "criteria-filter", value, checked: value === "all" }),
      " " + label + " (" + counts[value] + ")")));
  bar.addEventListener("change", (event) => {
    const wanted = event.target.value;
    for (const tr of table.tBodies[0].rows) {
      const status = tr.dataset.status;
      tr.hidden = wanted === "not_met" ? !NOT_MET.has(status) : wanted === "awaiting" ? status !== "cho_tham_dinh" : false;
    }
  });
  return bar;
}

function fileDetails(file, anchor, labels, problems) {
  const report = file.report;
  const verdict = report ? VERDICT_WORDS[report.verdict] || report.verdict : KINDS[file.kind];
  const counted = file.explanation ? el("span", { class: "tag tag-info" }, "giải trình")
    : file.counts ? el("span", { class: "tag tag-ok" }, "được tính")
    : file.kind === "pdf" ? el("span", { class: "tag tag-bad" }, "không được tính") : null;
  const body = [];
  const reasons = [...(file.reasons || []), ...(problems || [])];
  if (reasons.length) {
    body.push(el("ul", { class: "reasons" }, ...reasons.map((r) => el("li", {}, r.message))));
  }
  if (report) {
    body.push(verdictBanner(report), signaturePanels(report, {}), fieldsSection(report, labels), problemsList(report));
  }
  return el("details", { id: anchor, class: "file", "data-path": file.path },
    el("summary", {}, el("span", { class: "file-name" }, file.path.split("/").pop()), " — ", verdict, " ", counted),
    ...body);
}

function folderOf(path) {
  const parts = path.split("/");
  return parts.length > 1 ? parts.slice(0, -1).join("/") : "(gốc hồ sơ)";
}

function filesSection(result, anchors, labels) {
  const criteria = new Map(result.appraisal.criteria.map((c) => [c.id, c]));
  const folders = new Map();
  for (const file of result.files) {
    const folder = folderOf(file.path);
    if (!folders.has(folder)) folders.set(folder, []);
    folders.get(folder).push(file);
  }
  const paths = new Set(result.files.map((f) => f.path));
  const problemsByFile = new Map();
  const problemsByFolder = new Map();
  for (const problem of result.problems || []) {
    if (problem.path && paths.has(problem.path)) {
      if (!problemsByFile.has(problem.path)) problemsByFile.set(problem.path, []);
      problemsByFile.get(problem.path).push(problem);
      continue;
    }
    const key = problem.path || "";
    if (!problemsByFolder.has(key)) problemsByFolder.set(key, []);
    problemsByFolder.get(key).push(problem);
  }
  for (const key of problemsByFolder.keys()) if (key && !folders.has(key)) folders.set(key, []);
  // folders matching no criterion first, then in the catalog's order
  const order = new Map(result.appraisal.criteria.map((c, i) => [c.id, i]));
  const rank = ([, files]) => {
    const id = files.find((f) => f.criterion_id)?.criterion_id;
    return id === undefined ? -1 : order.get(id) ?? 1e6;
  };
  const ordered = [...folders.entries()].sort((a, b) => rank(a) - rank(b));
  const blocks = ordered.map(([folder, files]) => {
    const criterionId = files.find((f) => f.criterion_id)?.criterion_id;
    const criterion = criterionId ? criteria.get(criterionId) : null;
    const what = criterion
      ? el("span", {}, "Tiêu chí " + criterion.id, el("span", { class: "wide-only" }, ": " + criterion.name))
      : "Không khớp tiêu chí nào";
    const problems = problemsByFolder.get(folder) || [];
    const count = files.length + " tệp" + (files.filter((f) => f.counts).length ? ", " + files.filter((f) => f.counts).length + " được tính" : "");
    // folders matching no criterion are open: what a reviewer must see first
    return el("details", { class: "folder" + (criterion ? "" : " stray"), "data-folder": folder, open: !criterion },
      el("summary", {}, el("span", { class: "folder-name" }, folder), " (" + count + ")", el("span", { class: "meta" }, what)),
      problems.length ? el("ul", { class: "reasons" }, ...problems.map((p) => el("li", {}, p.message))) : null,
      files.length ? el("div", {}, ...files.map((f) => fileDetails(f, anchors.get(f.path), labels, problemsByFile.get(f.path))))
        : el("p", { class: "missing" }, "Thư mục không có tệp nào."));
  });
  const general = problemsByFolder.get("") || [];
  return el("section", { class: "files", "aria-labelledby": "files-title" },
    el("h3", { id: "files-title" }, "Thư mục và tệp của hồ sơ (" + result.files.length + " tệp)"),
    general.length ? el("ul", { class: "reasons" }, ...general.map((p) => el("li", {}, p.message))) : null,
    ...blocks);
}

async function catalogTitle(id) {
  try {
    return (await (await api("/catalogs/" + encodeURIComponent(id))).json()).title || id;
  } catch (_) {
    return id;
  }
}

async function showResult(job, onError) {
  let result;
  try {
    result = await (await api(job.links.reports.json)).json();
  } catch (error) {
    return onError(error.message);
  }
  const appraisal = result.appraisal;
  const decision = appraisal.decision;
  const labels = (window.hosoLabels || {}).fields || {};
  const anchors = new Map(result.files.map((f, i) => [f.path, fileAnchor(i)]));
  const state = OUTCOME_STATES[decision.outcome] || "warning";
  const failing = appraisal.criteria.filter((c) => NOT_MET.has(c.status));
  const title = await catalogTitle(appraisal.catalog_id);
  const verdict = $("dossier-verdict");
  verdict.replaceChildren(el("div", { class: "verdict state-" + state, "data-passed": String(decision.passed) },
    el("p", { class: "verdict-title" }, stateBadge(state, "Kết luận: " + decision.label)),
    el("p", { class: "verdict-detail" }, decision.explanation),
    failing.length ? el("p", { class: "verdict-detail" }, "Tiêu chí không đạt: ",
      ...failing.flatMap((c, i) => [i ? ", " : "", el("a", { href: "#tieu-chi-" + c.id }, c.id)])) : null),
    el("dl", { class: "facts" },
      el("dt", {}, "Đơn vị"), el("dd", {}, appraisal.unit.name),
      el("dt", {}, "Bộ tiêu chí"), el("dd", {}, title + " — năm " + appraisal.year),
      el("dt", {}, "Kiểm tra lúc"), el("dd", {}, vnTime(job.finished_at) + " (giờ Việt Nam), chính sách " + (result.policy ? result.policy.id + " " + result.policy.version : ""))));
  const table = el("table", { id: "criteria", class: "criteria stack" },
    el("caption", {}, "Kết quả từng tiêu chí"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Tiêu chí"), el("th", { scope: "col" }, "Tự đánh giá"),
      el("th", { scope: "col" }, "Kết quả kiểm tra"), el("th", { scope: "col" }, "Minh chứng, lý do"))),
    el("tbody", {}, ...appraisal.criteria.map((row) => criterionRow(row, result.files.filter((f) => f.criterion_id === row.id), anchors))));
  $("dossier-body").replaceChildren(filterBar(appraisal.criteria, table), table, filesSection(result, anchors, labels));
  $("downloads").hidden = false;
  $("dossier-result").dataset.state = "done";
  openTarget();
}

/** A link to a file opens its details and moves the focus there (keyboard users too). */
export function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let node = target; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  if (target.tagName === "DETAILS") target.querySelector("summary").focus();
  target.scrollIntoView({ block: "start" });
}

export async function download(button, onError) {
  if (!current) return;
  const { download: kind, format, form } = button.dataset;
  const path = kind === "report"
    ? "/dossiers/" + current + "/report?format=" + format
    : "/dossiers/" + current + "/render/" + form + "?format=" + format;
  button.disabled = true;
  try {
    const response = await api(path, { method: kind === "report" ? "GET" : "POST" });
    await saveResponse(response, "tai-lieu." + format);
  } catch (error) {
    onError(error.message);
  } finally {
    button.disabled = false;
  }
}

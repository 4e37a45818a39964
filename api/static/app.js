// The reviewers' page: the key (checked before it is kept), the upload, and the result
// of a PDF or a dossier. A result opened here is put in the address bar
// (?verification=ID, ?job=ID), so a reload or a shared link opens it again.
"use strict";

import { $, KEY_STORAGE, api, apiKey, el, elapsedText, vnTime } from "./dom.js";
import * as dossier from "./dossier.js";
import { fieldsSection, problemsList, signaturePanels, verdictBanner } from "./panel.js";

let busyTimer = null;

function showMessage(text) {
  const box = $("message");
  box.textContent = text || "";
  box.hidden = !text;
}

// ---- the key ----------------------------------------------------------------------

function keyError(text) {
  const error = $("key-error");
  error.textContent = text || "";
  error.hidden = !text;
  $("api-key").setAttribute("aria-invalid", text ? "true" : "false");
}

function showKeyStatus(text) {
  $("key-status").textContent = text || (apiKey()
    ? "Đã lưu khóa trên máy này. Có thể chọn tệp để kiểm tra."
    : "Chưa có khóa: dán khóa truy cập rồi bấm “Kiểm tra và lưu khóa”.");
}

async function saveKey(event) {
  event.preventDefault();
  const value = $("api-key").value.trim();
  keyError("");
  if (!value) {
    keyError("Hãy dán khóa truy cập vào ô trên.");
    return $("api-key").focus();
  }
  showKeyStatus("Đang kiểm tra khóa…");
  try {
    const me = await (await api("/keys/me", {}, value)).json();
    localStorage.setItem(KEY_STORAGE, value);
    const rights = me.can_verify ? "kiểm tra tệp PDF và hồ sơ" : "nộp và xem hồ sơ của mình (không kiểm tra riêng từng tệp PDF)";
    showKeyStatus("Đã kiểm tra và lưu khóa: khóa của " + me.role_label + ", được " + rights + ".");
    openFromAddress();
  } catch (error) {
    showKeyStatus("Chưa lưu khóa.");
    keyError(error.status === 401 ? "Khóa không đúng hoặc đã bị thu hồi: chưa lưu. Kiểm tra lại khóa do quản trị hệ thống cấp." : error.message);
    $("api-key").focus();
  }
}

function forgetKey() {
  localStorage.removeItem(KEY_STORAGE);
  $("api-key").value = "";
  keyError("");
  showKeyStatus();
}

// ---- busy state and clearing ----------------------------------------------------------

function busy(text) {
  clearInterval(busyTimer);
  $("busy").hidden = !text;
  $("choose").disabled = Boolean(text);
  if (!text) return;
  const start = Date.now();
  $("busy-text").textContent = text;
  const tick = () => { $("busy-clock").textContent = "Đã " + elapsedText((Date.now() - start) / 1000); };
  tick();
  busyTimer = setInterval(tick, 1000);
}

function clearResults() {
  showMessage("");
  dossier.stopFollowing();
  $("pdf-result").hidden = true;
  $("dossier-result").hidden = true;
  for (const id of ["pdf-verdict", "pdf-facts", "signatures", "pdf-fields", "pdf-problems", "dossier-verdict", "dossier-body"]) {
    $(id).replaceChildren();
  }
}

function setAddress(key, value) {
  const url = new URL(location.href);
  url.search = value ? "?" + key + "=" + encodeURIComponent(value) : "";
  url.hash = "";
  history.replaceState(null, "", url);
}

// ---- a PDF ---------------------------------------------------------------------------

function showPdf(body) {
  const report = body.report;
  const labels = window.hosoLabels || {};
  $("pdf-name").textContent = "— " + body.file_name;
  $("pdf-verdict").replaceChildren(verdictBanner(report));
  const policy = report.policy ? report.policy.id + " (phiên bản " + report.policy.version + ")" : "không rõ";
  $("pdf-facts").replaceChildren(
    el("dt", {}, "Tệp"), el("dd", {}, body.file_name),
    el("dt", {}, "SHA-256"), el("dd", {}, el("code", { class: "hash" }, body.sha256)),
    el("dt", {}, "Kiểm tra lúc"), el("dd", {}, report.checked_at ? vnTime(report.checked_at) + " (giờ Việt Nam)" : vnTime(body.created_at)),
    el("dt", {}, "Chính sách kiểm tra"), el("dd", {}, policy));
  const count = (report.signatures || []).length;
  $("signatures-title").textContent = "Chữ ký số" + (count ? " (" + count + ")" : "");
  $("signatures").replaceChildren(signaturePanels(report, { verificationId: body.id, onError: showMessage }));
  $("pdf-fields").replaceChildren(report.verdict === "unreadable" ? "" : fieldsSection(report, labels.fields));
  $("pdf-problems").replaceChildren(problemsList(report) || "");
  $("pdf-result").hidden = false;
}

async function verifyPdf(file) {
  const form = new FormData();
  form.append("file", file);
  busy("Đang kiểm tra “" + file.name + "”… Bản quét cần nhận dạng chữ nên có thể mất đến một phút.");
  try {
    const body = await (await api("/verifications", { method: "POST", body: form })).json();
    showPdf(body);
    setAddress("verification", body.id);
    $("pdf-title").focus();
  } finally {
    busy("");
  }
}

async function openVerification(id) {
  busy("Đang mở kết quả kiểm tra đã lưu…");
  try {
    showPdf(await (await api("/verifications/" + encodeURIComponent(id))).json());
  } finally {
    busy("");
  }
}

// ---- a dossier -----------------------------------------------------------------------

async function submitDossier(file) {
  const form = new FormData();
  form.append("file", file);
  busy("Đang gửi hồ sơ “" + file.name + "”…");
  try {
    const job = await (await api("/dossiers", { method: "POST", body: form })).json();
    setAddress("job", job.id);
    dossier.follow(job, file.name, showMessage);
  } finally {
    busy("");
  }
}

async function openJob(id) {
  const job = await (await api("/dossiers/" + encodeURIComponent(id))).json();
  dossier.follow(job, job.file_name, showMessage);
}

// ---- wiring --------------------------------------------------------------------------

async function handleFile(file) {
  clearResults();
  if (!file) return;
  if (!apiKey()) {
    showMessage("Hãy nhập và lưu khóa truy cập trước (mục 1).");
    return $("api-key").focus();
  }
  const name = file.name.toLowerCase();
  try {
    if (name.endsWith(".zip") || file.type === "application/zip") await submitDossier(file);
    else if (name.endsWith(".pdf") || file.type === "application/pdf") await verifyPdf(file);
    else showMessage("Chỉ nhận tệp PDF (minh chứng) hoặc ZIP (hồ sơ): “" + file.name + "” không phải hai loại này.");
  } catch (error) {
    setAddress("", "");
    showMessage(error.message);
  }
}

async function openFromAddress() {
  const params = new URLSearchParams(location.search);
  const verification = params.get("verification");
  const job = params.get("job");
  if (!verification && !job) return;
  if (!apiKey()) return showMessage("Đường dẫn này mở một kết quả kiểm tra: hãy nhập và lưu khóa truy cập trước (mục 1).");
  clearResults();
  try {
    if (verification) await openVerification(verification);
    else await openJob(job);
  } catch (error) {
    showMessage(error.message);
  }
}

async function loadLabels() {
  try {
    const response = await fetch("/labels");
    if (response.ok) window.hosoLabels = await response.json();
  } catch (_) {
    // The page still works with the raw field names; the next load retries.
  }
}

function init() {
  $("api-key").value = apiKey();
  showKeyStatus();
  $("key-form").addEventListener("submit", saveKey);
  $("key-forget").addEventListener("click", forgetKey);
  $("choose").addEventListener("click", () => $("file-input").click());
  $("file-input").addEventListener("change", (event) => { handleFile(event.target.files[0]); event.target.value = ""; });
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => { event.preventDefault(); handleFile(event.dataTransfer.files[0]); });
  document.querySelectorAll("[data-download]").forEach((button) =>
    button.addEventListener("click", () => dossier.download(button, showMessage)));
  window.addEventListener("hashchange", dossier.openTarget);
  $("pdf-title").tabIndex = -1;
  loadLabels().then(openFromAddress);
}

init();

// The appraisers' page: a dossier's way through its appraisal chain (/appraisals).
// No build step, no inline script or style (the service's CSP). The key is kept in
// sessionStorage only: closing the tab signs out, a shared office computer keeps nothing.
"use strict";

const KEY_STORAGE = "hoso.thamDinh.key";
const $ = (id) => document.getElementById(id);
const state = { me: null, view: "cho_toi", dossier: null, criterion: null, frameUrl: null };

const VERDICTS = { dat: "Đạt", khong_dat: "Không đạt", yeu_cau_bo_sung: "Yêu cầu bổ sung" };
const TONES = {
  dat: "ok", khong_dat: "bad", yeu_cau_bo_sung: "warn", cho_tham_dinh: "warn",
  dang_trien_khai: "warn", khong_ap_dung: "muted", khong_danh_gia: "muted",
  dang_xu_ly: "info", tra_lai: "warn", cong_nhan: "ok", khong_cong_nhan: "bad",
};
const FORM_NAMES = {
  "mau-02": "Mẫu 02", "mau-03": "Mẫu 03", "mau-04": "Mẫu 04",
  "bieu-01": "Biểu 01 (Tờ trình)", "bieu-02": "Biểu 02 (Biên bản)", "bieu-03": "Biểu 03",
};
const UNIT_KINDS = ["xa", "huyen", "so_nganh"];
const SHORT_ACTORS = {
  huyen: "Huyện", bcd: "BCĐ tỉnh", so_tttt: "Sở TT&TT", thanh_vien: "Thành viên HĐ", ubnd_tinh: "UBND tỉnh",
};

function key() { return sessionStorage.getItem(KEY_STORAGE) || ""; }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function show(id, on) { $(id).hidden = !on; }

function message(text, where = "message") {
  const box = $(where);
  box.textContent = text || "";
  box.hidden = !text;
}

function when(iso, dateOnly) {
  if (!iso) return "";
  const date = new Date(iso);
  if (isNaN(date)) return iso;
  const options = { timeZone: "Asia/Ho_Chi_Minh" };
  return dateOnly ? date.toLocaleDateString("vi-VN", options) : date.toLocaleString("vi-VN", options);
}

function badge(text, tone) { return el("span", { class: "badge " + (tone || "muted") }, text); }

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: "Bearer " + key() }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let text = "Lỗi " + response.status;
    try {
      const body = await response.json();
      if (body.error) text = body.error.message;
    } catch (_) { /* not JSON */ }
    if (response.status === 401) text = "Khóa không đúng hoặc đã bị thu hồi: đăng nhập lại. " + text;
    throw new Error(text);
  }
  return response;
}

async function json(path, options) { return (await api(path, options)).json(); }

function send(method, path, body) {
  return json(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

// ---- sign-in ----------------------------------------------------------------

async function signIn(secret) {
  sessionStorage.setItem(KEY_STORAGE, secret);
  try {
    const me = await json("/keys/me");
    if (!me.actor && me.role !== "admin") {
      sessionStorage.removeItem(KEY_STORAGE);
      message("Khóa này chưa gắn với đơn vị hay thành viên hội đồng nào: đề nghị quản trị viên cấp khóa có vai trò.", "sign-in-status");
      return;
    }
    state.me = me;
    message("", "sign-in-status");
    $("who-name").textContent = me.actor
      ? `${me.actor.unit}${me.actor.person ? " — " + me.actor.person : ""} (${me.actor.kind_label})`
      : "Quản trị (chỉ xem)";
    show("who", true);
    show("sign-in", false);
    show("workspace", true);
    show("new-dossier", Boolean(me.actor && UNIT_KINDS.includes(me.actor.kind)));
    $("new-dossier").open = Boolean(me.actor && me.actor.kind === "xa");
    await loadQueue(state.view);
  } catch (error) {
    sessionStorage.removeItem(KEY_STORAGE);
    message(error.message, "sign-in-status");
  }
}

function signOut() {
  sessionStorage.removeItem(KEY_STORAGE);
  state.me = null;
  state.dossier = null;
  closePanel();
  show("who", false);
  show("workspace", false);
  show("sign-in", true);
  show("dossier", false);
  $("key").value = "";
  message("");
}

// ---- queue ------------------------------------------------------------------

async function loadQueue(view) {
  if (!state.me) return;
  state.view = view;
  for (const tab of document.querySelectorAll(".tab")) {
    tab.setAttribute("aria-selected", String(tab.dataset.view === view));
  }
  const list = clear($("queue-list"));
  try {
    const answer = await json("/appraisals?view=" + view);
    show("queue-empty", answer.items.length === 0);
    for (const item of answer.items) list.append(queueItem(item));
  } catch (error) { message(error.message); }
}

function queueItem(item) {
  const flags = [];
  if (item.awaits_you) flags.push(badge("Chờ bạn", "info"));
  if (item.overdue) flags.push(badge("Quá hạn", "bad"));
  if (item.late) flags.push(badge("Nộp muộn", "warn"));
  const button = el("button", { type: "button", class: "queue-item", "data-id": item.id },
    el("span", { class: "queue-unit" }, item.unit_name),
    el("span", { class: "queue-stage" }, item.stage_name || item.status_label),
    el("span", { class: "queue-flags" }, badge(item.status_label, TONES[item.status]), ...flags,
      item.due_at ? el("span", { class: "hint" }, "Hạn " + when(item.due_at, true)) : null),
  );
  button.addEventListener("click", () => openDossier(item.id));
  return el("li", {}, button);
}

// ---- one dossier ------------------------------------------------------------

async function openDossier(id) {
  message("");
  if (!state.dossier || state.dossier.id !== id) closePanel();
  try {
    render(await json("/appraisals/" + encodeURIComponent(id)));
    $("dossier").scrollIntoView({ block: "start" });
  } catch (error) { message(error.message); }
}

function currentStage(d) { return d.stages.find((s) => s.id === d.stage) || null; }

function render(d) {
  if (!state.me) return; // an answer that arrived after signing out is not shown
  state.dossier = d;
  show("dossier", true);
  $("dossier").dataset.status = d.status;
  $("d-unit").textContent = d.unit_name;
  $("d-meta").textContent = `${d.chain.title} · ${d.catalog} · năm ${d.year} · lần nộp ${d.round}`;
  const status = $("d-status");
  status.textContent = d.status_label;
  status.className = "badge " + (TONES[d.status] || "muted");
  renderStages(d);
  renderFlags(d);
  renderRequests(d);
  renderActions(d);
  renderForms(d);
  renderCriteria(d);
  renderTimeline(d);
  if (state.criterion) {
    const row = d.criteria.find((c) => c.id === state.criterion);
    if (row) showCriterion(row); else closePanel();
  }
}

function renderStages(d) {
  const list = clear($("d-stages"));
  list.append(el("li", { class: "stage xong" }, el("b", {}, "Đơn vị nộp"),
    el("span", { class: "hint" }, d.submitted_at ? when(d.submitted_at, true) : "")));
  for (const stage of d.stages) {
    list.append(el("li", { class: "stage " + stage.state, "data-stage": stage.id },
      el("b", {}, stage.name),
      el("span", { class: "hint" }, stage.state_label + (stage.outcome_label ? ": " + stage.outcome_label : ""))));
  }
}

function renderFlags(d) {
  const flags = clear($("d-flags"));
  if (d.late) flags.append(badge("Nộp sau hạn (đánh dấu, không từ chối: tỉnh quyết định)", "warn"));
  if (d.awaits_you) flags.append(badge("Hồ sơ đang chờ bạn xử lý", "info"));
  const box = clear($("d-deadlines"));
  for (const dl of d.deadlines) {
    const tone = { qua_han: "bad", tre_han: "bad", con_han: "info", dung_han: "ok" }[dl.state] || "muted";
    box.append(el("p", { class: "deadline", "data-state": dl.state },
      badge(dl.state_label, tone),
      dl.stage === "submission"
        ? ` ${dl.label} (hồ sơ năm này: trước ngày ${when(dl.due, true)}) · nộp lúc ${when(dl.done)}`
        : ` ${dl.label}: hạn ${when(dl.due)}${dl.done ? " · xong " + when(dl.done) : ""}`));
  }
}

function renderRequests(d) {
  const visible = d.status === "tra_lai" && d.requests.length > 0;
  show("d-requests", visible);
  const list = clear($("d-request-list"));
  for (const r of d.requests) {
    list.append(el("li", {}, el("b", {}, r.criterion ? `Tiêu chí ${r.criterion}: ` : "Hồ sơ: "),
      r.reason, el("span", { class: "hint" }, ` — ${r.by.label}, ${when(r.at)}`)));
  }
  show("d-resubmit", Boolean(d.may_resubmit));
}

function renderActions(d) {
  const stage = currentStage(d);
  const you = stage && stage.you;
  const active = Boolean(you && (you.may_decide.length || you.may_conclude));
  show("d-actions", active);
  if (!active) return;
  $("d-action-title").textContent = "Bước hiện tại: " + stage.name;
  const hints = [];
  if (stage.kind === "appraise") {
    hints.push(`${you.missing_mine.length} tiêu chí của bạn chưa có quyết định.`);
    if (stage.missing.length && you.may_conclude) hints.push(`Cả bước còn ${stage.missing.length} tiêu chí chưa có quyết định.`);
    if (stage.gate) hints.push("Bước này chỉ chuyển tiếp khi các quyết định đạt điều kiện công nhận của bộ tiêu chí.");
  }
  $("d-action-hint").textContent = hints.join(" ");
  const advised = d.criteria.filter((c) => you.missing_mine.includes(c.id) && c.advice.status === "dat");
  show("accept-advised", advised.length > 0);
  $("accept-advised").textContent = `Đạt cho ${advised.length} tiêu chí còn lại mà kết quả kiểm tra là Đạt`;
  show("conclude-form", you.may_conclude);
  const select = clear($("outcome"));
  for (const o of stage.outcomes) select.append(el("option", { value: o.id }, o.label));
  show("outcome-box", stage.outcomes.length > 0);
  show("meeting", stage.meeting);
  $("conclude").textContent = stage.kind === "appraise" ? "Kết thúc bước (chuyển tiếp hoặc trả lại theo các quyết định)" : "Ghi kết luận";
}

function renderForms(d) {
  const box = clear($("d-form-list"));
  let any = false;
  for (const stage of d.stages) {
    if (!stage.forms.length || stage.state === "cho") continue;
    for (const form of stage.forms) {
      any = true;
      const name = FORM_NAMES[form.id] || form.id;
      box.append(el("div", { class: "form-row" }, el("span", {}, `${name} — ${stage.name}`),
        formButton(form, name, "docx", "Word"), formButton(form, name, "pdf", "PDF"),
        formButton(form, name, "pdf", "PDF ký số", true)));
    }
  }
  const councilMember = state.me && state.me.actor && state.me.actor.kind === "thanh_vien";
  show("d-forms", any && !councilMember);
}

function formButton(form, name, format, label, sign) {
  const button = el("button", { type: "button", class: "secondary", "data-form": form.id, "data-format": format, "data-sign": sign ? "1" : "0" }, label);
  button.addEventListener("click", () => downloadForm(form, format, Boolean(sign)));
  return button;
}

async function downloadForm(form, format, sign) {
  message("");
  try {
    const response = await api(`${form.render}?format=${format}${sign ? "&sign=true" : ""}`, { method: "POST" });
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const link = el("a", { href: URL.createObjectURL(blob), download: match ? decodeURIComponent(match[1]) : form.id + "." + format });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) { message(error.message); }
}

function decisionCell(c) {
  const stage = currentStage(state.dossier);
  const here = stage && c.decisions[stage.id];
  const earlier = Object.entries(c.decisions).filter(([id]) => !stage || id !== stage.id);
  const parts = earlier.map(([id, dec]) => el("div", { class: "earlier" },
    el("span", { class: "hint" }, shortStage(id) + ": "), badge(dec.label, TONES[dec.verdict])));
  if (here) parts.push(el("div", {}, badge(here.label, TONES[here.verdict]), here.differs_from_advice ? badge("khác kết quả kiểm tra", "warn") : null));
  else if (c.mine) parts.push(badge("Chưa quyết định", "info"));
  return el("td", {}, ...parts);
}

function shortStage(id) {
  const stage = state.dossier.stages.find((s) => s.id === id);
  return stage ? SHORT_ACTORS[stage.actor] || stage.actor_label : id;
}

function renderCriteria(d) {
  const body = clear($("criteria").tBodies[0]);
  $("d-count").textContent = `(${d.criteria.length})`;
  for (const c of d.criteria) {
    const row = el("tr", { "data-criterion": c.id, class: c.mine ? "mine" : "", tabindex: "0" },
      el("td", {}, el("b", {}, c.id), " ", c.name),
      el("td", {}, el("span", { class: "value" }, c.value || "—"), el("div", { class: "hint" }, "Chỉ tiêu: " + c.target),
        badge(c.self_label, TONES[c.self_status])),
      el("td", {}, badge(c.advice.label, TONES[c.advice.status])),
      decisionCell(c));
    row.addEventListener("click", () => showCriterion(c));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") showCriterion(c); });
    body.append(row);
  }
}

function renderTimeline(d) {
  const list = clear($("d-timeline"));
  for (const e of d.timeline) {
    let what;
    if (e.kind === "submitted") what = `Đơn vị nộp hồ sơ (lần ${e.round})${e.late ? " — sau hạn" : ""}`;
    else if (e.kind === "decided") what = `${e.stage_name}: tiêu chí ${e.criterion} — ${VERDICTS[e.verdict]}`;
    else what = `${e.stage_name}: ${e.outcome_label}`;
    list.append(el("li", {}, el("span", { class: "hint" }, when(e.at) + " · "), el("b", {}, e.by.label), ": ", what,
      e.reason ? el("span", { class: "reason" }, " — " + e.reason) : null));
  }
}

// ---- the per-criterion panel ------------------------------------------------

function closePanel() {
  state.criterion = null;
  show("panel", false);
  resetViewer();
}

function resetViewer() {
  if (state.frameUrl) URL.revokeObjectURL(state.frameUrl);
  state.frameUrl = null;
  $("p-frame").removeAttribute("src");
  show("p-viewer", false);
}

function showCriterion(c) {
  if (state.criterion !== c.id) resetViewer();
  state.criterion = c.id;
  show("panel", true);
  $("panel").dataset.criterion = c.id;
  $("p-title").textContent = `Tiêu chí ${c.id}: ${c.name}`;
  const figures = clear($("p-figures"));
  const add = (term, ...desc) => figures.append(el("dt", {}, term), el("dd", {}, ...desc));
  add("Yêu cầu", `${c.requirement_label} · mục tiêu ${c.target}`);
  add("Đơn vị báo cáo", c.value || "—", " ", badge(c.self_label, TONES[c.self_status]));
  if (c.keeper) add("Cơ quan thẩm định", c.keeper);
  const advice = clear($("p-advice"));
  advice.append(el("p", {}, el("b", {}, "Kết quả kiểm tra minh chứng (tham khảo): "), badge(c.advice.label, TONES[c.advice.status])),
    el("p", { class: "hint" }, c.advice.comment));
  if (c.advice.requirements.length) {
    advice.append(el("ul", { class: "requirements" }, ...c.advice.requirements.map((r) =>
      el("li", { class: r.met ? "met" : "unmet" }, r.met ? "✓ " : "✗ ", r.description, r.document ? ` — ${r.document}` : ""))));
  }
  if (c.advice.reasons.length) advice.append(el("ul", { class: "reasons" }, ...c.advice.reasons.map((r) => el("li", {}, r))));
  const explanation = $("p-explanation");
  explanation.hidden = !c.explanation;
  if (c.explanation) {
    clear(explanation).append(el("b", {}, "Giải trình của đơn vị: "), c.explanation.text,
      c.explanation.file ? el("span", { class: "hint" }, ` (tệp: ${c.explanation.file})`) : null);
  }
  renderFiles(c);
  renderDecisions(c);
  renderDecideForm(c);
  if (window.matchMedia("(max-width: 900px)").matches) $("panel").scrollIntoView({ block: "start" });
}

function renderFiles(c) {
  const list = clear($("p-files"));
  if (!c.files.length) list.append(el("li", { class: "hint" }, "Không có tệp nào trong thư mục của tiêu chí."));
  for (const f of c.files) {
    const verdict = f.verdict ? badge(f.accepted ? "Hợp lệ" : f.verdict === "invalid" ? "Chữ ký không hợp lệ" : "Chưa được chấp nhận", f.accepted ? "ok" : "bad") : null;
    const item = el("li", { class: "file" }, el("b", {}, f.name), " ", verdict, f.counts ? badge("được tính", "ok") : null,
      f.document ? el("div", { class: "hint" }, f.document) : null);
    for (const signature of f.signatures) {
      item.append(el("ul", { class: "summary" }, ...signature.lines.map((line) => el("li", {}, line))));
    }
    if (f.reasons.length) item.append(el("ul", { class: "reasons" }, ...f.reasons.map((r) => el("li", {}, r))));
    if (f.url) {
      const view = el("button", { type: "button", class: "secondary view-pdf" }, "Xem tệp PDF");
      view.addEventListener("click", () => viewPdf(f.url));
      item.append(view, " ", el("a", { href: state.dossier.job.page, target: "_blank", rel: "noopener" }, "Bảng chữ ký đầy đủ"));
    }
    list.append(item);
  }
}

async function viewPdf(url) {
  try {
    const blob = await (await api(url)).blob();
    resetViewer();
    state.frameUrl = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
    $("p-frame").src = state.frameUrl;
    show("p-viewer", true);
  } catch (error) { message(error.message); }
}

function renderDecisions(c) {
  const list = clear($("p-decisions"));
  if (!c.history.length) list.append(el("li", { class: "hint" }, "Chưa có quyết định nào."));
  for (const d of c.history) {
    list.append(el("li", {}, el("b", {}, shortStage(d.stage)), " ", badge(d.label, TONES[d.verdict]),
      d.differs_from_advice ? badge(`khác kết quả kiểm tra (${d.advice_label})`, "warn") : null,
      d.reason ? el("div", {}, d.reason) : null,
      el("div", { class: "hint" }, `${d.by.label} · ${when(d.at)} · lần nộp ${d.round}`)));
  }
}

function renderDecideForm(c) {
  const form = $("decide-form");
  form.hidden = !c.mine;
  if (!c.mine) return;
  const stage = currentStage(state.dossier);
  const mineNow = c.decisions[stage.id];
  for (const radio of form.querySelectorAll("input[name=verdict]")) radio.checked = mineNow ? radio.value === mineNow.verdict : false;
  $("reason").value = mineNow ? mineNow.reason : "";
  $("decide-status").textContent = c.advice.status === "dat" ? "Đạt khớp kết quả kiểm tra thì không cần ghi lý do." : "Kết quả kiểm tra không phải Đạt: mọi quyết định cần ghi lý do.";
}

async function saveDecision(event) {
  event.preventDefault();
  const chosen = document.querySelector("#decide-form input[name=verdict]:checked");
  if (!chosen) { $("decide-status").textContent = "Chọn Đạt, Không đạt hoặc Yêu cầu bổ sung."; return; }
  const d = state.dossier;
  try {
    render(await send("PUT", `/appraisals/${d.id}/stages/${d.stage}/criteria/${encodeURIComponent(state.criterion)}`,
      { verdict: chosen.value, reason: $("reason").value }));
    $("decide-status").textContent = "Đã lưu.";
  } catch (error) { $("decide-status").textContent = error.message; }
}

async function acceptAdvised() {
  const d = state.dossier;
  const stage = currentStage(d);
  const ids = d.criteria.filter((c) => stage.you.missing_mine.includes(c.id) && c.advice.status === "dat").map((c) => c.id);
  message("");
  try {
    let latest = d;
    for (const id of ids) {
      latest = await send("PUT", `/appraisals/${d.id}/stages/${stage.id}/criteria/${encodeURIComponent(id)}`, { verdict: "dat", reason: "" });
    }
    render(latest);
  } catch (error) { message(error.message); }
}

function meetingRecord() {
  const person = (name, position) => ({ name: $(name).value.trim(), position: $(position).value.trim() });
  const members = $("m-members").value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [name, ...rest] = line.split(" - ");
    return { name: name.trim(), position: rest.join(" - ").trim() || "Thành viên" };
  });
  return {
    date: $("m-date").value, start: $("m-start").value, end: $("m-end").value, place: $("m-place").value.trim(),
    chair: person("m-chair", "m-chair-pos"), secretary: person("m-sec", "m-sec-pos"), members,
    vote: { total: Number($("m-total").value), yes: Number($("m-yes").value) },
  };
}

async function conclude(event) {
  event.preventDefault();
  const d = state.dossier;
  const stage = currentStage(d);
  const body = { reason: $("conclude-reason").value };
  if (stage.outcomes.length) body.outcome = $("outcome").value;
  if (stage.meeting && !(body.outcome === "bo_sung")) body.meeting = meetingRecord();
  message("");
  try {
    render(await send("POST", `/appraisals/${d.id}/stages/${stage.id}/conclude`, body));
    $("conclude-reason").value = "";
    await loadQueue(state.view);
  } catch (error) { message(error.message); }
}

// ---- the unit: submit and resubmit ------------------------------------------

async function checkZip(file, status) {
  const form = new FormData();
  form.append("file", file);
  status.textContent = "Đang tải lên…";
  let job = await json("/dossiers", { method: "POST", body: form });
  while (job.state === "queued" || job.state === "running") {
    status.textContent = `Đang kiểm tra minh chứng: ${job.progress.done}/${job.progress.total} tệp…`;
    await new Promise((resolve) => setTimeout(resolve, 700));
    job = await json("/dossiers/" + job.id);
  }
  if (job.state !== "done") throw new Error((job.error && job.error.message) || "Kiểm tra hồ sơ không thành công.");
  return job.id;
}

async function submitNew(event) {
  const file = event.target.files[0];
  if (!file) return;
  const status = $("new-status");
  try {
    const jobId = await checkZip(file, status);
    const dossier = await send("POST", "/appraisals", { job_id: jobId });
    status.textContent = "Đã nộp hồ sơ.";
    render(dossier);
    await loadQueue("tat_ca");
  } catch (error) { status.textContent = error.message; }
  event.target.value = "";
}

async function resubmit(event) {
  const file = event.target.files[0];
  if (!file) return;
  const status = $("resubmit-status");
  try {
    const jobId = await checkZip(file, status);
    render(await send("POST", `/appraisals/${state.dossier.id}/resubmit`, { job_id: jobId }));
    status.textContent = "Đã nộp lại hồ sơ.";
    await loadQueue(state.view);
  } catch (error) { status.textContent = error.message; }
  event.target.value = "";
}

// ---- wiring -----------------------------------------------------------------

$("sign-in-form").addEventListener("submit", (e) => { e.preventDefault(); const v = $("key").value.trim(); if (v) signIn(v); });
$("sign-out").addEventListener("click", signOut);
for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => loadQueue(tab.dataset.view));
$("p-close").addEventListener("click", closePanel);
$("decide-form").addEventListener("submit", saveDecision);
$("accept-advised").addEventListener("click", acceptAdvised);
$("conclude-form").addEventListener("submit", conclude);
$("new-file").addEventListener("change", submitNew);
$("resubmit-file").addEventListener("change", resubmit);
if (key()) signIn(key());

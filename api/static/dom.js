// Small helpers shared by the reviewers' page modules: DOM building, the API with the
// key kept in this browser, times in Viet Nam time, downloads. No framework, no build
// step; every node is built with createElement (the service's CSP forbids inline code).
"use strict";

export const KEY_STORAGE = "hoso.apiKey";
export const $ = (id) => document.getElementById(id);

export function apiKey() { return localStorage.getItem(KEY_STORAGE) || ""; }

/** el("p", {class: "x", "data-state": "ok", hidden: true}, "text", node, ...) */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch with the key; a non-2xx answer becomes an ApiError carrying the service's Vietnamese message. */
export async function api(path, options = {}, key = apiKey()) {
  const headers = Object.assign({ Authorization: "Bearer " + key }, options.headers || {});
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, { headers }));
  } catch (_) {
    throw new ApiError("Không kết nối được tới máy chủ hoso. Kiểm tra mạng rồi thử lại.", 0, "NETWORK");
  }
  if (response.ok) return response;
  let message = "Máy chủ trả lời lỗi " + response.status + ".";
  let code = "HTTP_" + response.status;
  try {
    const body = await response.json();
    if (body.error) {
      message = body.error.message || message;
      code = body.error.code || code;
      if (Array.isArray(body.error.details)) {
        const lines = body.error.details.map((d) => typeof d === "string" ? d : (d.path ? d.path + ": " : "") + (d.message || ""));
        if (lines.length) message += " " + lines.join("; ");
      }
    }
  } catch (_) { /* not JSON */ }
  if (response.status === 401) message = "Khóa truy cập không đúng hoặc đã bị thu hồi.";
  if (response.status === 403) message = "Khóa truy cập này không được phép làm việc này. " + message;
  throw new ApiError(message, response.status, code);
}

const pad = (n) => String(n).padStart(2, "0");

function inVietnam(iso) {
  const date = new Date(iso);
  if (isNaN(date)) return null;
  return new Date(date.getTime() + 7 * 3600 * 1000); // read with getUTC*: Viet Nam has no DST
}

/** "12/03/2024 14:30:43" in Viet Nam time (UTC+7), whatever the browser's own zone. */
export function vnTime(iso, seconds = true) {
  const d = iso ? inVietnam(iso) : null;
  if (!d) return "không rõ";
  const time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + (seconds ? ":" + pad(d.getUTCSeconds()) : "");
  return vnDate(iso) + " " + time;
}

export function vnDate(iso) {
  const d = iso ? inVietnam(iso) : null;
  if (!d) return "không rõ";
  return pad(d.getUTCDate()) + "/" + pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
}

/** A plain date ("2024-03-12") as 12/03/2024, without any time-zone shift. */
export function plainDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  return m ? m[3] + "/" + m[2] + "/" + m[1] : text;
}

export function fileNameOf(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const star = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = header.match(/filename="([^"]+)"/i);
  return plain ? plain[1] : fallback;
}

/** Save an API answer as a file under the name the server gave it. */
export async function saveResponse(response, fallback) {
  const blob = await response.blob();
  const link = el("a", { href: URL.createObjectURL(blob), download: fileNameOf(response, fallback) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

/** "1 phút 05 giây" for an elapsed number of seconds. */
export function elapsedText(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? s + " giây" : Math.floor(s / 60) + " phút " + pad(s % 60) + " giây";
}

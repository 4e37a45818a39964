#!/usr/bin/env bash
# Installs the Debian packages hoso needs, skipping what is already there.
# Called by `make run` and `make test`; idempotent; needs root (or sudo).
set -euo pipefail

packages=(
  # PDF conversion through a warm LibreOffice (docgen)
  libreoffice-writer-nogui python3-uno
  # Times New Roman's metric-compatible stand-in, so PDFs keep the decree's layout
  fonts-liberation fonts-liberation2
  # OCR of scanned evidence pages, with the Vietnamese model (verify); the English one
  # reads a date's or number's digits again alone (a dependency of tesseract-ocr, named)
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng
  # pdfsig/pdftoppm for benchmarks and visual checks
  poppler-utils
  # PostgreSQL for the API tests on a real server (scripts/start-postgres.sh)
  postgresql
  # the reviewers' page tested in a real browser (Playwright drives /usr/bin/chromium)
  chromium
  # a software PKCS#11 token: signing generated documents with a token is tested on it
  softhsm2
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Cài các gói hệ thống còn thiếu: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

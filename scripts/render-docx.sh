#!/usr/bin/env bash
# Renders .docx files to PNG pages for a person to look at: LibreOffice converts each to PDF, pdftoppm rasterises it.
#
#   scripts/render-docx.sh out/report.docx [more.docx …] [-o DIR] [-r DPI]
#
# Writes DIR/<name>.pdf and DIR/<name>-<page>.png (DIR defaults to the .docx's folder, DPI to 80) and prints the PNG
# paths. Needs LibreOffice Writer (Debian: libreoffice-writer-nogui) and pdftoppm (poppler-utils); for Chinese text
# install fonts-noto-cjk. The template's fonts (仿宋_GB2312, 楷体_GB2312, 黑体) are Windows fonts: on Linux LibreOffice
# substitutes them, so the pages show layout, line spacing and tables faithfully but not the exact typefaces.
set -euo pipefail

usage() { echo "usage: $0 FILE.docx [FILE.docx …] [-o OUTDIR] [-r DPI]" >&2; exit 2; }

outdir=""
dpi=80
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || usage; outdir="$2"; shift 2 ;;
    -r) [ $# -ge 2 ] || usage; dpi="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) files+=("$1"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || usage

soffice_bin="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice_bin" ]; then
  echo "soffice not found: apt-get install -y libreoffice-writer-nogui" >&2; exit 1
fi
if ! command -v pdftoppm >/dev/null; then
  echo "pdftoppm not found: apt-get install -y poppler-utils" >&2; exit 1
fi
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  echo "warning: no Chinese font installed, Chinese text will show as boxes (apt-get install -y fonts-noto-cjk)" >&2
fi

# A private LibreOffice profile: no clash with a running instance, no first-start dialogs.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

for file in "${files[@]}"; do
  [ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
  dir="${outdir:-$(dirname "$file")}"
  mkdir -p "$dir"
  name="$(basename "${file%.*}")"
  "$soffice_bin" -env:UserInstallation="file://$profile" --headless --norestore \
    --convert-to pdf --outdir "$dir" "$file" >/dev/null 2>&1
  [ -f "$dir/$name.pdf" ] || { echo "LibreOffice did not convert $file" >&2; exit 1; }
  rm -f "$dir/$name"-*.png
  pdftoppm -png -r "$dpi" "$dir/$name.pdf" "$dir/$name"
  ls -1 "$dir/$name"-*.png
done

#!/usr/bin/env bash
# PDF and HTML decoding throughput: makes PDFs and web pages from samples/*.txt with the programs agencies use
# (LibreOffice: text → PDF and → "save as web page"; Chromium: print to PDF with a CJK font), adds any PDFs in
# $REALDOCS_PDF (measured, never committed), and runs `Pipeline.Benchmarks --formats <dir> [passes]`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
passes="${1:-20}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
profile="file://$work/profile"
for f in samples/*.txt; do
  name="$(basename "$f" .txt)"
  cp "$f" "$work/$name.txt"
  # 76 = UTF-8 in LibreOffice's text import filter options.
  soffice --headless --norestore "-env:UserInstallation=$profile" --infilter="Text (encoded):76,LF,,," --convert-to pdf --outdir "$work" "$work/$name.txt" >/dev/null 2>&1
  soffice --headless --norestore "-env:UserInstallation=$profile" --infilter="Text (encoded):76,LF,,," --convert-to "html:HTML (StarWriter)" --outdir "$work" "$work/$name.txt" >/dev/null 2>&1
  { printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:16px}</style></head><body>'
    sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/^/<p>/; s/$/<\/p>/' "$f"; printf '</body></html>'; } > "$work/$name.print.htm"
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/chrome" --print-to-pdf="$work/$name.chromium.pdf" "file://$work/$name.print.htm" >/dev/null 2>&1
done
if [[ -d "${REALDOCS_PDF:-}" ]]; then cp "$REALDOCS_PDF"/*.pdf "$work"/ 2>/dev/null || true; fi
rm -f "$work"/*.txt "$work"/*.htm
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
ls -l "$work" | tail -n +2 | awk '{print $5, $9}'
dotnet run -c Release --project bench/Pipeline.Benchmarks -- --formats "$work" "$passes"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

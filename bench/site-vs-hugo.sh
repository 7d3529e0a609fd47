#!/usr/bin/env bash
# Builds the same 10,000 synthetic reports with `pipeline-dev build-site` (bench/Pipeline.DevTools) and with Hugo (list pages per year and
# publisher, RSS, sitemap), side by side; then publishes 1 report incrementally and measures search downloads.
# Usage: bench/site-vs-hugo.sh [count]   (needs: dotnet, hugo, python3; writes under /tmp/site-bench)
set -euo pipefail
N=${1:-10000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# SITE_BENCH_DIR=/dev/shm/site-bench puts both outputs on tmpfs: the per-file ext4 inode cost (shared with
# whatever else runs on the disk) then falls out of both tools' figures alike.
WORK=${SITE_BENCH_DIR:-/tmp/site-bench}
rm -rf "$WORK" && mkdir -p "$WORK"
if ! command -v hugo >/dev/null 2>&1; then
  echo "hugo not found; installing the Debian package" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq hugo >/dev/null; else sudo apt-get install -y -qq hugo >/dev/null; fi
fi
PIPELINE="$("$ROOT/src/Pipeline.Cli/publish.sh" bench/Pipeline.DevTools.Site --aot)"

echo "== pipeline-dev-site build-site --generate $N (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" $PIPELINE build-site "$ROOT/samples" -o "$WORK/site" --generate "$N"
echo "files $(find "$WORK/site" -type f | wc -l), bytes $(du -sb "$WORK/site" | cut -f1)"

echo "== incremental publish of 1 report into the $N-report site"
/usr/bin/time -f "wall %e s, user %U s, sys %S s" $PIPELINE build-site "$ROOT/samples" -o "$WORK/site" --generate $((N + 1)) --from "$N" \
  --search "政务公开|依申请公开|行政复议"

echo "== Hugo: the same $N reports as Markdown (metadata from the JSON index, text from the rendered pages)"
python3 - "$WORK/site" "$WORK/hugo" "$N" <<'PY'
import json, os, re, sys, html
site, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(f"{out}/content/reports", exist_ok=True)
os.makedirs(f"{out}/layouts/_default", exist_ok=True)
open(f"{out}/hugo.toml", "w").write('''baseURL = "http://127.0.0.1:8080/"
languageCode = "zh-CN"
title = "政府信息公开"
disableKinds = []
paginate = 50
rssLimit = 50
[pagination]
  pagerSize = 50
[taxonomies]
  year = "years"
  publisher = "publishers"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
''')
open(f"{out}/layouts/_default/baseof.html", "w").write('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>')
open(f"{out}/layouts/_default/single.html", "w").write('{{ define "main" }}<table><tr><th>索引号</th><td>{{ .Params.indexcode }}</td><th>发布机构</th><td>{{ .Params.publisher }}</td></tr><tr><th>生成日期</th><td>{{ .Params.generated }}</td><th>公开范围</th><td>{{ .Params.scope }}</td></tr></table><h1>{{ .Title }}</h1>{{ .Content }}{{ end }}')
open(f"{out}/layouts/_default/list.html", "w").write('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.indexcode }} {{ .Params.publisher }} {{ .Params.generated }} {{ .Params.scope }} {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}')
manifest = json.load(open(f"{site}/api/reports/index.json"))
count = 0
for ref in manifest["shards"]:
    for r in json.load(open(site + ref["url"]))["reports"]:
        if count >= n: break
        slug = r["url"].rstrip("/").rsplit("/", 1)[1]
        page = open(f"{site}/reports/{slug}/index.html", encoding="utf-8").read()
        article = page.split('<article class="report">', 1)[1].split("</article>", 1)[0]
        article = article.split("</h1>", 1)[1]
        text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</(p|h[2-6]|li|tr)>", "\n\n", article)))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        front = {"title": r["title"], "date": r["releaseDate"], "indexcode": r["indexCode"], "publisher": r["publisher"],
                 "generated": r.get("generatedDate"), "scope": r.get("publicScope"), "years": [r["releaseDate"][:4]],
                 "publishers": [r["publisher"]], "slug": slug}
        open(f"{out}/content/reports/{slug}.md", "w", encoding="utf-8").write(json.dumps(front, ensure_ascii=False) + "\n\n" + text + "\n")
        count += 1
print(f"{count} Markdown reports")
PY
echo "== hugo (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" hugo --quiet -s "$WORK/hugo" -d "$WORK/hugo-public"
echo "files $(find "$WORK/hugo-public" -type f | wc -l), bytes $(du -sb "$WORK/hugo-public" | cut -f1)"

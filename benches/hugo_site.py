#!/usr/bin/env python3
"""Writes the Hugo site equivalent to a linxuan site, for benchmarks.

    benches/hugo_site.py LINXUAN_SITE OUT_DIR [--categories]

Reads LINXUAN_SITE/data/occupations.csv (and categories.csv, content/) and writes a Hugo site:
one Markdown stub per occupation (`content/occupations/<code>.md`, URL `/occupations/<code>/`)
with front matter title, code, seq, count, category, levels (a taxonomy: `/levels/<n>/`), the
notice as the home page with the full table, the section list page `/occupations/` (full table),
the forms as pages, and a minimal layout set of our own (baseof, single, list, taxonomy, term)
in plain HTML carrying the same information an occupation page of linxuan shows: name, code,
level range and the five-step ladder, count, 序号, breadcrumb to 大类/中类, the forms, prev/next.

This follows the issue's definition of the Hugo side (stubs, the level taxonomy, a list page, the
level pages). Hugo does less than linxuan here: no category pages (unless `--categories`, which
makes 大类/中类 a second taxonomy `categories`), no search index, no CSV/XLSX/JSON/Word downloads,
no precompressed .gz copies, no feed. Stub generation is not timed; the same input gives the same
bytes.
"""
import argparse
import csv
import re
import shutil
from pathlib import Path

LEVELS = {5: ("五级", "初级工"), 4: ("四级", "中级工"), 3: ("三级", "高级工"), 2: ("二级", "技师"), 1: ("一级", "高级技师")}

CONFIG = """baseURL = "https://www.example.gov.cn/"
languageCode = "zh-CN"
title = "社会评价组织再评估遴选"
disableKinds = ["RSS"]
enableRobotsTXT = true
{taxonomies}
[params]
authority = "××市人力资源和社会保障局（示例）"
{ladder}"""

BASEOF = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}">
</head>
<body>
<header class="site-header"><a class="site-name" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<span class="site-authority">{{ site.Params.authority }}</span></header>
<nav class="site-nav"><ul>
<li><a href="{{ "/" | relURL }}">通知</a></li>
<li><a href="{{ "/" | relURL }}#table">职业（工种）汇总表</a></li>
{{ partialCached "nav_forms.html" . "nav" }}</ul></nav>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>发布机构：{{ site.Params.authority }}</p></footer>
</body>
</html>
"""

TABLE = """<div class="table-wrap">
<table class="occupations" id="table">
<caption>{{ .caption }}：共 {{ len .pages }} 个职业（工种）</caption>
<thead><tr><th>序号</th><th>职业（工种）</th><th>职业编码</th><th>等级范围</th><th>拟遴选机构数量</th></tr></thead>
<tbody>
{{ range .pages }}<tr data-code="{{ .Params.code }}" data-levels="{{ delimit .Params.levels " " }}" data-count="{{ .Params.count }}">
<td class="num">{{ .Params.seq }}</td>
<th scope="row"><a href="{{ .RelPermalink }}">{{ .Title }}</a></th>
<td class="code">{{ .Params.code }}</td>
<td>{{ .Params.levels_text }}</td>
<td class="num">{{ .Params.count }}</td>
</tr>
{{ end }}</tbody>
</table>
</div>
"""

SINGLE = """{{ define "main" }}
{{ if eq .Section "occupations" }}
<nav class="breadcrumb"><ol>
<li><a href="{{ "/" | relURL }}">首页</a></li>
<li>{{ .Params.major }} {{ .Params.major_name }}</li>
<li>{{ .Params.category }} {{ .Params.category_name }}</li>
<li aria-current="page">{{ .Title }}</li>
</ol></nav>
<article class="occupation">
<h1>{{ .Title }}</h1>
<dl class="facts">
<div><dt>职业编码</dt><dd class="code">{{ .Params.code }}</dd></div>
<div><dt>等级范围</dt><dd>{{ .Params.levels_text }}（{{ .Params.levels_label }}）</dd></div>
<div><dt>拟遴选机构数量</dt><dd>{{ .Params.count }}</dd></div>
<div><dt>汇总表序号</dt><dd>{{ .Params.seq }}</dd></div>
</dl>
<section><h2>职业技能等级</h2><ol class="ladder">
{{ $levels := .Params.levels }}{{ range site.Params.ladder }}{{ $in := in $levels .level }}<li class="{{ if $in }}in{{ else }}out{{ end }}">
<a href="{{ printf "/levels/%s/" .level | relURL }}">{{ .name }}/{{ .title }}</a>
<span class="step-state">{{ if $in }}✓ 在本次遴选范围内{{ else }}不在本次遴选范围内{{ end }}</span></li>
{{ end }}</ol></section>
{{ partialCached "apply_forms.html" . "apply" }}
<nav class="pager">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">上一个：{{ .Title }}</a>{{ end }}
<a href="{{ "/" | relURL }}#table">返回汇总表</a>
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">下一个：{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ else }}
<article class="form"><h1>{{ with .Params.heading }}{{ . }}{{ else }}{{ .Title }}{{ end }}</h1>
{{ .Content }}
</article>
{{ end }}
{{ end }}
"""

LIST = """{{ define "main" }}
<article class="list">
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ partial "table.html" (dict "caption" "职业（工种）汇总表" "pages" (site.GetPage "/occupations").Pages) }}
</article>
{{ end }}
"""

# The forms are the same on every page: rendered once (partialCached), as an SSG user would.
NAV_FORMS = """{{ range (site.GetPage "/forms").Pages }}<li><a href="{{ .RelPermalink }}">附件{{ .Params.attachment }}</a></li>
{{ end }}"""

APPLY_FORMS = """<section><h2>申报材料</h2><ul>
{{ range (site.GetPage "/forms").Pages }}<li><a href="{{ .RelPermalink }}">附件{{ .Params.attachment }} {{ .Title }}</a></li>
{{ end }}</ul></section>
"""

TAXONOMY = """{{ define "main" }}
<article class="list">
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>
{{ end }}</ul>
</article>
{{ end }}
"""

TERM = """{{ define "main" }}
<nav class="breadcrumb"><ol><li><a href="{{ "/" | relURL }}">首页</a></li><li aria-current="page">{{ .Title }}</li></ol></nav>
<article class="list">
<h1>{{ .Title }}</h1>
{{ partial "table.html" (dict "caption" .Title "pages" .Pages) }}
<p><a href="{{ "/" | relURL }}#table">返回完整汇总表</a></p>
</article>
{{ end }}
"""


def levels_of(text):
    return sorted({int(x) for x in re.findall(r"[1-5]", text)}, reverse=True)


def label(levels):
    names = [LEVELS[n][1] for n in levels]
    return "、".join(names)


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a linxuan site root (with data/occupations.csv)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--categories", action="store_true",
                        help="also make 大类/中类 a taxonomy `categories` (closer to linxuan's output)")
    args = parser.parse_args()

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    for d in ["content/occupations", "content/forms", "layouts/_default", "layouts/partials", "static/assets"]:
        (out / d).mkdir(parents=True)

    taxonomies = '[taxonomies]\nlevel = "levels"\n'
    if args.categories:
        taxonomies += 'category = "categories"\n'
    ladder = "".join(
        f'[[params.ladder]]\nlevel = "{n}"\nname = "{name}"\ntitle = "{title}"\n' for n, (name, title) in LEVELS.items()
    )
    (out / "config.toml").write_text(CONFIG.format(taxonomies=taxonomies, ladder=ladder), encoding="utf-8")
    layouts = out / "layouts/_default"
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (layouts / "taxonomy.html").write_text(TAXONOMY, encoding="utf-8")
    (layouts / "term.html").write_text(TERM, encoding="utf-8")
    (out / "layouts/partials/table.html").write_text(TABLE, encoding="utf-8")
    (out / "layouts/partials/nav_forms.html").write_text(NAV_FORMS, encoding="utf-8")
    (out / "layouts/partials/apply_forms.html").write_text(APPLY_FORMS, encoding="utf-8")

    site = args.site
    css = Path(__file__).resolve().parent.parent / "static/assets/site.css"
    if css.exists():
        shutil.copy(css, out / "static/assets/site.css")

    names = {}
    cat_file = site / "data/categories.csv"
    if cat_file.exists():
        with open(cat_file, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                names[row["编码"]] = row["名称"]

    # The notice and the forms: linxuan's files carry TOML front matter Hugo reads as it is.
    notice = (site / "content/_index.md").read_text(encoding="utf-8")
    (out / "content/_index.md").write_text(notice, encoding="utf-8")
    (out / "content/occupations/_index.md").write_text('+++\ntitle = "职业（工种）汇总表"\n+++\n', encoding="utf-8")
    for n, (name, title) in LEVELS.items():
        (out / f"content/levels/{n}").mkdir(parents=True)
        (out / f"content/levels/{n}/_index.md").write_text(f'+++\ntitle = "{name}/{title}"\n+++\n', encoding="utf-8")
    for form in sorted((site / "content/forms").glob("*.md")):
        shutil.copy(form, out / "content/forms" / form.name)

    with open(site / "data/occupations.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            code = row["职业编码"].strip()
            seq = int(row["序号"])
            lv = levels_of(row["等级范围"])
            parts = code.split("-")
            major, middle = parts[0], "-".join(parts[:2])
            terms = [major, middle]
            fm = [
                "+++",
                f"title = {toml_str(row['职业（工种）'].strip())}",
                f"code = {toml_str(code)}",
                f"seq = {seq}",
                f"weight = {seq}",
                f"count = {int(row['拟遴选机构数量'])}",
                f"category = {toml_str(middle)}",
                f"category_name = {toml_str(names.get(middle, ''))}",
                f"major = {toml_str(major)}",
                f"major_name = {toml_str(names.get(major, ''))}",
                f"levels = [{', '.join(toml_str(str(n)) for n in lv)}]",
                f"levels_text = {toml_str('、'.join(str(n) for n in lv))}",
                f"levels_label = {toml_str(label(lv))}",
                f"url = {toml_str(f'/occupations/{code}/')}",
            ]
            if args.categories:
                fm.append(f"categories = [{', '.join(toml_str(t) for t in terms)}]")
            fm += ["+++", ""]
            (out / "content/occupations" / f"{code}.md").write_text("\n".join(fm), encoding="utf-8")


if __name__ == "__main__":
    main()

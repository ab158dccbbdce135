#!/usr/bin/env python3
"""Re-skins the shared fixture sites into more variant sites.

For each fixture site it copies the index page and the post pages, then rewrites the index page:
every class name becomes a hashed CSS-module-like name (so no class hints remain), list and card
tags are swapped (li/ul/ol -> div, article -> section, h2 -> h3, header/footer inside cards ->
div), visible dates are written in another format, and a feed link (fixture 004) is dropped so
the list must be detected. expected.json is copied with the new folder name (dates, titles and
summaries keep their meaning).

Usage: python3 tools/variants/reskin.py [FIXTURES_DIR] [OUT_DIR]
"""
import hashlib
import json
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = "/work/shared/fixtures/sites"
VARIANTS = os.path.join(ROOT, "src/test/resources/scrape/variants")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def hashed(site, token):
    h = hashlib.sha1((site + token).encode()).hexdigest()
    return f"{chr(97 + int(h[0], 16) % 26)}{h[1:6]}"


def rename_classes(site, html):
    def repl(m):
        q = m.group(1)
        tokens = m.group(2).split()
        return f"class={q}{' '.join(hashed(site, t) for t in tokens)}{q}"
    return re.sub(r"class=([\"'])(.*?)\1", repl, html, flags=re.S)


def swap_tags(html):
    body_at = html.find("<body")
    head, body = html[:body_at], html[body_at:]
    for old, new in [("li", "div"), ("ul", "div"), ("ol", "div"), ("article", "section"), ("h2", "h3")]:
        body = re.sub(rf"<(/?){old}\b", rf"<\1{new}", body)
    # header/footer elements inside cards (not the page's own) become divs
    body = re.sub(r"<(/?)footer\b([^>]*class=[^>]*)?", lambda m: f"<{m.group(1)}div{m.group(2) or ''}"
                  if m.group(2) or m.group(1) else m.group(0), body)
    return head + body


def redate(html):
    def long_us(m):  # "October 9, 2024" -> "9 Oct 2024"
        return f"{int(m.group(2))} {m.group(1)[:3]} {m.group(3)}"
    html = re.sub(r">(\s*)(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})(\s*)<",
                  lambda m: f">{m.group(1)}{int(m.group(3))} {m.group(2)[:3]} {m.group(4)}{m.group(5)}<", html)
    html = re.sub(r"(\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)) (\d{4})(?=\s*<|<!--)",
                  lambda m: next(f"{x} {m.group(2)}" for x in MONTHS if x.startswith(m.group(1))), html)
    return html


def main(SRC=FIXTURES, OUT=VARIANTS):
    if not os.path.isdir(SRC):
        SRC = os.path.join(ROOT, "src/test/resources/scrape/sites")
    names = sorted(d for d in os.listdir(SRC) if os.path.exists(os.path.join(SRC, d, "expected.json")))
    others = sorted(d for d in os.listdir(SRC) if os.path.isdir(os.path.join(SRC, d)) and d not in names)
    for i, name in enumerate(names):
        new = f"{130 + i}_reskin_{name[:3]}"
        dst = os.path.join(OUT, new)
        if os.path.isdir(dst):
            shutil.rmtree(dst)
        shutil.copytree(os.path.join(SRC, name), dst, ignore=shutil.ignore_patterns("index.xml"))
        for root, _, files in os.walk(dst):
            for f in files:
                p = os.path.join(root, f)
                with open(p, encoding="utf-8") as fh:
                    text = fh.read()
                text = text.replace(f"%%{name}%%", f"%%{new}%%")
                if p == os.path.join(dst, "index.html"):
                    text = re.sub(r"<link[^>]*rel=\"alternate\"[^>]*>", "", text)
                    text = redate(swap_tags(rename_classes(new, text)))
                if f == "expected.json":
                    exp = json.loads(text)
                    exp["site"] = new
                    exp["has_feed"] = False
                    text = json.dumps(exp, indent=1, ensure_ascii=False) + "\n"
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(text)
        print(f"{new}: from {name}")
    for d in others:
        target = os.path.join(OUT, d)
        if not os.path.isdir(target):
            shutil.copytree(os.path.join(SRC, d), target)


if __name__ == "__main__":
    main(*sys.argv[1:3])

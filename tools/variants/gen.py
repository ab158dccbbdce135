#!/usr/bin/env python3
"""Generates the variant blog sites under src/test/resources/scrape/variants/.

Each site re-skins one of the structures of the shared fixture sites (list of cards,
description-only grid, bio homepage with a secondary list, links to other domains,
overlay-link entries) with other markup, class naming and date formats. Every site gets
index.html, its post pages and an expected.json in the fixture format.

Usage: python3 tools/variants/gen.py [OUT_DIR]
"""
import datetime as dt
import html
import json
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content import POSTS, many  # noqa: E402
import reskin  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "src/test/resources/scrape/variants")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def esc(s):
    return html.escape(s, quote=True)


def slugify(t):
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")[:60].strip("-")


def fmt(d, style):
    m, mon = MONTHS[d.month - 1], MONTHS[d.month - 1][:3]
    return {
        "d Mon Y": f"{d.day} {mon} {d.year}",
        "dd Mon Y": f"{d.day:02d} {mon} {d.year}",
        "iso": d.isoformat(),
        "Mon d, Y": f"{mon} {d.day}, {d.year}",
        "Month d, Y": f"{m} {d.day}, {d.year}",
        "d Month Y": f"{d.day} {m} {d.year}",
        "Mon dd": f"{mon} {d.day:02d}",
        "Mon d": f"{mon} {d.day}",
        "Mon Y": f"{mon} {d.year}",
        "Weekday, Month d, Y": f"{WEEKDAYS[d.weekday()]}, {m} {d.day}, {d.year}",
        "Y": str(d.year),
    }[style]


def dates(n, start, rng, step=(3, 19)):
    out, d = [], start
    for _ in range(n):
        out.append(d)
        d = d - dt.timedelta(days=rng.randint(*step))
    return out


class Site:
    def __init__(self, name, title, author):
        self.name, self.title, self.author = name, title, author
        self.files = {}
        self.posts = []  # expected entries, in order

    def add_page(self, path, text, folder=None):
        self.files[(folder or self.name, path.strip("/"))] = text

    def expect(self, title, url, date, summary, title_source="index"):
        s = None
        if summary:
            s = summary[:40].rstrip()
        self.posts.append({"title": title, "url": url, "date": date, "summary_starts_with": s,
                           "title_source": title_source})

    def write(self, out):
        for (folder, path), text in self.files.items():
            d = os.path.join(out, folder, path)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "index.html"), "w", encoding="utf-8") as fh:
                fh.write(text)
        exp = {"site": self.name, "has_feed": False, "posts": self.posts}
        with open(os.path.join(out, self.name, "expected.json"), "w", encoding="utf-8") as fh:
            json.dump(exp, fh, indent=1, ensure_ascii=False)
            fh.write("\n")


def post_page(site_title, title, summary, date, kind, url=None, related=(), author="Sam Rivera",
              site_first=False):
    """A post's own page. kind: meta | jsonld | visible | none."""
    page_title = f"{esc(site_title)} &middot; {esc(title)}" if site_first else f"{esc(title)} | {esc(site_title)}"
    head = [f"<meta charset=\"utf-8\">", f"<title>{page_title}</title>",
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"]
    body_date = ""
    if kind in ("meta", "jsonld", "visible"):
        head.append(f"<meta name=\"description\" content=\"{esc(site_title)} | {esc(summary)}\">")
    if kind == "meta":
        head.append(f"<meta property=\"og:title\" content=\"{esc(title)}\">")
        head.append("<meta property=\"og:type\" content=\"article\">")
        if url:
            head.append(f"<meta property=\"og:url\" content=\"{esc(url)}\">")
        if date:
            head.append(f"<meta property=\"article:published_time\" content=\"{date.isoformat()}T08:00:00+00:00\">")
            body_date = f"<time datetime=\"{date.isoformat()}\">{fmt(date, 'Month d, Y')}</time>"
    elif kind == "jsonld":
        ld = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": title,
              "description": f"{site_title} | {summary}", "author": {"@type": "Person", "name": author}}
        if date:
            ld["datePublished"] = f"{date.isoformat()}T09:30:00Z"
            body_date = f"<span class=\"date\">{fmt(date, 'd Mon Y')}</span>"
        if url:
            ld["url"] = url
        head.append("<script type=\"application/ld+json\">" + json.dumps(ld) + "</script>")
    elif kind == "visible" and date:
        body_date = f"<p class=\"post-date\">Published on {fmt(date, 'd Month Y')}</p>"
    rel = ""
    if related:
        rel = "<aside class=\"related\"><h2>Keep reading</h2><ul>" + "".join(
            f"<li><a href=\"{esc(u)}\">{esc(t)}</a></li>" for u, t in related) + "</ul></aside>"
    return f"""<!doctype html>
<html lang="en"><head>
{chr(10).join(head)}
<link rel="stylesheet" href="/assets/site.css">
</head><body>
<header class="top"><a href="/" class="brand">{esc(site_title)}</a><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>
<main><article class="post">
<h1>{esc(title)}</h1>
<div class="byline">by {esc(author)} {body_date}</div>
<p>{esc(summary)}</p>
<p>It started with a dashboard that looked fine. The rest of this post is the long version of how it was not fine,
and the three changes that made it so. None of them were clever; all of them took longer than planned.</p>
<h2>What we changed</h2>
<p>First we measured. Then we wrote the numbers down where everyone could see them. Then we argued about them.</p>
</article>{rel}</main>
<footer><p>&copy; 2026 {esc(author)}. Built with care.</p></footer>
</body></html>
"""


def shell(title, body, head_extra=""):
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/main.css">{head_extra}
</head><body>
{body}
<script src="/assets/app.js" defer></script>
</body></html>
"""


# --------------------------------------------------------------------------------------------
# 100: BEM cards with a sidebar (recent posts, tag cloud, monthly archive), "Read more", pager
def site_100(rng):
    s = Site("100_bem_sidebar", "Field Notes", "Ana Costa")
    picks = POSTS[0:12]
    ds = dates(len(picks), dt.date(2024, 10, 9), rng)
    tags = ["rust", "postgres", "ops", "design", "testing", "career"]
    cards = []
    for (t, summ), d in zip(picks, ds):
        slug = slugify(t)
        url = f"/articles/{slug}/"
        tag = rng.choice(tags)
        cards.append(f"""<article class="post-card post-card--compact">
  <div class="post-card__meta"><span class="post-card__date">{fmt(d, 'd Mon Y')}</span> <span class="post-card__dot">&middot;</span> <a class="post-card__tag" href="/tags/{tag}/">#{tag}</a></div>
  <h3 class="post-card__title"><a class="post-card__link" href="{url}">{esc(t)}</a></h3>
  <p class="post-card__excerpt">{esc(summ)}</p>
  <a class="post-card__more" href="{url}">Read more &rarr;</a>
</article>""")
        s.add_page(url, post_page(s.title, t, summ, d, "meta"))
        s.expect(t, url, d.isoformat(), summ)
    recent = "".join(f"<li class=\"widget__item\"><a href=\"/articles/{slugify(t)}/\">{esc(t)}</a></li>" for t, _ in picks[:5])
    cloud = " ".join(f"<a class=\"tag-cloud__tag\" href=\"/tags/{t}/\">{t}</a>" for t in tags)
    arch = "".join(f"<li><a href=\"/{y}/{m:02d}/\">{MONTHS[m - 1]} {y}</a></li>" for y, m in [(2024, 10), (2024, 9), (2024, 8), (2024, 7), (2024, 6), (2024, 5), (2024, 4)])
    body = f"""<header class="site-header"><a class="site-header__logo" href="/">Field Notes</a>
<nav class="site-nav"><a class="site-nav__link" href="/">Home</a><a class="site-nav__link" href="/articles/">Articles</a><a class="site-nav__link" href="/about/">About</a><a class="site-nav__link" href="/now/">Now</a><a class="site-nav__link" href="/uses/">Uses</a></nav></header>
<div class="layout">
<main class="layout__main">
<h1 class="page-title">Latest articles</h1>
<div class="post-list">
{chr(10).join(cards)}
</div>
<nav class="pagination" aria-label="Pagination"><span class="pagination__current">Page 1 of 4</span> <a class="pagination__next" href="/page/2/">Older posts &rarr;</a></nav>
</main>
<aside class="layout__sidebar">
<section class="widget widget--recent"><h2 class="widget__title">Recent posts</h2><ul class="widget__list">{recent}</ul></section>
<section class="widget widget--tags"><h2 class="widget__title">Tags</h2><div class="tag-cloud">{cloud}</div></section>
<section class="widget widget--archive"><h2 class="widget__title">Archives</h2><ul class="widget__list">{arch}</ul></section>
<section class="widget widget--newsletter"><h2 class="widget__title">Newsletter</h2><p>One email a month with the best of the blog. No spam, unsubscribe any time.</p>
<form action="/subscribe/" method="post"><input type="email" name="email" placeholder="you@example.com"><button>Subscribe</button></form></section>
</aside>
</div>
<footer class="site-footer"><ul class="site-footer__social"><li><a href="https://github.com/anacosta">GitHub</a></li><li><a href="https://mastodon.social/@anacosta">Mastodon</a></li><li><a href="https://www.linkedin.com/in/anacosta/">LinkedIn</a></li></ul>
<p>&copy; 2024 Ana Costa &middot; <a href="/privacy/">Privacy</a> &middot; <a href="/colophon/">Colophon</a></p></footer>"""
    s.add_page("/", shell("Field Notes — Ana Costa", body))
    return s


# 101: hashed CSS-module classes, div soup, <strong> titles, ISO dates, featured hero duplicated
def site_101(rng):
    s = Site("101_hashed_modules", "Byte Garden", "Lee Park")
    picks = POSTS[12:21]
    ds = dates(len(picks), dt.date(2025, 6, 30), rng)
    items = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        slug = slugify(t)
        url = f"/posts/{slug}"
        items.append(f"""<div class="card_x7f3a"><a class="card_link_k2j9d" href="{url}"><strong class="card_title_p0q1r">{esc(t)}</strong></a><div class="card_meta_m3n4b">{d.isoformat()} <span class="card_sep_q1">&bull;</span> {rng.randint(3, 14)} min read</div><div class="card_body_z8x7c">{esc(summ)}</div></div>""")
        s.add_page(url, post_page(s.title, t, summ, d, "jsonld"))
        s.expect(t, url, d.isoformat(), summ)
    t0, summ0 = picks[0]
    hero = f"""<div class="Hero_featured__Qw3rT"><a class="Hero_link__b7Yx1" href="/posts/{slugify(t0)}"><div class="Hero_media__9kLm2"><img src="/img/hero.webp" alt=""></div><span class="Hero_kicker__Zp4sD">Featured</span><strong class="Hero_title__Vv8nQ">{esc(t0)}</strong><p class="Hero_excerpt__Hh3jK">{esc(summ0)}</p></a></div>"""
    nav = "".join(f"<a class=\"Header_link__u2Hb6\" href=\"{h}\">{l}</a>" for h, l in [("/", "Home"), ("/posts", "Posts"), ("/projects", "Projects"), ("/reading-list", "Reading list"), ("/about", "About")])
    body = f"""<div id="__next"><div class="Layout_root__a1b2c"><div class="Header_bar__x9Y2z"><a class="Header_logo__p0O9i" href="/">Byte Garden</a><div class="Header_nav__m5N6b">{nav}</div></div>
<div class="Layout_content__c3D4e">{hero}
<div class="Section_heading__e5F6g">All posts</div>
<div class="PostList_grid__7fK2p">{''.join(items)}</div>
<div class="PostList_more__r8T9u"><button class="Button_root__s0U1v">Load more</button></div></div>
<div class="Footer_root__w2X3y"><div class="Footer_signup__y4Z5a"><div>Get new posts by email</div><input type="email" placeholder="Email address"><button>Subscribe</button></div>
<div class="Footer_links__k1L2m"><a href="https://x.com/bytegarden">X</a><a href="https://github.com/bytegarden">GitHub</a><a href="/rss-info">About RSS</a></div></div></div></div>"""
    s.add_page("/", shell("Byte Garden", body))
    return s


# 102: archive grouped under <h2>YEAR</h2>, rows "Mar 02  Title", 66 posts, no summaries
def site_102(rng):
    s = Site("102_year_groups", "Plain Text", "Jo Weber")
    picks = [(t, sm) for t, sm in POSTS[21:45]] + many(42)
    ds = dates(len(picks), dt.date(2026, 3, 2), rng, step=(5, 24))
    groups = {}
    for (t, summ), d in zip(picks, ds):
        slug = slugify(t)
        url = f"/blog/{slug}/"
        groups.setdefault(d.year, []).append(
            f"<li class=\"row\"><span class=\"row-date\">{fmt(d, 'Mon dd')}</span><a class=\"row-link\" href=\"{url}\">{esc(t)}</a></li>")
        s.add_page(url, post_page(s.title, t, summ, d, "meta" if d.month % 2 else "visible"))
        s.expect(t, url, d.isoformat(), None)
    sections = "\n".join(f"<section class=\"year\"><h2>{y}</h2>\n<ul class=\"rows\">\n" + "\n".join(rows) + "\n</ul></section>"
                         for y, rows in groups.items())
    body = f"""<header><nav><a href="/">Plain Text</a> <a href="/blog/">Archive</a> <a href="/about/">About</a> <a href="/contact/">Contact</a></nav></header>
<main>
<h1>Archive</h1>
<p>Everything I have written here, newest first. {len(picks)} posts so far.</p>
{sections}
</main>
<footer><p>&copy; 2026 Jo Weber &middot; <a href="/colophon/">Colophon</a> &middot; <a href="https://github.com/joweber">GitHub</a></p></footer>"""
    s.add_page("/", shell("Archive — Plain Text", body))
    return s


# 103: a <table> of posts with a date cell, a title cell and a cell of tag links
def site_103(rng):
    s = Site("103_table", "Slow Software", "Maya Lind")
    picks = POSTS[30:41]
    ds = dates(len(picks), dt.date(2023, 3, 5), rng, step=(20, 60))
    rows = []
    tags = ["essay", "tools", "web", "history", "craft"]
    for (t, summ), d in zip(picks, ds):
        url = f"/writing/{slugify(t)}/"
        tg = rng.sample(tags, 2)
        rows.append(f"<tr><td class=\"date\"><time datetime=\"{d.isoformat()}\">{fmt(d, 'dd Mon Y')}</time></td>"
                    f"<td class=\"title\"><a href=\"{url}\">{esc(t)}</a></td>"
                    f"<td class=\"tags\">" + ", ".join(f"<a href=\"/tags/{x}/\">{x}</a>" for x in tg) + "</td></tr>")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), None)
    body = f"""<div class="container">
<header class="masthead"><h1><a href="/">Slow Software</a></h1><p class="tagline">Essays on tools that last.</p>
<ul class="menu"><li><a href="/">Writing</a></li><li><a href="/reading/">Reading</a></li><li><a href="/about/">About</a></li></ul></header>
<div class="content">
<h2>All writing</h2>
<table class="posts">
<thead><tr><th>Date</th><th>Title</th><th>Tags</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<div class="bottom"><a href="mailto:maya@example.org">Email</a> &middot; <a href="https://bsky.app/profile/mayalind">Bluesky</a></div>
</div>"""
    s.add_page("/", shell("Slow Software", body))
    return s


# 104: homepage with a bio, projects, talks and a short secondary "Recent writing" list (4 posts)
def site_104(rng):
    s = Site("104_home_bio", "Priya Nair", "Priya Nair")
    picks = POSTS[5:9]
    ds = dates(len(picks), dt.date(2024, 6, 3), rng, step=(30, 70))
    items = []
    for (t, summ), d in zip(picks, ds):
        url = f"/posts/{slugify(t)}/"
        items.append(f"""<li class="writing-item">
  <h3><a href="{url}">{esc(t)}</a></h3>
  <p class="meta">Published {fmt(d, 'd Month Y')}</p>
  <p>{esc(summ)}</p>
</li>""")
        s.add_page(url, post_page(s.title, t, summ, d, "meta"))
        s.expect(t, url, d.isoformat(), summ)
    projects = [("pgwatch-lite", "https://github.com/pnair/pgwatch-lite", "A tiny Postgres monitoring agent that ships metrics over plain HTTP with no dependencies."),
                ("queue-sim", "https://github.com/pnair/queue-sim", "A discrete-event simulator for queueing systems, for people who want intuition rather than formulas."),
                ("tzdata-diff", "https://codeberg.org/pnair/tzdata-diff", "Shows what changed between two releases of the time zone database, in words a human can read.")]
    proj = "\n".join(f"<li><h3><a href=\"{u}\">{n}</a></h3><p>{d}</p></li>" for n, u, d in projects)
    talks = [("Queues all the way down", "https://www.youtube.com/watch?v=abc123", "SREcon EMEA, October 2023"),
             ("Boring Postgres at scale", "https://www.youtube.com/watch?v=def456", "PGConf, April 2023"),
             ("Timeouts are a contract", "https://vimeo.com/12345678", "LeadDev, June 2022")]
    tk = "\n".join(f"<li><a href=\"{u}\">{n}</a> — {w}</li>" for n, u, w in talks)
    body = f"""<a class="skip-link" href="#content">Skip to content</a>
<div class="page">
<header class="top"><a class="name" href="/">Priya Nair</a>
<nav aria-label="Primary"><a href="/#writing">Writing</a><a href="/#projects">Projects</a><a href="/#talks">Talks</a><a href="/cv/">CV</a></nav></header>
<main id="content">
<section class="bio">
<h1>Hi, I'm Priya.</h1>
<p>I'm a staff engineer at <a href="https://example.com/">a payments company</a>, where I work on the databases and queues that move money around. Before that I built developer tools for a long time.</p>
<p>I care about systems that fail politely, documentation that answers the question you actually have, and code that a tired person can read at 2 a.m. You can find my code on <a href="https://github.com/pnair">GitHub</a>.</p>
</section>
<section id="writing" class="block">
<h2>Recent writing</h2>
<ul class="writing">
{chr(10).join(items)}
</ul>
<p><a href="/posts/">All posts &rarr;</a></p>
</section>
<section id="projects" class="block">
<h2>Projects</h2>
<ul class="projects">
{proj}
</ul>
</section>
<section id="talks" class="block">
<h2>Talks</h2>
<ul class="talks">
{tk}
</ul>
</section>
</main>
<footer><p>Say hello: <a href="mailto:hi@example.org">hi@example.org</a></p></footer>
</div>"""
    s.add_page("/", shell("Priya Nair", body))
    return s


# 105: description-only cards linking to posts on two other domains; month dates for one domain
def site_105(rng):
    s = Site("105_external_writing", "Writing", "Dev Okafor")
    doms = ["pipelines.dev", "notes.example.org"]
    picks = POSTS[24:36]
    ds = dates(len(picks), dt.date(2025, 3, 20), rng, step=(10, 40))
    topics = {"Data & ML": picks[:6], "Reliability": picks[6:]}
    idx = 0
    secs = []
    for topic, posts in topics.items():
        cards = []
        for t, summ in posts:
            d = ds[idx]
            dom = doms[idx % 2]
            idx += 1
            slug = slugify(t)
            if dom == "pipelines.dev":
                path = f"/{slug}/"
                url = f"http://%%{dom}%%{path}"
                meta = f"{fmt(d, 'Mon Y')} &middot; {dom}"
                exp_date = f"{d.year}-{d.month:02d}"
                page = post_page("Pipelines", t, summ, d, "meta", url=url)
            else:
                path = f"/p/{slug}/"
                url = f"http://%%{dom}%%{path}"
                meta = dom
                exp_date = d.isoformat()
                page = post_page("Notes", t, summ, d, "jsonld", url=url)
            s.add_page(path, page, folder=dom)
            cards.append(f"""<div class="card"><a class="card-link" href="{url}" target="_blank" rel="noopener"><p class="card-desc">{esc(summ)}</p><p class="card-meta">{meta} <span aria-hidden="true">&#8599;</span></p></a></div>""")
            s.expect(t, url, exp_date, summ, title_source="post_page")
        secs.append(f"<section class=\"topic\"><h3 class=\"topic-name\">{esc(topic)}</h3><div class=\"cards\">{''.join(cards)}</div></section>")
    body = f"""<header class="bar"><a href="/" class="home">Dev Okafor</a><nav><a href="/about/">About</a><a href="/" aria-current="page">Writing</a><a href="/speaking/">Speaking</a></nav></header>
<main class="wrap">
<h1>Writing</h1>
<p class="lede">Articles on data pipelines, reliability and ML systems, published on <a href="http://%%pipelines.dev%%/">pipelines.dev</a> and <a href="http://%%notes.example.org%%/">notes.example.org</a>.</p>
{chr(10).join(secs)}
</main>
<footer class="bar"><a href="https://github.com/devokafor">GitHub</a> <a href="https://www.linkedin.com/in/devokafor/">LinkedIn</a></footer>"""
    s.add_page("/", shell("Writing — Dev Okafor", body))
    return s


# 106: overlay links (empty <a aria-label>), title in a <span>, <time datetime> without text
def site_106(rng):
    s = Site("106_overlay_links", "MK", "M. Kowalski")
    picks = POSTS[36:45] + POSTS[0:3]
    ds = dates(len(picks), dt.date(2024, 11, 28), rng, step=(7, 30))
    items = []
    for (t, summ), d in zip(picks, ds):
        url = f"/posts/{slugify(t)}/"
        shown = summ[:90].rsplit(" ", 1)[0] + " ..."
        items.append(f"""<div class="tease">
  <div class="tease-head"><span class="tease-title">{esc(t)}</span></div>
  <div class="tease-body"><p>{esc(shown)}</p></div>
  <div class="tease-foot"><time datetime="{d.isoformat()}T00:00:00+00:00"></time><span>{rng.randint(3, 12)} min</span></div>
  <a class="tease-link" aria-label="Read: {esc(t)}" href="{url}"></a>
</div>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), shown)
    body = f"""<div class="head"><a href="/" class="logo">MK</a><ul id="menu"><li><a href="/archives/"><span>Archive</span></a></li><li><a href="/search/"><span>Search</span></a></li><li><a href="/tags/"><span>Tags</span></a></li></ul></div>
<div class="main">
{chr(10).join(items)}
<div class="page-footer"><a class="next" href="/page/2/">Next Page &raquo;</a></div>
</div>
<div class="foot"><span>&copy; 2024 MK</span> &middot; <span>Powered by <a href="https://gohugo.io/">Hugo</a></span></div>"""
    s.add_page("/", shell("MK", body))
    return s


# 107: Substack-like archive: title link + description link, relative and year-less dates
def site_107(rng):
    s = Site("107_relative_dates", "The Tail Latency", "Rae Kim")
    picks = POSTS[9:19]
    ds = dates(len(picks), dt.date(2025, 11, 20), rng, step=(4, 20))
    shown_dates = ["3 days ago", "Yesterday"[:0] + "1 week ago", "2 weeks ago", None, None, None, None, None, None, None]
    items = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/p/{slugify(t)}"
        if i < 3:
            shown = shown_dates[i]
            page_kind = "jsonld" if i != 2 else "none"
            exp = d.isoformat() if page_kind != "none" else None
        elif i < 7:
            shown = fmt(d, "Mon d")  # no year, no year heading: the post page decides
            page_kind = "jsonld"
            exp = d.isoformat()
        else:
            d = d.replace(year=d.year - 1)
            shown = fmt(d, "Mon d, Y")
            page_kind = "jsonld"
            exp = d.isoformat()
        items.append(f"""<div class="post-preview"><div class="post-preview-content">
<a class="post-preview-title" href="{url}">{esc(t)}</a>
<a class="post-preview-description" href="{url}">{esc(summ)}</a>
<div class="post-preview-meta"><time class="date">{shown}</time> <span>&#8729;</span> <a class="comments" href="{url}/comments">{rng.randint(2, 40)}</a> <span>&#8729;</span> <span class="author">Rae Kim</span></div>
</div><a class="post-preview-image" href="{url}"><img src="/img/{i}.jpg" alt=""></a></div>""")
        s.add_page(f"/p/{slugify(t)}/", post_page(s.title, t, summ, d, page_kind, author="Rae Kim"))
        s.expect(t, f"/p/{slugify(t)}/", exp, summ)
    body = f"""<div class="topbar"><a href="/">The Tail Latency</a> <a class="button" href="/subscribe">Subscribe</a> <a href="/account/login">Sign in</a></div>
<div class="tabs"><a href="/archive?sort=new" class="active">Latest</a> <a href="/archive?sort=top">Top</a> <a href="/archive?sort=discussions">Discussions</a></div>
<div class="portable-archive-list">
{chr(10).join(items)}
</div>
<div class="footer"><a href="/about">About</a> <a href="/archive">Archive</a> <a href="https://substack.com/privacy">Privacy</a></div>"""
    s.add_page("/", shell("Archive - The Tail Latency", body))
    return s


# 108: utility classes, hero card duplicating the first post, <time datetime> with text, chips, pager
def site_108(rng):
    s = Site("108_utility_grid", "Northwind Engineering", "Northwind")
    picks = POSTS[15:30]
    ds = dates(len(picks), dt.date(2025, 1, 15), rng, step=(3, 12))
    cards = []
    cats = ["engineering", "data", "security", "culture"]
    for (t, summ), d in zip(picks, ds):
        url = f"/blog/{slugify(t)}/"
        cat = rng.choice(cats)
        cards.append(f"""<a href="{url}" class="group flex flex-col rounded-xl border border-slate-200 p-5 hover:shadow-md"><span class="text-xs uppercase tracking-wide text-indigo-600">{cat}</span><h3 class="mt-2 text-lg font-semibold text-slate-900 group-hover:underline">{esc(t)}</h3><p class="mt-2 line-clamp-3 text-sm text-slate-600">{esc(summ)}</p><time class="mt-4 text-xs text-slate-500" datetime="{d.isoformat()}">{fmt(d, 'Mon d, Y')}</time></a>""")
        s.add_page(url, post_page(s.title, t, summ, d, "jsonld"))
        s.expect(t, url, d.isoformat(), summ)
    t0, s0 = picks[0]
    d0 = ds[0]
    hero = f"""<section class="mx-auto max-w-5xl px-6 pt-10"><a href="/blog/{slugify(t0)}/" class="block overflow-hidden rounded-2xl bg-slate-900 text-white"><img class="h-64 w-full object-cover" src="/img/hero.jpg" alt=""><div class="p-8"><span class="rounded-full bg-white/10 px-3 py-1 text-xs">Featured</span><h2 class="mt-4 text-3xl font-bold">{esc(t0)}</h2><p class="mt-3 text-slate-300">{esc(s0)}</p><time class="mt-6 block text-sm text-slate-400" datetime="{d0.isoformat()}">{fmt(d0, 'Mon d, Y')}</time></div></a></section>"""
    chips = "".join(f"<a class=\"rounded-full border px-3 py-1 text-sm\" href=\"/blog/category/{c}/\">{c.title()}</a>" for c in cats)
    body = f"""<header class="border-b border-slate-200"><div class="mx-auto flex max-w-5xl items-center justify-between px-6 py-4"><a href="/" class="font-bold">Northwind</a><div class="flex gap-6 text-sm"><a href="/product/">Product</a><a href="/customers/">Customers</a><a href="/blog/">Blog</a><a href="/careers/">Careers</a></div></div></header>
{hero}
<section class="mx-auto max-w-5xl px-6 py-10"><div class="flex flex-wrap gap-2"><a class="rounded-full bg-slate-900 px-3 py-1 text-sm text-white" href="/blog/">All</a>{chips}</div>
<div class="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">{''.join(cards)}</div>
<div class="mt-10 flex justify-center gap-2 text-sm"><span class="rounded border px-3 py-1">1</span><a class="rounded border px-3 py-1" href="/blog/page/2/">2</a><a class="rounded border px-3 py-1" href="/blog/page/3/">3</a><a class="rounded border px-3 py-1" href="/blog/page/2/">Next &rarr;</a></div></section>
<section class="bg-slate-50"><div class="mx-auto max-w-5xl px-6 py-12"><h2 class="text-xl font-semibold">Subscribe to our newsletter</h2><p class="mt-2 text-slate-600">The latest engineering posts from Northwind, delivered monthly to your inbox.</p><form class="mt-4 flex gap-2"><input type="email" class="rounded border px-3"><button class="rounded bg-indigo-600 px-4 py-2 text-white">Sign up</button></form></div></section>
<footer class="border-t"><div class="mx-auto grid max-w-5xl grid-cols-3 gap-8 px-6 py-10 text-sm"><div><a href="/about/">About us</a><br><a href="/careers/">Careers</a><br><a href="/press/">Press</a></div><div><a href="/docs/">Docs</a><br><a href="/status/">Status</a><br><a href="/security/">Security</a></div><div><a href="https://twitter.com/northwind">Twitter</a><br><a href="https://github.com/northwind">GitHub</a></div></div></footer>"""
    s.add_page("/", shell("Blog — Northwind Engineering", body))
    return s


# 109: description-only list items (titles only on post pages), featured first with a title
def site_109(rng):
    s = Site("109_description_only", "Harbor Labs", "Harbor Labs")
    picks = POSTS[0:20]
    ds = dates(len(picks), dt.date(2025, 11, 18), rng, step=(4, 11))
    items = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/journal/{slugify(t)}/"
        items.append(f"""<li class="feed-item"><a class="feed-link" href="{url}"><figure class="feed-cover"><img src="/img/c{i}.png" alt=""></figure><p class="feed-text">{esc(summ)}</p></a></li>""")
        s.add_page(url, post_page("Harbor Labs Journal", t, summ, d, "visible"))
        s.expect(t, url, d.isoformat(), summ, title_source="index" if i == 0 else "post_page")
    t0, s0 = picks[0]
    body = f"""<div class="page">
<div class="nav-wrap"><a class="logo" href="/">Harbor Labs</a><div class="links"><a href="/services/">Services</a><a href="/cases/">Case studies</a><a href="/">Journal</a><a href="/contact/">Let's talk</a></div></div>
<section class="featured"><a class="featured-card" href="/journal/{slugify(t0)}/"><div class="cover"><img src="/img/f.png" alt=""></div><div class="text"><h2>{esc(t0)}</h2><p>{esc(s0)}</p></div></a></section>
<section class="intro"><h1>Journal</h1><p>Field notes on building data platforms and shipping machine learning that survives production.</p></section>
<section class="posts"><ul class="feed">
{chr(10).join(items)}
</ul></section>
<section class="cta"><h2>Have a data problem?</h2><p>We help teams ship reliable pipelines in weeks, not quarters.</p><a href="/contact/">Book a call</a></section>
<div class="bottom"><a href="/privacy/">Privacy</a><a href="/imprint/">Imprint</a><a href="https://www.linkedin.com/company/harborlabs/">LinkedIn</a></div>
</div>"""
    s.add_page("/", shell("Journal — Harbor Labs", body))
    return s


# 110: full posts on the homepage, weekday dates, inline links in the text, "Continue reading"
def site_110(rng):
    s = Site("110_full_stream", "Late Commits", "Tom Hale")
    picks = POSTS[38:43]
    ds = dates(len(picks), dt.date(2024, 10, 8), rng, step=(9, 25))
    arts = []
    others = [POSTS[0], POSTS[1], POSTS[2]]
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/{d.year}/{d.month:02d}/{slugify(t)}/"
        o = others[i % 3]
        arts.append(f"""<article class="post">
<header class="post-header"><h2 class="post-title"><a href="{url}" rel="bookmark">{esc(t)}</a></h2>
<div class="post-meta">Posted on <a href="{url}"><time class="entry-date" datetime="{d.isoformat()}T10:00:00+01:00">{fmt(d, 'Weekday, Month d, Y')}</time></a> by <a href="/author/tom/">Tom</a></div></header>
<div class="post-content"><p>{esc(summ)}</p>
<p>I wrote about a related problem in <a href="/2019/04/{slugify(o[0])}/">{esc(o[0])}</a>, and <a href="https://lwn.net/Articles/{900000 + i}/">LWN has a good article</a> on the kernel side of it.</p>
<p><a class="more-link" href="{url}#more">Continue reading <span class="meta-nav">&rarr;</span></a></p></div>
<footer class="post-footer">Filed under <a href="/category/notes/" rel="category">Notes</a> &middot; <a href="{url}#comments">{rng.randint(0, 9)} Comments</a></footer>
</article>""")
        s.add_page(url, post_page(s.title, t, summ, d, "meta"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">Late Commits</a></p><p class="site-description">A blog about kernels, compilers and other things that run at night</p></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
{chr(10).join(arts)}
<nav class="navigation posts-navigation"><div class="nav-previous"><a href="/page/2/">Older posts</a></div></nav>
</main></div>
<div id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Blogroll</h2><ul><li><a href="https://jvns.ca/">Julia Evans</a></li><li><a href="https://danluu.com/">Dan Luu</a></li><li><a href="https://brooker.co.za/blog/">Marc Brooker</a></li></ul></section></div>
</div>
<footer id="colophon" class="site-footer"><a href="https://wordpress.org/">Proudly powered by WordPress</a></footer></div>"""
    s.add_page("/", shell("Late Commits", body))
    for o in others:
        s.add_page(f"/2019/04/{slugify(o[0])}/", post_page(s.title, o[0], o[1], dt.date(2019, 4, 2), "meta"))
    return s


# 111: three posts only, <section> entries with unlinked <h2> titles and a generic link
def site_111(rng):
    s = Site("111_three_sections", "Quiet Hours", "Lena Vos")
    picks = [POSTS[19], POSTS[23], POSTS[27]]
    ds = dates(len(picks), dt.date(2024, 10, 9), rng, step=(40, 90))
    secs = []
    for (t, summ), d in zip(picks, ds):
        url = f"/essays/{slugify(t)}/"
        secs.append(f"""<section class="entry">
  <h2>{esc(t)}</h2>
  <div class="entry-date">{d.isoformat()}</div>
  <p>{esc(summ)}</p>
  <a class="entry-more" href="{url}">Read the essay &rarr;</a>
</section>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<header><a href="/">Quiet Hours</a><nav><a href="/about/">About</a> <a href="/reading/">Reading</a> <a href="/links/">Links</a> <a href="/now/">Now</a></nav></header>
<main>
<h1>Essays</h1>
{chr(10).join(secs)}
</main>
<footer><a href="/about/">About</a> <a href="mailto:lena@example.org">Email</a> <a href="https://mastodon.social/@lenavos">Mastodon</a></footer>"""
    s.add_page("/", shell("Quiet Hours", body))
    return s


# 112: flat siblings (no per-post wrapper): <h2><a>, a meta line and an excerpt, separated by <hr>
def site_112(rng):
    s = Site("112_flat_siblings", "Hex & Ink", "Noor Haddad")
    picks = POSTS[2:10]
    ds = dates(len(picks), dt.date(2024, 10, 9), rng, step=(6, 21))
    parts = []
    for (t, summ), d in zip(picks, ds):
        url = f"/{slugify(t)}/"
        day = d.day
        suf = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        parts.append(f"""<h2 class="post-link"><a href="{url}">{esc(t)}</a></h2>
<p class="post-meta">{MONTHS[d.month - 1]} {day}{suf}, {d.year}</p>
<p>{esc(summ)}</p>
<hr>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<div class="wrapper">
<div class="site-title"><a href="/">Hex &amp; Ink</a></div>
<div class="links"><a href="/about/">about</a> / <a href="/projects/">projects</a> / <a href="/colophon/">colophon</a></div>
<div class="home">
{chr(10).join(parts)}
<p class="rss-subscribe">Older posts live in the <a href="/archive/">archive</a>.</p>
</div>
<div class="footer-col"><a href="https://github.com/noorh">github</a> <a href="https://twitter.com/noorh">twitter</a></div>
</div>"""
    s.add_page("/", shell("Hex & Ink", body))
    return s


# 113: rows whose link holds both the date and the title, grouped under non-heading year labels
def site_113(rng):
    s = Site("113_date_in_link", "tinylog", "Kai")
    picks = POSTS[20:44]
    ds = dates(len(picks), dt.date(2025, 9, 14), rng, step=(8, 30))
    groups = {}
    for (t, summ), d in zip(picks, ds):
        url = f"/log/{slugify(t)}/"
        groups.setdefault(d.year, []).append(
            f"<li><a class=\"entry\" href=\"{url}\"><span class=\"entry-date\">{fmt(d, 'Mon dd')}</span> <span class=\"entry-title\">{esc(t)}</span></a></li>")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), None)
    blocks = "\n".join(f"<div class=\"year-block\"><div class=\"year-label\">{y}</div><ul class=\"entries\">" + "".join(r) + "</ul></div>"
                       for y, r in groups.items())
    body = f"""<div class="top"><b><a href="/">tinylog</a></b> <a href="/log/">log</a> <a href="/links/">links</a> <a href="/about/">about</a></div>
<div class="content">
{blocks}
</div>
<div class="bottom">made with a text editor &middot; <a href="https://bearblog.dev/">bear</a></div>"""
    s.add_page("/", shell("tinylog", body))
    return s


# 114: cards with a category <h4> above an unlinked <h3> title and a stretched empty link;
# plus a second card style whose only title is the image link's aria-label
def site_114(rng):
    s = Site("114_eyebrow_aria", "Signal Path", "Signal Path")
    picks = POSTS[10:20]
    ds = dates(len(picks), dt.date(2025, 3, 2), rng, step=(5, 15))
    cats = ["Engineering", "Research", "Product", "Infrastructure"]
    cards = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/blog/{slugify(t)}/"
        cat = cats[i % len(cats)]
        cards.append(f"""<div class="card">
<h4 class="card-eyebrow">{cat}</h4>
<h3 class="card-heading">{esc(t)}</h3>
<p class="card-summary">{esc(summ)}</p>
<div class="card-footer"><span class="card-author">By Lin Wu</span> <span class="card-date">{fmt(d, 'Mon d, Y')}</span></div>
<a class="card-stretched" href="{url}" aria-label="{esc(t)}"></a>
</div>""")
        s.add_page(url, post_page(s.title, t, summ, d, "meta"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<div class="navbar"><a class="navbar-brand" href="/">Signal Path</a><a href="/blog/">Blog</a><a href="/research/">Research</a><a href="/jobs/">Jobs</a></div>
<div class="container"><h1>Blog</h1>
<div class="card-grid">
{chr(10).join(cards)}
</div></div>
<div class="site-foot"><a href="/legal/">Legal</a> <a href="/jobs/">We're hiring</a></div>"""
    s.add_page("/", shell("Blog | Signal Path", body))
    return s


# 115: "Latest" cards with excerpts, then "Older posts" compact rows (different posts), then
# "Popular" repeating two of the latest
def site_115(rng):
    s = Site("115_two_lists", "Jun's notebook", "Jun Sato")
    picks = POSTS[25:40]
    ds = dates(len(picks), dt.date(2025, 8, 21), rng, step=(6, 25))
    cards, rows = [], []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/posts/{slugify(t)}/"
        if i < 3:
            cards.append(f"""<article class="latest-post"><h2><a href="{url}">{esc(t)}</a></h2><p class="when">{fmt(d, 'd Month Y')}</p><p class="excerpt">{esc(summ)}</p><a href="{url}" class="more">Continue reading</a></article>""")
            s.expect(t, url, d.isoformat(), summ)
        else:
            rows.append(f"<li><time datetime=\"{d.isoformat()}\">{fmt(d, 'iso')}</time> &mdash; <a href=\"{url}\">{esc(t)}</a></li>")
            s.expect(t, url, d.isoformat(), None)
        s.add_page(url, post_page(s.title, t, summ, d, "meta"))
    pop = "".join(f"<li><a href=\"/posts/{slugify(t)}/\">{esc(t)}</a></li>" for t, _ in picks[:2])
    body = f"""<header class="masthead"><a href="/">Jun's notebook</a> <nav><a href="/posts/">All posts</a> <a href="/about/">About</a></nav></header>
<main>
<section class="latest"><h1>Latest</h1>
{chr(10).join(cards)}
</section>
<section class="older"><h2>Older posts</h2><ul class="compact">
{chr(10).join(rows)}
</ul><p><a href="/posts/">Browse the full archive</a></p></section>
<section class="popular"><h2>Popular</h2><ol>{pop}</ol></section>
</main>
<footer class="foot">&copy; Jun Sato 2025</footer>"""
    s.add_page("/", shell("Jun's notebook", body))
    return s


# 116: a definition list: <dt> holds the link, <dd> the date and the summary
def site_116(rng):
    s = Site("116_definition_list", "Paper Trail", "Ines Brandt")
    picks = POSTS[33:42]
    ds = dates(len(picks), dt.date(2025, 5, 30), rng, step=(9, 33))
    items = []
    for (t, summ), d in zip(picks, ds):
        url = f"/notes/{slugify(t)}/"
        items.append(f"<dt><a href=\"{url}\">{esc(t)}</a></dt>\n<dd><span class=\"d\">{fmt(d, 'd Month Y')}</span> &mdash; {esc(summ)}</dd>")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<p class="crumbs"><a href="/">Paper Trail</a> &rsaquo; notes</p>
<h1>Notes</h1>
<dl class="notes">
{chr(10).join(items)}
</dl>
<p class="small"><a href="/about/">About</a> &middot; <a href="/now/">Now</a></p>"""
    s.add_page("/", shell("Notes — Paper Trail", body))
    return s


# 117: whole-card links holding an unclassed <strong> title and a <span> description; a sidebar
# of plain divs (no nav/aside/class hints) with a monthly archive and popular posts
def site_117(rng):
    s = Site("117_strong_titles", "Crumbs", "Ola Berg")
    picks = POSTS[1:11]
    ds = dates(len(picks), dt.date(2025, 2, 14), rng, step=(5, 20))
    cards = []
    for (t, summ), d in zip(picks, ds):
        url = f"/{slugify(t)}/"
        cards.append(f"""<div class="c1"><a class="c2" href="{url}" title="Permanent link to {esc(t)}"><strong>{esc(t)}</strong><br><span>{esc(summ)}</span></a><div class="c3">{fmt(d, 'Month d, Y')} &middot; <a href="{url}#comments">Comments</a></div></div>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    months = [(2025, 2), (2025, 1), (2024, 12), (2024, 11), (2024, 10), (2024, 9), (2024, 8), (2024, 7), (2024, 6), (2024, 5), (2024, 4), (2024, 3)]
    arch = "".join(f"<div class=\"c9\"><a href=\"/{y}/{m:02d}/\">{MONTHS[m - 1]} {y}</a> <span>({rng.randint(1, 4)})</span></div>" for y, m in months)
    pop = "".join(f"<div class=\"c9\"><a href=\"/{slugify(t)}/\">{esc(t)}</a></div>" for t, _ in picks[2:6])
    body = f"""<div class="c0"><div class="c5"><a href="/">Crumbs</a> | <a href="/about/">about</a> | <a href="/projects/">projects</a></div>
<div class="c6">
<div class="c7">{chr(10).join(cards)}
<div class="c3"><a href="/page/2/">&larr; Older</a></div></div>
<div class="c8"><div class="c4">Popular</div>{pop}<div class="c4">By month</div>{arch}</div>
</div></div>"""
    s.add_page("/", shell("Crumbs", body))
    return s


# 118: root-level post paths, <details><summary>YEAR</summary> groups, rows with "d Mon" dates,
# <time datetime> with a negative offset late in the day (the local day must win)
def site_118(rng):
    s = Site("118_details_years", "West Coast Notes", "Cam Rhodes")
    picks = POSTS[3:26]
    ds = dates(len(picks), dt.date(2025, 12, 20), rng, step=(10, 40))
    groups = {}
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/{slugify(t)}/"
        if i % 3 == 0:
            cell = f"<time datetime=\"{d.isoformat()}T22:{rng.randint(10, 59)}:00-08:00\">{d.day} {MONTHS[d.month - 1][:3]}</time>"
        else:
            cell = f"<span class=\"when\">{d.day} {MONTHS[d.month - 1][:3]}</span>"
        groups.setdefault(d.year, []).append(f"<li>{cell} <a href=\"{url}\">{esc(t)}</a></li>")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), None)
    blocks = "\n".join(f"<details open><summary>{y}</summary><ul>" + "".join(r) + "</ul></details>" for y, r in groups.items())
    body = f"""<p><a href="/">West Coast Notes</a> &middot; <a href="/about/">About</a> &middot; <a href="/now/">Now</a></p>
<h1>All posts</h1>
{blocks}
<p>&copy; 2025 Cam Rhodes</p>"""
    s.add_page("/", shell("West Coast Notes", body))
    return s


# 119: a "Writing" page linking to three other domains, cards as <article> with the title in
# <h4>, a source line "Published 3 June 2024 on domain", and a "Talks" list to video sites
def site_119(rng):
    s = Site("119_three_domains", "Ravi Menon", "Ravi Menon")
    doms = ["infra.blog", "dataweekly.io", "ravi.substack.example"]
    picks = POSTS[12:24]
    ds = dates(len(picks), dt.date(2024, 6, 3), rng, step=(12, 45))
    arts = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        dom = doms[i % 3]
        path = f"/{['posts', 'issues', 'p'][i % 3]}/{slugify(t)}/"
        url = f"http://%%{dom}%%{path}"
        arts.append(f"""<article class="w"><h4><a href="{url}">{esc(t)}</a></h4><p class="w-d">{esc(summ)}</p><p class="w-s">Published {fmt(d, 'd Month Y')} on {dom}</p></article>""")
        s.add_page(path, post_page(dom, t, summ, d, ["meta", "jsonld", "visible"][i % 3], url=url), folder=dom)
        s.expect(t, url, d.isoformat(), summ)
    talks = "".join(f"<li><a href=\"https://www.youtube.com/watch?v=t{i}x\">{esc(POSTS[i][0])}</a> &mdash; {c}</li>" for i, c in [(30, "QCon London 2024"), (31, "Strange Loop 2023"), (32, "GOTO Aarhus 2023")])
    body = f"""<header><a href="/">Ravi Menon</a> <a href="/about/">About</a> <a href="/cv.pdf">CV</a></header>
<main><h1>Writing</h1><p>I write for a few publications. Here is everything in one place.</p>
{chr(10).join(arts)}
<h2>Talks</h2><ul>{talks}</ul>
</main>"""
    s.add_page("/", shell("Writing — Ravi Menon", body))
    return s


# 120: plain spans inside a whole-card link (title span, then description span), a "New" badge
# inside some headings, and year-less visible dates whose full date is in the title attribute
def site_120(rng):
    s = Site("120_spans_and_badges", "Lumen Dev", "Lumen")
    picks = POSTS[28:40]
    ds = dates(len(picks), dt.date(2025, 10, 2), rng, step=(4, 16))
    items = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/articles/{slugify(t)}/"
        badge = " <span class=\"badge\">New</span>" if i < 2 else ""
        if i % 2 == 0:
            items.append(f"""<li class="item"><h3 class="h">{esc(t)}{badge}</h3><a class="overlay" href="{url}"><span>{esc(t)}</span><span>{esc(summ)}</span></a><span class="d" title="{d.isoformat()}T12:00:00Z">{fmt(d, 'Mon d')}</span></li>""")
        else:
            items.append(f"""<li class="item"><h3 class="h"><a href="{url}">{esc(t)}</a>{badge}</h3><span class="d" title="{d.isoformat()}T12:00:00Z">{fmt(d, 'Mon d')}</span><p>{esc(summ)}</p></li>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<nav class="top"><a href="/">Lumen Dev</a><a href="/docs/">Docs</a><a href="/changelog/">Changelog</a><a href="/articles/">Articles</a></nav>
<main><h1>Articles</h1><ul class="list">
{chr(10).join(items)}
</ul><a class="more" href="/articles/?page=2">Load more articles</a></main>
<footer class="bottom"><a href="/legal/">Legal</a> <a href="https://github.com/lumen">GitHub</a></footer>"""
    s.add_page("/", shell("Articles — Lumen Dev", body))
    return s


# 121: JSON-LD on the index naming only the three newest posts (headline and url, no dates), a
# visible list of all posts with "Updated ... · Published ..." meta lines and excerpts
def site_121(rng):
    s = Site("121_partial_jsonld", "Ledger", "Ledger team")
    picks = POSTS[6:16]
    ds = dates(len(picks), dt.date(2025, 4, 22), rng, step=(6, 18))
    items, ld = [], []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/blog/{slugify(t)}/"
        upd = d + dt.timedelta(days=rng.randint(5, 40))
        if i % 2 == 0:
            meta = f"Updated {fmt(upd, 'Mon d, Y')} &middot; Published {fmt(d, 'Mon d, Y')}"
        else:
            meta = f"{fmt(d, 'Mon d, Y')} &middot; updated {fmt(upd, 'Mon d, Y')}"
        items.append(f"""<article class="entry"><h2 class="entry__t"><a href="{url}">{esc(t)}</a></h2><div class="entry__m">{meta}</div><div class="entry__x"><p>{esc(summ)}</p></div></article>""")
        if i < 3:
            ld.append({"@type": "BlogPosting", "headline": t, "url": f"http://%%121_partial_jsonld%%{url}"})
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    head = "\n<script type=\"application/ld+json\">" + json.dumps({"@context": "https://schema.org", "@type": "Blog", "name": "Ledger", "blogPost": ld}) + "</script>"
    body = f"""<div class="hdr"><a href="/">Ledger</a> <a href="/pricing/">Pricing</a> <a href="/blog/">Blog</a> <a href="/login/">Log in</a></div>
<div class="blog"><h1>The Ledger blog</h1>
{chr(10).join(items)}
<div class="pager"><a href="/blog/page/2/">Older entries</a></div></div>
<div class="ftr">&copy; 2025 Ledger Inc.</div>"""
    s.add_page("/", shell("Blog — Ledger", body, head))
    return s


# 122: microformats h-feed whose h-entries mark name, url and published date but no p-summary;
# the visible excerpt is a plain paragraph
def site_122(rng):
    s = Site("122_hfeed_no_summary", "Indie Notes", "Sol")
    picks = POSTS[16:25]
    ds = dates(len(picks), dt.date(2025, 7, 7), rng, step=(3, 15))
    items = []
    for (t, summ), d in zip(picks, ds):
        url = f"/notes/{slugify(t)}/"
        items.append(f"""<li class="h-entry"><a class="u-url p-name" href="{url}">{esc(t)}</a> <time class="dt-published" datetime="{d.isoformat()}">{fmt(d, 'd Mon Y')}</time><p>{esc(summ)}</p></li>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    body = f"""<header><a href="/" class="h-card">Sol</a> <a href="/about/">about</a></header>
<main class="h-feed"><h1 class="p-name">Notes</h1><ul class="notes">
{chr(10).join(items)}
</ul></main>"""
    s.add_page("/", shell("Notes — Indie Notes", body))
    return s


# 123: description-only rows in a <table>-free "link list": the description is the link text,
# a source-less date after it; post pages are titled "Site · Title" and have an <h1>
def site_123(rng):
    s = Site("123_desc_links", "Small Print", "Small Print")
    picks = POSTS[31:43]
    ds = dates(len(picks), dt.date(2024, 9, 17), rng, step=(9, 30))
    items = []
    for (t, summ), d in zip(picks, ds):
        url = f"/p/{slugify(t)}/"
        items.append(f"""<div class="r"><a href="{url}">{esc(summ)}</a><div class="m">{fmt(d, 'iso')}</div></div>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none", site_first=True))
        s.expect(t, url, d.isoformat(), summ, title_source="post_page")
    body = f"""<div class="top"><a href="/">Small Print</a> <a href="/about/">About</a></div>
<div class="list">
{chr(10).join(items)}
</div>
<div class="bottom"><a href="mailto:hello@example.org">hello@example.org</a></div>"""
    s.add_page("/", shell("Small Print", body))
    return s


# 124: cards whose only heading is a one-word category; the title is the link text; the date is a
# "d Month Y" line; a "Topics" strip of category links sits between header and list
def site_124(rng):
    s = Site("124_category_headings", "Quanta Ops", "Quanta")
    picks = POSTS[2:12]
    ds = dates(len(picks), dt.date(2025, 5, 5), rng, step=(3, 14))
    cats = ["Reliability", "Databases", "Culture", "Security"]
    cards = []
    for i, ((t, summ), d) in enumerate(zip(picks, ds)):
        url = f"/writing/{slugify(t)}/"
        cat = cats[i % 4]
        cards.append(f"""<section class="tile"><h5 class="tile-cat">{cat}</h5><a class="tile-link" href="{url}">{esc(t)}</a><p>{esc(summ)}</p><small>{fmt(d, 'd Month Y')}</small></section>""")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), summ)
    topics = "".join(f"<a href=\"/writing/topic/{c.lower()}/\">{c}</a>" for c in cats)
    body = f"""<div class="masthead"><a href="/">Quanta Ops</a></div>
<div class="topics">{topics}</div>
<div class="tiles">
{chr(10).join(cards)}
</div>"""
    s.add_page("/", shell("Writing — Quanta Ops", body))
    return s


# 125: Blogger-style: each day printed once as a heading, that day's posts (one or two) under it,
# each with a title link and the start of its text; no date inside the posts
def site_125(rng):
    s = Site("125_day_headings", "Night Shift", "Bo")
    picks = POSTS[12:24]
    d = dt.date(2024, 11, 20)
    days = []
    i = 0
    while i < len(picks):
        n = 2 if i % 5 == 0 and i + 1 < len(picks) else 1
        days.append((d, picks[i:i + n]))
        i += n
        d = d - dt.timedelta(days=rng.randint(2, 9))
    outer = []
    for day, posts in days:
        inner = []
        for t, summ in posts:
            url = f"/{day.year}/{day.month:02d}/{slugify(t)}/"
            inner.append(f"""<div class="post-outer"><div class="post hentry"><h3 class="post-title entry-title"><a href="{url}">{esc(t)}</a></h3><div class="post-body entry-content">{esc(summ)} <a class="jump-link" href="{url}#more">Read more &raquo;</a></div><div class="post-footer">Posted by Bo at 9:41 PM &middot; <a class="comment-link" href="{url}#comments">No comments</a></div></div></div>""")
            s.add_page(url, post_page(s.title, t, summ, day, "none"))
            s.expect(t, url, day.isoformat(), summ)
        outer.append(f"""<div class="date-outer"><h2 class="date-header"><span>{fmt(day, 'Weekday, Month d, Y')}</span></h2><div class="date-posts">{''.join(inner)}</div></div>""")
    body = f"""<div class="header-outer"><h1 class="title"><a href="/">Night Shift</a></h1><p class="description">Notes from the late rotation.</p></div>
<div class="main-outer"><div class="blog-posts hfeed">
{chr(10).join(outer)}
</div><div class="blog-pager"><a class="blog-pager-older-link" href="/search?updated-max=2024-08-01">Older Posts</a></div></div>
<div class="sidebar"><h2>Blog Archive</h2><ul><li><a href="/2024/">2024</a> (12)</li><li><a href="/2023/">2023</a> (31)</li></ul></div>"""
    s.add_page("/", shell("Night Shift", body))
    return s


# 126: archive rows "Oct 09 — Title" under month headings ("October 2024"): the year comes from
# the month heading
def site_126(rng):
    s = Site("126_month_headings", "Field Guide", "Ada")
    picks = POSTS[0:16]
    ds = dates(len(picks), dt.date(2025, 1, 28), rng, step=(4, 12))
    groups = {}
    for (t, summ), d in zip(picks, ds):
        url = f"/guide/{slugify(t)}/"
        groups.setdefault((d.year, d.month), []).append(
            f"<p class=\"line\"><span>{fmt(d, 'Mon dd')}</span> &mdash; <a href=\"{url}\">{esc(t)}</a></p>")
        s.add_page(url, post_page(s.title, t, summ, d, "none"))
        s.expect(t, url, d.isoformat(), None)
    blocks = "\n".join(f"<h3>{MONTHS[m - 1]} {y}</h3>\n" + "\n".join(r) for (y, m), r in groups.items())
    body = f"""<p><a href="/">Field Guide</a> / <a href="/about/">about</a></p>
<div class="archive">
{blocks}
</div>"""
    s.add_page("/", shell("Field Guide", body))
    return s


SITES = [site_100, site_101, site_102, site_103, site_104, site_105, site_106, site_107, site_108,
         site_109, site_110, site_111, site_112, site_113, site_114, site_115, site_116, site_117, site_118, site_119, site_120, site_121, site_122, site_123, site_124, site_125, site_126]


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for i, fn in enumerate(SITES):
        site = fn(random.Random(1000 + i))
        site.write(OUT)
        print(f"{site.name}: {len(site.posts)} posts")
    reskin.main(reskin.FIXTURES, OUT)
    with open(os.path.join(OUT, "README.md"), "w") as fh:
        fh.write("Variant sites generated by tools/variants/gen.py; same layout and expected.json\n"
                 "format as /work/shared/fixtures/sites (see its README). Do not edit by hand.\n")


if __name__ == "__main__":
    main()

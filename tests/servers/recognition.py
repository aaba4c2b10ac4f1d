"""A small WordPress-like site for the ``news`` spider: every page with a trailing slash (the
slash-less form answers 404), posts with ``og:type=website`` and no JSON-LD, an ordinary sitemap
of date-path and slug URLs, and pages that are no article (a category listing, a contact page, a
gallery). Served by :class:`servers.tiny.TinySite`. Every text here is written for these tests."""

from __future__ import annotations

HEAD = "<meta property='og:type' content='website'><meta property='og:site_name' content='Harbour Weekly'>"

SENTENCES = (
    "The council met on Tuesday evening to discuss the plan, which has divided residents for months.",
    "Several speakers asked for more time, saying the figures published last spring were out of date.",
    "A spokesperson for the port authority said the works would start once the permits were signed.",
    "Shop owners on the quay told the meeting that the closures had cost them a third of their trade.",
    "The mayor promised a written answer within a fortnight and a public vote before the summer break.",
    "Local schools will use the new hall for exams, according to a letter sent to parents this week.",
)
WORDS = (
    "ferry", "quay", "lighthouse", "market", "council", "harbour", "school", "bridge", "storm", "tide", "fishing",
    "budget", "festival", "library", "museum", "railway", "beach", "garden", "chapel", "bakery", "mill", "dock",
    "crane", "island", "pier", "boat", "net", "sail", "anchor", "rope", "gull", "cliff",
)  # fmt: skip


def paragraphs(seed: int, count: int = 4) -> str:
    """``count`` paragraphs of plain sentences, their words different for each ``seed`` (no two
    posts are near-duplicates of each other)."""
    out = []
    for n in range(count):
        words = [WORDS[(seed * 5 + n * 3 + k * 7) % len(WORDS)] for k in range(12)]
        out.append(
            f"<p>The {words[0]} and the {words[1]} were the first {words[2]} topic of item {seed}.{n} today. "
            f"Residents near the {words[3]} said the {words[4]} by the {words[5]} had changed since {1990 + seed}. "
            f"A {words[6]} owner asked whether the {words[7]} would reopen before the {words[8]} season, "
            f"and the {words[9]} committee promised an answer on the {words[10]} and {words[11]} soon.</p>"
        )
    return "".join(out)


def page(title: str, body: str, head: str = "") -> tuple[str, str]:
    menu = "<header><nav><a href='/'>Home</a> <a href='/category/local/'>Local</a> <a href='/contact/'>Contact</a>"
    menu += "</nav></header>"
    footer = "<footer><p>Harbour Weekly is a small paper published by volunteers since the spring of 1998.</p>"
    footer += "</footer>"
    return "text/html", (
        f"<html lang='en'><head><title>{title} – Harbour Weekly</title>{HEAD}{head}</head>"
        f"<body>{menu}<main>{body}</main>{footer}</body></html>"
    )


#: path -> (headline, extra head, what the post shows besides its headline and text)
POSTS = {
    # a date path: the date is in the URL and the page's metadata
    "/2024/05/03/council-delays-the-harbour-vote/": (
        "Council delays the harbour vote",
        "<meta property='article:published_time' content='2024-05-03T18:00:00+02:00'>",
        "",
    ),
    "/2024/05/04/us/politics/quay-traders-ask-for-help.html": (
        "Quay traders ask for help",
        "",
        "<p class='byline'>By <a href='/author/mara-quist/' rel='author'>Mara Quist</a></p>",
    ),
    "/2024/05/06/tech/new-hall-opens/index.html": ("New hall opens for exams", "", ""),  # only the URL's date
    # long slugs, dated by a visible <time>
    "/the-ferry-timetable-changes-again-this-summer/": (
        "The ferry timetable changes again this summer",
        "",
        "<time datetime='2024-05-07T08:30:00+02:00'>7 May 2024</time>",
    ),
    "/why-the-lighthouse-keeper-stayed-on/": (
        "Why the lighthouse keeper stayed on",
        "",
        "<time datetime='2024-05-08T09:15:00+02:00'>8 May 2024</time>",
    ),
    # a short slug: no article shape at all, a published time in the head
    "/techy-gift-guide/": (
        "A techy gift guide for the harbour",
        "<meta property='article:published_time' content='2024-05-09T10:00:00+02:00'>",
        "",
    ),
}

NOT_ARTICLES = ("/category/local/", "/contact/", "/gallery/summer-fair/")
AMP = "/the-ferry-timetable-changes-again-this-summer/amp/"
SYNDICATED = "https://elsewhere.example/2024/05/08/the-lighthouse-keeper/"


def post(number: int, headline: str, head: str, shown: str) -> tuple[str, str]:
    text = f"<article><h1>{headline}</h1>{shown}<div class='entry'>{paragraphs(number, 5)}</div></article>"
    return page(headline, text, head)


def category() -> tuple[str, str]:
    """A category page: linked headings, each with a teaser paragraph and a date, in one block."""
    cards = "".join(
        f"<h2><a href='{path}'>{headline}</a></h2><time datetime='2024-05-0{n + 3}'>{n + 3} May</time>"
        f"<p>{SENTENCES[n % len(SENTENCES)]} {SENTENCES[(n + 1) % len(SENTENCES)]}</p>"
        for n, (path, (headline, _, _)) in enumerate(POSTS.items())
    )
    return page("Local", f"<h1>Local news</h1><div class='posts'>{cards}</div>")


def contact() -> tuple[str, str]:
    text = (
        "<p>Write to the newsroom at the old customs house on the quay, or leave a note in the box by the door.</p>"
        "<p>We read every letter and answer most of them within a week, though the paper is made by volunteers.</p>"
        "<p>For advertising in the weekly edition, ask for the office on Monday or Thursday mornings, before noon.</p>"
    )
    return page("Contact", f"<h1>Contact us</h1>{text}")


def gallery() -> tuple[str, str]:
    figures = "".join(
        f"<figure><img src='/img/fair-{n}.jpg' alt=''><figcaption>The summer fair, stall {n}</figcaption></figure>"
        for n in range(12)
    )
    return page(
        "Summer fair in pictures",
        f"<h1>Summer fair in pictures</h1><time datetime='2024-05-10'>10 May 2024</time>{figures}",
        "<meta property='article:published_time' content='2024-05-10T12:00:00+02:00'>",
    )


def site_pages(base_url: str, disallowed: str) -> dict[str, tuple[str, str]]:
    """The pages of the site served at ``base_url``; robots.txt forbids ``/private`` (``disallowed``
    is a story there, listed in the sitemap)."""
    pages = {path: post(n, *shown) for n, (path, shown) in enumerate(POSTS.items())}
    # identity: an AMP copy names the post as its canonical (same site: stored once, under the post);
    # a syndicated post names another site's page (not its identity: stored under its own URL)
    ferry = "/the-ferry-timetable-changes-again-this-summer/"
    canonical = f"<link rel='canonical' href='{base_url}{ferry}'>"
    pages[ferry] = post(3, *POSTS[ferry][:1], POSTS[ferry][1] + canonical, POSTS[ferry][2])
    pages[AMP] = pages[ferry]
    keeper = "/why-the-lighthouse-keeper-stayed-on/"
    pages[keeper] = post(4, *POSTS[keeper][:1], f"<link rel='canonical' href='{SYNDICATED}'>", POSTS[keeper][2])
    pages["/category/local/"] = category()
    pages["/contact/"] = contact()
    pages["/gallery/summer-fair/"] = gallery()
    pages[disallowed] = post(99, "A story robots.txt keeps out", "", "<time datetime='2024-05-11'>11 May</time>")
    listed = [*POSTS, AMP, *NOT_ARTICLES, disallowed]
    urls = "".join(f"<url><loc>{base_url}{path}</loc><lastmod>2024-05-11</lastmod></url>" for path in listed)
    pages["/sitemap.xml"] = (
        "application/xml",
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>",
    )
    pages["/robots.txt"] = (
        "text/plain",
        f"User-agent: *\nDisallow: /private\n\nSitemap: {base_url}/sitemap.xml\n",
    )
    links = "".join(f"<li><a href='{path}'>{headline}</a></li>" for path, (headline, _, _) in POSTS.items())
    pages["/"] = page("Harbour Weekly", f"<h1>Harbour Weekly</h1><ul>{links}</ul>")
    return pages

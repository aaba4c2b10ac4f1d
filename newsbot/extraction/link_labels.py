"""The words of the typed-link finder: every label a reader sees above a block of links, and its kind.

Data only, in one place (read by :mod:`newsbot.extraction.related`). Labels are written lower-case
as :func:`newsbot.extraction.related.label_key` normalises them (punctuation around them dropped).
Kinds are defined by the block's purpose, the same on every site (README, "Typed links"):

- ``related``: stories tied to this one (same topic or event): "Related", "More on this story",
  "Read also", "Mehr zum Thema", "Материалы по теме", "関連記事";
- ``recommended``: picks not tied to this story, by popularity, personalisation or the editors:
  "Most read", "Trending", "Popular", "Recommended", "You may also like", "Editor's picks",
  "Don't miss", "Features", "<Site> recommends";
- ``explore``: the site's other stories offered as navigation through its sections and topics:
  "Explore", "More from <section>", "More news", "Latest news".
"""

from __future__ import annotations

RELATED = (
    # en
    "related", "related articles", "related article", "related stories", "related story", "related posts",
    "related post", "related content", "related news", "related coverage", "related reading", "related links",
    "read more", "read also", "also read", "see also", "more on this story", "more on this topic",
    "more about this story", "more on this", "further reading", "in other news on this story",
    # de
    "mehr zum thema", "lesen sie auch", "lesen sie mehr zum thema", "lesen sie dazu", "verwandte artikel",
    "zum thema", "passend zum thema", "passend zum artikel", "alle artikel zum thema", "weiterlesen",
    "dazu passend", "mehr dazu", "ähnliche artikel", "ähnliche beiträge", "verwandte beiträge",
    "das könnte sie zum thema interessieren", "auch zum thema",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également", "sur le même sujet",
    "sur le même thème", "voir aussi", "à voir aussi", "articles liés", "dans la même rubrique",
    "articles en relation",
    # es
    "noticias relacionadas", "noticia relacionada", "relacionado", "relacionados", "relacionadas",
    "artículos relacionados", "lee también", "lea también", "leer más", "más información", "te recomendamos",
    "también te puede interesar sobre este tema", "contenido relacionado",
    # it
    "leggi anche", "articoli correlati", "correlati", "approfondimenti", "leggi pure", "sullo stesso argomento",
    # tr
    "ilgili haberler", "ilgili haber", "benzer haberler", "bunu da okuyun", "ilgili içerikler",
    # pt
    "leia também", "veja também", "notícias relacionadas", "leia mais", "saiba mais", "conteúdo relacionado",
    # nl
    "lees ook", "lees meer", "gerelateerde artikelen", "gerelateerd", "meer over dit onderwerp", "ook lezen",
    # pl, cs, sk, ro, hu
    "czytaj też", "czytaj także", "zobacz też", "zobacz także", "powiązane", "powiązane artykuły",
    "související články", "čtěte také", "čítajte aj", "súvisiace články", "citește și", "articole similare",
    "articole asemănătoare", "kapcsolódó cikkek", "kapcsolódó",
    # sv, da, no, fi
    "läs också", "läs mer", "relaterade artiklar", "læs også", "les også", "relaterte artikler", "lue myös",
    # ru, uk
    "материалы по теме", "по теме", "читайте также", "читайте тоже", "похожие новости", "похожие статьи",
    "связанные материалы", "читайте також", "матеріали за темою", "по темі",
    # el, ar, he
    "σχετικά άρθρα", "διαβάστε επίσης", "اقرأ أيضا", "اقرأ أيضاً", "أخبار ذات صلة", "مقالات ذات صلة",
    "כתבות קשורות",
    # ja, zh, ko
    "関連記事", "関連ニュース", "あわせて読みたい", "相关新闻", "相关阅读", "相關新聞", "延伸閱讀", "相关文章",
    "관련기사", "관련 기사",
    # id, vi
    "baca juga", "berita terkait", "artikel terkait", "tin liên quan", "bài liên quan",
)  # fmt: skip
RECOMMENDED = (
    # en
    "recommended", "recommended for you", "recommended stories", "recommended articles", "recommended reading",
    "you may also like", "you might also like", "you may like", "you might like", "you may be interested in",
    "you might be interested in", "you may also be interested in", "we recommend", "editor's picks",
    "editors' picks", "editor's pick", "editors picks", "most read", "most popular", "most viewed", "most shared",
    "most commented", "popular", "popular now", "popular articles", "popular stories", "popular posts",
    "trending", "trending now", "trending stories", "trending articles", "trending news", "top stories",
    "features", "featured", "featured stories", "featured articles", "don't miss", "do not miss", "read next",
    "up next", "what to read next", "what's hot", "staff picks", "our picks", "picked for you",
    # de
    "das könnte sie auch interessieren", "das könnte sie interessieren", "auch interessant",
    "ebenfalls interessant", "empfehlungen", "unsere empfehlung", "unsere empfehlungen", "empfohlen",
    "meistgelesen", "meist gelesen", "am meisten gelesen", "beliebt", "beliebte artikel",
    "top-artikel", "top-themen", "nicht verpassen", "redaktionsempfehlung", "meistgeklickt", "häufig gelesen",
    "meistgelesene artikel",
    # fr
    "vous aimerez aussi", "nous vous recommandons", "recommandé pour vous", "à découvrir", "à découvrir aussi",
    "vous pourriez aimer", "les plus lus", "les plus populaires", "les plus partagés", "populaire", "tendances",
    "à ne pas manquer", "vous aimerez peut-être", "nos recommandations",
    # es
    "te puede interesar", "también te puede interesar", "te podría interesar", "recomendado", "recomendados",
    "le puede interesar", "lo más leído", "lo más visto", "lo más popular", "más leídas", "más leídos",
    "tendencias", "no te pierdas", "te puede gustar",
    # it
    "potrebbe interessarti", "potrebbe interessarti anche", "ti potrebbe interessare", "consigliati",
    "consigliati per te", "i più letti", "più letti", "più lette", "le più lette", "i più visti", "da non perdere",
    # tr
    "bunlar da ilginizi çekebilir", "ilginizi çekebilir", "önerilen", "önerilen haberler", "sizin için seçtiklerimiz",
    "en çok okunanlar", "en çok okunan", "çok okunanlar", "popüler", "popüler haberler",
    # pt
    "você pode gostar", "você também pode gostar", "recomendadas", "pode te interessar", "mais lidas",
    "mais lidos", "mais vistos", "em alta", "não perca",
    # nl
    "ook interessant", "aanbevolen", "misschien ook interessant", "meest gelezen", "populair", "meest bekeken",
    # pl, cs, sk, ro, hu
    "polecane", "najczęściej czytane", "popularne", "najpopularniejsze", "nejčtenější", "doporučujeme",
    "najčítanejšie", "cele mai citite", "recomandări", "legolvasottabb", "legnépszerűbb", "ajánló",
    # sv, da, no, fi
    "mest läst", "mest lästa", "rekommenderat", "mest læste", "mest lest", "anbefalt", "luetuimmat", "suositellut",
    # ru, uk
    "самое читаемое", "самое популярное", "популярное", "рекомендуем", "выбор редакции", "найпопулярніше",
    "популярне", "рекомендуємо",
    # el, ar, he
    "δημοφιλή", "τα πιο δημοφιλή", "الأكثر قراءة", "الأكثر مشاهدة", "הנקראים ביותר",
    # ja, zh, ko
    "おすすめ記事", "おすすめ", "人気記事", "アクセスランキング", "ランキング", "热门新闻", "热门文章", "推荐阅读",
    "熱門新聞", "많이 본 뉴스", "인기 기사",
    # id, vi
    "terpopuler", "berita populer", "rekomendasi", "đọc nhiều", "xem nhiều",
)  # fmt: skip
EXPLORE = (
    # en
    "explore", "explore more", "more to explore", "more stories", "more news", "latest news", "latest stories",
    "latest articles", "latest posts", "more top stories", "more headlines", "more articles", "elsewhere on the site",
    # de
    "weitere artikel", "weitere nachrichten", "weitere themen", "mehr aus dem ressort", "mehr nachrichten",
    "neueste artikel", "neueste nachrichten", "aktuelle nachrichten", "aktuelle news", "neueste beiträge",
    "weitere beiträge",
    # fr
    "plus d'actualités", "à la une", "dernières actualités", "dernières infos", "toute l'actualité",
    # es
    "más noticias", "lo último", "últimas noticias",
    # it
    "altre notizie", "ultime notizie",
    # tr
    "son haberler", "diğer haberler",
    # pt
    "mais notícias", "últimas notícias",
    # nl
    "meer nieuws", "laatste nieuws", "meest recent",
    # pl, ru, ja
    "najnowsze", "więcej wiadomości", "другие новости", "последние новости", "新着記事", "最新記事",
)  # fmt: skip
#: Labels followed by a topic, section or outlet name: prefix -> kind.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("more on ", "related"), ("more about ", "related"), ("mehr zum thema ", "related"), ("related to ", "related"),
    ("lees meer over ", "related"), ("plus sur ", "related"), ("más sobre ", "related"), ("mehr über ", "related"),
    ("more from ", "explore"), ("more in ", "explore"), ("mehr aus ", "explore"), ("altro da ", "explore"),
    ("latest from ", "explore"), ("more by ", "explore"), ("mehr von ", "explore"), ("latest in ", "explore"),
    ("most read ", "recommended"), ("most popular ", "recommended"), ("trending in ", "recommended"),
    ("trending on ", "recommended"),
    ("lo más leído en ", "recommended"), ("popular in ", "recommended"), ("meistgelesen in ", "recommended"),
)  # fmt: skip
#: Labels after the site's or a section's name ("CNN recommends", "Tech trending"): suffix -> kind.
SUFFIXES: tuple[tuple[str, str], ...] = (
    (" recommends", "recommended"), (" empfiehlt", "recommended"),
    (" recommande", "recommended"), (" recomienda", "recommended"), (" trending", "recommended"),
)  # fmt: skip

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
    "more about this story", "more on this", "further reading", "in other news on this story", "more like this",
    # de
    "mehr zum thema", "lesen sie auch", "lesen sie mehr zum thema", "lesen sie dazu", "verwandte artikel",
    "zum thema", "passend zum thema", "passend zum artikel", "alle artikel zum thema", "weiterlesen",
    "dazu passend", "mehr dazu", "ähnliche artikel", "ähnliche beiträge", "verwandte beiträge",
    "das könnte sie zum thema interessieren", "auch zum thema", "zum selben thema", "zum gleichen thema",
    "mehr zu diesem thema", "weitere artikel zum thema", "lies auch", "lies mehr zum thema",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également", "sur le même sujet",
    "sur le même thème", "voir aussi", "à voir aussi", "articles liés", "dans la même rubrique",
    "articles en relation", "pour aller plus loin", "articles similaires", "à lire sur le même sujet",
    # es
    "noticias relacionadas", "noticia relacionada", "relacionado", "relacionados", "relacionadas",
    "artículos relacionados", "lee también", "lea también", "leer más", "más información", "te recomendamos",
    "también te puede interesar sobre este tema", "contenido relacionado", "noticias relacionadas con este tema",
    "sobre el mismo tema",
    # it
    "leggi anche", "articoli correlati", "correlati", "approfondimenti", "leggi pure", "sullo stesso argomento",
    "notizie correlate", "potrebbe interessarti su questo tema",
    # tr
    "ilgili haberler", "ilgili haber", "benzer haberler", "bunu da okuyun", "ilgili içerikler",
    # pt
    "leia também", "veja também", "notícias relacionadas", "leia mais", "saiba mais", "conteúdo relacionado",
    "matérias relacionadas", "leia ainda",
    # nl
    "lees ook", "lees meer", "gerelateerde artikelen", "gerelateerd", "meer over dit onderwerp", "ook lezen",
    "gerelateerd nieuws",
    # pl, cs, sk, ro, hu
    "czytaj też", "czytaj także", "zobacz też", "zobacz także", "powiązane", "powiązane artykuły",
    "przeczytaj też", "przeczytaj także", "czytaj również", "zobacz również", "podobne artykuły",
    "související články", "související", "čtěte také", "čtěte též", "přečtěte si také", "k tématu",
    "čítajte aj", "čítajte tiež", "súvisiace články", "súvisiace", "citește și", "articole similare",
    "articole asemănătoare", "articole conexe", "kapcsolódó cikkek", "kapcsolódó", "ezt is olvassa el",
    # hr, sr, sl, bg
    "povezano", "povezani članci", "povezane vijesti", "pročitajte i", "pročitajte još", "vezane vijesti",
    "preberite tudi", "sorodni članki", "свързани новини", "още по темата", "прочетете още",
    # sv, da, no, fi
    "läs också", "läs även", "läs mer", "relaterat", "relaterade artiklar", "relaterade", "læs også",
    "læs mere", "relaterede artikler", "relateret", "les også", "les mer", "relaterte artikler", "relaterte saker",
    "relatert", "lue myös", "lue lisää", "aiheesta lisää",
    # ru, uk
    "материалы по теме", "по теме", "читайте также", "читайте тоже", "похожие новости", "похожие статьи",
    "связанные материалы", "новости по теме", "ещё по теме", "еще по теме", "статьи по теме", "читайте также по теме",
    "читайте також", "матеріали за темою", "по темі", "новини за темою", "схожі новини",
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
    "up next", "what to read next", "what's hot", "staff picks", "our picks", "picked for you", "most watched",
    "most emailed", "most recommended", "more for you", "for you", "you might also enjoy", "in case you missed it",
    "must read", "must reads", "top picks", "keep reading", "editor's choice", "editors' choice",
    # de
    "das könnte sie auch interessieren", "das könnte sie interessieren", "auch interessant",
    "ebenfalls interessant", "empfehlungen", "unsere empfehlung", "unsere empfehlungen", "empfohlen",
    "meistgelesen", "meist gelesen", "am meisten gelesen", "beliebt", "beliebte artikel",
    "top-artikel", "top-themen", "nicht verpassen", "redaktionsempfehlung", "meistgeklickt", "häufig gelesen",
    "meistgelesene artikel", "meistgesehen", "meistgeteilt", "meistkommentiert", "meist kommentiert",
    "meistgeklickte artikel", "am meisten gesehen", "unsere auswahl", "auswahl der redaktion",
    "empfehlungen der redaktion", "empfohlene artikel", "das könnte dich auch interessieren",
    "das könnte dich interessieren", "für sie empfohlen", "für dich empfohlen", "top-artikel der woche",
    # fr
    "vous aimerez aussi", "nous vous recommandons", "recommandé pour vous", "à découvrir", "à découvrir aussi",
    "vous pourriez aimer", "les plus lus", "les plus populaires", "les plus partagés", "populaire", "tendances",
    "à ne pas manquer", "vous aimerez peut-être", "nos recommandations", "les plus vus", "les plus commentés",
    "les plus consultés", "vous pourriez aussi aimer", "sélectionné pour vous", "le choix de la rédaction",
    "les incontournables",
    # es
    "te puede interesar", "también te puede interesar", "te podría interesar", "recomendado", "recomendados",
    "le puede interesar", "lo más leído", "lo más visto", "lo más popular", "más leídas", "más leídos",
    "tendencias", "no te pierdas", "te puede gustar", "lo más compartido", "lo más comentado", "más vistas",
    "más vistos", "noticias recomendadas", "recomendado para ti", "te recomendamos leer",
    # it
    "potrebbe interessarti", "potrebbe interessarti anche", "ti potrebbe interessare", "consigliati",
    "consigliati per te", "i più letti", "più letti", "più lette", "le più lette", "i più visti", "da non perdere",
    "più visti", "i più condivisi", "i più commentati", "articoli consigliati", "potrebbero interessarti",
    "ti potrebbe interessare anche", "scelti per te",
    # tr
    "bunlar da ilginizi çekebilir", "ilginizi çekebilir", "önerilen", "önerilen haberler", "sizin için seçtiklerimiz",
    "en çok okunanlar", "en çok okunan", "çok okunanlar", "popüler", "popüler haberler",
    # pt
    "você pode gostar", "você também pode gostar", "recomendadas", "pode te interessar", "mais lidas",
    "mais lidos", "mais vistos", "mais vistas", "mais compartilhadas", "em alta", "não perca",
    "recomendados para você", "recomendado para você", "você também pode se interessar",
    # nl
    "ook interessant", "aanbevolen", "misschien ook interessant", "meest gelezen", "populair", "meest bekeken",
    "aanbevolen voor jou", "aanbevolen voor u", "meest gedeeld", "niet te missen", "dit vind je misschien ook leuk",
    # pl, cs, sk, ro, hu
    "polecane", "najczęściej czytane", "popularne", "najpopularniejsze", "polecamy", "może cię zainteresować",
    "może cię również zainteresować", "najchętniej czytane", "nejčtenější", "doporučujeme", "doporučované",
    "doporučené", "doporučené články", "mohlo by vás zajímat", "mohlo by vás také zajímat", "nejsledovanější",
    "najčítanejšie", "odporúčame", "odporúčané", "mohlo by vás zaujímať", "cele mai citite", "cele mai populare",
    "recomandări", "recomandate", "articole recomandate", "s-ar putea să te intereseze", "legolvasottabb",
    "legnépszerűbb", "ajánló", "ajánljuk", "ezek is érdekelhetik",
    # hr, sr, sl, bg
    "najčitanije", "najpopularnije", "preporučeno", "preporučujemo", "izdvojeno", "najbolj brano", "priporočamo",
    "най-четени", "най-популярни", "препоръчано", "препоръчваме",
    # sv, da, no, fi
    "mest läst", "mest lästa", "mest sett", "mest sedda", "mest delat", "mest delade", "rekommenderat",
    "rekommenderade", "du kanske också gillar", "mest læste", "mest læst", "mest sete", "mest delte", "anbefalet",
    "anbefalede", "mest lest", "mest lese", "anbefalt", "anbefalt for deg", "anbefalte saker",
    "du vil kanskje også like", "luetuimmat", "katsotuimmat", "suositellut", "suosittelemme", "suosituimmat",
    # ru, uk
    "самое читаемое", "самое популярное", "популярное", "рекомендуем", "выбор редакции", "найпопулярніше",
    "популярне", "рекомендуємо", "популярные материалы", "самые читаемые", "самое обсуждаемое",
    "вам может быть интересно", "вам также может понравиться", "рекомендуем прочитать", "вибір редакції",
    "вам може бути цікаво", "найчитаніше",
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
    "the latest", "latest", "just in", "latest updates", "recent posts", "recent articles", "recent stories",
    # de
    "weitere artikel", "weitere nachrichten", "weitere themen", "mehr aus dem ressort", "mehr nachrichten",
    "neueste artikel", "neueste nachrichten", "aktuelle nachrichten", "aktuelle news", "neueste beiträge",
    "weitere beiträge", "neueste", "neueste meldungen", "aktuelle meldungen", "aktuelle artikel", "neueste news",
    "weitere meldungen", "weitere news",
    # fr
    "plus d'actualités", "à la une", "dernières actualités", "dernières infos", "toute l'actualité",
    "derniers articles", "dernières nouvelles", "autres articles",
    # es
    "más noticias", "lo último", "últimas noticias", "otras noticias", "últimas", "lo más reciente",
    # it
    "altre notizie", "ultime notizie", "altri articoli", "ultimi articoli", "ultim'ora",
    # tr
    "son haberler", "diğer haberler",
    # pt
    "mais notícias", "últimas notícias", "outras notícias",
    # nl
    "meer nieuws", "laatste nieuws", "meest recent", "net binnen", "het laatste nieuws",
    # pl, ru, ja
    "najnowsze", "więcej wiadomości", "najnowsze wiadomości", "nejnovější", "nejnovější zprávy", "další zprávy",
    "najnovšie", "ultimele știri", "friss", "najnovije", "najnovije vijesti",
    "senaste nytt", "senaste nyheterna", "seneste nyt", "siste nytt", "siste nyheter", "uusimmat", "tuoreimmat",
    "другие новости", "последние новости", "все новости", "останні новини", "新着記事",
    "最新記事", "最新新闻", "最新消息", "최신 뉴스",
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
#: Words naming what a block holds, written after a label ("Most popular stories", "Trending articles",
#: "Neueste Sportartikel"): dropped before the label is looked up. German compounds count by their end.
NOUNS = frozenset(
    {"stories", "story", "articles", "article", "news", "posts", "post", "reads", "headlines", "videos",
     "artikel", "nachrichten", "meldungen", "beiträge", "themen", "geschichten", "actualités", "infos",
     "noticias", "artículos", "notas", "articoli", "notizie", "notícias",
     "artigos", "matérias", "haberler", "artikelen", "berichten", "verhalen", "artykuły", "wiadomości",
     "články", "zprávy", "správy", "articole", "știri", "cikkek", "artiklar", "nyheter", "artikler", "saker",
     "nyheder", "uutiset", "artikkelit", "статьи", "новости", "материалы", "статті", "новини", "vijesti",
     "članci", "άρθρα", "ειδήσεις"}
)  # fmt: skip
#: German compound endings of :data:`NOUNS` ("Sportartikel", "Lokalnachrichten").
COMPOUND_ENDS = ("artikel", "nachrichten", "meldungen", "beiträge", "news", "themen", "geschichten")
#: Words that join a label to the section, place or outlet it is about ("Most read in Sport",
#: "Lo más leído en Sociedad", "Meistgelesen im Ressort").
QUALIFIER_WORDS = frozenset(
    {"in", "on", "at", "from", "im", "aus", "auf", "bei", "von", "en", "de", "del", "dans", "sur",
     "di", "da", "su", "na", "no", "em", "do", "op", "uit", "van", "w", "z", "ve", "v", "på", "i", "fra",
     "från", "в", "на", "из", "із", "u", "iz", "σε", "από"}
)  # fmt: skip

"""Normalisation, shingling and exact hashing for the dedup index (newsbot.dedup.text)."""

import unicodedata

import pytest

from newsbot.dedup.text import exact_hash, normalise, shingles, word_count


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hello,   WORLD!!", "hello world"),
        ("  leading and trailing\t\n", "leading and trailing"),
        ("line\none\r\ntwo\u00a0three", "line one two three"),  # newlines, NBSP
        ("“Quoted” — dash–en … ellipsis", "quoted dash en ellipsis"),
        ("a.b,c;d:e/f(g)h[i]j", "a b c d e f g h i j"),
        ("snake_case", "snake case"),
        ("$100 + 5% = €?", "100 5"),
        ("COVID-19 cases rose 12.5% in 2024", "covid 19 cases rose 12 5 in 2024"),
        ("Straße", "strasse"),  # casefold, not just lower()
        ("", ""),
        ("!!! ... ---", ""),
    ],
)
def test_normalise_case_punctuation_whitespace(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("word", ["İstanbul", "ISTANBUL", "ıstanbul", "istanbul", "Istanbul", "İSTANBUL"])
def test_turkish_dotted_and_dotless_i_fold_to_i(word):
    assert normalise(word) == "istanbul"


def test_turkish_i_inside_words_and_no_combining_dot_left():
    assert normalise("IŞIK") == normalise("ışık") == normalise("Işık") == "işik"
    # Python's casefold would turn İ into "i" + U+0307; the fold must not leave that dot behind.
    assert "\u0307" not in normalise("İZMİR'de")
    assert normalise("İZMİR'de") == "izmirde"
    # a decomposed dotted capital I (I + combining dot above) is the same letter
    assert normalise("I\u0307stanbul") == "istanbul"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３ ＡＢＣ", "123 abc"),  # fullwidth digits and letters
        ("ﬁnance ﬂow", "finance flow"),  # ligatures
        ("x² H₂O", "x2 h2o"),  # super/subscripts
        ("Ⅻ", "xii"),  # roman numeral compatibility form
        ("e\u0301te\u0301", "été"),  # decomposed accents are composed
    ],
)
def test_normalise_nfkc_forms(raw, expected):
    assert normalise(raw) == expected


def test_apostrophes_join_words_in_every_form():
    forms = ["Türkiye'nin", "Türkiye’nin", "Türkiyeʼnin", "Türkiye`nin"]
    assert {normalise(f) for f in forms} == {"türkiyenin"}
    assert normalise("don't") == "dont"


def test_diacritics_and_other_scripts_are_kept():
    assert normalise("Gümüşhane ÇAĞ") == "gümüşhane çağ"
    hindi = "नमस्ते दुनिया"
    assert normalise(hindi) == unicodedata.normalize("NFKC", hindi)  # vowel signs are marks, kept
    assert normalise("Привет, МИР") == "привет мир"


def test_normalise_is_idempotent():
    text = "İstanbul’da ＡＢＣ ﬁnal: 3,000 — “yes”"
    assert normalise(normalise(text)) == normalise(text)


def test_word_count():
    assert word_count("") == 0
    assert word_count("one") == 1
    assert word_count(normalise("One, two... three!")) == 3


def test_shingles_are_word_trigrams_of_the_normalised_text():
    assert shingles("A b, C d!") == [b"a b c", b"b c d"]
    assert shingles("one two") == []
    assert shingles("one two three") == [b"one two three"]


def test_shingles_keep_repeats_and_order():
    assert shingles("a b a b a") == [b"a b a", b"b a b", b"a b a"]


def test_shingles_other_sizes_and_utf8():
    assert shingles("x y z", n=1) == [b"x", b"y", b"z"]
    assert shingles("x y z", n=2) == [b"x y", b"y z"]
    assert shingles("Işık düştü yine") == ["işik düştü yine".encode()]
    with pytest.raises(ValueError):
        shingles("a b c", n=0)


def test_shingles_of_presentation_variants_are_equal():
    assert shingles("The QUICK, brown fox!") == shingles("the quick brown   fox")
    assert shingles("already normalised text", normalised=True) == [b"already normalised text"]


def test_exact_hash():
    h = exact_hash("Breaking: İzmir quake, 5.1!")
    assert len(h) == 32 and set(h) <= set("0123456789abcdef")  # 128 bits as lowercase hex
    assert h == exact_hash("breaking izmir quake 5 1")
    assert h != exact_hash("breaking izmir quake 5 2")
    assert exact_hash("abc", normalised=True) == exact_hash("ABC")


# -- the fast normalise gives what one str.translate pass gave ------------------------------------
def _reference_normalise(text: str) -> str:
    """The former implementation: NFKC, a translate table for Turkish i, casefold, then one
    ``str.translate`` over every character with the same per-character rule."""
    if not text:
        return ""
    deleted = set("'\u2019\u02bc\u02bb\u2018`\u00b4\u0307")

    def word_char(ch: str) -> str | None:
        if ch in deleted:
            return None
        if ch.isalnum() or unicodedata.category(ch)[0] == "M":
            return ch
        return " "

    text = unicodedata.normalize("NFKC", text).translate({0x130: "i", 0x131: "i", 0x49: "i"}).casefold()
    return " ".join(text.translate({ord(ch): word_char(ch) for ch in set(text)}).split())


def _varied_texts(count: int) -> list[str]:
    import random

    rng = random.Random(20261202)
    pools = [
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?-_()[]{}'\"`/\\@#$%^&*+=<>|~\t\n\r",
        "İıIiŞşĞğÜüÖöÇç Türkiye’nin İZMİR'de Diyarbakır ısı",
        "“”‘’‚„«»‹›–—…•·′″ʼʻ´\u00a0\u2009\u200b\u202f\u3000\u0085\u2028\x1c\x1d\x1e\x1f",
        "ﬁﬂﬀ①②½²³ℌℍ™㎞ＡＢＣ１２３ｱｲｳ㍿ﾊﾟ\ufb01",  # NFKC forms
        "Straße ΣΑΣ ς Ǆǅǆ ŉ ǰ ẞ İ̇ i\u0307 e\u0301 n\u0303 ﬅ",  # casefold expansions, combining marks
        "Москва Αθήνα العربية עברית हिन्दी 中文 日本語 한국어 ไทย ১২৩ ٤٥٦ 😀🇹🇷",
    ]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 60)):
            pool = rng.choice(pools)
            start = rng.randrange(len(pool))
            parts.append(pool[start : start + rng.randint(1, 12)])
        if rng.random() < 0.3:
            parts.append(chr(rng.randrange(0x80, 0x3000)))
        texts.append("".join(parts))
    return texts


def test_normalise_equals_the_single_translate_pass_on_varied_text():
    texts = [
        *_varied_texts(3000),
        "“Türkiye’nin İstanbul’daki ‘Işık’ projesi,” dedi — ıı İİ II ii.",
        "ﬁnal ＩＳＴＡＮＢＵＬ ①½ Straße İ\u0307",
        "only ascii, with 'quotes' and `ticks`",
        "\u00a0\u3000 \t",
    ]
    mismatches = [t for t in texts if normalise(t) != _reference_normalise(t)]
    assert mismatches == []

"""Finding repeated recommendations across 250,000 records (times BENCH_SCALE).

Twenty States (none of those the other benchmarks use), each with four UPR cycles, two reports of each
of five treaty bodies and a special-procedure visit. Texts are 12 to 35 words drawn from a vocabulary
with a Zipf-like spread (a few words in almost every text, most rare), as real recommendations are;
one in ten repeats an earlier text of its State in another review, lightly edited (a word changed,
other punctuation or case, the recommending State appended). The rows are removed afterwards.
"""

import datetime
import random
import time

from recommendations.models import Country, Mechanism, Recommendation, RecommendationRepeat, SourceDocument
from recommendations.ordering import paragraph_key
from recommendations.repeats import repeats_find

STATES = 20
REPEAT_SHARE = 0.10
TREATY_BODIES = ["CCPR", "CESCR", "CEDAW", "CAT", "CRC"]
COMMON = ["the", "of", "and", "to", "in", "for", "ensure", "all", "rights", "human", "national", "measures"]
SYLLABLES = [
    "pro",
    "tec",
    "jus",
    "ti",
    "ce",
    "le",
    "gis",
    "la",
    "tion",
    "ri",
    "ght",
    "man",
    "dis",
    "cri",
    "mi",
]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    words = list(COMMON)
    while len(words) < 4000:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in words:
            words.append(word)
    return words, [1 / (rank + 1) ** 0.9 for rank in range(len(words))]


def _edit(rng: random.Random, text: str, words: list[str]) -> str:
    """A light edit that keeps the text well above 90 % alike."""
    choice = rng.randrange(3)
    if choice == 0:
        tokens = text.split()
        tokens[rng.randrange(len(tokens))] = rng.choice(words[:30])
        return " ".join(tokens)
    if choice == 1:
        return text.upper().replace(" ", ", ", 1)
    return f"{text} (Chile);"


def _documents(rng: random.Random, states: list[Country]) -> dict[int, list[SourceDocument]]:
    mechanisms = {m.code: m for m in Mechanism.objects.filter(code__in=["UPR", *TREATY_BODIES])}
    procedure = Mechanism.objects.filter(type=Mechanism.Type.SPECIAL_PROCEDURE).first()
    documents = []
    for state in states:
        for cycle in range(1, 5):
            day = datetime.date(2004 + 4 * cycle, 5, 1)
            documents.append(
                SourceDocument(
                    symbol=f"BENCH-REPEATS/{state.code}/UPR{cycle}",
                    mechanism=mechanisms["UPR"],
                    state=state,
                    cycle=cycle,
                    date=day,
                )
            )
        for code in TREATY_BODIES:
            for report in range(2):
                day = datetime.date(2010 + 7 * report + rng.randrange(5), 3, 1)
                documents.append(
                    SourceDocument(
                        symbol=f"BENCH-REPEATS/{state.code}/{code}/{report}",
                        mechanism=mechanisms[code],
                        state=state,
                        date=day,
                    )
                )
        documents.append(
            SourceDocument(
                symbol=f"BENCH-REPEATS/{state.code}/SP",
                mechanism=procedure,
                state=state,
                date=datetime.date(2015, 6, 1),
            )
        )
    by_state: dict[int, list[SourceDocument]] = {}
    for document in SourceDocument.objects.bulk_create(documents):
        by_state.setdefault(document.state_id, []).append(document)
    return by_state


def build(count: int, *, seed: int = 17) -> list[int]:
    """Write `count` recommendations; return their States' ids."""
    rng = random.Random(seed)
    words, weights = _vocabulary(rng)
    taken = {"FRA", "ESP", "DEU", "BRA", "MEX", "NOR", "JPN", "ZAF", "IND", "CAN", "CHL", "SEN", "PHL", "KEN"}
    states = list(Country.objects.exclude(code__in=taken).order_by("code")[:STATES])
    documents = _documents(rng, states)
    texts: dict[int, list[str]] = {state.pk: [] for state in states}
    rows = []
    for n in range(count):
        state = states[n % len(states)]
        document = rng.choice(documents[state.pk])
        earlier = texts[state.pk]
        if earlier and rng.random() < REPEAT_SHARE:
            text = _edit(rng, rng.choice(earlier), words)
        else:
            text = " ".join(rng.choices(words, weights=weights, k=rng.randint(12, 35))).capitalize()
            earlier.append(text)
        paragraph = f"{100 + n % 50}.{n // 50 % 300 + 1}"
        rows.append(
            Recommendation(
                state=state,
                text=text,
                text_en=text,
                mechanism_id=document.mechanism_id,
                source_document=document,
                paragraph=paragraph,
                paragraph_key=paragraph_key(paragraph),
                date=document.date,
                cycle=document.cycle,
            )
        )
        if len(rows) == 5000:
            Recommendation.objects.bulk_create(rows)
            rows = []
    Recommendation.objects.bulk_create(rows)
    return [state.pk for state in states]


def remove() -> None:
    """Delete what build wrote: plain DELETEs, since nothing but the repeat links refers to these rows
    (the ORM's delete would look for dependants in every related table, 250,000 ids at a time)."""
    documents = SourceDocument.objects.filter(symbol__startswith="BENCH-REPEATS/")
    RecommendationRepeat.objects.filter(recommendation__source_document__in=documents).delete()
    recommendations = Recommendation.objects.filter(source_document__in=documents)
    recommendations._raw_delete(recommendations.db)
    documents.delete()


def run(*, scale: float) -> None:
    count = max(1000, int(250_000 * scale))
    state_ids = build(count)
    try:
        start = time.perf_counter()
        found = repeats_find(state_ids=state_ids)
        elapsed = time.perf_counter() - start
        assert found >= count * REPEAT_SHARE * 0.8, found
        print(f"BENCH repeats_250k_seconds {elapsed:.1f} s", flush=True)
    finally:
        remove()

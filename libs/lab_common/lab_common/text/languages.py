"""Is a text French or English? Counting each language's function words.

Function words ("the", "and", "le", "est"...) are frequent in every sentence of
their language, whatever the topic; five words nearly always contain one.
Accented letters break ties towards French. The sentiment service tells one
text's language; the trainer tells a dataset's (an upload says none).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from lab_common.text.schemas import Language

_FRENCH = set(
    "le la les un une des du de d l au aux et est sont été être a ai as avons avez "
    "ont ce cet cette ces c qu que qui quoi dont où je j tu il elle on nous vous ils "
    "elles me m te t se s lui leur y en ne n pas plus très trop bien mais ou donc or "
    "ni car pour par avec sans dans sur sous chez mon ma mes ton ta tes son sa ses "
    "notre nos votre vos leurs tout toute tous toutes rien aussi comme si fait faire "
    "film c'est n'est j'ai qu'il vraiment encore déjà cela ça ceci quel quelle".split()
)
_ENGLISH = set(
    "the a an and is are was were be been being am i you he she it we they me him "
    "her us them my your his its our their this that these those of to in on at by "
    "for with from as but or not no nor so if than then too very just do does did "
    "done have has had will would can could should shall may might must what which "
    "who whom whose where when why how all any some there here about into over "
    "after before movie film n't it's i'm don't isn't really".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôûùüÿœæ]")
# Enough texts to tell a dataset's language; reading them all would only cost.
DATASET_SAMPLE_TEXTS = 2_000


def _scores(text: str) -> tuple[float, float]:
    """(French, English) evidence in ``text``."""
    words = [word.lower() for word in _WORD.findall(text)]
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    french += len(_FRENCH_LETTERS.findall(text.lower())) * 0.5
    return french, english


def detect_language(text: str) -> Language:
    """'fr' or 'en'; English when nothing tells them apart."""
    french, english = _scores(text)
    return "fr" if french > english else "en"


def guess_language(texts: Iterable[str]) -> Language | None:
    """The language of a collection of texts; None when nothing tells it.

    Evidence is summed over the first texts, so one English quote in a French
    dataset does not decide it.
    """
    french = english = 0.0
    for text in itertools.islice(texts, DATASET_SAMPLE_TEXTS):
        text_french, text_english = _scores(text)
        french += text_french
        english += text_english
    if french == english:
        return None
    return "fr" if french > english else "en"

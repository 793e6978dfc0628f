"""Texts in, sentiment predictions out: detect each text's language, then one
compiled model call per language for the whole batch."""

from __future__ import annotations

from lab_common.text.schemas import Language, SentimentPrediction
from lab_nlp.languages import detect_language
from lab_nlp.model_store import SentimentModel, SentimentModels


def to_prediction(
    model: SentimentModel, positive: float, language: Language, detected: bool
) -> SentimentPrediction:
    label = "positive" if positive >= 0.5 else "negative"
    return SentimentPrediction(
        label=label,
        probability=positive if label == "positive" else 1.0 - positive,
        positive_probability=positive,
        language=language,
        language_detected=detected,
        model=model.ref,
    )


def predict(
    models: SentimentModels, texts: list[str], hint: Language | None
) -> list[SentimentPrediction]:
    languages: list[Language] = [hint or detect_language(text) for text in texts]
    results: list[SentimentPrediction | None] = [None] * len(texts)
    for language in sorted(set(languages)):
        model = models.get(language)
        rows = [i for i, lang in enumerate(languages) if lang == language]
        positives = model.positive_probabilities([texts[i] for i in rows])
        for row, positive in zip(rows, positives, strict=True):
            results[row] = to_prediction(model, float(positive), language, hint is None)
    return [result for result in results if result is not None]

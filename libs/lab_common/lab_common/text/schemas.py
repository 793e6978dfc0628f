"""Public request and response bodies of the sentiment API (nlp service, gateway)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from lab_common.vision.schemas import ModelRef

Language = Literal["fr", "en"]
SentimentLabel = Literal["positive", "negative"]

MAX_TEXT_CHARACTERS = 5000
MAX_TEXTS_PER_REQUEST = 256


def _reject_lone_surrogates(text: str) -> str:
    """JSON may escape half of a UTF-16 pair ("\\ud800"): no character, and
    TensorFlow, UTF-8 and every answer quoting the text would fail on it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError(
            "lone_surrogate",
            "character {position} is a lone UTF-16 surrogate ({code}), half of an "
            "emoji or symbol; send valid Unicode text",
            {"position": exc.start, "code": f"U+{ord(text[exc.start]):04X}"},
        ) from None
    return text


# HTML line breaks, which the models' standardisation turns into spaces.
_LINE_BREAK = re.compile(r"<br\s*/?>")


def has_words(text: str) -> bool:
    """Whether the models will read at least one word in ``text``.

    Mirrors ``lab_common.text.models.standardize_text`` (which needs
    TensorFlow): only letters and digits make words, so a text of emoji or
    punctuation alone gives the LSTM an empty sequence, which it cannot run.
    """
    return any(char.isalnum() for char in _LINE_BREAK.sub(" ", text.lower()))


def _check_text(text: str) -> str:
    if not text.strip():
        # Typed errors: ``validation.<type>`` in lab_common.messages says them.
        raise PydanticCustomError(
            "empty_text", "the text is empty or only whitespace; send some words"
        )
    if not has_words(text):
        raise PydanticCustomError(
            "no_words",
            "the text has no word, only signs or emoji; the model reads words",
        )
    if len(text) > MAX_TEXT_CHARACTERS:
        raise PydanticCustomError(
            "text_too_long",
            "the text has {length} characters; the limit is {limit}",
            {"length": len(text), "limit": MAX_TEXT_CHARACTERS},
        )
    return text


# A string that is valid Unicode: every JSON string field of the text API.
UnicodeString = Annotated[str, AfterValidator(_reject_lone_surrogates)]
# A text the models read: valid Unicode, some words, at most 5,000 characters.
SentimentText = Annotated[UnicodeString, AfterValidator(_check_text)]


class _TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Language | None = Field(
        default=None,
        description="Language hint, 'fr' or 'en'; default: detected from the text.",
    )


class PredictionRequest(_TextRequest):
    """Exactly one of ``text`` and ``texts``."""

    text: SentimentText | None = Field(
        default=None, description="One text (<= 5,000 chars)."
    )
    texts: list[SentimentText] | None = Field(
        default=None, description="Up to 256 texts, answered in the same order."
    )

    @model_validator(mode="after")
    def _one_of_text_or_texts(self) -> PredictionRequest:
        if (self.text is None) == (self.texts is None):
            raise PydanticCustomError(
                "text_or_texts", "Send exactly one of 'text' or 'texts'."
            )
        if self.texts is not None:
            if not self.texts:
                raise PydanticCustomError(
                    "no_texts",
                    "texts is an empty list; send 1 to {limit} texts.",
                    {"limit": MAX_TEXTS_PER_REQUEST},
                )
            if len(self.texts) > MAX_TEXTS_PER_REQUEST:
                raise PydanticCustomError(
                    "too_many_texts",
                    "texts has {count} items; the limit is {limit} per request.",
                    {"count": len(self.texts), "limit": MAX_TEXTS_PER_REQUEST},
                )
        return self

    @property
    def all_texts(self) -> list[str]:
        return [self.text] if self.text is not None else list(self.texts or [])


class SingleTextRequest(_TextRequest):
    text: SentimentText = Field(description="The text (<= 5,000 characters).")


class SentimentPrediction(BaseModel):
    label: SentimentLabel
    probability: float = Field(description="Probability of `label`, 0.5 to 1.")
    positive_probability: float
    language: Language
    language_detected: bool = Field(description="False when the hint was used.")
    model: ModelRef


class PredictionResponse(BaseModel):
    predictions: list[SentimentPrediction]


class TokenContribution(BaseModel):
    token: str = Field(description="A word of the text as written.")
    start: int = Field(description="Character offset of the word in the text.")
    end: int
    occlusion: float = Field(
        description="Positive probability minus that of the text without this word: "
        "> 0 pushes towards positive."
    )
    gradient_x_input: float = Field(
        description="Gradient x embedding, summed; 0 for words outside the vocabulary."
    )
    in_vocabulary: bool


class ExplanationResponse(BaseModel):
    prediction: SentimentPrediction
    tokens: list[TokenContribution]
    trajectory: list[float] = Field(
        description="Positive probability after each word prefix (one per token)."
    )


class TokenUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int


class MistralVerdict(BaseModel):
    label: SentimentLabel
    confidence: float = Field(ge=0.0, le=1.0)
    rationale: str = Field(description="One sentence, in the text's language.")
    model: str
    latency_ms: float
    cached: bool
    usage: TokenUsage | None = None


class LstmVerdict(SentimentPrediction):
    latency_ms: float


class ComparisonResponse(BaseModel):
    language: Language
    lstm: LstmVerdict
    mistral: MistralVerdict
    agree: bool


# --- inside the recurrent cell ------------------------------------------------

DEFAULT_CELL_UNITS = 8
MAX_CELL_UNITS = 32
CellKind = Literal["lstm", "gru", "simple-rnn"]


class CellStatesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: SentimentText = Field(
        description="The text (<= 5,000 characters, <= 300 words)."
    )
    units: int = Field(
        default=DEFAULT_CELL_UNITS,
        ge=1,
        le=MAX_CELL_UNITS,
        description="How many units to show (the most informative ones).",
    )


class CellWord(BaseModel):
    text: str = Field(description="A word of the text as written.")
    start: int = Field(description="Character offset of the word in the text.")
    end: int
    tokens: int = Field(
        description='Tokens the model reads in it: 2 for "l\'acteur", 0 for '
        '"!" (not read: null gates, the neighbouring word\'s states).'
    )


class CellUnit(BaseModel):
    direction: Literal["forward", "backward"]
    index: int = Field(description="The unit's index in its direction (0-based).")
    correlation: float = Field(
        description="Pearson correlation, over the read words, of the unit's "
        "memory with the positive probability after each word prefix."
    )


class CellSignal(BaseModel):
    """One gate or state of the chosen units, word by word."""

    name: str = Field(
        description="input, forget, output (LSTM); update, reset (GRU); "
        "cell_state; hidden_state."
    )
    label: str = Field(description="Its name, in the request's language.")
    explanation: str = Field(description="Two sentences, in the request's language.")
    values: list[list[float | None]] = Field(
        description="[unit][word], units in the order of `units`; a gate is null "
        "for a word the model does not read."
    )


class CellStatesResponse(BaseModel):
    model: ModelRef
    layer: str = Field(description="The recurrent layer shown, e.g. bilstm.")
    cell: CellKind
    units_per_direction: int
    bidirectional: bool
    words: list[CellWord]
    units: list[CellUnit]
    selection: str = Field(description="How the units were chosen (request language).")
    columns: str = Field(description="How a word's column is read (request language).")
    gates: list[CellSignal] = Field(description="Empty for a SimpleRNN.")
    cell_state: CellSignal | None = Field(description="LSTM only: the memory.")
    hidden_state: CellSignal
    positive_probability: float = Field(description="On the whole text.")
    trajectory: list[float] = Field(
        description="Positive probability after each word prefix (one per word)."
    )

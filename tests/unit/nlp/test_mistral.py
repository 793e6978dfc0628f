"""MistralJudge through the real mistralai SDK, against the fake API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TypeVar

import pytest
from pydantic import SecretStr

from lab_common.problems import UpstreamTimeout, UpstreamUnavailable
from lab_common.text.schemas import Language, MistralVerdict
from lab_nlp.errors import (
    FeatureUnavailable,
    UpstreamAuth,
    UpstreamInvalidOutput,
    UpstreamRateLimited,
)
from lab_nlp.mistral import MistralJudge, MistralSettings
from tests.conftest import free_port, run_in_own_loop
from tests.fakes.mistral_server import FakeMistral

SECRET_KEY = "sk-test-do-not-leak-7f3a9c"


T = TypeVar("T")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeMistral]:
    with FakeMistral() as server:
        yield server


@pytest.fixture(autouse=True)
def fresh_counts(fake: FakeMistral) -> None:
    fake.reset()


def settings_for(fake: FakeMistral, model: str, **overrides: object) -> MistralSettings:
    base = MistralSettings(
        api_key=SecretStr(SECRET_KEY),
        model=model,
        server_url=fake.url,
        timeout_seconds=2.0,
        retry_initial_seconds=0.05,
    )
    return replace(base, **overrides)


def judge_texts(
    settings: MistralSettings, *requests: tuple[str, Language]
) -> list[MistralVerdict]:
    """Judge each text in turn with one judge (one event loop, one SDK client)."""

    async def run() -> list[MistralVerdict]:
        judge = MistralJudge(settings)
        try:
            return [await judge.judge(text, language) for text, language in requests]
        finally:
            await judge.aclose()

    return run_in_own_loop(run())


def test_judge_returns_label_confidence_rationale_and_usage(fake: FakeMistral) -> None:
    settings = settings_for(fake, "mistral-small-latest")

    [verdict] = judge_texts(settings, ("This film is boring.", "en"))

    assert verdict.label == "negative"
    assert verdict.confidence == pytest.approx(0.9)
    assert verdict.rationale == "The text holds a negative word."
    assert verdict.model == "mistral-small-latest"
    assert verdict.usage is not None
    assert (verdict.usage.prompt_tokens, verdict.usage.completion_tokens) == (42, 17)
    assert verdict.latency_ms > 0
    assert verdict.cached is False


def test_judge_asks_for_a_french_rationale_for_french_text(fake: FakeMistral) -> None:
    settings = settings_for(fake, "mistral-small-latest")

    [verdict] = judge_texts(settings, ("Un film superbe.", "fr"))

    assert verdict.label == "positive"
    assert verdict.rationale == "Le texte ne contient aucun mot négatif."


def test_judge_joins_content_chunks(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-chunks")

    [verdict] = judge_texts(settings, ("Quel film ennuyeux.", "fr"))

    assert verdict.label == "negative"
    assert verdict.rationale == "Le texte contient un mot négatif."


def test_judge_rejects_content_that_is_not_json(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-malformed")

    with pytest.raises(UpstreamInvalidOutput) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert (caught.value.status, caught.value.type) == (
        502,
        "/problems/upstream-invalid-output",
    )


def test_judge_reports_a_refused_key_without_leaking_it(
    fake: FakeMistral, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(fake, "fake-401")
    caplog.set_level(logging.DEBUG)

    with pytest.raises(UpstreamAuth) as caught:
        judge_texts(settings, ("Great.", "en"))

    error = caught.value
    assert (error.status, error.type) == (502, "/problems/upstream-auth")
    messages = [str(error), repr(error), error.detail, str(error.__cause__)]
    assert all(SECRET_KEY not in message for message in messages)
    assert SECRET_KEY not in caplog.text
    assert all(SECRET_KEY not in str(vars(record)) for record in caplog.records)
    assert SECRET_KEY not in repr(settings)


def test_judge_gives_up_on_rate_limits_after_max_retries(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-429", max_retries=1)
    started = time.perf_counter()

    with pytest.raises(UpstreamRateLimited) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert (caught.value.status, caught.value.type) == (
        503,
        "/problems/upstream-rate-limited",
    )
    assert caught.value.headers == {"Retry-After": "1"}
    assert fake.calls() == {"fake-429": 1 + settings.max_retries}
    assert time.perf_counter() - started >= 1.0  # the upstream's Retry-After


def test_judge_succeeds_after_one_rate_limited_attempt(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-429-once")
    started = time.perf_counter()

    [verdict] = judge_texts(settings, ("What an awful plot.", "en"))

    assert verdict.label == "negative"
    assert fake.calls() == {"fake-429-once": 2}
    assert time.perf_counter() - started >= 1.0  # the upstream's Retry-After


def test_judge_reports_server_errors_after_retries(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-500", max_retries=2)

    with pytest.raises(UpstreamUnavailable) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert (caught.value.status, caught.value.type) == (
        502,
        "/problems/upstream-unavailable",
    )
    assert fake.calls() == {"fake-500": 3}


def test_judge_reports_an_unreachable_upstream(fake: FakeMistral) -> None:
    settings = settings_for(fake, "any", server_url=f"http://127.0.0.1:{free_port()}")

    with pytest.raises(UpstreamUnavailable) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert caught.value.type == "/problems/upstream-unavailable"


def test_judge_times_out_on_a_slow_upstream(fake: FakeMistral) -> None:
    settings = settings_for(fake, "fake-slow", timeout_seconds=0.5)
    started = time.perf_counter()

    with pytest.raises(UpstreamTimeout) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert (caught.value.status, caught.value.type) == (
        504,
        "/problems/upstream-timeout",
    )
    assert time.perf_counter() - started < 1.5
    assert fake.calls() == {"fake-slow": 1}


def test_judge_without_key_is_unavailable_and_calls_nobody(
    fake: FakeMistral, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(fake, "mistral-small-latest", api_key=None)
    caplog.set_level(logging.WARNING, logger="lab_nlp.mistral")

    with pytest.raises(FeatureUnavailable) as caught:
        judge_texts(settings, ("Great.", "en"))

    assert MistralJudge(settings).configured is False
    assert (caught.value.status, caught.value.type) == (
        503,
        "/problems/feature-unavailable",
    )
    assert caught.value.detail_in("fr").startswith(
        "Le comparateur Mistral n'est pas configuré sur ce serveur\u00a0: demandez à "
        "votre enseignant"
    )
    assert "NLP_MISTRAL_API_KEY" not in caught.value.detail_in("en")
    hints = [getattr(r, "hint", "") for r in caplog.records]
    assert any("NLP_MISTRAL_API_KEY" in hint for hint in hints)  # for the operator
    assert fake.calls() == {}


def test_judge_answers_a_repeated_text_from_the_cache(fake: FakeMistral) -> None:
    settings = settings_for(fake, "mistral-small-latest")

    first, second = judge_texts(settings, ("Nice.", "en"), ("Nice.", "en"))

    assert (first.cached, second.cached) == (False, True)
    assert second.latency_ms == first.latency_ms
    assert second.label == first.label
    assert fake.calls() == {"mistral-small-latest": 1}


def test_judge_cache_separates_texts_and_languages(fake: FakeMistral) -> None:
    settings = settings_for(fake, "mistral-small-latest")

    verdicts = judge_texts(settings, ("Nice.", "en"), ("Nice.", "fr"), ("Nice!", "en"))

    assert [verdict.cached for verdict in verdicts] == [False, False, False]
    assert fake.calls() == {"mistral-small-latest": 3}


def test_judge_bounds_concurrent_calls(fake: FakeMistral) -> None:
    settings = settings_for(
        fake, "fake-slow", timeout_seconds=0.4, max_concurrent_calls=1
    )

    async def judge_two_at_once() -> list[BaseException | MistralVerdict]:
        judge = MistralJudge(settings)
        try:
            return await asyncio.gather(
                judge.judge("One.", "en"),
                judge.judge("Two.", "en"),
                return_exceptions=True,
            )
        finally:
            await judge.aclose()

    started = time.perf_counter()
    outcomes = run_in_own_loop(judge_two_at_once())

    assert all(isinstance(outcome, UpstreamTimeout) for outcome in outcomes)
    assert time.perf_counter() - started >= 0.8  # one after the other, not together

"""A fake Mistral chat API on 127.0.0.1, so tests drive the real SDK offline.

``POST /v1/chat/completions`` answers like the real API. The request's ``model``
picks the scenario, or a ``[fake-...]`` marker in the user text does (a service
started with one model can so meet every scenario):

- ``fake-chunks``: a normal answer whose content is a list of text chunks;
- ``fake-malformed``: content that is not JSON;
- ``fake-401``, ``fake-500``: that status, every time (401 too without a Bearer
  ``Authorization`` header, as the real API);
- ``fake-429``: 429 with ``Retry-After: 1``, every time;
- ``fake-429-once``: 429 with ``Retry-After: 1`` on the first call for a text, then
  a normal answer;
- ``fake-slow``: a normal answer after 3 s;
- any other model: a normal answer.

A normal answer's label follows a rule you can read: negative when the text holds
one of ``NEGATIVE_WORDS``, else positive; confidence 0.9; the rationale is in
French when the system prompt asks for French. ``GET /_calls`` counts calls per
model and ``POST /_reset`` clears the counts.

Run in-process with ``with FakeMistral() as fake: ... fake.url``, or as a process
with ``python -m tests.fakes.mistral_server --port N``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import threading
import time
import uuid
from collections import Counter
from types import TracebackType
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.conftest import free_port

NEGATIVE_WORDS = re.compile(
    r"\b(bad|awful|terrible|boring|mauvais|nul|ennuyeux|horrible|déçu)\b",
    re.IGNORECASE,
)
SLOW_REPLY_SECONDS = 3.0
START_TIMEOUT_SECONDS = 10.0


def create_app() -> FastAPI:
    """The fake API; its call counts live in the app, one set per server."""
    app = FastAPI(title="fake-mistral")
    calls: Counter[str] = Counter()
    rate_limited_texts: set[str] = set()

    @app.post("/v1/chat/completions")
    async def complete(request: Request) -> JSONResponse:
        body = await request.json()
        system, text = _prompt_parts(body.get("messages", []))
        model = _scenario(str(body.get("model", "")), text)
        calls[model] += 1
        bearer = request.headers.get("authorization", "").startswith("Bearer ")
        if model == "fake-401" or not bearer:
            return _error(401, "Unauthorized", "invalid_api_key")
        if model == "fake-500":
            return _error(500, "Internal server error", "internal_error")
        if model == "fake-429" or (
            model == "fake-429-once" and text not in rate_limited_texts
        ):
            rate_limited_texts.add(text)
            return _error(429, "Requests rate limit exceeded", "rate_limited")
        if model == "fake-slow":
            await asyncio.sleep(SLOW_REPLY_SECONDS)
        return JSONResponse(_completion(model, _content(model, system, text)))

    @app.get("/_calls")
    async def read_calls() -> dict[str, int]:
        return dict(calls)

    @app.post("/_reset")
    async def reset() -> dict[str, str]:
        calls.clear()
        rate_limited_texts.clear()
        return {"status": "reset"}

    return app


SCENARIO_MARKER = re.compile(r"\[(fake-[a-z0-9-]+)\]")


def _scenario(model: str, text: str) -> str:
    """The model's name, or a ``[fake-...]`` marker in the text: a service whose
    model is configured once can still be driven through every scenario."""
    marker = SCENARIO_MARKER.search(text)
    return marker.group(1) if marker else model


def _prompt_parts(messages: list[dict[str, Any]]) -> tuple[str, str]:
    """The system prompt and the user text (string contents only)."""
    by_role = {m.get("role"): m.get("content") for m in messages}
    return str(by_role.get("system") or ""), str(by_role.get("user") or "")


RATIONALES = {
    # (French asked for, negative word found) -> rationale
    (True, True): "Le texte contient un mot négatif.",
    (True, False): "Le texte ne contient aucun mot négatif.",
    (False, True): "The text holds a negative word.",
    (False, False): "The text holds no negative word.",
}


def _verdict(system: str, text: str) -> str:
    """The normal answer's JSON, decided by ``NEGATIVE_WORDS``."""
    negative = NEGATIVE_WORDS.search(text) is not None
    verdict = {
        "label": "negative" if negative else "positive",
        "confidence": 0.9,
        "rationale": RATIONALES["in French" in system, negative],
    }
    return json.dumps(verdict, ensure_ascii=False)


def _content(model: str, system: str, text: str) -> str | list[dict[str, str]]:
    if model == "fake-malformed":
        return "this is not json"
    verdict = _verdict(system, text)
    if model == "fake-chunks":
        middle = len(verdict) // 2
        return [
            {"type": "text", "text": verdict[:middle]},
            {"type": "text", "text": verdict[middle:]},
        ]
    return verdict


def _completion(model: str, content: str | list[dict[str, str]]) -> dict[str, Any]:
    """A ``chat.completion`` body shaped like the real API's."""
    return {
        "id": uuid.uuid4().hex,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": content,
                    "tool_calls": None,
                },
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 42, "completion_tokens": 17, "total_tokens": 59},
    }


def _error(status: int, message: str, code: str) -> JSONResponse:
    """An error body like the real API's; 429s carry ``Retry-After: 1``."""
    body = {
        "object": "error",
        "message": message,
        "type": code,
        "param": None,
        "code": str(status),
    }
    headers = {"Retry-After": "1"} if status == 429 else None
    return JSONResponse(body, status_code=status, headers=headers)


class FakeMistral:
    """The fake server on a free port, served by uvicorn in a background thread."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> FakeMistral:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake Mistral server did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_SECONDS)

    def calls(self) -> dict[str, int]:
        """Calls per model since the start or the last ``reset``."""
        return dict(httpx.get(f"{self.url}/_calls", trust_env=False).json())

    def reset(self) -> None:
        httpx.post(f"{self.url}/_reset", trust_env=False).raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake Mistral chat API for tests.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()

"""An HTTP server that answers one request per connection, then drops it.

It keeps the connection open after its answer (keep-alive, as uvicorn does)
but closes it without a word when the next request arrives on it: what a
client's pool meets when a service closed a connection it was about to reuse.
Every answer is ``200 {"models": []}``.
"""

from __future__ import annotations

import asyncio
import threading

BODY = b'{"models": []}'
ANSWER = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
    b"content-length: %d\r\n\r\n%s" % (len(BODY), BODY)
)


class OneAnswerServer:
    def __init__(self) -> None:
        self.connections = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self._started.wait(timeout=10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._started.set()
        self._loop.run_forever()

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        await reader.readuntil(b"\r\n\r\n")
        writer.write(ANSWER)
        await writer.drain()
        await reader.read(1)  # the next request on this connection...
        writer.close()  # ...is dropped unanswered

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

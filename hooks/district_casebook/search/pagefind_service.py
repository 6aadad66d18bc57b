"""A small synchronous client of `pagefind --service`.

Pagefind's own Python API speaks the same protocol but sleeps 0.1 s per
response, which is 0.1 s per page; this client blocks only where the caller
asks for an answer. The protocol: each message is base64(JSON) followed by a
comma, requests on the service's stdin, responses on its stdout, in the shapes
of pagefind/service/types.py ({"message_id": n, "payload": {"type": ...}}).

Two threads keep the pipes moving, so neither side can wait on a full one:
one writes requests (the caller queues them and goes back to rendering), one
reads responses. The service reads requests ahead of its work and answers in
order; when its stdin closes, it exits, so even a Python process that dies
without closing the client leaves no service behind.
"""
from __future__ import annotations

import base64
import json
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

QUEUED_REQUESTS = 64  # at most this many pages wait in Python for the pipe
GRACE_SECONDS = 5.0  # for the service to exit once its stdin is closed
# Each thread wakes at most this often and then moves everything waiting: every wake-up takes
# the GIL from MkDocs, which renders pages meanwhile, so one per page would slow it down.
BATCH_SECONDS = 0.05


class ServiceFailed(Exception):
    """The service is gone, stuck or answered with an error; the message says which."""

    def __init__(self, reason: str, message_id: int | None = None):
        super().__init__(reason)
        self.message_id = message_id  # the request it answered with an error, if it did


class PagefindService:
    """One `pagefind --service` process. Not thread-safe: one caller at a time."""

    def __init__(self, executable: Path | str, *, silence: float = 60.0):
        self.silence = silence  # seconds without any answer (or pipe progress) that count as stuck
        self._stderr = tempfile.TemporaryFile()  # a file, not a pipe: nobody has to drain it
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._stderr)
        except OSError as error:
            self._stderr.close()
            raise ServiceFailed(f"could not start {executable} ({error.strerror or error})") from None
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._received = 0  # answers so far: progress, for the waits' timeouts
        self._answered = threading.Condition()
        self._failure: ServiceFailed | None = None  # the first error answer, or how the service ended
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED_REQUESTS)
        self._threads = [threading.Thread(target=self._write_requests, daemon=True, name="pagefind-requests"),
                         threading.Thread(target=self._read_answers, daemon=True, name="pagefind-answers")]
        for thread in self._threads:
            thread.start()

    @property
    def pid(self) -> int:
        return self._process.pid

    def send(self, payload: dict) -> int:
        """Queue a request; returns its message id. Fails at once if the service already failed."""
        self._raise_if_failed()
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        self._queue(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self._next_id

    def ask(self, payload: dict, *, silence: float | None = None) -> dict:
        """Send a request and wait for its answer."""
        return self.wait([self.send(payload)], silence=silence)[0]

    def wait(self, message_ids: Iterable[int], *, silence: float | None = None) -> list[dict]:
        """The answers to ``message_ids`` (each taken once), waiting while answers keep coming:
        it fails only after ``silence`` seconds with no new answer at all."""
        wanted, limit = list(message_ids), self.silence if silence is None else silence
        with self._answered:
            while self._failure is None and not all(i in self._answers for i in wanted):
                received = self._received
                progressed = self._answered.wait_for(
                    lambda: self._received != received or self._failure is not None, timeout=limit)
                if not progressed:
                    self._failure = ServiceFailed(f"it gave no answer for {limit:g} s")
            self._raise_if_failed()
            return [self._answers.pop(i) for i in wanted]

    def close(self, *, kill: bool = False) -> None:
        """End the service: by closing its stdin, or at once with ``kill``. Safe to call twice."""
        if not kill:
            try:
                self._outbox.put_nowait(None)  # the writer closes stdin after the queued requests
            except queue.Full:
                kill = True  # nothing drains the queue: the service is stuck
        if kill:
            self._process.kill()
        try:
            self._process.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for thread in self._threads:
            thread.join(timeout=GRACE_SECONDS)
        self._stderr.close()

    def _queue(self, message: bytes) -> None:
        deadline = time.monotonic() + self.silence
        while True:
            try:
                return self._outbox.put(message, timeout=0.2)
            except queue.Full:
                self._raise_if_failed()  # the writer stopped: the queue will never drain
                if time.monotonic() > deadline:
                    self._fail(f"it read no request for {self.silence:g} s")
                    self._raise_if_failed()

    def _write_requests(self) -> None:
        pipe = self._process.stdin
        try:
            while True:
                batch = [self._outbox.get()]
                time.sleep(BATCH_SECONDS)
                while len(batch) < QUEUED_REQUESTS:
                    try:
                        batch.append(self._outbox.get_nowait())
                    except queue.Empty:
                        break
                pipe.write(b"".join(m for m in batch if m is not None))
                pipe.flush()
                if None in batch:
                    return pipe.close()
        except (OSError, ValueError):  # a broken pipe: the reader reports how the service ended
            pass

    def _read_answers(self) -> None:
        pipe, pending = self._process.stdout, b""
        try:
            while chunk := pipe.read1(1 << 20):
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    self._take(message)
                time.sleep(BATCH_SECONDS)
        except (OSError, ValueError):
            pass
        self._fail(self._ending())

    def _take(self, message: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(message))
            payload = answer["payload"]
        except (ValueError, KeyError, TypeError):
            return self._fail(f"it answered something that is not its protocol: {message[:80]!r}")
        if payload.get("type") == "Error":
            self._fail(_error_text(payload), answer.get("message_id"))
        with self._answered:
            self._answers[answer.get("message_id")] = payload
            self._received += 1
            self._answered.notify_all()

    def _fail(self, reason: str, message_id: int | None = None) -> None:
        with self._answered:
            self._failure = self._failure or ServiceFailed(reason, message_id)  # the cause, not what followed
            self._answered.notify_all()

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise ServiceFailed(str(self._failure), self._failure.message_id)

    def _ending(self) -> str:
        try:
            code = self._process.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            return "it closed its output"
        said = self._last_words()
        return f"it stopped (exit {code})" + (f": {said}" if said else "")

    def _last_words(self) -> str:
        """The end of what the service wrote to stderr (a panic, say), as one line."""
        try:
            self._stderr.seek(0)
            lines = self._stderr.read()[-4000:].decode("utf-8", "replace").splitlines()
        except (OSError, ValueError):  # closed by a close() that gave up waiting
            return ""
        said = one_line("\n".join(lines[-5:]))
        return said if len(said) <= 500 else "..." + said[-497:]


def one_line(output: str) -> str:
    """What Pagefind printed, as one line: each line once, without its 'Error: ' prefix."""
    lines = [line.strip().removeprefix("Error: ").strip() for line in output.splitlines()]
    return " ".join(dict.fromkeys(line for line in lines if line))


def _error_text(payload: dict) -> str:
    message = str(payload.get("message") or "no message")
    original = payload.get("original_message")
    return f"it answered: {message}" + (f" ({original})" if original and original != message else "")

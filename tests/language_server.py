"""A minimal Language Server Protocol client, enough to drive yaml-language-server
(the server behind VS Code's YAML extension) the way an editor does: open a
document, read the problems it publishes, ask for completions and hovers."""
from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from queue import Empty, Queue

SERVER = Path(__file__).parent / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
_ANSWER_WAIT = 60  # seconds; the server's first answer loads its schema


class LanguageServer:
    """yaml-language-server over stdio, answering its configuration requests with ``settings``."""

    def __init__(self, root: Path, settings: dict):
        self.settings = settings
        self._process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._messages: Queue = Queue()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": _CAPABILITIES,
                                    "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def open(self, path: Path, text: str) -> None:
        document = {"uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})

    def diagnostics(self, path: Path) -> list[dict]:
        """The problems the server publishes for ``path`` after opening it."""
        for message in self._incoming(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                      and m["params"]["uri"] == path.as_uri()):
            return message["params"]["diagnostics"]
        raise AssertionError(f"yaml-language-server published nothing for {path.name} in {_ANSWER_WAIT} s")

    def at(self, method: str, path: Path, line: int, character: int):
        """The answer to a position request such as textDocument/completion (line and character from 0)."""
        return self.request(method, {"textDocument": {"uri": path.as_uri()},
                                     "position": {"line": line, "character": character}})

    def request(self, method: str, params: dict):
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        answer = next(self._incoming(lambda m: m.get("id") == wanted and "method" not in m), None)
        assert answer is not None, f"yaml-language-server did not answer {method} in {_ANSWER_WAIT} s"
        assert "error" not in answer, answer["error"]
        return answer["result"]

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def close(self) -> None:
        self._process.kill()
        self._process.wait()

    def _incoming(self, wanted):
        """Messages matching ``wanted`` as they arrive; the server's own requests are answered on the way."""
        while True:
            try:
                message = self._messages.get(timeout=_ANSWER_WAIT)
            except Empty:
                return
            if "method" in message and "id" in message:
                self._answer(message)
            elif wanted(message):
                yield message

    def _answer(self, request: dict) -> None:
        if request["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), {}) for item in request["params"]["items"]]
        else:
            result = None  # registrations and progress: an editor just agrees
        self._send({"id": request["id"], "result": result})

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._process.stdin.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        while headers := _headers(stream):
            self._messages.put(json.loads(stream.read(int(headers["content-length"]))))


def _headers(stream) -> dict[str, str]:
    """One message's headers, by lowercase name; empty at the end of the stream."""
    headers = {}
    while (line := stream.readline().decode("ascii")).strip():
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return headers

_CAPABILITIES = {
    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
    "textDocument": {
        "publishDiagnostics": {},
        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
}

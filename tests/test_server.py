"""The language server as an editor meets it: a real ``vanban-lint server`` process spoken to
in LSP over its standard input and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the server's optional dependency pygls is not installed")

DRAFT = "Tỉnh ủy ban hành Chỉ thị[^1] và Kế hoạch[^2].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"
FIXABLE = "Kế hoạch số 41-KH/ TU ngày 20/7/2022 của Ban Thường vụ Tỉnh ủy.\n"
CITES = "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương.\n"
CITES_OTHER = "Quán triệt Nghị quyết số 21-NQ/TW ngày 16/8/2022 của Ban Chấp hành Trung ương.\n"


class Client:
    """A minimal LSP client: JSON-RPC messages with Content-Length headers."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "vanban_lint", "server"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.notifications: list[dict] = []

    def send(self, method: str, params: dict | None = None, request: bool = False) -> int | None:
        msg: dict = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError("server closed: " + self.proc.stderr.read().decode("utf-8", "replace"))
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: dict | None = None) -> dict:
        rid = self.send(method, params, request=True)
        while True:
            msg = self.receive()
            if msg.get("id") == rid and "method" not in msg:
                assert "error" not in msg, msg
                return msg.get("result")
            self.notifications.append(msg)

    def diagnostics(self, uri: str) -> list[dict]:
        """The next diagnostics published for ``uri``."""
        for i, msg in enumerate(self.notifications):
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                del self.notifications[: i + 1]
                return msg["params"]["diagnostics"]
        while True:
            msg = self.receive()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                return msg["params"]["diagnostics"]
            self.notifications.append(msg)


def test_lsp_session(tmp_path):
    (tmp_path / ".vanban-lint.yaml").write_text("ignore: [OR]\n", encoding="utf-8")
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    saved = tmp_path / "luu" / "ke-hoach.md"
    saved.parent.mkdir()
    saved.write_text(CITES_OTHER, encoding="utf-8")
    uri = path.as_uri()
    client = Client(tmp_path)
    try:
        caps = client.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                                             "capabilities": {}})["capabilities"]
        assert caps["hoverProvider"] and caps["codeActionProvider"]
        client.send("initialized", {})
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                              "text": DRAFT}})
        diags = client.diagnostics(uri)
        assert [(d["code"], d["range"]["start"]) for d in diags] == [("FN101", {"line": 0, "character": 40})]
        assert diags[0]["severity"] == 1 and diags[0]["source"] == "vanban-lint"

        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": {"line": 0, "character": 41}})
        assert "FN101" in hover["contents"]["value"] and "undefined-footnote" in hover["contents"]["value"]

        text = DRAFT + FIXABLE
        started = time.monotonic()
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": text}]})
        diags = client.diagnostics(uri)
        assert time.monotonic() - started >= 0.25  # debounced
        codes = sorted(d["code"] for d in diags)
        assert "DC105" in codes and "FN101" in codes

        spacing = next(d for d in diags if d["code"] == "DC105")
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": spacing["range"],
            "context": {"diagnostics": [spacing]}})
        titles = [a["title"] for a in actions]
        assert titles[0].startswith("Sửa DC105") and titles[-1] == "Bỏ qua DC105 ở dòng này"
        (edit,) = actions[0]["edit"]["changes"][uri]
        lines = text.split("\n")
        line = edit["range"]["start"]["line"]
        start, end = edit["range"]["start"]["character"], edit["range"]["end"]["character"]
        lines[line] = lines[line][:start] + edit["newText"] + lines[line][end:]
        fixed = "\n".join(lines)
        assert "41-KH/TU" in fixed
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                               "contentChanges": [{"text": fixed}]})
        assert "DC105" not in [d["code"] for d in client.diagnostics(uri)]

        suppress = actions[-1]["edit"]["changes"][uri][0]
        assert suppress["newText"] == "<!-- vanban-lint disable-next-line DC105 -->\n"

        # Two buffers citing one document with two dates: each has the other as related information.
        a, b = tmp_path / "a.md", tmp_path / "b.md"
        for p, body in ((a, CITES), (b, CITES_OTHER)):
            client.send("textDocument/didOpen", {"textDocument": {"uri": p.as_uri(), "languageId": "markdown",
                                                                  "version": 1, "text": body}})
        client.diagnostics(a.as_uri())
        cross = [d for d in client.diagnostics(b.as_uri()) if d["code"] == "XF101"]
        assert cross and cross[0]["relatedInformation"][0]["location"]["uri"] == a.as_uri()
        # A draft saved in the workspace, not open: the conflict with it is shown too.
        client.send("textDocument/didClose", {"textDocument": {"uri": a.as_uri()}})
        client.send("textDocument/didClose", {"textDocument": {"uri": b.as_uri()}})
        client.send("textDocument/didOpen", {"textDocument": {"uri": a.as_uri(), "languageId": "markdown",
                                                              "version": 2, "text": CITES}})
        for _ in range(6):  # diagnostics published for a.md before it was closed come first
            cross = [d for d in client.diagnostics(a.as_uri()) if d["code"] == "XF101"]
            related = [r["location"]["uri"] for d in cross for r in d["relatedInformation"]]
            if related == [saved.as_uri()]:
                break
        assert related == [saved.as_uri()]

        assert client.request("shutdown") is None
        client.send("exit")
        assert client.proc.wait(timeout=10) == 0
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        client.proc.stdout.close()
        client.proc.stderr.close()
        client.proc.stdin.close()

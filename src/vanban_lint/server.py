"""A language server (LSP over standard input and output): ``vanban-lint server`` or
``vanban-lint-server``.

It publishes the linter's diagnostics for Markdown and plain-text buffers when they are opened
and, debounced, when they change; each buffer gets the configuration nearest above its file, as
on the command line. The open buffers are linted together with the drafts saved in the
workspace folders (read once, in the background, when the session starts), so a document cited
differently in a buffer and in another file of the workspace is reported, with the other
file's place as related information. Hover
over a finding shows its rule's explanation; code actions offer the rule's fixes (safe ones
first, unsafe ones labelled) and an inline suppression comment for the line.

pygls is imported here only, when the server starts (an optional dependency: ``pip install
'vanban-lint[server]'``), so the start-up of ``lint`` does not grow.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

from vanban_lint import __version__

DEBOUNCE = 0.3  # seconds of quiet after a change before the buffer is linted again
MAX_WORKSPACE_FILES = 2000  # drafts of the workspace folders read for the checks across files
LANGUAGES = {"markdown", "plaintext", "text"}
EXTENSIONS = {".md", ".markdown", ".txt"}


class Buffer(NamedTuple):
    """An open buffer's last lint: its file result (document, diagnostics of its own), the facts
    the checks across files read, and its settings."""

    uri: str
    result: Any  # report.FileResult
    facts: Any  # crossfile.FileFacts
    settings: Any  # engine.Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vanban-lint server",
                                     description="vanban-lint language server (LSP over stdio)")
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        server = build_server()
    except ImportError as exc:
        print(f"vanban-lint server: cần pygls (needs pygls): pip install 'vanban-lint[server]' ({exc})",
              file=sys.stderr)
        return 2
    server.start_io()
    return 0


def build_server():
    """The pygls server with its handlers."""
    from lsprotocol import types as t
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("vanban-lint", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)
    state = _State(server)

    @server.feature(t.INITIALIZED)
    def initialized(ls, params: t.InitializedParams) -> None:
        state.scan_workspace()

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: t.DidOpenTextDocumentParams) -> None:
        if _lintable(params.text_document.uri, params.text_document.language_id):
            state.lint_now(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: t.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in state.buffers:
            state.lint_later(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: t.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in state.buffers:
            state.lint_now(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: t.DidCloseTextDocumentParams) -> None:
        state.close(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: t.HoverParams) -> t.Hover | None:
        return state.hover(params.text_document.uri, params.position)

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                    t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
    def code_action(ls, params: t.CodeActionParams) -> list[t.CodeAction]:
        return state.code_actions(params.text_document.uri, params.range)

    return server


def _lintable(uri: str, language: str | None) -> bool:
    return language in LANGUAGES or os.path.splitext(uri)[1].lower() in EXTENSIONS


class _State:
    """The open buffers, their last diagnostics (the checks across files included), pending lints."""

    def __init__(self, server) -> None:
        self.server = server
        self.buffers: dict[str, Buffer] = {}
        self.saved: dict[str, Buffer] = {}  # uri -> a draft of the workspace folders as saved
        self.published: dict[str, list] = {}  # uri -> the diagnostics last published (linter's)
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.docs: dict[str, Buffer] = {}  # path -> the buffer or saved draft last published with
        self._run = None

    # ------------------------------------------------------------------ linting
    @property
    def run(self):
        """A command-line run without overrides: each file's configuration decides."""
        if self._run is None:
            from vanban_lint.config import Resolver
            from vanban_lint.registry import all_rules
            from vanban_lint.runner import Run

            rules = all_rules()
            self._run = Run(rules, Resolver(None, set(rules)), None, [])
        return self._run

    def lint_later(self, uri: str) -> None:
        """Lint ``uri`` after :data:`DEBOUNCE` seconds without another change."""
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, self.lint_now, uri)

    def lint_now(self, uri: str) -> None:
        from vanban_lint.crossfile import file_facts
        from vanban_lint.engine import lint_with_facts
        from vanban_lint.errors import ConfigError
        from vanban_lint.readers import read_text
        from vanban_lint.report import FileResult
        from pygls.uris import to_fs_path

        self.pending.pop(uri, None)
        text_doc = self.server.workspace.get_text_document(uri)
        path = to_fs_path(uri) or uri
        try:
            settings = self.run.settings_for(path)
            doc = read_text(path, text_doc.source)
            diagnostics, facts = lint_with_facts(doc, settings)
        except ConfigError as exc:
            self.server.window_show_message(_message(f"vanban-lint: lỗi cấu hình (configuration error): {exc}"))
            return
        self.buffers[uri] = Buffer(uri, FileResult(path, diagnostics, document=doc), file_facts(path, facts), settings)
        self.publish(uri)

    # ------------------------------------------------------------------ the workspace's drafts
    def scan_workspace(self) -> None:
        """Read the drafts of the workspace folders in a thread; publish again when done."""
        from pygls.uris import to_fs_path

        folders = [to_fs_path(f.uri) for f in self.server.workspace.folders.values()]
        if not folders and self.server.workspace.root_path:
            folders = [self.server.workspace.root_path]
        folders = [f for f in folders if f and os.path.isdir(f)]
        if not folders:
            return
        # The run is made here, not in the thread.
        future = asyncio.get_running_loop().run_in_executor(None, self._read_saved, folders, self.run.resolver)
        future.add_done_callback(lambda f: self._scanned(f.result()) if not f.exception() else None)

    def _read_saved(self, folders: list[str], resolver) -> dict[str, Buffer]:
        from vanban_lint.cli import collect_files

        files, _ = collect_files(folders, resolver, False)
        out = {}
        for path in files[:MAX_WORKSPACE_FILES]:
            b = self._read_file(path)
            if b is not None:
                out[b.uri] = b
        return out

    def _read_file(self, path: str) -> Buffer | None:
        """A saved draft's facts for the checks across files (its own findings are not published)."""
        from pygls.uris import from_fs_path

        from vanban_lint.crossfile import file_facts
        from vanban_lint.engine import lint_with_facts
        from vanban_lint.errors import ConfigError, InputError
        from vanban_lint.readers import read_path
        from vanban_lint.report import FileResult

        try:
            settings = self.run.settings_for(path)
            doc = read_path(path)
            _, facts = lint_with_facts(doc, settings._replace(rules=[]))
            return Buffer(from_fs_path(path), FileResult(path, [], document=doc.portable()), file_facts(path, facts),
                          settings)
        except (ConfigError, InputError):
            return None

    def _scanned(self, saved: dict[str, Buffer]) -> None:
        self.saved = saved
        if self.buffers:
            self.publish()

    def close(self, uri: str) -> None:
        if uri in self.pending:
            self.pending.pop(uri).cancel()
        if uri in self.saved:  # the buffer may not have been saved: read the file again
            b = self._read_file(self.saved[uri].result.path)
            if b is not None:
                self.saved[uri] = b
        if self.buffers.pop(uri, None) is not None:
            self._send(uri, [])
            self.published.pop(uri, None)
            self.publish()

    def publish(self, changed: str | None = None) -> None:
        """Publish the diagnostics of ``changed`` and of every other open buffer whose findings
        moved, the checks across the open buffers included."""
        from vanban_lint.crossfile import apply

        buffers = list(self.buffers.values())
        everything = buffers + [b for uri, b in self.saved.items() if uri not in self.buffers]
        results = apply([b.result for b in everything], [b.facts for b in everything],
                        [b.settings for b in everything])
        self.docs = {b.result.path: b for b in everything}
        for b, r in zip(buffers, results):
            if b.uri == changed or self.published.get(b.uri) != r.diagnostics:
                self.published[b.uri] = r.diagnostics
                self._send(b.uri, [self._lsp_diagnostic(b, d) for d in r.diagnostics])

    def _send(self, uri: str, diagnostics: list) -> None:
        from lsprotocol import types as t

        self.server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    # ------------------------------------------------------------------ conversions
    def _range(self, doc, loc):
        from lsprotocol import types as t

        start = t.Position(loc.line - 1, doc.utf16_column(loc.line, loc.column))
        end = t.Position(loc.end_line - 1, doc.utf16_column(loc.end_line, loc.end_column))
        return t.Range(start, end)

    def _lsp_diagnostic(self, b: Buffer, d):
        from lsprotocol import types as t

        severity = {3: t.DiagnosticSeverity.Error, 2: t.DiagnosticSeverity.Warning,
                    1: t.DiagnosticSeverity.Information}[int(d.severity)]
        related = []
        for rel in d.related:
            owner = b if rel.path is None else self.docs[rel.path]
            related.append(t.DiagnosticRelatedInformation(
                t.Location(owner.uri, self._range(owner.result.document, rel.location)), rel.message))
        return t.Diagnostic(range=self._range(b.result.document, d.location), message=d.message, severity=severity,
                            code=d.rule, source="vanban-lint", related_information=related or None,
                            data={"name": d.name})

    def _at(self, uri: str, lsp_range) -> list:
        """The buffer's diagnostics (linter's) whose range meets ``lsp_range``."""
        b = self.buffers.get(uri)
        if b is None:
            return []
        out = []
        for d in self.published.get(uri, []):
            r = self._range(b.result.document, d.location)
            if (r.start.line, r.start.character) <= (lsp_range.end.line, lsp_range.end.character) and \
                    (lsp_range.start.line, lsp_range.start.character) <= (r.end.line, r.end.character):
                out.append(d)
        return out

    # ------------------------------------------------------------------ hover, code actions
    def hover(self, uri: str, position):
        from lsprotocol import types as t

        from vanban_lint.explain import explain

        found = self._at(uri, t.Range(position, position))
        if not found:
            return None
        rules = self.run.rules
        lang = self.buffers[uri].settings.lang
        text = "\n\n---\n\n".join(f"**{d.rule} {d.name}**: {d.message}\n\n```text\n{explain(rules[d.rule], lang)}```"
                                  for d in found)
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text))

    def code_actions(self, uri: str, lsp_range) -> list:
        """The fixes of the findings in ``lsp_range`` (safe first, unsafe labelled), then one
        suppression comment per rule found on the line."""
        from lsprotocol import types as t

        from vanban_lint.engine import location

        b = self.buffers.get(uri)
        if b is None:
            return []
        doc = b.result.document
        found = self._at(uri, lsp_range)
        lang = b.settings.lang
        fixes, suppressions = [], []
        for d in found:
            if d.fix is not None:
                edits = [t.TextEdit(self._range(doc, location(doc, e.span)), e.replacement) for e in d.fix.edits]
                label = ("Sửa" if lang == "vi" else "Fix") + f" {d.rule}: {d.name}"
                if not d.fix.safe:
                    label += " (không an toàn: xem lại nghĩa)" if lang == "vi" else " (unsafe: check the meaning)"
                fixes.append((not d.fix.safe, t.CodeAction(title=label, kind=t.CodeActionKind.QuickFix,
                                                           diagnostics=[self._lsp_diagnostic(b, d)],
                                                           is_preferred=d.fix.safe,
                                                           edit=t.WorkspaceEdit(changes={uri: edits}))))
            comment = f"<!-- vanban-lint disable-next-line {d.rule} -->\n"
            label = (f"Bỏ qua {d.rule} ở dòng này" if lang == "vi" else f"Suppress {d.rule} on this line")
            if all(a.title != label for a in suppressions):
                start = t.Position(d.location.line - 1, 0)
                suppressions.append(t.CodeAction(title=label, kind=t.CodeActionKind.QuickFix,
                                                 edit=t.WorkspaceEdit(changes={uri: [t.TextEdit(t.Range(start, start),
                                                                                                comment)]})))
        return [a for _, a in sorted(fixes, key=lambda x: x[0])] + suppressions


def _message(text: str):
    from lsprotocol import types as t

    return t.ShowMessageParams(type=t.MessageType.Error, message=text)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

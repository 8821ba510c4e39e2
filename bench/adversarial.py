"""Adversarial inputs: shapes of text whose lint time must stay linear in their size.

Each generator returns a text of about ``size`` bytes (UTF-8). They are the shapes a table cell,
a catdoc or pdftotext export or a careless paste can produce: one very long line, one very long
paragraph, thousands of citations of one code, thousands of footnote markers, deeply nested
brackets, unclosed comments, long runs of figures or of spaces and thousands of suppression
comments. ``bench/run.py`` times them in seconds per MB; ``tests/test_adversarial.py`` checks
that doubling their size does not much more than double the time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-mau.md"
CHECKS = Path(__file__).resolve().parent.parent / "rules" / "checks"


def _fill(size: int, item: Callable[[int], str], sep: str, head: str = "", tail: str = "") -> str:
    parts = [head]
    total = len(head.encode())
    i = 1
    while total < size:
        piece = item(i)
        parts.append(piece)
        total += len(piece.encode()) + len(sep.encode())
        i += 1
    return parts[0] + sep.join(parts[1:]) + tail


def _decision(i: int) -> str:
    return f"Quyết định số {i}/QĐ-UBND ngày {i % 28 + 1}/{i % 12 + 1}/2020"


def decisions_one_line(size: int) -> str:
    """A list of decisions with their dates on one line (a table cell, a catdoc export)."""
    return _fill(size, _decision, "; ", "Căn cứ các văn bản: ", ".\n")


def decisions_paragraph(size: int) -> str:
    """The same list hard-wrapped at about 80 columns: one paragraph of thousands of lines."""
    line, lines = [], []
    for word in decisions_one_line(size).split(" "):
        line.append(word)
        if sum(len(w) + 1 for w in line) > 80:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def one_code(size: int) -> str:
    """Thousands of citations of one number and code, with different dates and issuers."""
    return _fill(size, lambda i: f"Kế hoạch số 15-KH/TU ngày {i % 28 + 1}/{i % 12 + 1}/{2000 + i % 25} của "
                                 f"{'Tỉnh ủy' if i % 2 else 'Ban Thường vụ Tỉnh ủy'}", ", ", "Thực hiện ", ".\n")


def footnote_markers(size: int) -> str:
    """Thousands of footnote markers in one paragraph, some undefined, some repeated."""
    n = max(1, size // 40)
    body = _fill(size // 2, lambda i: f"kết quả{i}[^{i % n + 1}]", " ", "Báo cáo ", ".\n\n")
    defs = _fill(size // 2, lambda i: f"[^{i}]: Ghi chú {i}.", "\n")
    return "# BÁO CÁO\n\n" + body + defs + "\n"


def deep_brackets(size: int) -> str:
    """Brackets nested tens of thousands deep, then unbalanced runs of each kind."""
    q = max(1, size // 12)
    return ("(" * q + "x" + ")" * q + "\n" + "[" * q + "\n" + "(" * q + "\n" + "“" * (q // 3) + "\n"
            + "<!--" * (q // 4) + "\n")


def figures(size: int) -> str:
    """One line of thousands of figures, shares and fractions (a statistics table as text)."""
    return _fill(size, lambda i: f"xã {i} có {i % 90 + 10}/{i % 90 + 12} thôn đạt ({i % 100},{i % 10}%), "
                                 f"tổng {i}.{i % 1000:03d} hộ, trong đó {i % 50} hộ nghèo",
                 "; ", "Kết quả: ", ".\n")


def shares(size: int) -> str:
    """One sentence of thousands of percentages and fractions with no separator between them."""
    return _fill(size, lambda i: f"ngành {i} chiếm {i % 40},{i % 10}% trong đó {i % 9 + 1}/{i % 9 + 3} xã", " ",
                 "Cơ cấu kinh tế: ", " đạt 50%.\n")


def markup(size: int) -> str:
    """Markdown and HTML openers that never close: comments, code spans, links, emphasis."""
    q = max(1, size // 40)
    return ("<!-- " * q + "\n\n" + "`a " * q + "\n\n" + "[a](" * q + "\n\n" + "*a _b " * q + "\n\n"
            + "[^a " * q + "\n\n" + "http://a." * q + "\n")


def fixable(size: int) -> str:
    """Thousands of findings with a safe fix on one line (codes with a stray space): ``--fix``."""
    return _fill(size, lambda i: f"Kế hoạch số {i}-KH/ TU", ", ", "Thực hiện ", ".\n")


def quotations_one_line(size: int) -> str:
    """Thousands of quotations (amending text, titles, straight and curly, some left open) on
    one line: every quotation mark is far from the start of its line."""
    return "Sửa đổi như sau: " + _fill(size, lambda i: f"“Điều {i}. Nội dung” và ‘khoản {i}’, \"mục {i}\" “mở", " ") + "\n"


def draft_one_line(size: int) -> str:
    """The example draft repeated and joined into one line: every extractor on one line."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", " ")
    return (text * (size // len(text.encode()) + 1))[: size // 1] + "\n"


def _examples(kind: str) -> list[str]:
    """The text of every rule's ``kind`` (bad or good) examples of one file, in the order of the YAML files."""
    import yaml

    texts = []
    for path in sorted(CHECKS.glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            texts.extend(e["text"] for e in (rule.get("examples") or {}).get(kind, []) if "text" in e)
    return texts


def rule_examples(size: int, kind: str = "bad") -> str:
    """Every rule's examples of ``kind`` one after another as paragraphs, again and again: with
    the bad ones, every check fires thousands of times in one document."""
    texts = _examples(kind)
    return _fill(size, lambda i: texts[i % len(texts)].strip("\n"), "\n\n")


def rule_examples_one_line(size: int, kind: str = "bad") -> str:
    """The same on one line: every check fires thousands of times on one line."""
    return rule_examples(size, kind).replace("\n", " ") + "\n"


def good_examples(size: int) -> str:
    """Every rule's good examples as paragraphs: the shapes each check must recognise and pass over."""
    return rule_examples(size, "good")


def good_examples_one_line(size: int) -> str:
    """The same on one line."""
    return rule_examples_one_line(size, "good")


# Drafts citing one document each, with two dates, codes a slip apart and two bodies named: the
# rules across files (XF) compare every file with the others. ``drafts(n)`` gives ``n`` of them.
DRAFTS = (
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.\n",
    "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/5/2020 về công tác văn thư.\n",
    "Thực hiện Thông tư số 15/2024/TT-BVHTTDL ngày 12/11/2024 của Bộ Văn hóa, Thể thao và Du lịch.\n",
    "Theo Thông tư số 15/2024/TT-BVHTDT ngày 12/11/2024 về hoạt động văn hóa cơ sở.\n",
    "Thực hiện Quyết định số 866/QĐ-TTg ngày 18/7/2023 của Chính phủ phê duyệt quy hoạch.\n",
    "Thực hiện Quyết định số 866/QĐ-TTg ngày 18/7/2023 của Thủ tướng Chính phủ phê duyệt quy hoạch.\n",
)


def drafts(count: int, halves: bool = False) -> list[str]:
    """``count`` drafts cycling through :data:`DRAFTS`; with ``halves``, the first half of the
    files cite each document one way and the second half the other way."""
    if halves:
        return [DRAFTS[2 * (i % 3) + (i >= count // 2)] for i in range(count)]
    return [DRAFTS[i % len(DRAFTS)] for i in range(count)]


def type_words_one_line(size: int) -> str:
    """A line that starts with a citation's type word and goes on citing (a list pasted as one
    paragraph, a Word paragraph of many runs): the start of the line can be read as an annex
    label ("Kèm theo …"), for each citation on it."""
    return _fill(size, lambda i: f"Kế hoạch số {i}-KH/TU ngày {i % 28 + 1}/{i % 12 + 1}/2024", ", ", "", ".\n")


_PADDED = ("Theo Quyết định số 12/QĐ-UBND{pad}của.", "Nghị quyết số 05-NQ/TU{pad}khóa.", "Có 45/50 xã{pad}x đạt 90%.",
           "Tổng số 1.250 hộ{pad}x, trong đó 100 hộ nghèo.", "Hà Nội{pad}x ngày 5 tháng 4 năm 2025",
           "Đại hội đảng bộ tỉnh lần thứ XV{pad}x.", "Kế hoạch số 3/KH-UBND về phát triển giai đoạn 2021-2025{pad}x.",
           "{pad}Quyết định số 1/QĐ-UBND.", "Tăng 5{pad}x và 6{pad}% y.", "Quyết định số 7/QĐ-UBND{pad}về x.")


def padded(size: int) -> str:
    """Words the extractors read after a citation, a figure or a place name, each separated from
    it by a long run of spaces (pdftotext's layout padding), then not what they expect: a pattern
    whose runs of spaces can meet ("[ \\t]*,?[ \\t]*") tries every split of such a run."""
    pad = " " * (size // (len(_PADDED) + 2))
    return "\n".join(item.format(pad=pad) for item in _PADDED) + "\n"


def digit_runs(size: int) -> str:
    """Long runs of digits and separators, each on a line of its own: section numbers
    (``1.1.1…``), a malformed figure (``1.0000.0000…``), an English one (``1,000,000…``),
    then a unit or a percent sign."""
    third = size // 3
    return ("1." * (third // 2) + " ha\n" + "1" + ".0000" * (third // 5) + " ha\n"
            + "1" + ",000" * (third // 4) + ".5%\n")


def decomposed_word(size: int) -> str:
    """One word of decomposed letters (a letter and its combining marks, as some editors and PDF
    exports write them) without a space: thousands of clusters to compose in one word."""
    return "Nghi\u0323 quyê\u0301t " + "a\u0301\u0323" * (size // 5) + "\n"


def open_footnote_markers(size: int) -> str:
    """Footnote markers left open (``[^``, ``[^1``) thousands of times on one line, then one closed."""
    return "Nội dung" + "[^" * (size // 6) + "[^1" * (size // 9) + "[^1].\n\n[^1]: Ghi chú.\n"


def suppressions(size: int) -> str:
    """Thousands of suppression comments, each before a line with findings: the line's
    punctuation rules silenced for the next line, its code's spacing by ranges opened and closed
    (``disable`` … ``enable``), the rest left to report."""
    comments = ("<!-- vanban-lint disable-next-line PU -->", "<!-- vanban-lint disable DC105 -->",
                "<!-- vanban-lint enable DC105 -->")
    return _fill(size, lambda i: f"{comments[i % 3]}\nThực hiện Kế hoạch số {i}-KH/ TU, “mục {i}\" và ‘khoản {i}’.",
                 "\n", "", "\n")


GENERATORS: dict[str, Callable[[int], str]] = {
    "decisions, one line": decisions_one_line,
    "decisions, one paragraph": decisions_paragraph,
    "one code cited 1000s of times": one_code,
    "footnote markers": footnote_markers,
    "deep brackets": deep_brackets,
    "figures, one line": figures,
    "shares, no separators": shares,
    "unclosed markup": markup,
    "fixable findings": fixable,
    "quotations, one line": quotations_one_line,
    "draft as one line": draft_one_line,
    "bad examples of every rule": rule_examples,
    "bad examples of every rule, one line": rule_examples_one_line,
    "good examples of every rule": good_examples,
    "good examples of every rule, one line": good_examples_one_line,
    "suppression comments": suppressions,
    "type words leading a line": type_words_one_line,
    "long runs of spaces": padded,
    "long runs of digits": digit_runs,
    "one decomposed word": decomposed_word,
    "open footnote markers": open_footnote_markers,
}

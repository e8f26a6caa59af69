"""Find interface text that is not marked for translation, or not translated.

Three checks, used by the test suite and by ``festarchive check_translations``:
- template text outside ``{% translate %}`` / ``{% blocktranslate %}`` (words
  between tags, and the title, alt, placeholder and aria-label attributes);
- Python strings that reach visitors or staff unmarked: messages, form and
  model labels, help texts, validation errors, admin action descriptions;
- messages in a ``.po`` file with no translation, or marked fuzzy.
Command-line output is for the people who run the archive and stays English.
"""

import ast
import html
import re
from dataclasses import dataclass
from pathlib import Path

from django.template.base import Lexer, TokenType

# Words that read the same in English and Dutch, or are names.
NOT_TRANSLATED = {
    "IDFA",
    "IMDb",
    "Wikidata",
    "EIDR",
    "JSON",
    "JSON-LD",
    "htmx",
    "A–Z",
    "EN",
    "NL",
}
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->|<[^>]+>", re.S | re.I)
_ATTRIBUTE = re.compile(
    r"""\b(title|alt|placeholder|aria-label)\s*=\s*(["'])(.*?)\2""", re.S | re.I
)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    problem: str = "is not marked for translation"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r} {self.problem}"


def _has_words(text: str) -> bool:
    words = _WORD.findall(html.unescape(text))
    return any(word not in NOT_TRANSLATED for word in words)


def template_findings(source: str, path: str = "<template>") -> list[Finding]:
    """Text in a Django template that a visitor reads but no translator sees.

    Template tags and variables are blanked out first (keeping their line
    breaks), so HTML tags split by them still read as whole tags. A template
    that starts with ``{# not translated: reason #}`` is left alone.
    """
    if source.lstrip().startswith("{# not translated:"):
        return []
    parts = []
    skip = 0  # inside blocktranslate, comment or verbatim
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skip += 1
            elif name in _END_SKIP:
                skip -= 1
        if token.token_type == TokenType.TEXT and not skip:
            parts.append(token.contents)
        else:
            parts.append(_BLANK + "\n" * token.contents.count("\n"))
    text = "".join(parts)
    findings = []
    for match in _ATTRIBUTE.finditer(text):
        if _has_words(match.group(3)):
            findings.append(
                Finding(path, _line(text, match.start()), match.group(3).strip())
            )
    for match in _BETWEEN_TAGS.finditer(_TAG.sub(lambda m: _keep_lines(m[0]), text)):
        if _has_words(match.group(0)):
            findings.append(
                Finding(path, _line(text, match.start()), " ".join(match[0].split()))
            )
    return findings


_BLANK = "\x00"
_END_SKIP = {"endblocktranslate", "endblocktrans", "endcomment", "endverbatim"}
_BETWEEN_TAGS = re.compile(r"[^\x00\n]+")


def _keep_lines(tag: str) -> str:
    return _BLANK + "\n" * tag.count("\n")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# Keyword arguments whose string is shown to people.
_SHOWN_KEYWORDS = {
    "verbose_name",
    "verbose_name_plural",
    "help_text",
    "label",
    "violation_error_message",
    "description",
    "empty_label",
}
# Calls whose message argument is shown to people: its position.
_SHOWN_CALLS = {"ValidationError": 0, "message_user": 1}
# Wagtail's search index entries: their first argument names a model field.
_INDEX_FIELDS = {"SearchField", "FilterField", "AutocompleteField", "RelatedFields"}
# django.contrib.messages.success(request, "…") and its siblings.
_MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error", "add_message"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        if (
            func.attr in _MESSAGE_LEVELS
            and isinstance(func.value, ast.Name)
            and func.value.id == "messages"
        ):
            return "messages"
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _plain_string(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value
            for v in node.values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return None


def python_findings(source: str, path: str = "<python>") -> list[Finding]:
    """Strings in Python code that reach people without a translation mark."""
    findings = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        candidates = [kw.value for kw in node.keywords if kw.arg in _SHOWN_KEYWORDS]
        if name == "messages":
            candidates.extend(
                node.args[1:2] if node.func.attr != "add_message" else node.args[2:3]
            )
        elif name in _SHOWN_CALLS:
            position = _SHOWN_CALLS[name]
            candidates.extend(node.args[position : position + 1])
        if name.endswith("Field") and name not in _INDEX_FIELDS and node.args:
            candidates.append(node.args[0])  # models.CharField("name", …)
        for candidate in candidates:
            text = _plain_string(candidate)
            if text and _has_words(text):
                findings.append(Finding(path, candidate.lineno, text))
    return findings


_UNTRANSLATED = "has no Dutch translation (or only a fuzzy one)"


def po_findings(path: Path) -> list[Finding]:
    """Messages of a .po file with an empty or fuzzy translation."""
    findings = []
    entry: dict = {}

    def close():
        if entry.get("msgid") and (
            entry.get("fuzzy") or not any(entry.get("msgstr", {}).values())
        ):
            findings.append(
                Finding(str(path), entry["line"], entry["msgid"], _UNTRANSLATED)
            )
        # A plural needs every form filled in.
        if entry.get("msgid") and entry.get("plural") and entry.get("msgstr"):
            if not all(entry["msgstr"].values()):
                findings.append(
                    Finding(str(path), entry["line"], entry["msgid"], _UNTRANSLATED)
                )

    current = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            close()
            entry, current = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            entry["plural"] = ast.literal_eval(line[13:])
            current = ("plural", None)
        elif line.startswith("msgid "):
            entry.update(msgid=ast.literal_eval(line[6:]), line=number)
            current = ("msgid", None)
        elif line.startswith("msgstr"):
            key = line[line.index("[") + 1 : line.index("]")] if "[" in line[:8] else ""
            value = ast.literal_eval(line[line.index(" ") + 1 :])
            entry.setdefault("msgstr", {})[key] = value
            current = ("msgstr", key)
        elif line.startswith('"') and current:
            value = ast.literal_eval(line)
            if current[0] == "msgstr":
                entry["msgstr"][current[1]] += value
            else:
                entry[current[0]] = entry.get(current[0], "") + value
    close()
    return findings


def project_findings(root: Path) -> list[Finding]:
    """Every unmarked string in the project's templates and Python code."""
    findings = []
    for template in sorted(root.glob("**/templates/**/*.html")):
        findings += template_findings(
            template.read_text(encoding="utf-8"), str(template.relative_to(root))
        )
    for module in sorted(root.glob("**/*.py")):
        parts = module.relative_to(root).parts
        # Tests, migrations and command-line tools speak to developers and staff
        # at a terminal; demo data is content, not interface; the API's
        # descriptions are its documentation for developers, in English.
        skipped = {"tests", "migrations", "management", "testing", "demo", "api"}
        if skipped & set(parts):
            continue
        findings += python_findings(
            module.read_text(encoding="utf-8"), str(module.relative_to(root))
        )
    return findings

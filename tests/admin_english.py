"""Finds Wagtail's English strings in rendered admin HTML.

The patterns are every message of Wagtail's own catalogues (the `en` source
files it ships), so the check catches a string whether its translation is
missing or was never applied. A message whose Chinese translation is the same
text (URL, ID) does not count.
"""

import glob
import json
import os
import re
from functools import cached_property

import polib
import wagtail
from bs4 import BeautifulSoup, NavigableString

WAGTAIL_DIR = os.path.dirname(wagtail.__file__)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w+\}")
ENGLISH = re.compile(r"[A-Za-z]{2,}")
INLINE = {"a", "abbr", "b", "br", "code", "em", "i", "small", "span", "strong"}
TEXT_ATTRIBUTES = {"title", "aria-label", "aria-description", "placeholder", "alt"}
# Scripts' data name things with single lower-case words (icons "user", fields "slug"): identifiers, not text.
IDENTIFIER = re.compile(r"[a-z][a-z_-]*")


def catalogue_files(domain):
    return sorted(glob.glob(f"{WAGTAIL_DIR}/**/locale/en/LC_MESSAGES/{domain}.po", recursive=True))


def messages(domain):
    """(msgctxt, msgid, msgid_plural) of every message Wagtail ships for `domain`."""
    found = set()
    for path in catalogue_files(domain):
        for entry in polib.pofile(path):
            if entry.msgid and not entry.obsolete:
                found.add((entry.msgctxt, entry.msgid, entry.msgid_plural or None))
    return found


def _same_in_chinese():
    same = set()
    for path in glob.glob(f"{WAGTAIL_DIR}/**/locale/zh_Hans/LC_MESSAGES/*.po", recursive=True):
        same.update(e.msgid for e in polib.pofile(path) if e.msgstr == e.msgid)
    return same


def _pattern(text):
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    if not ENGLISH.search(PLACEHOLDER.sub("", text)):
        return None
    parts = PLACEHOLDER.split(text)
    return ".+?".join(re.escape(p) for p in parts)


class Checker:
    def __init__(self):
        # "None" on a screen is Python's None, which Wagtail prints for a missing value (the 页面老化
        # report's publisher of pages a command published), not the message "None".
        same = _same_in_chinese() | {"None"}
        self.whole, self.inside = [], []
        for _ctx, msgid, plural in messages("django"):
            for text in filter(None, (msgid, plural)):
                if text in same:
                    continue
                pattern = _pattern(text)
                if pattern is None:
                    continue
                # Sentences are found inside longer text too; single words only as a whole text.
                (self.inside if len(text.split()) >= 3 else self.whole).append(pattern)

    @cached_property
    def _whole(self):
        return re.compile("(?:{})".format("|".join(sorted(set(self.whole + self.inside), key=len, reverse=True))))

    @cached_property
    def _inside(self):
        return re.compile(r"(?<![A-Za-z])(?:{})(?![A-Za-z])".format("|".join(sorted(set(self.inside), key=len, reverse=True))))

    def find(self, html):
        """The English messages in `html`: whole texts and attributes that are one, and sentences inside text."""
        found = set()
        for chunk in texts(html):
            if not ENGLISH.search(chunk):
                continue
            if self._whole.fullmatch(chunk):
                found.add(chunk)
            else:
                found.update(m.group(0) for m in self._inside.finditer(chunk))
        return found


def texts(html):
    """Every piece of text a user can see or hear: text nodes, inline runs
    (a message with <strong> inside), labelling attributes and the strings
    of JSON the admin's scripts render."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=True):
        if isinstance(node, NavigableString) and node.parent.name not in ("script", "style"):
            yield " ".join(node.split())
    for element in soup.find_all(True):
        if element.name == "script" and element.get("type") == "application/json":
            yield from _json_strings(element.string or "")
            continue
        children = element.find_all(True)
        if children and all(child.name in INLINE for child in children):
            yield " ".join(element.get_text(" ").split())
        for name, value in element.attrs.items():
            if not isinstance(value, str):
                continue
            value = value.strip()
            if value[:1] in ("{", "["):
                yield from _json_strings(value)
            elif name in TEXT_ATTRIBUTES or name.startswith("data-") and name.endswith("-value") and not IDENTIFIER.fullmatch(value):
                yield " ".join(value.split())


def _json_strings(text):
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "<" in item:
                yield from texts(item)
            elif not IDENTIFIER.fullmatch(item):
                yield " ".join(item.split())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)

#!/usr/bin/python3
"""Doxygen input filter for the C headers: plain /* comments become /** doc comments, and in
comment lines a '<' that starts a word outside double quotes (e.g. "<QQ>", "<x>", "<N>" in
formulas) is written as &lt; so Doxygen does not take it for an HTML tag (inside quotes Doxygen
shows text verbatim, so those stay as they are). Code lines (#include <...>) are untouched."""
import re
import sys

OPEN = re.compile(r"^(\s*)/\* ")
COMMENT = re.compile(r"^\s*(/\*|\*)")


def escape(line):
    out, quoted = [], False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        if (ch == "<" and not quoted and i + 1 < len(line)
                and (line[i + 1].isalpha() or line[i + 1] == "/")):
            out.append("&lt;")
        else:
            out.append(ch)
    return "".join(out)


with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = OPEN.sub(r"\1/** ", line, count=1)
        if COMMENT.match(line):
            line = escape(line)
        sys.stdout.write(line)

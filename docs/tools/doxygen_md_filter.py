#!/usr/bin/env python3
"""Doxygen input filter for docs/*.md: LaTeX math ($$...$$ display, $...$ inline) becomes
verbatim code so that Doxygen neither parses its backslashes as commands nor needs a LaTeX
installation; the Markdown pages stay plain, GitHub-renderable Markdown."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()


def display(m):
    return "\n```\n" + m.group(1).strip() + "\n```\n"


text = re.sub(r"\$\$(.+?)\$\$", display, text, flags=re.S)
# inline math: $...$ on one line, not inside code spans
text = re.sub(r"(?<![\\$`])\$([^$\n`]+?)\$(?!\$)", lambda m: "`" + m.group(1) + "`", text)
# stray backslash commands outside code (e.g. \alpha in prose) are escaped
out = []
for i, part in enumerate(re.split(r"(```.*?```|`[^`\n]*`)", text, flags=re.S)):
    out.append(part if i % 2 else re.sub(r"\\([A-Za-z]+)", r"\\\\\1", part))
sys.stdout.write("".join(out))

"""Correct use of view classes (examples/numeric): mypy --strict accepts it."""

import regex_views
import numeric_views

text = numeric_views.Text("hello world")
first: numeric_views.Word | None = text.first_word()
words: list[numeric_views.Word] = numeric_views.split("a b") + text.words()
length: int = len(words[0]) + words[0].start
upper: str = words[0].upper() + words[0].text + words[0].as_str()
chained: numeric_views.Word | None = words[0].next_word()
ascii_word: numeric_views.Word | None = numeric_views.first_ascii(b"ab cd")
rx = regex_views.Regex(r"\d+")
found: regex_views.Match | None = rx.find("a 12")
if found is not None:
    span: tuple[int, int] = (found.start(), found.end())
    matched: str = found.as_str()
caps: regex_views.Captures | None = rx.captures("a 12")
group: regex_views.Match | None = caps.get(0) if caps is not None else None
print(first, chained, ascii_word, length, upper, group)

"""A Python pipeline that an embedding Rust program drives (examples/chain).

It scores words with `ranker`, a Rust module exported by the same program, and reports
progress through a callback that is a Rust closure.
"""

import ranker

_LOG = []


def run(words, on_progress):
    scored = []
    for i, word in enumerate(words):
        score = ranker.score(word)  # Python → Rust (the exported module)
        on_progress(i, word)  # Python → Rust (a closure), which calls `log` (→ Python)
        scored.append((word, score))
    return sorted(scored, key=lambda pair: -pair[1])


def log(message):
    _LOG.append(message)


def messages():
    return list(_LOG)

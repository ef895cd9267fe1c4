"""A user script type-checked with `mypy --strict` against the spam wheel's stubs (abi3-py311:
CPython 3.11 and later)."""

import spam

status: int = spam.system("true")
err: type[Exception] = spam.error
panic: type[BaseException] = spam.PanicException
print(status, err, panic)

"""The model service of seed 001 ("Embedding Python in C++"), rewritten from its description.

A `Driver` keeps a `multiprocessing.Pool` of engines; `submit` queues a task and returns a key,
`retrieve` collects the result. Both answer with the seed's `(flag, value, message)` protocol:

- flag 0: success (`value` is the key, or the model's result, which is > 0);
- flag 1: try again later (at capacity, or the task is not finished yet);
- flag 2: the model returned a value <= 0, or failed (`message` holds the traceback);
- flag 9: an exception in the driver itself (`message` holds the traceback).

The pool uses the "spawn" start method: the host process is a multi-threaded Rust program, which
must not be forked.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import time
import traceback
from typing import Any


def big_model(float_features: list[float], str_features: list[str], int_feature: int) -> int:
    z = int(sum(abs(v) for v in float_features))
    z += sum(len(s.upper()) for s in str_features)
    z += len([" "] * int_feature)
    return z


class Engine:
    def initialize(self, **kwargs: Any) -> None:
        self._config = kwargs

    def run_big_model(self, *, float_features: list[float], str_features: list[str], int_feature: int) -> tuple[int, str]:
        try:
            z = big_model(float_features, str_features, int_feature)
            time.sleep((z % 100 + 1) * 0.0001)
            return z, ""
        except Exception:
            return -1, traceback.format_exc()


global_engine = Engine()


def initialize(kwargs: dict[str, Any]) -> None:
    # `Pool` can only pass in positional arguments.
    global_engine.initialize(**kwargs)


def run_big_model(**kwargs: Any) -> tuple[int, str]:
    return global_engine.run_big_model(**kwargs)


class Driver:
    def __init__(self, max_tasks: int = 64, n_subprocesses: int = -1) -> None:
        self._tasks: dict[int, Any] = {}
        self._max_tasks = max_tasks
        self._pool: Any = None
        if n_subprocesses <= 0:
            n_subprocesses = multiprocessing.cpu_count()
        self._n_subprocesses = n_subprocesses

    def initialize(self, *, config_json: str, float_feature_names: list[str], str_feature_names: list[str], **kwargs: Any) -> "Driver":
        self._config_json = json.loads(config_json)
        self._float_feature_names = copy.deepcopy(float_feature_names)
        self._str_feature_names = copy.deepcopy(str_feature_names)
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(self._n_subprocesses, initializer=initialize, initargs=(kwargs,))
        return self

    def submit(self, *, float_features: list[float], str_features: list[str], int_feature: int) -> tuple[int, int, str]:
        assert len(float_features) == len(self._float_feature_names)
        assert len(str_features) == len(self._str_feature_names)
        try:
            if len(self._tasks) >= self._max_tasks:
                return 1, 0, "Model engine is working at capacity. Try again later."
            result = self._pool.apply_async(
                run_big_model,
                kwds={"float_features": float_features, "str_features": str_features, "int_feature": int_feature},
            )
            key = id(result)
            self._tasks[key] = result
            return 0, key, ""
        except Exception:
            return 9, 0, traceback.format_exc()

    def retrieve(self, key: int) -> tuple[int, int, str]:
        """`flag == 0` combined with `value > 0` is a sure sign of success."""
        try:
            result = self._tasks[key]
            if not result.ready():
                return 1, -1, "The requested task is not finished"
            val, msg = result.get(0)
            del self._tasks[key]
            if val > 0:
                return 0, val, msg
            return 2, val, msg
        except Exception:
            return 9, -1, traceback.format_exc()

    def finalize(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

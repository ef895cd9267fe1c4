"""pybridge's scanner: describe a Python module as JSON for `bindgen-cli scan`.

Run by the CLI with the target interpreter:

    python scan.py live MODULE        # import it, read inspect.signature and the annotations
    python scan.py pyi FILE MODULE    # parse a .pyi statically (ast), never importing it

Both print one JSON document on stdout: the module's functions, classes, exceptions and
constants, each type already in the spec's Python typing syntax, or "Any" with a reason.
The Rust side (builder/src/scan/) turns it into a spec and checks it.
"""

import ast
import builtins
import collections.abc
import datetime
import enum
import importlib
import inspect
import json
import pathlib
import sys
import types
import typing

SIMPLE = {
    int: "int", float: "float", str: "str", bytes: "bytes", bool: "bool",
    bytearray: "bytearray", complex: "complex", object: "Any",
    pathlib.Path: "pathlib.Path", datetime.timedelta: "datetime.timedelta",
    datetime.datetime: "datetime.datetime",
}
SIMPLE_NAMES = {
    "int": "int", "float": "float", "str": "str", "bytes": "bytes", "bool": "bool",
    "bytearray": "bytearray", "complex": "complex", "object": "Any", "Any": "Any",
    "None": "None", "Path": "pathlib.Path", "pathlib.Path": "pathlib.Path",
    "timedelta": "datetime.timedelta", "datetime.timedelta": "datetime.timedelta",
    "datetime.datetime": "datetime.datetime",
}
# Generic names (any spelling: bare, typing., collections.abc.) → the spec's spelling.
GENERIC = {
    "list": "list", "List": "list", "dict": "dict", "Dict": "dict", "set": "set", "Set": "set",
    "frozenset": "frozenset", "FrozenSet": "frozenset", "tuple": "tuple", "Tuple": "tuple",
    "Sequence": "Sequence", "MutableSequence": "Sequence", "Mapping": "Mapping",
    "MutableMapping": "Mapping", "Iterator": "Iterator", "Iterable": "Iterable",
    "Generator": "Generator", "Callable": "Callable", "Optional": "Optional", "Union": "Union",
    "Literal": "Literal", "AbstractSet": "set", "Collection": "Sequence",
}
ORIGINS = {
    list: "list", dict: "dict", set: "set", frozenset: "frozenset", tuple: "tuple",
    collections.abc.Sequence: "Sequence", collections.abc.MutableSequence: "Sequence",
    collections.abc.Mapping: "Mapping", collections.abc.MutableMapping: "Mapping",
    collections.abc.Iterator: "Iterator", collections.abc.Iterable: "Iterable",
    collections.abc.Generator: "Generator", collections.abc.Callable: "Callable",
    collections.abc.Set: "set", collections.abc.Collection: "Sequence",
}
OPERATOR_DUNDERS = {
    "__add__", "__sub__", "__mul__", "__truediv__", "__mod__", "__and__", "__or__",
    "__xor__", "__lshift__", "__rshift__", "__neg__", "__invert__", "__hash__",
}


class Unsupported(Exception):
    """A type the spec cannot express; the message says which and why."""


def literal_text(value):
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    raise Unsupported(f"`Literal[{value!r}]`: literals are strings, integers, booleans and None")


def join(name, args):
    if name == "Optional":
        return f"{args[0]} | None"
    if name == "Union":
        return " | ".join(args)
    if name == "Callable":
        return f"Callable[[{', '.join(args[:-1])}], {args[-1]}]"
    return f"{name}[{', '.join(args)}]"


def check_arity(name, args):
    want = {"list": 1, "set": 1, "frozenset": 1, "Sequence": 1, "Iterator": 1, "Iterable": 1,
            "dict": 2, "Mapping": 2, "Generator": 3, "Optional": 1}.get(name)
    if want is not None and len(args) != want:
        raise Unsupported(f"`{name}` with {len(args)} type arguments")


# --- live objects ----------------------------------------------------------------------------

def live_type(t, classes):
    """The spec spelling of a resolved annotation, or raise Unsupported."""
    if t is inspect.Parameter.empty or t is typing.Any:
        return "Any"
    if t is None or t is type(None):
        return "None"
    if isinstance(t, type) and t in SIMPLE:
        return SIMPLE[t]
    if isinstance(t, type) and t.__name__ in classes and classes[t.__name__] is t:
        return t.__name__
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        return " | ".join(live_type(a, classes) for a in args)
    if origin is typing.Literal:
        return f"Literal[{', '.join(literal_text(v) for v in args)}]"
    if origin in ORIGINS:
        name = ORIGINS[origin]
        if name == "Callable":
            if not args or args[0] is Ellipsis:
                raise Unsupported("`Callable[..., R]`: the parameter types are needed")
            return join("Callable", [live_type(a, classes) for a in list(args[0]) + [args[1]]])
        if name == "tuple":
            if not args:
                raise Unsupported("a bare `tuple`: the item types are needed")
            if len(args) == 2 and args[1] is Ellipsis:
                raise Unsupported("`tuple[T, ...]`: variable-length tuples have no Rust tuple")
            if args == ((),):
                return "tuple[()]"
        if not args:
            raise Unsupported(f"a bare `{name}`: the item types are needed")
        converted = [live_type(a, classes) for a in args]
        check_arity(name, converted)
        return join(name, converted)
    if isinstance(t, type):
        raise Unsupported(f"`{t.__module__}.{t.__qualname__}` is not a type the spec can express")
    raise Unsupported(f"`{t}` is not a type the spec can express")


def typed(t, classes):
    try:
        return {"type": live_type(t, classes)}
    except Unsupported as e:
        return {"type": "Any", "why": str(e)}
    except Exception as e:  # a broken annotation object
        return {"type": "Any", "why": f"the annotation could not be read ({e})"}


def default_text(value):
    """`default:` text: a literal the spec accepts, else `...` (a default exists)."""
    try:
        text = repr(value)
        ast.literal_eval(text)
        if isinstance(value, (int, float, str, bytes, bool, type(None), tuple, list, dict, set)):
            return text
    except Exception:
        pass
    return "..."


KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}


def live_params(sig, hints, classes, drop_first):
    out = []
    params = list(sig.parameters.values())
    if drop_first and params and params[0].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                     inspect.Parameter.POSITIONAL_OR_KEYWORD):
        params = params[1:]
    for p in params:
        entry = {"name": p.name, "kind": KINDS[p.kind]}
        entry.update(typed(hints.get(p.name, p.annotation), classes))
        if p.kind == inspect.Parameter.VAR_POSITIONAL:
            entry["type"] = f"list[{entry['type']}]"
        elif p.kind == inspect.Parameter.VAR_KEYWORD:
            entry["type"] = f"dict[str, {entry['type']}]"
        if p.default is not inspect.Parameter.empty:
            entry["default"] = default_text(p.default)
        out.append(entry)
    return out


def hints_of(obj):
    try:
        return typing.get_type_hints(obj)
    except Exception:
        return getattr(obj, "__annotations__", {}) or {}


def live_function(name, fn, classes, drop_first=False, kind=None):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError) as e:
        return None, f"no signature ({e})"
    hints = hints_of(fn.__init__ if isinstance(fn, type) else fn)
    entry = {"name": name, "params": live_params(sig, hints, classes, drop_first)}
    if kind:
        entry["kind"] = kind
    ret = hints.get("return", sig.return_annotation)
    if ret is inspect.Signature.empty and inspect.isgeneratorfunction(fn):
        entry["returns"] = {"type": "Iterator[Any]"}
    else:
        entry["returns"] = typed(ret, classes)
    return entry, None


def is_public(name):
    return not name.startswith("_")


def live_class(name, cls, classes):
    entry = {"kind": "class", "name": name, "methods": [], "attributes": []}
    try:
        ctor, _ = live_function("__init__", cls, classes)
        if ctor is not None:
            entry["constructor"] = {"params": ctor["params"]}
    except Exception:
        pass
    hints = hints_of(cls)
    for attr, raw in sorted(vars(cls).items()):
        if not (is_public(attr) or attr in OPERATOR_DUNDERS):
            continue
        if isinstance(raw, property):
            t = typed(hints_of(raw.fget).get("return", inspect.Parameter.empty), classes) if raw.fget else {"type": "Any"}
            entry["attributes"].append({"name": attr, "writable": raw.fset is not None, **t})
        elif isinstance(raw, staticmethod):
            m, _ = live_function(attr, raw.__func__, classes, kind="static")
            if m:
                entry["methods"].append(m)
        elif isinstance(raw, classmethod):
            m, _ = live_function(attr, raw.__func__, classes, drop_first=True, kind="classmethod")
            if m:
                entry["methods"].append(m)
        elif inspect.isfunction(raw) or inspect.ismethoddescriptor(raw):
            if attr == "__hash__" and raw is None:
                continue
            m, _ = live_function(attr, raw, classes, drop_first=True)
            if m:
                entry["methods"].append(m)
    for attr, t in sorted(hints.items()):
        if is_public(attr) and not any(a["name"] == attr for a in entry["attributes"]):
            if not callable(vars(cls).get(attr)):
                entry["attributes"].append({"name": attr, "writable": True, **typed(t, classes)})
    return entry


def live_exception(name, cls, classes):
    bases = [b.__name__ for b in cls.__bases__ if b is not object]
    entry = {"kind": "exception", "name": name, "base": bases[0] if bases else "Exception", "bases": bases[1:], "attributes": []}
    for attr, t in sorted(hints_of(cls).items()):
        if is_public(attr):
            entry["attributes"].append({"name": attr, **typed(t, classes)})
    return entry


def live_scan(module_name):
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    public = list(names) if names is not None else [n for n in dir(module) if is_public(n)]
    classes = {}
    for n in public:
        obj = getattr(module, n, None)
        if isinstance(obj, type) and getattr(obj, "__module__", None) == module.__name__ and not issubclass(obj, BaseException):
            classes[n] = obj
    items, skipped = [], []
    module_hints = hints_of(module)
    for n in sorted(set(public)):
        if not hasattr(module, n):
            skipped.append({"name": n, "why": "listed in `__all__` but missing"})
            continue
        obj = getattr(module, n)
        owner = getattr(obj, "__module__", None)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            if owner == module.__name__:
                items.append(live_exception(n, obj, classes))
            else:
                skipped.append({"name": n, "why": f"re-exported from `{owner}`"})
        elif isinstance(obj, type):
            if issubclass(obj, enum.Enum):
                skipped.append({"name": n, "why": "an enum (import specs declare classes, not enums)"})
            elif owner == module.__name__:
                items.append(live_class(n, obj, classes))
            else:
                skipped.append({"name": n, "why": f"re-exported from `{owner}`"})
        elif inspect.isroutine(obj):
            if names is None and owner not in (module.__name__, None):
                skipped.append({"name": n, "why": f"re-exported from `{owner}`"})
                continue
            entry, why = live_function(n, obj, classes)
            if entry is None:
                skipped.append({"name": n, "why": why})
            else:
                items.append({"kind": "function", **entry})
        elif inspect.ismodule(obj) or type(obj).__module__ in ("typing", "typing_extensions", "__future__"):
            continue
        elif n in module_hints:
            items.append({"kind": "constant", "name": n, **typed(module_hints[n], classes)})
        elif type(obj) in SIMPLE and type(obj) is not object:
            items.append({"kind": "constant", "name": n, "type": SIMPLE[type(obj)]})
        else:
            skipped.append({"name": n, "why": f"a `{type(obj).__name__}` value the spec cannot type"})
    return {"module": module.__name__, "source": "live", "items": items, "skipped": skipped}


# --- .pyi stubs ------------------------------------------------------------------------------

class Stub:
    def __init__(self, tree, module):
        self.module = module
        self.aliases = {}
        self.classes = {}
        self.exceptions = set()
        self.body = self.flatten(tree.body)
        for node in self.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and self.is_alias_annotation(node.annotation) and node.value is not None:
                self.aliases[node.target.id] = node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and self.looks_like_type(node.value):
                self.aliases[node.targets[0].id] = node.value
            elif isinstance(node, ast.ClassDef):
                self.classes[node.name] = node
        for name, node in self.classes.items():
            if self.derives_exception(node, set()):
                self.exceptions.add(name)

    @staticmethod
    def is_alias_annotation(ann):
        text = ast.unparse(ann)
        return text in ("TypeAlias", "typing.TypeAlias", "typing_extensions.TypeAlias")

    @staticmethod
    def looks_like_type(value):
        return isinstance(value, (ast.Subscript, ast.BinOp)) and not isinstance(value, ast.Constant)

    def flatten(self, body):
        """The statements that apply to the running interpreter (`if sys.version_info >= …`)."""
        out = []
        for node in body:
            if isinstance(node, ast.If):
                try:
                    taken = eval(compile(ast.Expression(node.test), "<stub>", "eval"), {"sys": sys})
                except Exception:
                    taken = True
                out.extend(self.flatten(node.body if taken else node.orelse))
            else:
                out.append(node)
        return out

    def derives_exception(self, node, seen):
        for b in node.bases:
            name = ast.unparse(b)
            if name in seen:
                continue
            if name in self.classes:
                if self.derives_exception(self.classes[name], seen | {name}):
                    return True
            elif isinstance(getattr(builtins, name.split(".")[-1], None), type) and issubclass(getattr(builtins, name.split(".")[-1]), BaseException):
                return True
        return False

    def type_of(self, node, depth=0):
        if node is None:
            return "Any"
        if depth > 20:
            raise Unsupported("an alias too deep")
        if isinstance(node, ast.Constant):
            if node.value is None:
                return "None"
            if isinstance(node.value, str):
                return self.type_of(ast.parse(node.value, mode="eval").body, depth + 1)
            raise Unsupported(f"`{ast.unparse(node)}` is not a type")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return f"{self.type_of(node.left, depth)} | {self.type_of(node.right, depth)}"
        if isinstance(node, (ast.Name, ast.Attribute)):
            text = ast.unparse(node)
            short = text.split(".")[-1]
            if text in SIMPLE_NAMES:
                return SIMPLE_NAMES[text]
            if short == "Any" or text in ("typing.Any", "_typeshed.Incomplete", "Incomplete"):
                return "Any"
            if text in self.aliases:
                return self.type_of(self.aliases[text], depth + 1)
            if text in self.classes and text not in self.exceptions:
                return text
            if short in GENERIC:
                raise Unsupported(f"a bare `{text}`: the item types are needed")
            raise Unsupported(f"`{text}` is not a type the spec can express")
        if isinstance(node, ast.Subscript):
            base = ast.unparse(node.value)
            name = GENERIC.get(base.split(".")[-1])
            if base in self.aliases:
                raise Unsupported(f"the generic alias `{ast.unparse(node)}`")
            if name is None:
                raise Unsupported(f"`{ast.unparse(node)}` is not a type the spec can express")
            elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if name == "Literal":
                values = []
                for e in elts:
                    v = ast.literal_eval(e)
                    values.append(literal_text(v))
                return f"Literal[{', '.join(values)}]"
            if name == "Callable":
                if not isinstance(elts[0], ast.List):
                    raise Unsupported("`Callable[..., R]`: the parameter types are needed")
                args = [self.type_of(e, depth) for e in elts[0].elts] + [self.type_of(elts[1], depth)]
                return join("Callable", args)
            if name == "tuple":
                if len(elts) == 2 and isinstance(elts[1], ast.Constant) and elts[1].value is Ellipsis:
                    raise Unsupported("`tuple[T, ...]`: variable-length tuples have no Rust tuple")
                if len(elts) == 1 and isinstance(elts[0], ast.Tuple) and not elts[0].elts:
                    return "tuple[()]"
            args = [self.type_of(e, depth) for e in elts]
            check_arity(name, args)
            return join(name, args)
        raise Unsupported(f"`{ast.unparse(node)}` is not a type the spec can express")

    def typed(self, node):
        try:
            return {"type": self.type_of(node)}
        except Unsupported as e:
            return {"type": "Any", "why": str(e)}
        except Exception as e:
            return {"type": "Any", "why": f"the annotation could not be read ({e})"}

    def params(self, args, drop_first):
        out = []
        positional = [(a, "positional_only") for a in args.posonlyargs] + [(a, "positional") for a in args.args]
        if drop_first and positional:
            positional = positional[1:]
            skip = 1
        else:
            skip = 0
        defaults = [None] * (len(args.posonlyargs) + len(args.args) - len(args.defaults)) + list(args.defaults)
        defaults = defaults[skip:]
        for (a, kind), d in zip(positional, defaults):
            out.append(self.param(a, kind, d))
        if args.vararg:
            e = self.param(args.vararg, "var_positional", None)
            e["type"] = f"list[{e['type']}]"
            out.append(e)
        for a, d in zip(args.kwonlyargs, args.kw_defaults):
            out.append(self.param(a, "keyword", d))
        if args.kwarg:
            e = self.param(args.kwarg, "var_keyword", None)
            e["type"] = f"dict[str, {e['type']}]"
            out.append(e)
        return out

    def param(self, a, kind, default):
        # typeshed's positional-only spelling before PEP 570: a `__name` parameter.
        if kind == "positional" and a.arg.startswith("__") and not a.arg.endswith("__"):
            kind = "positional_only"
        entry = {"name": a.arg.lstrip("_") if a.arg.startswith("__") else a.arg, "kind": kind}
        entry.update(self.typed(a.annotation))
        if default is not None:
            try:
                text = ast.unparse(default)
                ast.literal_eval(text)
                entry["default"] = text
            except Exception:
                entry["default"] = "..."
        return entry

    @staticmethod
    def decorators(node):
        return {ast.unparse(d).split(".")[-1] for d in node.decorator_list}

    def function(self, node, drop_first=False, kind=None):
        entry = {"name": node.name, "params": self.params(node.args, drop_first), "returns": self.typed(node.returns)}
        if kind:
            entry["kind"] = kind
        return entry

    def functions(self, body, in_class):
        """Functions by name; overloads collapse to the one with the most parameters."""
        out = {}
        notes = {}
        for node in body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            decos = self.decorators(node)
            if "overload" in decos:
                notes[node.name] = notes.get(node.name, 0) + 1
                current = out.get(node.name)
                size = len(node.args.args) + len(node.args.posonlyargs) + len(node.args.kwonlyargs)
                if current is not None:
                    old = current[0]
                    old_size = len(old.args.args) + len(old.args.posonlyargs) + len(old.args.kwonlyargs)
                    if old_size >= size:
                        continue
            out[node.name] = (node, decos)
        return out, notes

    def class_entry(self, node):
        entry = {"kind": "class", "name": node.name, "methods": [], "attributes": []}
        funcs, notes = self.functions(node.body, True)
        setters = set()
        for name, (f, decos) in funcs.items():
            for d in f.decorator_list:
                text = ast.unparse(d)
                if text.endswith(".setter"):
                    setters.add(text.split(".")[0])
        for name, (f, decos) in sorted(funcs.items()):
            if name == "__init__":
                entry["constructor"] = {"params": self.params(f.args, True)}
                continue
            if not (is_public(name) or name in OPERATOR_DUNDERS):
                continue
            if "property" in decos or "cached_property" in decos:
                entry["attributes"].append({"name": name, "writable": name in setters, **self.typed(f.returns)})
                continue
            if any(ast.unparse(d).endswith((".setter", ".deleter")) for d in f.decorator_list):
                continue
            if "staticmethod" in decos:
                m = self.function(f, False, "static")
            elif "classmethod" in decos:
                m = self.function(f, True, "classmethod")
            else:
                m = self.function(f, True)
            if name in notes:
                m["note"] = f"{notes[name]} overloads in the stub; scanned the one with the most parameters"
            entry["methods"].append(m)
        for n in node.body:
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and is_public(n.target.id):
                if "ClassVar" in ast.unparse(n.annotation):
                    continue
                entry["attributes"].append({"name": n.target.id, "writable": True, **self.typed(n.annotation)})
        entry["attributes"].sort(key=lambda a: a["name"])
        return entry

    def exception_entry(self, node):
        bases = [ast.unparse(b) for b in node.bases]
        entry = {"kind": "exception", "name": node.name, "base": bases[0] if bases else "Exception", "bases": bases[1:], "attributes": []}
        for n in node.body:
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and is_public(n.target.id):
                entry["attributes"].append({"name": n.target.id, **self.typed(n.annotation)})
        return entry

    def scan(self):
        names = None
        for node in self.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(target, ast.Name) and target.id == "__all__" and node.value is not None:
                    try:
                        names = list(ast.literal_eval(node.value))
                    except Exception:
                        names = None
        def wanted(name):
            return name in names if names is not None else is_public(name)
        items, skipped = [], []
        funcs, notes = self.functions(self.body, False)
        for name, (f, decos) in sorted(funcs.items()):
            if wanted(name):
                entry = {"kind": "function", **self.function(f)}
                if name in notes:
                    entry["note"] = f"{notes[name]} overloads in the stub; scanned the one with the most parameters"
                items.append(entry)
        for name, node in sorted(self.classes.items()):
            if not wanted(name):
                continue
            decos = self.decorators(node)
            bases = {ast.unparse(b).split(".")[-1] for b in node.bases}
            if "type_check_only" in decos or "Protocol" in bases or "TypedDict" in bases or "NamedTuple" in bases:
                skipped.append({"name": name, "why": "a typing-only class (Protocol, TypedDict, NamedTuple or `@type_check_only`)"})
            elif bases & {"Enum", "IntEnum", "Flag", "IntFlag", "StrEnum"}:
                skipped.append({"name": name, "why": "an enum (import specs declare classes, not enums)"})
            elif name in self.exceptions:
                items.append(self.exception_entry(node))
            else:
                items.append(self.class_entry(node))
        for node in self.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and wanted(node.target.id):
                if node.target.id in self.aliases:
                    continue
                items.append({"kind": "constant", "name": node.target.id, **self.typed(node.annotation)})
        for node in self.body:
            if isinstance(node, ast.ImportFrom):
                for a in node.names:
                    if a.asname and a.asname == a.name and wanted(a.name):
                        skipped.append({"name": a.name, "why": f"re-exported from `{node.module}`"})
        items.sort(key=lambda i: (i["kind"] != "function", i["name"]))
        return {"module": self.module, "source": "pyi", "items": items, "skipped": skipped}


def pyi_scan(path, module):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    return Stub(tree, module).scan()


# --- probing declared names (the drift check) ----------------------------------------------

def probe_signature(obj, drop_first):
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    hints = hints_of(obj)
    return live_params(sig, hints, {}, drop_first)


def probe_member(cls, name):
    try:
        raw = inspect.getattr_static(cls, name)
    except AttributeError:
        return {"kind": "missing"}
    if isinstance(raw, property):
        return {"kind": "property", "writable": raw.fset is not None}
    if isinstance(raw, staticmethod):
        return {"kind": "static", "params": probe_signature(raw.__func__, False)}
    if isinstance(raw, classmethod):
        return {"kind": "classmethod", "params": probe_signature(raw.__func__, True)}
    if inspect.isfunction(raw) or inspect.ismethoddescriptor(raw) or inspect.isbuiltin(raw):
        return {"kind": "method", "params": probe_signature(raw, True)}
    if callable(raw) and not isinstance(raw, type):
        return {"kind": "method", "params": None}
    return {"kind": "attribute"}


def probe(module_name, request):
    """What each name the spec declares is in the live module (the drift check's view)."""
    module = importlib.import_module(module_name)
    out = {"module": module.__name__, "public": sorted(n for n in dir(module) if is_public(n)), "names": {}}
    for name, members in request.items():
        if not hasattr(module, name):
            out["names"][name] = {"kind": "missing"}
            continue
        obj = getattr(module, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            out["names"][name] = {"kind": "exception"}
        elif isinstance(obj, type):
            entry = {"kind": "class", "members": {}, "public": sorted(n for n in dir(obj) if is_public(n))}
            try:
                entry["constructor"] = live_params(inspect.signature(obj), hints_of(obj.__init__), {}, False)
            except (TypeError, ValueError):
                entry["constructor"] = None
            for m in members:
                entry["members"][m] = probe_member(obj, m)
            out["names"][name] = entry
        elif callable(obj):
            out["names"][name] = {"kind": "function", "params": probe_signature(obj, False)}
        elif inspect.ismodule(obj):
            out["names"][name] = {"kind": "module"}
        else:
            out["names"][name] = {"kind": "constant", "type": type(obj).__name__}
    return out


def main():
    mode = sys.argv[1]
    if mode == "live":
        result = live_scan(sys.argv[2])
    elif mode == "probe":
        result = probe(sys.argv[2], json.loads(sys.argv[3]))
    else:
        result = pyi_scan(sys.argv[2], sys.argv[3])
    result["python"] = ".".join(str(v) for v in sys.version_info[:3])
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

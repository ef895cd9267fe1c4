# --- live objects ----------------------------------------------------------------------------
# Part of the scanner script (see common.py): the live scan, through `inspect` and `typing`.

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



# --- probing declared names (the drift check) ----------------------------------------------
# Part of the scanner script (see common.py): the drift check's probe, and `main`.

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
            # A builtin exception the module does not define is Python's own, as inside the
            # module (the stubs' error enum reads it from builtins then).
            builtin = getattr(builtins, name, None)
            is_builtin_exception = isinstance(builtin, type) and issubclass(builtin, BaseException)
            out["names"][name] = {"kind": "exception" if is_builtin_exception else "missing"}
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


# --- .pyi stubs ------------------------------------------------------------------------------
# Part of the scanner script (see common.py): the stub scan, through `ast`, never importing.

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



//! What a generated `verify()` runs (an import entry with `verify: true`): the names the spec
//! declares, looked up in the live module, each checked to be what the spec says (function,
//! class, method, static or class method, attribute, constant, exception class) with the
//! parameters it says (names in order, kinds, which have defaults). A service calls it at
//! start-up, so a model module that drifted from the spec fails loudly before the first call.

use pyo3::prelude::*;

use crate::error::{Error, Result};

/// A declared parameter: its name, kind (`positional_only`, `positional`, `var_positional`,
/// `keyword`, `var_keyword`, as `inspect` spells them in lower case) and whether it has a
/// default.
#[derive(Debug)]
pub struct Param(pub &'static str, pub &'static str, pub bool);

/// A declared name of the module.
#[derive(Debug)]
pub enum Declared {
    /// A function and its parameters.
    Function(&'static str, &'static [Param]),
    /// A class: its constructor's parameters (if declared) and members.
    Class(&'static str, Option<&'static [Param]>, &'static [Member]),
    /// A constant.
    Constant(&'static str),
    /// An exception class.
    Exception(&'static str),
}

/// A declared class member: name, kind (`method`, `static`, `classmethod`, `attribute`) and
/// parameters.
#[derive(Debug)]
pub struct Member(pub &'static str, pub &'static str, pub &'static [Param]);

/// Compares `items` with the live `module`; every difference in one [`Error`] (`ErrorKind::Drift`).
pub fn verify_module(module: &'static str, items: &'static [Declared]) -> Result<()> {
    crate::try_attach(|py| {
        let live = py.import(module).map_err(|e| Error::from_pyerr(py, e))?;
        let checker = Checker::new(py).map_err(|e| Error::from_pyerr(py, e))?;
        let mut differences = Vec::new();
        for item in items {
            checker.item(&live, item, &mut differences).map_err(|e| Error::from_pyerr(py, e))?;
        }
        match differences.is_empty() {
            true => Ok(()),
            false => Err(Error::drift(module, differences)),
        }
    })?
}

struct Checker<'py> {
    inspect: Bound<'py, PyModule>,
    builtins: Bound<'py, PyModule>,
}

impl<'py> Checker<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        Ok(Checker { inspect: py.import("inspect")?, builtins: py.import("builtins")? })
    }

    fn item(&self, live: &Bound<'py, PyModule>, item: &Declared, out: &mut Vec<String>) -> PyResult<()> {
        let name = match item {
            Declared::Function(n, _) | Declared::Class(n, _, _) | Declared::Constant(n) | Declared::Exception(n) => *n,
        };
        // A builtin exception the module does not define is Python's own (`classify`).
        let found = match item {
            Declared::Exception(_) => live.getattr(name).or_else(|_| self.builtins.getattr(name)),
            _ => live.getattr(name),
        };
        let Ok(value) = found else {
            out.push(format!("`{name}` does not exist"));
            return Ok(());
        };
        let is_class = self.inspect.call_method1("isclass", (&value,))?.is_truthy()?;
        let base_exception = self.builtins.getattr("BaseException")?;
        let is_exception = is_class && value.cast::<pyo3::types::PyType>()?.is_subclass(&base_exception)?;
        match item {
            Declared::Function(_, params) if value.is_callable() && !is_class => {
                self.params(&format!("function `{name}`"), &value, params, out)?
            }
            Declared::Function(..) => out.push(format!("`{name}` is not a function")),
            Declared::Class(_, ctor, members) if is_class && !is_exception => {
                if let Some(params) = ctor {
                    self.params(&format!("the constructor of `{name}`"), &value, params, out)?;
                }
                for m in *members {
                    self.member(name, &value, m, out)?;
                }
            }
            Declared::Class(..) => out.push(format!("`{name}` is not a class")),
            Declared::Exception(_) if is_exception => {}
            Declared::Exception(_) => out.push(format!("`{name}` is not an exception class")),
            Declared::Constant(_) if !value.is_callable() => {}
            Declared::Constant(_) => out.push(format!("`{name}` is callable, not a constant")),
        }
        Ok(())
    }

    fn member(&self, class: &str, cls: &Bound<'py, PyAny>, m: &Member, out: &mut Vec<String>) -> PyResult<()> {
        let Member(name, kind, params) = m;
        let raw = match self.inspect.call_method1("getattr_static", (cls, *name)) {
            Ok(raw) => raw,
            Err(_) if *kind == "attribute" => return Ok(()), // set on instances only
            Err(_) => {
                out.push(format!("`{class}.{name}` does not exist"));
                return Ok(());
            }
        };
        let builtins = &self.builtins;
        let live_kind = if raw.is_instance(&builtins.getattr("property")?)? {
            "attribute"
        } else if raw.is_instance(&builtins.getattr("staticmethod")?)? {
            "static"
        } else if raw.is_instance(&builtins.getattr("classmethod")?)? {
            "classmethod"
        } else if raw.is_callable() {
            "method"
        } else {
            "attribute"
        };
        if live_kind != *kind {
            out.push(format!(
                "`{class}.{name}` is {} in the module, declared as {}",
                spelled(live_kind),
                spelled(kind)
            ));
        } else if *kind != "attribute" {
            let bound = cls.getattr(*name)?;
            let what = format!("`{class}.{name}`");
            // An instance method read off the class still takes `self` first.
            let skip = usize::from(*kind == "method");
            self.params_skipping(&what, &bound, params, skip, out)?;
        }
        Ok(())
    }

    fn params(
        &self,
        what: &str,
        callable: &Bound<'py, PyAny>,
        declared: &[Param],
        out: &mut Vec<String>,
    ) -> PyResult<()> {
        self.params_skipping(what, callable, declared, 0, out)
    }

    fn params_skipping(
        &self,
        what: &str,
        callable: &Bound<'py, PyAny>,
        declared: &[Param],
        skip: usize,
        out: &mut Vec<String>,
    ) -> PyResult<()> {
        let Ok(signature) = self.inspect.call_method1("signature", (callable,)) else {
            return Ok(()); // no signature to compare (some builtins)
        };
        let empty = self.inspect.getattr("Parameter")?.getattr("empty")?;
        let mut live: Vec<(String, String, bool)> = Vec::new();
        for p in signature.getattr("parameters")?.call_method0("values")?.try_iter()?.skip(skip) {
            let p = p?;
            let kind: String = p.getattr("kind")?.getattr("name")?.extract()?;
            let kind = kind.to_lowercase().replace("_or_keyword", "").replace("keyword_only", "keyword");
            live.push((p.getattr("name")?.extract()?, kind, !p.getattr("default")?.is(&empty)));
        }
        let kwargs = live.iter().any(|(_, k, _)| k == "var_keyword");
        for (i, Param(name, kind, default)) in declared.iter().enumerate() {
            match live.iter().position(|(n, _, _)| n == name) {
                None if kwargs && *kind == "keyword" => {}
                None => out.push(format!("{what} has no parameter `{name}`")),
                Some(at) => {
                    let (_, live_kind, live_default) = &live[at];
                    if live_kind != kind {
                        out.push(format!("`{name}` of {what} is {live_kind}, declared {kind}"));
                    }
                    if live_default != default {
                        let has = if *live_default { "has" } else { "has no" };
                        out.push(format!("`{name}` of {what} {has} a default in the module"));
                    }
                    if at != i && matches!(*kind, "positional" | "positional_only") {
                        out.push(format!(
                            "`{name}` of {what} is parameter {} in the module, declared {}",
                            at + 1,
                            i + 1
                        ));
                    }
                }
            }
        }
        for (name, kind, default) in &live {
            if !default && !kind.starts_with("var_") && !declared.iter().any(|Param(n, _, _)| n == name) {
                out.push(format!("{what} requires `{name}`, which the spec does not declare"));
            }
        }
        Ok(())
    }
}

fn spelled(kind: &str) -> &'static str {
    match kind {
        "static" => "a static method",
        "classmethod" => "a class method",
        "attribute" => "an attribute",
        _ => "a method",
    }
}

//! Diagnostics: the accumulator every phase reports into, and the located message type.
//!
//! Phases never stop at the first problem: they record a [`Diagnostic`] and go on, and the
//! driver checks the accumulator between phases (the error gates of parse → resolve → check →
//! emit). Rendering to text lives in `render.rs`; turning them into `syn::Error`s for the
//! attribute lives in the macro crate's caller of [`Diagnostics::into_syn_error`].

use crate::origin::{Loc, Origin};

/// One problem, at one place, with an optional hint saying what to do.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Where the problem is.
    pub origin: Origin,
    /// What is wrong, in one sentence without a trailing period.
    pub message: String,
    /// What to do about it ("did you mean `functions`?"), shown under the caret.
    pub help: Option<String>,
    /// A second place that explains the first (for duplicates: the first occurrence).
    pub note: Option<(Origin, String)>,
}

impl Diagnostic {
    /// A diagnostic with a message only.
    pub fn new(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic { origin, message: message.into(), help: None, note: None }
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a hint only when there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a note at a second place.
    pub fn note(mut self, origin: Origin, note: impl Into<String>) -> Self {
        self.note = Some((origin, note.into()));
        self
    }

    /// The spec location, if any.
    pub fn loc(&self) -> Option<Loc> {
        self.origin.loc()
    }
}

/// The accumulator. Phases push into it; drivers ask [`Diagnostics::has_errors`] between phases.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    /// How many of `list` leave the model whole (an unknown key: the rest of its mapping was
    /// read), so later phases may still run and report their own problems in the same run.
    recoverable: usize,
}

impl Diagnostics {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Records a problem that leaves the model whole (an unknown key next to complete
    /// entries): it fails the run, but does not stop the checks after lowering.
    pub fn push_recoverable(&mut self, diagnostic: Diagnostic) {
        self.recoverable += 1;
        self.list.push(diagnostic);
    }

    /// How many problems leave the model incomplete (all but the recoverable ones): the gate
    /// between lowering and checking.
    pub fn fatal_count(&self) -> usize {
        self.list.len() - self.recoverable
    }

    /// Records a problem with a message only.
    pub fn error(&mut self, origin: Origin, message: impl Into<String>) {
        self.push(Diagnostic::new(origin, message));
    }

    /// Whether any problem was recorded.
    pub fn has_errors(&self) -> bool {
        !self.list.is_empty()
    }

    /// The problems, sorted by position (spec problems by line and column; others in the order
    /// they were found), and deduplicated.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| d.loc().map(|l| (l.line, l.col)).unwrap_or((u32::MAX, u32::MAX)));
        self.list.dedup_by(|a, b| a.loc() == b.loc() && a.message == b.message);
        self.list
    }

    /// All problems as one `syn::Error` (each at its own span), for the attribute's output.
    pub fn into_syn_error(self) -> Option<syn::Error> {
        let mut combined: Option<syn::Error> = None;
        for d in self.list {
            let mut text = d.message;
            if let Some(help) = d.help {
                text.push_str("\n  = help: ");
                text.push_str(&help);
            }
            let err = syn::Error::new(d.origin.span(), text);
            match &mut combined {
                Some(all) => all.combine(err),
                None => combined = Some(err),
            }
        }
        combined
    }
}

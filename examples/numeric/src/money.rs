//! Plain Rust that knows nothing of Python: what `specs/examples/numeric_spec.yaml` binds.

/// An amount of money in cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    /// The amount in cents.
    pub cents: i64,
}

/// Amounts that cannot be divided.
#[derive(Debug)]
pub struct DivideByZero;

impl std::fmt::Display for DivideByZero {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot split money into zero parts")
    }
}

impl Money {
    /// `cents` cents.
    pub fn new(cents: i64) -> Money {
        Money { cents }
    }
    /// `units` whole units (a classmethod in the spec: on a subclass, an instance of it).
    pub fn from_units(units: i64) -> Money {
        Money { cents: units * 100 }
    }
    /// The amount in cents.
    pub fn cents(&self) -> i64 {
        self.cents
    }
    /// The cents after `years` of 1 % yearly interest, compounded daily (slow on purpose).
    pub fn compound(&self, years: u64) -> i64 {
        let mut value = self.cents as f64;
        for _ in 0..years * 365 {
            value *= 1.0 + 0.01 / 365.0;
        }
        value.round() as i64
    }
    /// The sum.
    pub fn plus(&self, other: &Money) -> Money {
        Money { cents: self.cents + other.cents }
    }
    /// The difference.
    pub fn minus(&self, other: &Money) -> Money {
        Money { cents: self.cents - other.cents }
    }
    /// Scaled by a whole factor.
    pub fn times(&self, factor: i64) -> Money {
        Money { cents: self.cents * factor }
    }
    /// One of `parts` equal parts (rounded down).
    pub fn split(&self, parts: i64) -> Result<Money, DivideByZero> {
        if parts == 0 { Err(DivideByZero) } else { Ok(Money { cents: self.cents.div_euclid(parts) }) }
    }
    /// The negated amount.
    pub fn negated(&self) -> Money {
        Money { cents: -self.cents }
    }
    /// Whether the amount is not zero.
    pub fn is_nonzero(&self) -> bool {
        self.cents != 0
    }
    /// Adds `other` in place.
    pub fn add_assign(&mut self, other: &Money) {
        self.cents += other.cents;
    }
    /// `12.34` for 1234 cents.
    pub fn formatted(&self) -> String {
        format!("{}{}.{:02}", if self.cents < 0 { "-" } else { "" }, self.cents.abs() / 100, self.cents.abs() % 100)
    }
    /// `12.34 EUR`.
    pub fn labelled(&self, currency: Currency) -> String {
        format!("{} {currency:?}", self.formatted()).to_uppercase()
    }
    /// Whole units, rounded as `rounding` says.
    pub fn units(&self, rounding: Rounding) -> i64 {
        match rounding {
            Rounding::Down => self.cents.div_euclid(100),
            Rounding::Nearest => (self.cents as f64 / 100.0).round() as i64,
            Rounding::Up => -(-self.cents).div_euclid(100),
        }
    }
}

/// A currency (a unit enum: a Python `enum.Enum`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// Euro.
    Eur,
    /// US dollar.
    Usd,
}

/// How many digits the amount in cents has (`len(m)` through the spec's `extend`).
pub fn digits(m: &Money) -> usize {
    m.cents.unsigned_abs().to_string().len()
}

/// Whether the amount in cents has the digit (`d in m` through the spec's `extend`).
pub fn has_digit(m: &Money, digit: u8) -> bool {
    m.cents.unsigned_abs().to_string().bytes().any(|b| b == b'0' + digit)
}

/// The sum of the amounts, plus each named adjustment.
pub fn total(amounts: Vec<Money>, adjustments: std::collections::HashMap<String, i64>) -> Money {
    Money { cents: amounts.iter().map(|m| m.cents).sum::<i64>() + adjustments.values().sum::<i64>() }
}

/// The purse holding the most money, with its total (a map of lists of objects in, a
/// tuple holding an object out).
pub fn richest(purses: std::collections::HashMap<String, Vec<Money>>) -> Option<(String, Money)> {
    purses
        .into_iter()
        .map(|(name, coins)| (name, Money { cents: coins.iter().map(|m| m.cents).sum() }))
        .max_by_key(|(name, m)| (m.cents, std::cmp::Reverse(name.clone())))
}

/// `m`, less `fee` when one is given (an `Option<&Money>`: borrowed, not copied).
pub fn after_fee(m: &Money, fee: Option<&Money>) -> Money {
    fee.map_or(*m, |f| m.minus(f))
}

/// The currency a code names, if any.
pub fn currency_of(code: &str) -> Option<Currency> {
    match code.to_ascii_uppercase().as_str() {
        "EUR" => Some(Currency::Eur),
        "USD" => Some(Currency::Usd),
        _ => None,
    }
}

/// How to round to whole units; the discriminants are the members' values (an
/// `enum.IntEnum` through the spec's `int: true`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Towards negative infinity.
    Down = -1,
    /// To the nearest unit.
    Nearest = 0,
    /// Towards positive infinity.
    Up = 1,
}

/// Amounts in the order they were recorded.
#[derive(Debug, Default)]
pub struct Ledger {
    entries: Vec<Money>,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }
    /// Records an amount.
    pub fn record(&mut self, amount: Money) {
        self.entries.push(amount);
    }
    /// The amounts, lazily, borrowed from the ledger.
    pub fn entries(&self) -> impl Iterator<Item = Money> + '_ {
        self.entries.iter().copied()
    }
    /// The amounts' cents, lazily, as references into the ledger.
    pub fn cents(&self) -> impl Iterator<Item = &i64> + '_ {
        self.entries.iter().map(|m| &m.cents)
    }
}

/// `start`, `2 * start`, `4 * start`… cents, lazily, until the amount would overflow.
pub fn doublings(start: i64) -> impl Iterator<Item = Money> {
    std::iter::successors(Some(start), |c| c.checked_mul(2)).map(Money::new)
}

/// The sum of amounts in cents (a `&[i64]` parameter in the spec: any buffer of int64, or a
/// list).
pub fn total_cents(values: &[i64]) -> i64 {
    values.iter().sum()
}

/// Amounts in cents recorded in order; the spec exports `entries` through the buffer protocol.
#[derive(Clone, Debug, Default)]
pub struct Till {
    /// The amounts in cents.
    pub entries: Vec<i64>,
}

impl Till {
    /// An empty till.
    pub fn new() -> Till {
        Till::default()
    }
    /// Records an amount.
    pub fn record(&mut self, cents: i64) {
        self.entries.push(cents);
    }
    /// The balance.
    pub fn balance(&self) -> i64 {
        total_cents(&self.entries)
    }
}

#[derive(Clone, Debug)]
pub enum UEnum___SLOT___2 { gamma, value, count, Pybridge }


#[derive(Clone, Debug)]
pub enum R { new, Fn }


pub struct Items {}
#[derive(Clone)]
pub enum Mode {
    Fast,
    Slow,
}

pub struct Name {}
impl Name {
    pub fn new() -> Self {
        Name {}
    }
    pub fn init(&self) -> i64 {
        0
    }
}

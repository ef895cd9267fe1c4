#[derive(Clone)]
pub struct Delta {}
impl Delta {
    pub fn new() -> Self {
        Delta {}
    }
}

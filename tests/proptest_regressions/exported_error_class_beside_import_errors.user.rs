#[derive(Clone)]
pub struct Error {}
impl Error {
    pub fn new() -> Self {
        Error {}
    }
}

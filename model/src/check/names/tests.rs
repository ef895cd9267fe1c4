//! The name rules' tests, one file per rule group (as `names.rs` splits the rules): for each rule,
//! specs it refuses (at the offending token, with its message) and specs it lets through.

mod generated;
mod python;
mod rust;

//! `shared_a`: exports `shared_geometry::Point` as the class `shared_a.Point` (from
//! `specs/examples/shared_a.yaml`). Every exported class also publishes the table through which
//! another pybridge module (`shared_b`, examples/shared-b) takes and returns its objects.

include!(concat!(env!("OUT_DIR"), "/shared_a.rs"));

//! Drives the Python model service from 8 Rust threads: `cargo run -p driver [TASKS]`.

use std::sync::Arc;
use std::time::Instant;

use driver::{Service, big_model, feature_names, features_for};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tasks: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(2000);
    let (float_names, str_names) = feature_names();
    let service = Arc::new(Service::start(64, 4, &float_names, &str_names)?);
    let started = Instant::now();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let service = service.clone();
            std::thread::spawn(move || -> Result<usize, driver::ServiceError> {
                let mut checked = 0;
                for i in (t..tasks).step_by(8) {
                    let features = features_for(i);
                    let value = service.run(&features)?;
                    assert_eq!(value, big_model(&features), "task {i}");
                    checked += 1;
                }
                Ok(checked)
            })
        })
        .collect();
    let mut checked = 0;
    for t in threads {
        checked += t.join().expect("worker thread")?;
    }
    let elapsed = started.elapsed();
    Arc::try_unwrap(service).expect("all threads done").finalize()?;
    println!("{checked} tasks from 8 threads, every result equal to the Rust model, in {elapsed:.2?}");
    Ok(())
}

//! The seed-001 service end to end: 8 Rust threads submit and retrieve 2,000 tasks through a
//! multiprocessing pool inside the embedded interpreter; every result equals the Rust model.

use std::sync::Arc;

use driver::{Service, ServiceError, big_model, feature_names, features_for};

#[test]
fn eight_threads_two_thousand_tasks_all_checked() {
    let (float_names, str_names) = feature_names();
    let service = Arc::new(Service::start(64, 4, &float_names, &str_names).expect("start"));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let service = service.clone();
            std::thread::spawn(move || {
                let mut checked = 0;
                for i in (t..2000).step_by(8) {
                    let features = features_for(i);
                    assert_eq!(service.run(&features).expect("run"), big_model(&features), "task {i}");
                    checked += 1;
                }
                checked
            })
        })
        .collect();
    let checked: usize = threads.into_iter().map(|t| t.join().expect("thread")).sum();
    assert_eq!(checked, 2000);

    // The Python model and the Rust model agree on the same inputs, called directly too.
    let features = features_for(7);
    let direct = driver::py4cc::big_model(&features.floats, &features.strings, features.int_feature).unwrap();
    assert_eq!(direct, big_model(&features));

    // A mismatched feature vector is the driver's AssertionError, raised (outside its try).
    let bad = driver::Features { floats: vec![1.0], strings: vec![], int_feature: 1 };
    match service.try_submit(&bad) {
        Err(ServiceError::Python(e)) => assert!(e.is_python("AssertionError"), "{e}"),
        other => panic!("expected AssertionError, got {other:?}"),
    }
    Arc::try_unwrap(service).expect("threads done").finalize().expect("finalize");
}

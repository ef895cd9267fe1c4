//! A Rust service driving the Python model of seed 001 through generated stubs.
//!
//! The seed's C++ service called `Driver.submit`/`retrieve` through the raw C API, managed
//! reference counts by hand (and gave up), serialized every call with its own mutex, and
//! decoded `(flag, value, message)` tuples. Here the stubs come from `specs/examples/driver.yaml`,
//! any thread may call them, and the tuple protocol becomes typed results.

include!(concat!(env!("OUT_DIR"), "/driver.rs"));

use std::time::Duration;

/// The features of one task.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// Numeric features (as many as `float_feature_names`).
    pub floats: Vec<f64>,
    /// Text features (as many as `str_feature_names`).
    pub strings: Vec<String>,
    /// The integer feature.
    pub int_feature: i64,
}

/// A queued task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TaskKey(i64);

/// Why a call failed.
#[derive(Debug)]
pub enum ServiceError {
    /// The model ran but returned a value <= 0 or failed (flag 2).
    Model {
        /// The value it returned.
        value: i64,
        /// The model's message or traceback.
        message: String,
    },
    /// The driver itself raised (flag 9), with the Python traceback.
    Driver(String),
    /// The call could not be made: a Python exception, a conversion error, a dead interpreter.
    Python(pybridge::Error),
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServiceError::Model { value, message } => write!(f, "model returned {value}: {message}"),
            ServiceError::Driver(tb) => write!(f, "driver failed: {tb}"),
            ServiceError::Python(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServiceError {}

impl From<pybridge::Error> for ServiceError {
    fn from(e: pybridge::Error) -> Self {
        ServiceError::Python(e)
    }
}

/// The model service: one Python `Driver`, shareable across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Service {
    driver: py4cc::Driver,
}

impl Service {
    /// Starts the Python side: a pool of `workers` engine processes accepting `max_tasks`
    /// tasks in flight.
    pub fn start(
        max_tasks: i64,
        workers: i64,
        float_names: &[String],
        str_names: &[String],
    ) -> Result<Self, ServiceError> {
        pybridge::add_sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python"))?;
        let driver = py4cc::Driver::new(Some(max_tasks), Some(workers))?;
        let driver = driver.initialize(r#"{"model": "big"}"#, float_names, str_names)?;
        Ok(Service { driver })
    }

    /// Queues a task; `Ok(None)` when the service is at capacity (try again later).
    pub fn try_submit(&self, features: &Features) -> Result<Option<TaskKey>, ServiceError> {
        match self.driver.submit(&features.floats, &features.strings, features.int_feature)? {
            (0, key, _) => Ok(Some(TaskKey(key))),
            (1, _, _) => Ok(None),
            (_, _, message) => Err(ServiceError::Driver(message)),
        }
    }

    /// The result of a task; `Ok(None)` while it runs.
    pub fn try_retrieve(&self, key: TaskKey) -> Result<Option<i64>, ServiceError> {
        match self.driver.retrieve(key.0)? {
            (0, value, _) => Ok(Some(value)),
            (1, _, _) => Ok(None),
            (2, value, message) => Err(ServiceError::Model { value, message }),
            (_, _, message) => Err(ServiceError::Driver(message)),
        }
    }

    /// Submits (retrying while at capacity) and waits for the result.
    pub fn run(&self, features: &Features) -> Result<i64, ServiceError> {
        let key = loop {
            match self.try_submit(features)? {
                Some(key) => break key,
                None => std::thread::sleep(Duration::from_micros(500)),
            }
        };
        loop {
            match self.try_retrieve(key)? {
                Some(value) => return Ok(value),
                None => std::thread::sleep(Duration::from_micros(200)),
            }
        }
    }

    /// Closes the pool and waits for its processes.
    pub fn finalize(self) -> Result<(), ServiceError> {
        Ok(self.driver.finalize()?)
    }
}

/// The model, computed in Rust, to check the service's answers.
pub fn big_model(features: &Features) -> i64 {
    let floats: f64 = features.floats.iter().map(|v| v.abs()).sum();
    let strings: usize = features.strings.iter().map(|s| s.to_uppercase().chars().count()).sum();
    floats.trunc() as i64 + strings as i64 + features.int_feature.max(0)
}

/// Deterministic features for task `i` (sums of quarters are exact in binary floating point,
/// so the Rust and Python sums agree bit for bit).
pub fn features_for(i: usize) -> Features {
    let floats = (0..4).map(|j| ((i * 7 + j * 3) % 40) as f64 * 0.25 - 5.0).collect();
    let strings = (0..3).map(|j| "ab".repeat(1 + (i + j) % 5)).collect();
    Features { floats, strings, int_feature: (i % 13) as i64 }
}

/// Feature names matching [`features_for`].
pub fn feature_names() -> (Vec<String>, Vec<String>) {
    ((0..4).map(|j| format!("f{j}")).collect(), (0..3).map(|j| format!("s{j}")).collect())
}

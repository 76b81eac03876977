//! Read-only connections to the database, reused across requests, and the way every read runs: on a blocking
//! thread, at most `max` at once, with a deadline after which the query is interrupted.

use crate::ApiError;
use axum::http::StatusCode;
use petrel_store::{Mode, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// A pool of read-only [`Store`]s over one file.
pub struct Pool {
    path: PathBuf,
    idle: Arc<Mutex<Vec<Store>>>,
    running: Semaphore,
    max: usize,
    timeout: Duration,
}

impl Pool {
    /// A pool over `path` running at most `max` reads at once, each within `timeout`.
    pub fn new(path: &Path, max: usize, timeout: Duration) -> Pool {
        let max = max.max(1);
        Pool {
            path: path.to_path_buf(),
            idle: Arc::new(Mutex::new(Vec::new())),
            running: Semaphore::new(max),
            max,
            timeout,
        }
    }

    /// Opens one connection (kept for later): the file must be a readable petrel database.
    pub fn check(&self) -> Result<(), StoreError> {
        let store = Store::open(&self.path, Mode::ReadOnly)?;
        put_back(&self.idle, store, self.max);
        Ok(())
    }

    /// Runs `read` on a connection of the pool, on a blocking thread. A read past the deadline is interrupted
    /// (SQLite stops it at its next step) and answered 503.
    pub async fn run<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .running
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is stopping"))?;
        let taken = self.idle.lock().map(|mut idle| idle.pop()).unwrap_or(None);
        let (idle, path, max) = (self.idle.clone(), self.path.clone(), self.max);
        // the running query's interrupt handle, while (and only while) this read owns the connection
        let slot: Arc<Mutex<Option<petrel_store::InterruptHandle>>> = Arc::new(Mutex::new(None));
        let in_read = slot.clone();
        let task = tokio::task::spawn_blocking(move || {
            let store = match taken {
                Some(s) => s,
                None => Store::open(&path, Mode::ReadOnly)?,
            };
            set(&in_read, Some(store.connection().get_interrupt_handle()));
            let result = read(&store);
            set(&in_read, None);
            put_back(&idle, store, max);
            result
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ApiError::internal("the query failed unexpectedly")),
            Err(_) => {
                if let Ok(mut s) = slot.lock() {
                    if let Some(handle) = s.take() {
                        handle.interrupt();
                    }
                }
                Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "the query took longer than {} s and was stopped; narrow the filters",
                        self.timeout.as_secs_f64()
                    ),
                ))
            }
        }
    }
}

fn set<T>(slot: &Mutex<Option<T>>, value: Option<T>) {
    if let Ok(mut s) = slot.lock() {
        *s = value;
    }
}

fn put_back(idle: &Mutex<Vec<Store>>, store: Store, max: usize) {
    if let Ok(mut idle) = idle.lock() {
        if idle.len() < max {
            idle.push(store);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_read_past_the_deadline_is_interrupted_and_answered_503() {
        let dir = std::env::temp_dir().join(format!("petrel-serve-pool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("pool.db");
        drop(Store::open(&db, Mode::ReadWrite).unwrap());
        let pool = Pool::new(&db, 2, Duration::from_millis(50));
        pool.check().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (done_tx, done_rx) = mpsc::channel();
        let started = std::time::Instant::now();
        let answer = rt.block_on(pool.run(move |store| {
            // counts for ever unless interrupted
            let r = store.connection().query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                [],
                |r| r.get::<_, i64>(0),
            );
            let _ = done_tx.send(r.is_err());
            Ok(())
        }));
        let e = answer.unwrap_err();
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.message.contains("longer than"), "{}", e.message);
        // the query itself stopped (with an error), soon after the deadline
        let interrupted = done_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(interrupted);
        assert!(started.elapsed() < Duration::from_secs(5));
        // and the connection is usable again
        let n = rt
            .block_on(pool.run(|store| store.last_document_id().map_err(ApiError::from)))
            .unwrap();
        assert_eq!(n, 0);
    }
}

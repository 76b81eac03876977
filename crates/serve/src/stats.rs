//! `GET /api/stats`: event counts by day, type, country, day and QuadClass (the timeline) and actor pair (the
//! network, the most frequent pairs), over the events the filters select. Counting a large database takes a
//! while, so answers are kept by query and given again while no document has been added since.

use crate::events::{check_text, pairs};
use crate::params;
use crate::{ApiError, AppState};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use petrel_store::CountBy;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Actor pairs an answer lists.
pub const TOP_PAIRS: usize = 100;

/// Answers kept at most (the oldest half goes when full).
const CACHE_ENTRIES: usize = 256;

/// A kept answer: the last document id when it was counted, the JSON body, and when it was kept (a tick).
type Entry = (i64, Arc<Vec<u8>>, u64);

/// Kept answers by query.
#[derive(Default)]
pub(crate) struct Cache(Mutex<HashMap<String, Entry>>);

impl Cache {
    /// The kept answer to `key` if counted at `version`; it becomes the newest (the oldest go first).
    fn get(&self, key: &str, version: i64) -> Option<Arc<Vec<u8>>> {
        let mut map = self.0.lock().ok()?;
        let tick = map.values().map(|e| e.2).max().unwrap_or(0) + 1;
        let entry = map.get_mut(key).filter(|e| e.0 == version)?;
        entry.2 = tick;
        Some(entry.1.clone())
    }

    fn put(&self, key: String, version: i64, body: Arc<Vec<u8>>) {
        if let Ok(mut map) = self.0.lock() {
            let tick = map.values().map(|e| e.2).max().unwrap_or(0) + 1;
            if map.len() >= CACHE_ENTRIES {
                let mut ages: Vec<u64> = map.values().map(|e| e.2).collect();
                ages.sort_unstable();
                let cut = ages[ages.len() / 2];
                map.retain(|_, e| e.2 > cut);
            }
            map.insert(key, (version, body, tick));
        }
    }
}

/// `[key, events, mentions]` rows; keys of two parts (`2022-01-06 4`, `KAZGOV RUSMIL`) split in two, the second
/// a number when it is one (the QuadClass).
fn rows(rows: Vec<(String, i64, i64)>, split: bool) -> Value {
    rows.into_iter()
        .map(|(k, n, m)| match k.split_once(' ').filter(|_| split) {
            Some((a, b)) => match b.parse::<i64>() {
                Ok(q) => json!([a, q, n, m]),
                Err(_) => json!([a, b, n, m]),
            },
            None => json!([k, n, m]),
        })
        .collect()
}

/// `GET /api/stats`.
pub(crate) async fn stats(
    State(state): State<Arc<AppState>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params::by_name(pairs(query)?, params::FILTERS)?;
    let filter = params::filter(&p, &state.country_codes)?;
    let mut key: Vec<(String, String)> = p.into_iter().collect();
    key.sort();
    let key = serde_json::to_string(&key).unwrap_or_default();
    let st = state.clone();
    let body = state
        .readers
        .run(move |store| {
            let version = store.last_document_id()?;
            if let Some(body) = st.stats_cache.get(&key, version) {
                return Ok(body);
            }
            check_text(store, &filter)?;
            let count = |by, top| store.count_events(&filter, by, top);
            let by_day = count(CountBy::Day, None)?;
            let (events, mentions) = by_day.iter().fold((0, 0), |(n, m), r| (n + r.1, m + r.2));
            let body = json!({
                "events": events,
                "mentions": mentions,
                "by_day": rows(by_day, false),
                "by_type": rows(count(CountBy::Type, None)?, false),
                "by_country": rows(count(CountBy::Country, None)?, false),
                "by_day_quad": rows(count(CountBy::DayQuad, None)?, true),
                "by_actor_pair": rows(count(CountBy::ActorPair, Some(TOP_PAIRS))?, true),
            });
            let body =
                Arc::new(serde_json::to_vec(&body).map_err(|e| ApiError::internal(e.to_string()))?);
            st.stats_cache.put(key, version, body.clone());
            Ok(body)
        })
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        body.as_ref().clone(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_answers_last_until_a_document_is_added_and_the_least_used_go_first() {
        let cache = Cache::default();
        let body = |s: &str| Arc::new(s.as_bytes().to_vec());
        cache.put("a".into(), 7, body("A"));
        assert_eq!(cache.get("a", 7).as_deref(), Some(&b"A".to_vec()));
        assert!(cache.get("a", 8).is_none(), "a document was added since");
        for i in 0..CACHE_ENTRIES {
            cache.put(format!("q{i}"), 7, body("Q"));
            // "a" is asked for all along: it stays
            assert!(cache.get("a", 7).is_some(), "after {i}");
        }
        assert!(cache.get("q0", 7).is_none(), "the oldest went");
        assert!(cache.get(&format!("q{}", CACHE_ENTRIES - 1), 7).is_some());
    }
}

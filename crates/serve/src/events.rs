//! `GET /api/events` (a page of events as JSON, CSV or GeoJSON, with the cursor of the next page) and
//! `GET /api/events/{id}` (one event with every mention).

use crate::params::{self, Format};
use crate::{ApiError, AppState};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use petrel_store::export::ListFormat;
use petrel_store::{EventCursor, EventFilter, EventRecord, MentionRecord, Store};
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// The query's pairs, or 400 when it is not a valid query string.
pub(crate) fn pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    query
        .map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {e}")))
}

/// A numeric path id, or 400.
pub(crate) fn path_id(
    what: &str,
    path: Result<Path<String>, PathRejection>,
) -> Result<i64, ApiError> {
    let Path(v) = path.map_err(|e| ApiError::bad_request(format!("{what} id: {e}")))?;
    params::id(what, &v)
}

/// A mention as the API shows it: the stored record plus its document's id and the source and target spans
/// (`[start, end)`, code points of the document text).
#[derive(Serialize)]
pub(crate) struct ApiMention {
    #[serde(flatten)]
    mention: MentionRecord,
    document_id: i64,
    source_span: Option<(i64, i64)>,
    target_span: Option<(i64, i64)>,
}

impl From<MentionRecord> for ApiMention {
    fn from(m: MentionRecord) -> ApiMention {
        ApiMention {
            document_id: m.document_id,
            source_span: m.source_span,
            target_span: m.target_span,
            mention: m,
        }
    }
}

/// An event as the API shows it: `petrel events --format jsonl`'s record, with `mentions` always there (empty
/// unless asked for), each an [`ApiMention`]. Written straight to JSON (no intermediate tree).
#[derive(Serialize)]
pub(crate) struct ApiEvent {
    #[serde(flatten)]
    event: EventRecord,
    mentions: Vec<ApiMention>,
}

impl From<EventRecord> for ApiEvent {
    fn from(mut event: EventRecord) -> ApiEvent {
        let mentions = std::mem::take(&mut event.mentions)
            .into_iter()
            .map(ApiMention::from)
            .collect();
        ApiEvent { event, mentions }
    }
}

/// Checks a full-text query before it is used, so that a wrong one is the caller's 400, not our 500.
pub(crate) fn check_text(store: &Store, filter: &EventFilter) -> Result<(), ApiError> {
    let Some(text) = &filter.text else {
        return Ok(());
    };
    store
        .connection()
        .query_row(
            "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ?1 LIMIT 1)",
            [text],
            |_| Ok(()),
        )
        .map_err(|e| {
            ApiError::bad_request(format!(
                "text: {text:?} is not a full-text query SQLite reads (words, \"phrases\", AND, OR, NOT, prefix*): {e}"
            ))
        })
}

/// One page: up to `limit` events from the filter's cursor on, and the cursor after the last when more follow.
fn page(
    store: &Store,
    filter: &EventFilter,
    limit: u64,
    mentions: bool,
) -> Result<(Vec<EventRecord>, Option<String>), ApiError> {
    check_text(store, filter)?;
    let mut f = filter.clone();
    f.limit = Some(limit.saturating_add(1));
    let mut events = store.events(&f, mentions)?;
    let more = events.len() as u64 > limit;
    events.truncate(limit as usize);
    let next = match events.last() {
        Some(last) if more => Some(EventCursor::after(last).to_string()),
        _ => None,
    };
    Ok((events, next))
}

fn geojson(events: &[EventRecord], next: Option<&str>) -> Value {
    let actor = |a: &Option<petrel_store::query::ActorRecord>| {
        a.as_ref().map_or(Value::Null, |a| a.code.clone().into())
    };
    let features: Vec<Value> = events
        .iter()
        .filter_map(|e| {
            let p = e.place.as_ref()?;
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "id": e.id,
                    "date": e.date.map(|d| d.to_string()),
                    "cameo": e.cameo,
                    "root": e.root,
                    "plover": e.plover,
                    "quad_class": e.quad_class,
                    "goldstein": e.goldstein,
                    "source": actor(&e.source),
                    "target": actor(&e.target),
                    "country": e.country,
                    "place": p.name,
                    "num_mentions": e.num_mentions,
                    "num_sources": e.num_sources,
                },
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features, "next": next})
}

/// `GET /api/events`.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let req = params::list_request(
        pairs(query)?,
        &headers,
        &state.country_codes,
        state.max_limit,
    )?;
    let format = req.format;
    let (body, next) = state
        .readers
        .run(move |store| {
            // CSV shows each event's evidence sentence: its mentions are read
            let mentions = req.mentions || format == Format::Csv;
            let (events, next) = page(store, &req.filter, req.limit, mentions)?;
            let body = match format {
                Format::Json => {
                    #[derive(Serialize)]
                    struct Page<'a> {
                        events: Vec<ApiEvent>,
                        next: Option<&'a str>,
                    }
                    let events = events.into_iter().map(ApiEvent::from).collect();
                    serde_json::to_vec(&Page {
                        events,
                        next: next.as_deref(),
                    })
                }
                Format::GeoJson => serde_json::to_vec(&geojson(&events, next.as_deref())),
                Format::Csv => {
                    // `petrel events --format csv`, over exactly this page
                    let mut f = req.filter.clone();
                    f.limit = Some(events.len() as u64);
                    let mut out = Vec::new();
                    petrel_store::export::list(store, &f, ListFormat::Csv, &mut out)
                        .map_err(|e| ApiError::internal(e.to_string()))?;
                    Ok(out)
                }
            }
            .map_err(|e| ApiError::internal(e.to_string()))?;
            Ok((body, next))
        })
        .await?;
    let kind = match format {
        Format::Json => "application/json",
        Format::GeoJson => "application/geo+json",
        Format::Csv => "text/csv; charset=utf-8",
    };
    let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
    if let Some(next) = next.and_then(|n| HeaderValue::from_str(&n).ok()) {
        // (for CSV, which has no place for it in the body)
        response.headers_mut().insert("x-next-cursor", next);
    }
    Ok(response)
}

/// `GET /api/events/{id}`.
pub(crate) async fn one(
    State(state): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<ApiEvent>, ApiError> {
    let id = path_id("event", path)?;
    let event = state
        .readers
        .run(move |store| store.event(id).map_err(ApiError::from))
        .await?;
    match event {
        Some(e) => Ok(Json(ApiEvent::from(e))),
        None => Err(ApiError::not_found(format!("no event {id}"))),
    }
}

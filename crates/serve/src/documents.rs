//! `GET /api/documents/{id}` (an article: text, layers, the mentions coded in it) and `POST /api/documents`
//! (articles to code and store, with the bearer token).
//!
//! A posted body is read whole (up to the size limit: 413), checked whole (a wrong line: 400 naming it, nothing
//! stored), and only then coded and stored, in one transaction: the database never holds half a request.

use crate::events::{path_id, ApiMention};
use crate::{ApiError, AppState, IngestOutcome};
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use petrel_ingest::{RawDoc, Reader};
use serde_json::{json, Value};
use std::sync::Arc;

/// `GET /api/documents/{id}`.
pub(crate) async fn one(
    State(state): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = path_id("document", path)?;
    let doc = state
        .readers
        .run(move |store| store.document(id).map_err(ApiError::from))
        .await?;
    let Some(d) = doc else {
        return Err(ApiError::not_found(format!("no document {id}")));
    };
    #[derive(serde::Serialize)]
    struct DocumentMention {
        event: i64,
        #[serde(flatten)]
        mention: ApiMention,
    }
    let mentions: Vec<DocumentMention> = d
        .mentions
        .into_iter()
        .map(|(event, m)| DocumentMention {
            event,
            mention: m.into(),
        })
        .collect();
    Ok(Json(json!({
        "id": d.id,
        "key": d.key,
        "url": d.url,
        "title": d.title,
        "published": d.published.map(|p| p.to_string()),
        "source": d.source,
        "outlet": d.outlet,
        "added": d.added,
        "text": d.text,
        "layers": d.layers,
        "mentions": mentions,
    })))
}

/// Compares the token in constant time (no early exit on the first wrong byte).
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// 401 unless the request carries `Authorization: Bearer TOKEN` with the server's token.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &state.token else {
        return Err(ApiError::unauthorized(
            "this server is read-only: writes need `petrel serve --token-file FILE` and that token",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(t) if same_token(t.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::unauthorized("wrong bearer token")),
        None => Err(ApiError::unauthorized(
            "writes need an `Authorization: Bearer TOKEN` header",
        )),
    }
}

/// The body as JSONL, one record a line: a JSON array becomes one line per element, one JSON object (even over
/// several lines) one line; anything else is taken as JSONL already. Returns the lines and whether they came
/// from an array (errors then name records, not lines).
fn as_jsonl(body: &[u8]) -> Result<(Vec<u8>, bool), ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ApiError::bad_request(
            "empty body; send a JSON array of articles or one article per line (JSONL), each with \"text\" or \"html\"",
        ));
    }
    let json_error = |e: serde_json::Error| {
        let mut err = ApiError::bad_request(format!(
            "line {}, column {}: not valid JSON: {e}",
            e.line(),
            e.column()
        ));
        err.line = Some(e.line());
        err
    };
    if trimmed.starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text).map_err(json_error)?;
        let mut out = Vec::new();
        for item in items {
            out.extend(serde_json::to_vec(&item).map_err(json_error)?);
            out.push(b'\n');
        }
        return Ok((out, true));
    }
    // one object over several lines (pretty-printed)
    if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
        let mut out = serde_json::to_vec(&o).map_err(json_error)?;
        out.push(b'\n');
        return Ok((out, false));
    }
    Ok((text.as_bytes().to_vec(), false))
}

/// The articles of a body, all of them or the first error (400 naming the line or record); with the number
/// skipped as not English and the warnings.
fn articles(body: &[u8]) -> Result<(Vec<RawDoc>, usize, Vec<String>), ApiError> {
    let (jsonl, array) = as_jsonl(body)?;
    let what = if array { "record" } else { "line" };
    // the reader's locations are `api.jsonl:N`
    let located = |issue: &petrel_ingest::InputIssue| -> (Option<usize>, String) {
        let n = issue
            .location
            .rsplit_once(':')
            .and_then(|(_, n)| n.parse::<usize>().ok());
        match n {
            Some(n) => (Some(n), format!("{what} {n}: {}", issue.message)),
            None => (None, issue.to_string()),
        }
    };
    let mut reader = Reader::from_memory("api.jsonl", jsonl, None);
    let mut docs = Vec::new();
    for item in reader.by_ref() {
        match item {
            Ok(doc) => docs.push(doc),
            Err(issue) => {
                let (n, message) = located(&issue);
                let mut e = ApiError::bad_request(message);
                e.line = n;
                return Err(e);
            }
        }
    }
    let warnings = reader
        .warnings()
        .take()
        .iter()
        .map(|w| located(w).1)
        .collect();
    Ok((docs, reader.not_english(), warnings))
}

/// `POST /api/documents`: 201 with what was stored (200 when everything was stored before).
pub(crate) async fn post(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let limit = state.max_body_bytes;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than the limit of {limit} bytes; send fewer articles per request"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())?;
    let (docs, not_english, warnings) = articles(&bytes)?;
    let st = state.clone();
    let outcome = tokio::task::spawn_blocking(move || -> Result<IngestOutcome, ApiError> {
        let Some((store, ingest)) = &st.writer else {
            return Err(ApiError::unauthorized("this server is read-only"));
        };
        let mut store = store.lock().map_err(|_| {
            ApiError::internal("an earlier write failed unexpectedly; restart the server")
        })?;
        let mut outcome = ingest.ingest(&mut store, docs)?;
        outcome.not_english = not_english;
        outcome.warnings = warnings;
        Ok(outcome)
    })
    .await
    .map_err(|_| {
        ApiError::internal("coding the articles failed unexpectedly; nothing was stored")
    })??;
    let status = if outcome.stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_of_every_shape() {
        let one = br#"{"id": "a", "text": "Troops arrived in Almaty on Monday."}"#;
        assert_eq!(articles(one).unwrap().0.len(), 1);
        let undated =
            br#"{"id": "a", "date": "someday", "text": "Troops arrived in Almaty on Monday."}"#;
        let (docs, _, warnings) = articles(undated).unwrap();
        assert_eq!(docs.len(), 1);
        assert!(warnings[0].starts_with("line 1: \"date\""), "{warnings:?}");
        let pretty = b"{\n  \"id\": \"a\",\n  \"text\": \"Troops arrived.\"\n}\n";
        assert_eq!(articles(pretty).unwrap().0.len(), 1);
        let lines = b"{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n";
        assert_eq!(articles(lines).unwrap().0.len(), 2);
        let array = br#"[{"text": "One."}, {"text": "Two."}, {"text": "Three."}]"#;
        assert_eq!(articles(array).unwrap().0.len(), 3);
    }

    #[test]
    fn a_wrong_line_is_named() {
        let e = articles(b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\nnot json\n").unwrap_err();
        assert_eq!((e.status, e.line), (StatusCode::BAD_REQUEST, Some(3)));
        assert!(e.message.starts_with("line 3:"), "{}", e.message);
        let e = articles(br#"[{"text": "One."}, {"title": "no text"}]"#).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("record 2"), "{}", e.message);
        let e = articles(b"[{\"text\": \"One.\"},\n {\"text\": ").unwrap_err();
        assert_eq!(e.line, Some(2));
        for bad in [&b""[..], b"   ", b"\xff\xfe"] {
            assert_eq!(articles(bad).unwrap_err().status, StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secreT", b"secret"));
        assert!(!same_token(b"secret2", b"secret"));
        assert!(!same_token(b"", b"secret"));
    }
}

//! Errors as the API answers them: a status and `{"error": "..."}` (with `"line"` when a posted body is wrong
//! at a line).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use petrel_store::StoreError;

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, in words the caller can act on.
    pub message: String,
    /// The line (JSONL) or record (JSON array) of a posted body that is wrong.
    pub line: Option<usize>,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            line: None,
        }
    }

    /// 400: the request is wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such thing.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 401: no or a wrong bearer token.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, message)
    }

    /// 500: our fault.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

/// A store failure: the whole error (it names the database file) goes to the server's log, the caller gets what
/// it can act on without learning the server's paths.
impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        eprintln!("petrel serve: {e}");
        match e {
            StoreError::DiskFull { .. } => ApiError::new(
                StatusCode::INSUFFICIENT_STORAGE,
                "the event database's disk is full; nothing of this request was stored",
            ),
            _ => ApiError::internal("the event database failed; the server's log says why"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "error": self.message });
        if let Some(line) = self.line {
            body["line"] = line.into();
        }
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_do_not_show_the_database_path() {
        let e = StoreError::DiskFull {
            path: "/srv/secret/petrel.db".into(),
        };
        let a = ApiError::from(e);
        assert_eq!(a.status, StatusCode::INSUFFICIENT_STORAGE);
        assert!(!a.message.contains("/srv/secret"), "{}", a.message);
    }
}

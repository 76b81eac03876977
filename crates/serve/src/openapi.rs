//! `GET /api/openapi.json`: the API described in OpenAPI 3.1, written by hand beside this file
//! (`openapi.json`); a test checks that it describes every `/api` route of [`crate::ROUTES`].

use axum::http::header;
use axum::response::IntoResponse;

/// The OpenAPI description, as served.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// `GET /api/openapi.json`.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_route_is_described() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).expect("valid JSON");
        assert!(doc["openapi"].as_str().unwrap_or("").starts_with("3."));
        let paths = doc["paths"].as_object().expect("paths");
        for (method, path) in crate::ROUTES.iter().filter(|(_, p)| p.starts_with("/api")) {
            let op = &paths
                .get(*path)
                .unwrap_or_else(|| panic!("{path} is not described"))[method.to_lowercase()];
            assert!(op.is_object(), "{method} {path} is not described");
            assert!(op["responses"].is_object(), "{method} {path}: no responses");
        }
        // and nothing is described that is not served
        for path in paths.keys() {
            assert!(
                crate::ROUTES.iter().any(|(_, p)| p == path),
                "{path} is described but not served"
            );
        }
    }
}

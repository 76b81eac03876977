//! The dashboard at `/`: one HTML page, its script and its style sheet, built into the binary (no CDN, nothing
//! fetched at run time); it reads the API like any other client.

use axum::http::header;
use axum::response::IntoResponse;

const INDEX: &str = include_str!("dashboard/index.html");
const SCRIPT: &str = include_str!("dashboard/app.js");
const STYLE: &str = include_str!("dashboard/app.css");
/// Country outlines (Natural Earth 1:110m via the world-atlas npm package, fetched once by
/// `scripts/fetch_dashboard_assets.sh` and committed with its licence).
const WORLD: &str = include_str!("dashboard/vendor/world-atlas/countries-110m.json");

/// `GET /`. The page may load only from this server (no inline script or style, no other host).
pub(crate) async fn index() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        INDEX,
    )
}

/// `GET /app.js`.
pub(crate) async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

/// `GET /app.css`.
pub(crate) async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

/// `GET /world.json`: the country outlines as TopoJSON, for the map.
pub(crate) async fn world() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        WORLD,
    )
}

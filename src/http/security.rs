//! Headers on everything served, and the origin check that stops other
//! sites from opening sockets in a visitor's name (cross-site WebSocket
//! hijacking): a Socket.IO handshake from a browser on another origin is
//! refused before any namespace is joined.

use std::{net::SocketAddr, time::Duration};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{config::Config, error::AppError, state::AppState};

const APP_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob: https:; media-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const WIDGET_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob: https:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors *";

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/socket.io")
        && let Err(wait) = engine_handshake_allowed(&state, &request)
    {
        return AppError::rate_limited(wait).into_response();
    }
    if path.starts_with("/socket.io") {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok());
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        // the scheme this request came in by (as the proxy in front says)
        let scheme = request
            .headers()
            .get("x-forwarded-proto")
            .and_then(|p| p.to_str().ok())
            .unwrap_or("http");
        if let Some(origin) = origin
            && !origin_allowed(&state.config, origin, host, scheme)
        {
            tracing::info!(origin, "refused a socket from another origin");
            return AppError::forbidden("this origin may not open sockets here").into_response();
        }
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if path == "/widget.html" {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(WIDGET_CSP),
        );
    } else {
        // A handler's own stricter policy stays (attachments are sandboxed).
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(APP_CSP),
            );
        }
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

/// An Engine.IO handshake (a `/socket.io` request without a `sid`: it would
/// allocate a session) takes a token from its address's bucket; over the
/// limit it is answered 429 before anything is allocated.
fn engine_handshake_allowed(state: &AppState, request: &Request) -> Result<(), Duration> {
    let opens_session = !request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .any(|pair| pair.starts_with("sid="));
    if !opens_session {
        return Ok(());
    }
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".into(), |info| info.0.ip().to_string());
    state.limits.engine_handshakes.check(&ip)
}

/// The server's own origin (scheme and host as the browser reached it, or
/// `PUBLIC_BASE_URL`) and the configured `CORS_ORIGIN_*` ones. The same host
/// on another scheme is another origin (an `http` page, which anyone on the
/// path can rewrite, may not use an `https` server's sockets).
pub fn origin_allowed(config: &Config, origin: &str, host: Option<&str>, scheme: &str) -> bool {
    let origin = origin.trim_end_matches('/');
    let same_host = host.is_some_and(|host| {
        origin
            .strip_prefix(scheme)
            .and_then(|rest| rest.strip_prefix("://"))
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
    });
    let public = config
        .public_base_url
        .as_deref()
        .is_some_and(|base| base.trim_end_matches('/') == origin);
    same_host || public || config.cors_origins.iter().any(|o| o == origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let mut config = Config::for_database("sqlite::memory:");
        config.cors_origins = vec!["https://shop.example".into()];
        let host = Some("chat.example:3001");
        assert!(origin_allowed(
            &config,
            "http://chat.example:3001",
            host,
            "http"
        ));
        assert!(origin_allowed(
            &config,
            "https://shop.example",
            host,
            "http"
        ));
        assert!(!origin_allowed(
            &config,
            "https://evil.example",
            host,
            "http"
        ));
        assert!(!origin_allowed(
            &config,
            "http://chat.example:3001.evil.example",
            host,
            "http"
        ));
        assert!(!origin_allowed(&config, "null", host, "http"));
        assert!(
            !origin_allowed(&config, "https://chat.example:3001", host, "http"),
            "another scheme is another origin"
        );
        assert!(origin_allowed(
            &config,
            "https://chat.example:3001",
            host,
            "https"
        ));
        assert!(!origin_allowed(
            &config,
            "http://chat.example:3001",
            host,
            "https"
        ));
    }
}

//! The evaluation's other sites, kept as data in `tests/fixtures/sites/`
//! (pages, questions with the page and fact that answer them, and questions
//! the site cannot answer), served on loopback with the same navigation and
//! footer noise as the Larkspur fixture, and the home page under two
//! addresses (`/` and `/index.html`, which must count as one page).

use axum::{
    Router,
    extract::Path,
    http::StatusCode,
    response::{Html, IntoResponse, Response},
    routing::get,
};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct SiteData {
    pub name: String,
    pub pages: Vec<PageData>,
    pub questions: Vec<Question>,
    pub unanswerable: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PageData {
    pub path: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    pub q: String,
    pub page: String,
    pub fact: String,
}

pub fn load(name: &str) -> SiteData {
    let path = format!(
        "{}/tests/fixtures/sites/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Serves `site`; returns its base URL (no trailing slash).
pub async fn serve(site: &SiteData) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let site = site.clone();
    let app = Router::new()
        .route("/", get(page_at))
        .route("/{*path}", get(page_at))
        .with_state(std::sync::Arc::new(site));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    base
}

async fn page_at(
    axum::extract::State(site): axum::extract::State<std::sync::Arc<SiteData>>,
    path: Option<Path<String>>,
) -> Response {
    let path = path.map(|Path(p)| p).unwrap_or_default();
    let path = path.trim_end_matches('/');
    let path = if path == "index.html" { "" } else { path };
    let Some(page) = site.pages.iter().find(|p| p.path == path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let links: String = site
        .pages
        .iter()
        .map(|p| format!("<li><a href=\"/{}\">{}</a></li>", p.path, p.title))
        .collect();
    let name = &site.name;
    Html(format!(
        "<!doctype html><html><head><title>{} | {name}</title></head><body>\
         <header><a href=\"/index.html\">{name}</a> <form><input name=q><button>Search</button></form></header>\
         <nav><ul>{links}</ul></nav><main>{}</main>\
         <footer><p>© {name}. Terms and conditions apply. Sign up to our newsletter. Cookie settings.</p></footer>\
         </body></html>",
        page.title, page.body
    ))
    .into_response()
}

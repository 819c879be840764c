//! Crawled pages are hostile: HTML text extraction, robots.txt, sitemaps and
//! address literals must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webchat::rag::{extract, robots, sitemap, ssrf};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let page = extract::extract(&text);
    let _ = extract::collapse(&page.title);
    let _ = sitemap::parse(&text);
    let _ = robots::Robots::parse(&text, "webchat");
    let _ = ssrf::parse_ip_literal(text.lines().next().unwrap_or(""));
});

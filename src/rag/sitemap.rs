//! `sitemap.xml`: the `<loc>` URLs of a URL set, or of a sitemap index
//! (whose entries are further sitemaps). A plain scan is enough for this
//! fixed format; entities are decoded and the count is bounded.

/// What one sitemap document lists.
#[derive(Debug, Default, PartialEq)]
pub struct Sitemap {
    pub pages: Vec<String>,
    pub sitemaps: Vec<String>,
}

const MAX_ENTRIES: usize = 10_000;

pub fn parse(xml: &str) -> Sitemap {
    let is_index = xml.contains("<sitemapindex");
    let mut locs = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<loc>") {
        rest = &rest[start + 5..];
        let Some(end) = rest.find("</loc>") else {
            break;
        };
        let raw = rest[..end].trim();
        let raw = raw
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(raw);
        locs.push(decode_entities(raw.trim()));
        rest = &rest[end + 6..];
        if locs.len() >= MAX_ENTRIES {
            break;
        }
    }
    if is_index {
        Sitemap {
            pages: Vec::new(),
            sitemaps: locs,
        }
    } else {
        Sitemap {
            pages: locs,
            sitemaps: Vec::new(),
        }
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlset_and_index() {
        let set = "<?xml version=\"1.0\"?><urlset><url><loc> https://a.test/x?a=1&amp;b=2 </loc></url><url><loc>https://a.test/y</loc></url></urlset>";
        assert_eq!(
            parse(set).pages,
            vec!["https://a.test/x?a=1&b=2", "https://a.test/y"]
        );
        let index =
            "<sitemapindex><sitemap><loc>https://a.test/s1.xml</loc></sitemap></sitemapindex>";
        assert_eq!(parse(index).sitemaps, vec!["https://a.test/s1.xml"]);
        assert_eq!(parse("<loc>unterminated"), Sitemap::default());
    }
}

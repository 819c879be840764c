//! Small pure text helpers several layers share.

/// Text made safe to place in HTML (or between our prompt delimiters): `&`,
/// `<` and `>` escaped, so it cannot open or close a tag.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html_into(&mut out, text);
    out
}

/// `escape_html`, appended to `out`.
pub fn escape_html_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape_html("a <b>&</b> \"c\""),
            "a &lt;b&gt;&amp;&lt;/b&gt; \"c\""
        );
    }
}

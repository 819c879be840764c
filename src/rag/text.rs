//! Words for the lexical parts: lower-cased alphanumeric terms, common
//! English stop words dropped, and a light suffix stemmer so that
//! "shipping", "shipped" and "ships" meet. Used by the lexical embedder,
//! the full-text queries and the extractive answers.

const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for",
    "from", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let", "me", "more", "most",
    "my", "no", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out",
    "over", "please", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours", "hi", "hello", "thanks",
    "tell", "know", "want", "need", "there", "s", "t", "much", "many", "way", "ways",
];

/// Lower-cased words, stop words kept (for sentence scoring and display).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.len() <= 40)
        .map(str::to_lowercase)
}

/// Stemmed content terms.
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

/// A light English stemmer: strips common inflections, no more.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    let rules: &[(&str, &str)] = &[
        ("ational", "ate"),
        ("ization", "ize"),
        ("fulness", "ful"),
        ("iveness", "ive"),
        ("ments", ""),
        ("ment", ""),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ];
    for (suffix, replacement) in rules {
        if let Some(base) = word.strip_suffix(suffix)
            && base.len() >= 3
            && !(suffix == &"s" && base.ends_with('s'))
        {
            let mut out = format!("{base}{replacement}");
            // "shipp" -> "ship": undo a doubled final consonant
            let b = out.as_bytes();
            if replacement.is_empty()
                && b.len() >= 4
                && b[b.len() - 1] == b[b.len() - 2]
                && !b"aeioulsz".contains(&b[b.len() - 1])
            {
                out.pop();
            }
            return out;
        }
    }
    word.to_string()
}

/// Sentences of a passage (split after `.`, `!`, `?` followed by a space).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_space {
            let end = at + c.len_utf8();
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet() {
        assert_eq!(stem("shipping"), stem("shipped"));
        assert_eq!(stem("ships"), "ship");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(
            terms("What is the refund policy?"),
            vec!["refund", "policy"]
        );
        assert_eq!(
            sentences("One. Two! 3.5 kg? Yes"),
            vec!["One.", "Two!", "3.5 kg?", "Yes"]
        );
    }
}

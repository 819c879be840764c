//! The settings operators change at run time (stored, shared by every
//! node): the widget's look and language, and whether someone can answer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    locale::Locale,
    validate::{Checked, Invalid, has_forbidden_control},
};

pub const MAX_TITLE_CHARS: usize = 60;
pub const MAX_GREETING_CHARS: usize = 200;

/// `GET/PUT /api/settings/widget`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WidgetSettings {
    pub title: String,
    /// "" for the visitor app's own greeting, in the visitor's language.
    pub greeting: String,
    /// `#rrggbb` (or `#rgb`).
    pub color: String,
    pub position: WidgetPosition,
    /// The default site of widget sessions; "" for the host page's origin.
    pub site: String,
    /// A language of the visitor app, or "" for the visitor's browser language.
    pub locale: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum WidgetPosition {
    Right,
    Left,
}

impl Default for WidgetSettings {
    fn default() -> Self {
        WidgetSettings {
            title: "Webchat".into(),
            // empty: the visitor app greets in the visitor's language
            greeting: String::new(),
            color: "#1f4fd1".into(),
            position: WidgetPosition::Right,
            site: String::new(),
            locale: String::new(),
        }
    }
}

impl WidgetSettings {
    /// Trimmed and checked; the site normalised by `site` (the ingest rule).
    pub fn checked(self, site: impl Fn(&str) -> Checked<String>) -> Checked<WidgetSettings> {
        let title = self.title.trim().to_string();
        let chars = title.chars().count();
        if chars == 0 || chars > MAX_TITLE_CHARS {
            return Err(Invalid(format!(
                "title must be 1 to {MAX_TITLE_CHARS} characters (it is {chars})"
            )));
        }
        let greeting = self.greeting.trim().to_string();
        let chars = greeting.chars().count();
        if chars > MAX_GREETING_CHARS {
            return Err(Invalid(format!(
                "greeting is {chars} characters; at most {MAX_GREETING_CHARS}"
            )));
        }
        if has_forbidden_control(&title) || has_forbidden_control(&greeting) {
            return Err(Invalid(
                "title and greeting must not contain control characters".into(),
            ));
        }
        let color = self.color.trim().to_ascii_lowercase();
        let hex = color.strip_prefix('#').unwrap_or("");
        if !matches!(hex.len(), 3 | 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Invalid(format!(
                "color {:?} is not a colour like #1f4fd1",
                self.color
            )));
        }
        let locale = match self.locale.trim() {
            "" => String::new(),
            tag => Locale::parse(tag)
                .map(|l| l.as_str().to_string())
                .ok_or_else(|| {
                    Invalid(format!(
                        "locale {tag:?} is not one of en, es, fr, de, pt, ar (or \"\" for the visitor's browser)"
                    ))
                })?,
        };
        let site = match self.site.trim() {
            "" => String::new(),
            given => site(given)?,
        };
        Ok(WidgetSettings {
            title,
            greeting,
            color,
            position: self.position,
            site,
            locale,
        })
    }
}

/// `GET /api/availability` and the `availability` event: whether someone
/// can answer now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    /// An agent is online (not away) and the hours are open.
    pub online: bool,
    pub agents_online: i64,
    pub within_business_hours: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_open_at: Option<DateTime<Utc>>,
    /// For a chat queued now, when someone is online.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_wait_secs: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_site(s: &str) -> Checked<String> {
        Ok(s.to_string())
    }

    #[test]
    fn widget_settings_are_checked() {
        let ok = WidgetSettings {
            title: "  Acme support ".into(),
            color: "#ABC".into(),
            locale: "pt-BR".into(),
            ..WidgetSettings::default()
        }
        .checked(any_site)
        .unwrap();
        assert_eq!(ok.title, "Acme support");
        assert_eq!(ok.color, "#abc");
        assert_eq!(ok.locale, "pt");
        let bad = |w: WidgetSettings| w.checked(any_site).unwrap_err().0;
        assert!(
            bad(WidgetSettings {
                color: "red; background:url(x)".into(),
                ..WidgetSettings::default()
            })
            .contains("colour")
        );
        assert!(
            bad(WidgetSettings {
                title: " ".into(),
                ..WidgetSettings::default()
            })
            .contains("title")
        );
        assert!(
            bad(WidgetSettings {
                locale: "it".into(),
                ..WidgetSettings::default()
            })
            .contains("locale")
        );
    }
}

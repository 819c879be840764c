//! Twilio's webhook forms, parsed and checked.

use crate::{
    domain::validate,
    error::{AppError, AppResult},
};

fn get<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn sid(params: &[(String, String)], name: &str) -> AppResult<String> {
    let sid = get(params, name).ok_or_else(|| AppError::invalid(format!("{name} is missing")))?;
    let valid = (2..=64).contains(&sid.len()) && sid.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Err(AppError::invalid(format!("{name} is not a Twilio id")));
    }
    Ok(sid.to_string())
}

/// An inbound WhatsApp message.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub message_sid: String,
    /// `whatsapp:+15551234567`.
    pub from: String,
    pub body: String,
    pub profile_name: Option<String>,
    pub media: Vec<MediaRef>,
}

/// A file Twilio holds for an inbound message (`MediaUrl{i}`), fetched and
/// stored as an attachment before the message is.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRef {
    pub url: String,
    /// What Twilio says it is (the bytes decide what it is taken for).
    pub content_type: String,
}

impl Inbound {
    pub fn parse(params: &[(String, String)]) -> AppResult<Inbound> {
        let message_sid = sid(params, "MessageSid")?;
        let from = get(params, "From").unwrap_or_default().trim().to_string();
        let number = from.strip_prefix("whatsapp:").unwrap_or("");
        let valid_number = number.starts_with('+')
            && (8..=16).contains(&number.len())
            && number[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid_number {
            return Err(AppError::invalid(
                "From must be a whatsapp:+<number> address",
            ));
        }
        let body = get(params, "Body").unwrap_or_default().to_string();
        if body.chars().count() > validate::MAX_TEXT_CHARS {
            return Err(AppError::invalid("Body is too long"));
        }
        let profile_name = get(params, "ProfileName").and_then(|n| validate::display_name(n).ok());
        let count: usize = get(params, "NumMedia")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let media = (0..count.min(10))
            .filter_map(|i| {
                let url = get(params, &format!("MediaUrl{i}"))?;
                let kind = get(params, &format!("MediaContentType{i}"))
                    .unwrap_or("application/octet-stream");
                let safe = url.starts_with("http") && url.len() <= 2048;
                safe.then(|| MediaRef {
                    url: url.to_string(),
                    content_type: kind.chars().take(100).collect(),
                })
            })
            .collect();
        Ok(Inbound {
            message_sid,
            from,
            body,
            profile_name,
            media,
        })
    }

    /// A display name: the profile name, else the number with its middle hidden.
    pub fn display_name(&self) -> String {
        if let Some(name) = &self.profile_name {
            return name.clone();
        }
        let number = self.from.trim_start_matches("whatsapp:");
        let tail = &number[number.len().saturating_sub(4)..];
        format!("WhatsApp …{tail}")
    }
}

/// A delivery status callback for an outbound message.
#[derive(Debug, Clone)]
pub struct StatusCallback {
    pub message_sid: String,
    pub status: String,
    pub error_code: Option<String>,
}

impl StatusCallback {
    pub fn parse(params: &[(String, String)]) -> AppResult<StatusCallback> {
        let message_sid = sid(params, "MessageSid")?;
        let status = get(params, "MessageStatus")
            .ok_or_else(|| AppError::invalid("MessageStatus is missing"))?
            .to_ascii_lowercase();
        if status.len() > 32
            || !status
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        {
            return Err(AppError::invalid("MessageStatus is not a status"));
        }
        let error_code = get(params, "ErrorCode")
            .filter(|c| !c.is_empty() && c.len() <= 10 && c.bytes().all(|b| b.is_ascii_digit()))
            .map(String::from);
        Ok(StatusCallback {
            message_sid,
            status,
            error_code,
        })
    }

    /// Statuses only move forward: queued < sent < delivered < read; failed
    /// and undelivered are final. `None` for statuses that change nothing.
    pub fn rank(&self) -> Option<i64> {
        match self.status.as_str() {
            "sent" => Some(1),
            "delivered" => Some(2),
            "undelivered" | "failed" => Some(3),
            "read" => Some(4),
            _ => None,
        }
    }

    /// The error, in words an agent can act on.
    pub fn explanation(&self) -> Option<String> {
        self.error_code.as_deref().map(|code| match code {
            "63016" => "63016: the customer last wrote more than 24 hours ago, so WhatsApp only \
                        accepts an approved template message now; ask them to write again"
                .to_string(),
            "63003" | "63024" => format!("{code}: this number cannot receive WhatsApp messages"),
            other => format!("{other}: Twilio could not deliver the message"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn inbound_checks_its_fields() {
        let ok = Inbound::parse(&p(&[
            ("MessageSid", "SM123"),
            ("From", "whatsapp:+15551234567"),
            ("Body", "hi"),
            ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/m/1"),
            ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "javascript:alert(1)"),
        ]))
        .unwrap();
        assert_eq!(
            ok.media.len(),
            1,
            "only web links are kept (the fetcher allows only Twilio's host)"
        );
        assert_eq!(ok.display_name(), "WhatsApp …4567");
        for bad in [
            p(&[("From", "whatsapp:+15551234567")]),
            p(&[
                ("MessageSid", "SM1'; drop"),
                ("From", "whatsapp:+15551234567"),
            ]),
            p(&[("MessageSid", "SM1"), ("From", "+15551234567")]),
            p(&[("MessageSid", "SM1"), ("From", "whatsapp:+1555abc")]),
        ] {
            assert!(Inbound::parse(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn statuses_rank_forward() {
        let s = |status: &str, code: Option<&str>| StatusCallback {
            message_sid: "SM1".into(),
            status: status.into(),
            error_code: code.map(String::from),
        };
        assert!(s("sent", None).rank() < s("delivered", None).rank());
        assert!(s("delivered", None).rank() < s("read", None).rank());
        assert_eq!(s("queued", None).rank(), None);
        assert!(
            s("undelivered", Some("63016"))
                .explanation()
                .unwrap()
                .contains("24 hours")
        );
    }
}

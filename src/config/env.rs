//! Reading variables: each look-up names its variable in its error.

use std::{collections::HashMap, fmt};

use super::ConfigError;

/// Variable look-ups that name the variable in their errors.
pub(super) struct Env<'a>(pub(super) &'a HashMap<String, String>);

impl Env<'_> {
    pub(super) fn string(&self, var: &str) -> Option<String> {
        self.0
            .get(var)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    pub(super) fn parse<T: std::str::FromStr>(
        &self,
        var: &'static str,
        default: T,
    ) -> Result<T, ConfigError>
    where
        T::Err: fmt::Display,
    {
        match self.string(var) {
            None => Ok(default),
            Some(raw) => raw.parse().map_err(|e: T::Err| ConfigError {
                var,
                reason: format!("cannot parse {raw:?}: {e}"),
            }),
        }
    }

    /// A number that must lie in `range`.
    pub(super) fn parse_in(
        &self,
        var: &'static str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, ConfigError> {
        let value = self.parse(var, default)?;
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(ConfigError {
                var,
                reason: format!(
                    "must be between {} and {}, got {value}",
                    range.start(),
                    range.end()
                ),
            })
        }
    }

    pub(super) fn optional<T: std::str::FromStr>(
        &self,
        var: &'static str,
    ) -> Result<Option<T>, ConfigError>
    where
        T::Err: fmt::Display,
    {
        self.string(var)
            .map(|raw| {
                raw.parse().map_err(|e: T::Err| ConfigError {
                    var,
                    reason: format!("cannot parse {raw:?}: {e}"),
                })
            })
            .transpose()
    }

    pub(super) fn bool(&self, var: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.string(var).map(|v| v.to_ascii_lowercase()).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(other) => Err(ConfigError {
                var,
                reason: format!("expected true or false, got {other:?}"),
            }),
        }
    }

    /// `KAFKA_*` variables Webchat does not read itself, as librdkafka keys.
    pub(super) fn kafka_passthrough(&self) -> Vec<(String, String)> {
        const OWN: [&str; 4] = [
            "KAFKA_ENABLED",
            "KAFKA_BROKERS",
            "KAFKA_CLIENT_ID",
            "KAFKA_TOPIC_PREFIX",
        ];
        let mut extra: Vec<(String, String)> = self
            .0
            .iter()
            .filter(|(k, _)| k.starts_with("KAFKA_") && !OWN.contains(&k.as_str()))
            .map(|(k, v)| {
                (
                    k["KAFKA_".len()..].to_ascii_lowercase().replace('_', "."),
                    v.clone(),
                )
            })
            .collect();
        extra.sort();
        extra
    }

    pub(super) fn database_url(&self) -> Result<String, ConfigError> {
        let url = self
            .string("DATABASE_URL")
            .unwrap_or_else(|| "sqlite://webchat.db".into());
        let known = ["sqlite:", "postgres://", "postgresql://"];
        if known.iter().any(|p| url.starts_with(p)) {
            Ok(url)
        } else {
            Err(ConfigError {
                var: "DATABASE_URL",
                reason: "must start with sqlite:// or postgres://".into(),
            })
        }
    }

    pub(super) fn origins(&self, vars: &[&'static str]) -> Result<Vec<String>, ConfigError> {
        let mut origins = Vec::new();
        for &var in vars {
            for origin in self.string(var).unwrap_or_default().split(',') {
                let origin = origin.trim().trim_end_matches('/');
                if origin.is_empty() {
                    continue;
                }
                if !(origin.starts_with("http://") || origin.starts_with("https://")) {
                    return Err(ConfigError {
                        var,
                        reason: format!("{origin:?} is not an http(s) origin"),
                    });
                }
                origins.push(origin.to_string());
            }
        }
        Ok(origins)
    }
}

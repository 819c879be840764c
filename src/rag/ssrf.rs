//! SSRF guard: which addresses the crawler may connect to.
//!
//! Unless private addresses are allowed, loopback, private, link-local,
//! shared (CGNAT), multicast, documentation, benchmarking and reserved
//! ranges are refused, for IPv4 and IPv6 alike, including IPv4 addresses
//! carried inside IPv6 (mapped, compatible, NAT64, 6to4). Hosts written as
//! numbers in odd forms (`2130706433`, `0x7f.1`, `0177.0.0.1`,
//! `[::ffff:127.0.0.1]`) are parsed here, and every address a name resolves
//! to is checked by [`GuardedResolver`] before a connection opens, so the
//! check holds for every redirect hop and against DNS rebinding.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Which addresses may be fetched.
#[derive(Debug, Clone)]
pub struct AddressPolicy {
    /// Anything goes (the setting named by `setting`).
    pub allow_private: bool,
    /// Addresses allowed even when private ones are not (tests use it for
    /// their loopback fixture; not configurable from the environment).
    pub exempt: Vec<IpAddr>,
    /// The variable that allows private addresses, named in refusals:
    /// `INGEST_ALLOW_PRIVATE` (the default) or `WEBHOOK_ALLOW_PRIVATE`.
    pub setting: &'static str,
}

impl Default for AddressPolicy {
    fn default() -> Self {
        AddressPolicy {
            allow_private: false,
            exempt: Vec::new(),
            setting: "INGEST_ALLOW_PRIVATE",
        }
    }
}

/// A refused address, named in crawl and webhook errors with the setting
/// that would allow it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("refused to connect to {host}: {reason} (set {setting}=true to allow private addresses)")]
pub struct Refused {
    pub host: String,
    pub reason: String,
    pub setting: &'static str,
}

impl AddressPolicy {
    /// Private addresses allowed or not by `setting`.
    pub fn new(allow_private: bool, setting: &'static str) -> Self {
        AddressPolicy {
            allow_private,
            exempt: Vec::new(),
            setting,
        }
    }

    /// A refusal of `host`, naming this policy's setting.
    pub fn refused(&self, host: &str, reason: impl Into<String>) -> Refused {
        Refused {
            host: host.to_string(),
            reason: reason.into(),
            setting: self.setting,
        }
    }

    pub fn allows(&self, ip: IpAddr) -> bool {
        self.allow_private || self.exempt.contains(&ip) || is_public(ip)
    }

    /// Checks a URL host before any connection: IP literals in every form
    /// here; names are checked again on each resolved address by the resolver.
    pub fn check_host(&self, host: &str) -> Result<(), Refused> {
        match parse_ip_literal(host) {
            Some(ip) if !self.allows(ip) => {
                Err(self.refused(host, format!("{ip} is not a public address")))
            }
            _ => Ok(()),
        }
    }
}

/// The address refusal behind a request's failure, if that was its cause.
pub fn refusal(e: &reqwest::Error) -> Option<&Refused> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(refused) = err.downcast_ref::<Refused>() {
            return Some(refused);
        }
        source = err.source();
    }
    None
}

/// True for globally routable unicast addresses.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    (u32::from(ip) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    const BLOCKED: &[([u8; 4], u32)] = &[
        ([0, 0, 0, 0], 8),       // "this network"
        ([10, 0, 0, 0], 8),      // private
        ([100, 64, 0, 0], 10),   // shared address space (CGNAT)
        ([127, 0, 0, 0], 8),     // loopback
        ([169, 254, 0, 0], 16),  // link-local (cloud metadata lives here)
        ([172, 16, 0, 0], 12),   // private
        ([192, 0, 0, 0], 24),    // IETF protocol assignments
        ([192, 0, 2, 0], 24),    // TEST-NET-1
        ([192, 88, 99, 0], 24),  // 6to4 relay anycast
        ([192, 168, 0, 0], 16),  // private
        ([198, 18, 0, 0], 15),   // benchmarking
        ([198, 51, 100, 0], 24), // TEST-NET-2
        ([203, 0, 113, 0], 24),  // TEST-NET-3
        ([224, 0, 0, 0], 4),     // multicast
        ([240, 0, 0, 0], 4),     // reserved, and broadcast
    ];
    !BLOCKED.iter().any(|&(net, prefix)| in_v4(ip, net, prefix))
}

fn in_v6(ip: Ipv6Addr, net: u128, prefix: u32) -> bool {
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - prefix)
    };
    (u128::from(ip) & mask) == (net & mask)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let bits = u128::from(ip);
    let low32 = Ipv4Addr::from((bits & 0xffff_ffff) as u32);
    if in_v6(ip, 0xffff_0000_0000, 96) || in_v6(ip, 0, 96) {
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d,
        // which includes :: and ::1): judged by the IPv4 address.
        return bits > 1 && is_public_v4(low32);
    }
    if in_v6(ip, 0x0064_ff9b << 96, 96) {
        return is_public_v4(low32); // NAT64 well-known prefix
    }
    if in_v6(ip, 0x2002 << 112, 16) {
        let embedded = Ipv4Addr::from(((bits >> 80) & 0xffff_ffff) as u32);
        return is_public_v4(embedded); // 6to4
    }
    const BLOCKED: &[(u128, u32)] = &[
        (0x0064_ff9b_0001 << 80, 48), // local-use NAT64
        (0x0100 << 112, 64),          // discard-only
        (0x2001 << 112, 23),          // IETF protocol assignments (Teredo, ORCHID…)
        (0x2001_0db8 << 96, 32),      // documentation
        (0x3fff << 112, 20),          // documentation
        (0xfc00 << 112, 7),           // unique local
        (0xfe80 << 112, 10),          // link-local
        (0xfec0 << 112, 10),          // site-local (deprecated)
        (0xff00 << 112, 8),           // multicast
    ];
    !BLOCKED.iter().any(|&(net, prefix)| in_v6(ip, net, prefix))
}

/// An IP address written as a URL host, in any form browsers accept:
/// `[v6]`, dotted quads, and the WHATWG forms with fewer parts, hex
/// (`0x7f.1`) and octal (`0177.0.0.1`) parts, or one number (`2130706433`).
pub fn parse_ip_literal(host: &str) -> Option<IpAddr> {
    let host = host.trim();
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    if let Ok(v6) = host.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(v6));
    }
    parse_ipv4_whatwg(host).map(IpAddr::V4)
}

fn parse_ipv4_whatwg(host: &str) -> Option<Ipv4Addr> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let numbers: Vec<u64> = parts
        .iter()
        .map(|p| parse_ipv4_part(p))
        .collect::<Option<_>>()?;
    let (last, head) = numbers.split_last()?;
    if head.iter().any(|&n| n > 255) || *last >= 256u64.pow(5 - numbers.len() as u32) {
        return None;
    }
    let mut value = *last;
    for (i, n) in head.iter().enumerate() {
        value += n << (8 * (3 - i));
    }
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

fn parse_ipv4_part(part: &str) -> Option<u64> {
    if part.is_empty() || part.len() > 12 {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        return Some(0); // "0x" alone is zero
    }
    u64::from_str_radix(digits, radix).ok()
}

/// A DNS resolver for reqwest that drops every address the policy refuses,
/// and fails when none is left: the check happens before connecting.
pub struct GuardedResolver {
    policy: Arc<AddressPolicy>,
}

impl GuardedResolver {
    pub fn new(policy: Arc<AddressPolicy>) -> Self {
        GuardedResolver { policy }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        Box::pin(async move {
            let host = name.as_str().to_string();
            if let Err(refused) = policy.check_host(&host) {
                return Err(Box::new(refused) as Box<dyn std::error::Error + Send + Sync>);
            }
            let resolved: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = resolved
                .iter()
                .copied()
                .filter(|a| policy.allows(a.ip()))
                .collect();
            if allowed.is_empty() {
                let shown: Vec<String> = resolved.iter().map(|a| a.ip().to_string()).collect();
                let reason = format!(
                    "it resolves only to non-public addresses ({})",
                    shown.join(", ")
                );
                return Err(Box::new(policy.refused(&host, reason))
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_literal_forms_parse() {
        let lo = Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
        for form in [
            "127.0.0.1",
            "2130706433",
            "0x7f.1",
            "0x7f000001",
            "0177.0.0.1",
            "127.1",
            "127.0.1",
            "0x7F.0.0.1.",
            "[::ffff:127.0.0.1]",
        ] {
            let parsed = parse_ip_literal(form);
            let as_v4 = parsed.map(|ip| match ip {
                IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
                v4 => v4,
            });
            assert_eq!(as_v4, lo, "{form}");
        }
        assert_eq!(parse_ip_literal("example.com"), None);
        assert_eq!(parse_ip_literal("1.2.3.4.5"), None);
        assert_eq!(parse_ip_literal("256.1.1.1"), None);
        assert_eq!(
            parse_ip_literal("08.1.1.1"),
            None,
            "8 is not an octal digit"
        );
    }
}

//! The crawler's guards, driven directly: the SSRF address list, redirects
//! to private addresses refused before connecting (the fixture's own
//! address is exempted so the first hop can run), and the byte, time and
//! content-type caps.

use std::{net::IpAddr, time::Duration};

use url::Url;
use webchat::rag::{
    fetch::{FetchError, FetchLimits, Fetcher},
    ssrf::{AddressPolicy, is_public, parse_ip_literal},
};

use super::fixture::Fixture;

#[test]
fn address_list() {
    let refused = [
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "192.0.0.8",
        "192.0.2.1",
        "198.18.0.1",
        "198.51.100.7",
        "203.0.113.9",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "2001::1",
        "100::1",
    ];
    for ip in refused {
        let ip: IpAddr = ip.parse().unwrap();
        assert!(!is_public(ip), "{ip} must be refused");
    }
    let public = [
        "1.1.1.1",
        "8.8.8.8",
        "93.184.216.34",
        "172.32.0.1",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "2002:0808:0808::",
        "64:ff9b::808:808",
    ];
    for ip in public {
        let ip: IpAddr = ip.parse().unwrap();
        assert!(is_public(ip), "{ip} is public");
    }
    let policy = AddressPolicy::default();
    for host in [
        "2130706433",
        "0x7f.1",
        "0x7f000001",
        "0177.0.0.1",
        "127.1",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::1]",
        "017700000001",
        "0xA9.0xFE.0xA9.0xFE",
        "3232235777",
    ] {
        assert!(policy.check_host(host).is_err(), "{host} must be refused");
    }
    assert!(
        policy.check_host("example.com").is_ok(),
        "names are checked when resolved"
    );
    assert_eq!(
        parse_ip_literal("3232235777"),
        Some("192.168.1.1".parse().unwrap())
    );
    assert!(
        AddressPolicy {
            allow_private: true,
            ..AddressPolicy::default()
        }
        .check_host("127.0.0.1")
        .is_ok()
    );
}

fn fetcher(fixture: &Fixture, limits: FetchLimits) -> Fetcher {
    let policy = AddressPolicy {
        exempt: vec![fixture.addr.ip()],
        ..AddressPolicy::default()
    };
    Fetcher::new(policy, limits).unwrap()
}

fn anywhere(_: &Url) -> Result<(), String> {
    Ok(())
}

#[tokio::test]
async fn redirects_to_private_addresses_are_refused() {
    let fixture = Fixture::start().await;
    let f = fetcher(&fixture, FetchLimits::default());
    let port = fixture.addr.port();
    let ok = f
        .get(
            &Url::parse(&fixture.url("/old-shipping")).unwrap(),
            &anywhere,
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        ok.url.path(),
        "/shipping",
        "a redirect on the site is followed"
    );
    for target in [
        format!("http://127.0.0.2:{port}/"),
        format!("http://2130706434:{port}/"),
        format!("http://[::ffff:127.0.0.2]:{port}/"),
        format!("http://[::1]:{port}/"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
    ] {
        let url = Url::parse(&fixture.url("/redirect")).unwrap();
        let url = Url::parse_with_params(url.as_str(), &[("to", &target)]).unwrap();
        let err = f.get(&url, &anywhere, None).await.unwrap_err();
        assert!(matches!(err, FetchError::Refused(_)), "{target}: {err:?}");
    }
    let url =
        Url::parse_with_params(&fixture.url("/redirect"), &[("to", "file:///etc/passwd")]).unwrap();
    assert!(matches!(
        f.get(&url, &anywhere, None).await,
        Err(FetchError::NotAllowed(..))
    ));
}

#[tokio::test]
async fn size_time_and_type_caps() {
    let fixture = Fixture::start().await;
    let small = fetcher(
        &fixture,
        FetchLimits {
            max_bytes: 1000,
            ..FetchLimits::default()
        },
    );
    let huge = small
        .get(&Url::parse(&fixture.url("/huge")).unwrap(), &anywhere, None)
        .await
        .unwrap();
    assert!(huge.truncated && huge.body.len() == 1000);
    let quick = fetcher(
        &fixture,
        FetchLimits {
            timeout: Duration::from_millis(300),
            ..FetchLimits::default()
        },
    );
    let started = std::time::Instant::now();
    let slow = quick
        .get(&Url::parse(&fixture.url("/slow")).unwrap(), &anywhere, None)
        .await;
    assert!(
        matches!(slow, Err(FetchError::Network(_))) && started.elapsed() < Duration::from_secs(3),
        "{slow:?}"
    );
    let html: &[&str] = &["text/html"];
    let binary = small
        .get(
            &Url::parse(&fixture.url("/download")).unwrap(),
            &anywhere,
            Some(html),
        )
        .await;
    assert!(matches!(binary, Err(FetchError::Skipped(_))), "{binary:?}");
}

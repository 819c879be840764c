//! Twilio webhook bodies: form parsing, the inbound and status parsers, and
//! signature checking must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webchat::whatsapp::{Inbound, StatusCallback, signature};

fuzz_target!(|data: &[u8]| {
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b""[..], data),
    };
    let Ok(params) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(body) else {
        return;
    };
    let header = String::from_utf8_lossy(header);
    let _ = signature::verify("token", "https://example.com/webhooks/twilio/whatsapp", &params, &header);
    if let Ok(inbound) = Inbound::parse(&params) {
        let _ = inbound.display_name();
    }
    if let Ok(status) = StatusCallback::parse(&params) {
        let _ = (status.rank(), status.explanation());
    }
});

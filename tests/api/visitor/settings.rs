//! Widget settings and business hours: anyone reads them (from any origin),
//! only admins change them, bad input changes nothing; availability follows
//! the hours and the agents, and visitors hear it change live.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp};
use crate::on_both_databases;
use crate::socket::Client;

/// Waits until the newest `availability` the client heard matches.
async fn heard(client: &Client, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..200 {
        if let Some(last) = client.events("availability").pop()
            && pred(&last)
        {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "availability never matched; heard {:?}",
        client.events("availability")
    );
}

async fn widget_settings_are_public_and_admin_only(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .http
        .get(app.url("/api/settings/widget"))
        .header("origin", "https://shop.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "*",
        "the widget reads it from the host page"
    );
    let defaults: serde_json::Value = res.json().await.unwrap();
    assert_eq!(defaults["position"], "right");
    assert_eq!(defaults["locale"], "");

    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let wanted = json!({
        "title": " Acme support ", "greeting": "Hello!", "color": "#FF6600",
        "position": "left", "site": "https://acme.example", "locale": "es-MX"
    });
    let (status, body) = app
        .put("/api/settings/widget", Some(&agent), wanted.clone())
        .await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = app.put("/api/settings/widget", None, wanted.clone()).await;
    assert_eq!(status, 401, "{body}");

    let (status, saved) = app.put("/api/settings/widget", Some(&admin), wanted).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["title"], "Acme support");
    assert_eq!(saved["color"], "#ff6600");
    assert_eq!(saved["locale"], "es");

    for (bad, field) in [
        (json!({"color": "red;background:url(//evil)"}), "color"),
        (json!({"title": ""}), "title"),
        (json!({"locale": "it"}), "locale"),
        (json!({"position": "top"}), "position"),
        (json!({"site": "javascript:alert(1)"}), "site"),
        (json!({"greeting": "x".repeat(201)}), "greeting"),
    ] {
        let mut body = saved.clone();
        for (k, v) in bad.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, err) = app.put("/api/settings/widget", Some(&admin), body).await;
        assert_eq!(status, 400, "{field}: {err}");
        assert_eq!(err["error"]["code"], "invalid", "{field}: {err}");
    }
    let (_, now) = app.get("/api/settings/widget", None).await;
    assert_eq!(now, saved, "refused changes change nothing");
}

async fn availability_follows_hours_and_agents(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let (_, a) = app.get("/api/availability", None).await;
    assert_eq!(a["online"], false, "no agent: {a}");
    assert_eq!(a["agentsOnline"], 0);
    assert_eq!(a["withinBusinessHours"], true, "no hours set: always open");

    let (visitor, _, _) = app.visitor("Ada").await;
    let (bob, _) = app.agent("Bob").await;
    let live = heard(&visitor, |a| a["online"] == true).await;
    assert_eq!(live["agentsOnline"], 1, "{live}");

    // closed every day: the hours win over the online agent
    let closed = json!({ "timezone": "Europe/Paris", "weekly": {}, "holidays": [] });
    let (status, body) = app
        .put("/api/settings/business-hours", Some(&admin), closed)
        .await;
    assert_eq!(status, 200, "{body}");
    let live = heard(&visitor, |a| a["online"] == false).await;
    assert_eq!(live["withinBusinessHours"], false, "{live}");
    assert_eq!(live["agentsOnline"], 1, "counted whatever the hours");

    // open all week: the next opening is in the answer while closed
    let hours = json!({
        "timezone": "Asia/Tokyo",
        "weekly": { "mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]], "wed": [["00:00", "24:00"]],
                    "thu": [["00:00", "24:00"]], "fri": [["00:00", "24:00"]], "sat": [["00:00", "24:00"]],
                    "sun": [["00:00", "24:00"]] },
        "holidays": []
    });
    let (status, body) = app
        .put("/api/settings/business-hours", Some(&admin), hours.clone())
        .await;
    assert_eq!(status, 200, "{body}");
    heard(&visitor, |a| a["online"] == true).await;
    let (_, read) = app.get("/api/settings/business-hours", None).await;
    assert_eq!(read, hours);

    // today a holiday (in UTC): closed, and open again at midnight
    let today = chrono::Utc::now().date_naive();
    let mut holiday = hours.clone();
    holiday["timezone"] = json!("UTC");
    holiday["holidays"] = json!([today.to_string()]);
    let (status, body) = app
        .put("/api/settings/business-hours", Some(&admin), holiday)
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, a) = app.get("/api/availability", None).await;
    assert_eq!(a["withinBusinessHours"], false, "{a}");
    let tomorrow = today
        .succ_opt()
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let next: chrono::DateTime<chrono::Utc> = a["nextOpenAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(next, tomorrow, "{a}");
    let (status, _) = app
        .put("/api/settings/business-hours", Some(&admin), hours.clone())
        .await;
    assert_eq!(status, 200);

    let ack = bob.call("agent:status", json!({ "status": "away" })).await;
    assert_eq!(ack["ok"], true, "{ack}");
    let live = heard(&visitor, |a| a["agentsOnline"] == 0).await;
    assert_eq!(live["online"], false, "away agents do not answer: {live}");

    let (status, err) = app
        .put(
            "/api/settings/business-hours",
            Some(&admin),
            json!({ "timezone": "Mars/Olympus", "weekly": null, "holidays": [] }),
        )
        .await;
    assert_eq!(status, 400, "{err}");
    assert!(
        err["error"]["message"].as_str().unwrap().contains("IANA"),
        "{err}"
    );
    let agent = app.agent_token("Carl").await;
    let (status, _) = app
        .put("/api/settings/business-hours", Some(&agent), hours)
        .await;
    assert_eq!(status, 403);
}

on_both_databases!(
    widget_settings_are_public_and_admin_only,
    availability_follows_hours_and_agents
);

//! A known stretch of chats, then the report: every number equals what
//! the chats did, read back from their own timestamps.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, open_session, send};
use crate::on_both_databases;

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

async fn reports_equal_what_happened(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let from = Utc::now() - Duration::seconds(5);

    // 1: the bot answers, the visitor ends it (resolved by the bot)
    let (ada, _, _) = app.visitor("Ada").await;
    let by_bot = open_session(&ada).await;
    send(&ada, &by_bot, "hello").await;
    let ack = ada
        .call("session:close", json!({ "sessionId": by_bot }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    // 2: handed off, Bob answers, ends it, rated 4
    let (bob, _) = app.agent("Bob").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let helped = open_session(&eve).await;
    send(&eve, &helped, "I need a person").await;
    eve.call("handoff:request", json!({ "sessionId": helped }))
        .await;
    let claimed = bob
        .call("agent:claim", json!({ "sessionId": helped }))
        .await;
    assert_eq!(claimed["ok"], true, "{claimed}");
    let reply = send(&bob, &helped, "Hi Eve, Bob here.").await;
    bob.call("session:close", json!({ "sessionId": helped }))
        .await;
    let rated = eve
        .call("csat:submit", json!({ "sessionId": helped, "rating": 4 }))
        .await;
    assert_eq!(rated["ok"], true, "{rated}");
    // 3: handed off, still waiting; 4: with the bot, open
    let (fay, _, _) = app.visitor("Fay").await;
    let waiting = open_session(&fay).await;
    fay.call("handoff:request", json!({ "sessionId": waiting }))
        .await;
    let (gus, _, _) = app.visitor("Gus").await;
    open_session(&gus).await;
    let to = Utc::now() + Duration::seconds(5);

    let (_, helped_now) = app
        .get(&format!("/api/sessions/{helped}/messages"), Some(&admin))
        .await;
    let (_, bot_now) = app
        .get(&format!("/api/sessions/{by_bot}/messages"), Some(&admin))
        .await;
    let s = &helped_now["session"];
    let wait = (at(&s["assignedAt"]) - at(&s["queuedAt"])).num_seconds();
    let first_response = (at(&reply["createdAt"]) - at(&s["assignedAt"])).num_seconds();
    let resolutions = [
        (at(&s["closedAt"]) - at(&s["createdAt"])).num_seconds(),
        (at(&bot_now["session"]["closedAt"]) - at(&bot_now["session"]["createdAt"])).num_seconds(),
    ];

    let query = format!(
        "from={}&to={}&tz=UTC",
        from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        to.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let (status, r) = app
        .get(&format!("/api/reports/summary?{query}"), Some(&admin))
        .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["conversations"], 4, "{r}");
    assert_eq!(r["handedOff"], 2);
    assert_eq!(r["resolvedByBot"], 1);
    assert_eq!(r["medianWaitSecs"], wait);
    assert_eq!(r["medianFirstResponseSecs"], first_response);
    assert_eq!(
        r["medianResolutionSecs"],
        *resolutions.iter().min().unwrap()
    );
    assert_eq!(r["csat"], json!({ "average": 4.0, "count": 1 }));
    assert_eq!(r["perAgent"].as_array().unwrap().len(), 1);
    assert_eq!(r["perAgent"][0]["displayName"], "Bob");
    assert_eq!(r["perAgent"][0]["conversations"], 1);
    assert_eq!(r["perAgent"][0]["csatAverage"], 4.0);
    let hours = r["byHour"].as_array().unwrap();
    assert_eq!(hours.len(), 24);
    let sum =
        |list: &[Value], key: &str| list.iter().map(|h| h[key].as_i64().unwrap()).sum::<i64>();
    assert_eq!(sum(hours, "conversations"), 4);
    assert_eq!(sum(hours, "handedOff"), 2);
    let days = r["byDay"].as_array().unwrap();
    assert_eq!(sum(days, "conversations"), 4);
    assert_eq!(sum(days, "resolvedByBot"), 1);
    assert_eq!(days[0]["date"], from.date_naive().to_string());

    // an earlier period has none of it
    let (_, empty) = app
        .get(
            "/api/reports/summary?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&tz=Europe/Paris",
            Some(&admin),
        )
        .await;
    assert_eq!(empty["conversations"], 0);
    assert_eq!(empty["medianWaitSecs"], Value::Null);
    // midnight to midnight UTC is 01:00 to 01:00 in Paris: two local days
    let days: Vec<&str> = empty["byDay"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2020-01-01", "2020-01-02"]);

    // the CSV: a header and one row per conversation
    let res = app
        .http
        .get(app.url(&format!("/api/reports/conversations.csv?{query}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[0].starts_with("session_id,created_at"));
    let helped_line = lines.iter().find(|l| l.starts_with(&helped)).unwrap();
    assert!(
        helped_line.contains(",Eve,Bob,true,false,"),
        "{helped_line}"
    );

    // who may read, and bad periods
    let agent = app.agent_token("Carl").await;
    let (status, _) = app
        .get(&format!("/api/reports/summary?{query}"), Some(&agent))
        .await;
    assert_eq!(status, 403, "agents read no reports");
    let (_, sup) = app
        .post(
            "/api/agents",
            Some(&admin),
            json!({ "email": "sue@agents.test", "password": "agent-password-1", "displayName": "Sue", "role": "supervisor" }),
        )
        .await;
    assert!(sup["user"]["id"].is_string(), "{sup}");
    let sue = app.login("sue@agents.test", "agent-password-1").await;
    let (status, _) = app
        .get(&format!("/api/reports/summary?{query}"), Some(&sue))
        .await;
    assert_eq!(status, 200, "supervisors read reports");
    for bad in [
        "from=yesterday&to=2026-01-01T00:00:00Z",
        "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&tz=Mars/Base",
    ] {
        let (status, body) = app
            .get(&format!("/api/reports/summary?{bad}"), Some(&admin))
            .await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
}

on_both_databases!(reports_equal_what_happened);

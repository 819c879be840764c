//! Inviting people by email: the link is mailed through a real SMTP server,
//! works once and for 7 days, makes the account with the role and capacity
//! the admin chose, and signs the person in; re-inviting, resending and
//! withdrawing each stop the old link at once.

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, fresh_database};
use crate::on_both_databases;
use crate::visitor::{Smtp, Underneath};

/// The token in an invitation link (`…/agent/invite#token=…`).
fn token_of(link: &str) -> String {
    let (_, token) = link
        .split_once("#token=")
        .unwrap_or_else(|| panic!("no token in {link}"));
    token.to_string()
}

async fn lookup(app: &TestApp, token: &str) -> (u16, Value) {
    app.post("/api/invitations/lookup", None, json!({ "token": token }))
        .await
}

async fn an_invitation_by_email_makes_the_account_once(db: Db) {
    let Some(smtp) = Smtp::start().await else {
        return;
    };
    let url = smtp.url.clone();
    let app = TestApp::spawn_on(&fresh_database(db).await, move |c| {
        c.mail.smtp_url = Some(url);
    })
    .await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let carol = json!({ "email": "Carol@Example.test", "role": "supervisor", "displayName": "Carol", "capacity": 3 });
    let (status, _) = app
        .post("/api/invitations", Some(&agent), carol.clone())
        .await;
    assert_eq!(status, 403, "agents invite no one");
    for bad in [
        json!({ "email": "not an email" }),
        json!({ "email": "x@example.test", "role": "user" }),
        json!({ "email": "x@example.test", "capacity": 0 }),
        json!({ "email": "x@example.test", "colour": "red" }),
    ] {
        let (status, body) = app
            .post("/api/invitations", Some(&admin), bad.clone())
            .await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let (status, body) = app
        .post(
            "/api/invitations",
            Some(&admin),
            json!({ "email": crate::helpers::ADMIN_EMAIL }),
        )
        .await;
    assert_eq!(status, 409, "someone has that email: {body}");

    let (status, sent) = app.post("/api/invitations", Some(&admin), carol).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["mailed"], true);
    assert_eq!(sent["invitation"]["status"], "pending");
    assert_eq!(sent["invitation"]["role"], "supervisor");
    let link = sent["link"].as_str().unwrap().to_string();
    assert!(link.contains("/agent/invite#token="), "{link}");
    let mail = smtp.next_mail(std::time::Duration::from_secs(20)).await;
    assert_eq!(mail["to"][0], "Carol@Example.test", "{mail}");
    assert!(
        mail["body"].as_str().unwrap().contains(&link),
        "the mail carries the link: {mail}"
    );
    let token = token_of(&link);

    let (status, _) = lookup(&app, "wct_forged-forged-forged-forged-forged-forged-f").await;
    assert_eq!(status, 404);
    let (status, found) = lookup(&app, &token).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["invitation"]["email"], "Carol@Example.test");
    assert_eq!(found["invitation"]["displayName"], "Carol");

    let accept = |password: &str| json!({ "token": token, "password": password });
    let (status, body) = app
        .post("/api/invitations/accept", None, accept("short"))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        lookup(&app, &token).await.0,
        200,
        "a refused password keeps the link"
    );

    // Two tabs accept at once: one account.
    let (first, second) = tokio::join!(
        app.post("/api/invitations/accept", None, accept("carol-password-1")),
        app.post("/api/invitations/accept", None, accept("carol-password-2")),
    );
    let mut answers = [first, second];
    answers.sort_by_key(|(status, _)| *status);
    assert_eq!(answers[0].0, 201, "{:?}", answers[0]);
    assert_eq!(answers[1].0, 404, "the link works once: {:?}", answers[1]);
    let signed_in = &answers[0].1;
    let token_now = signed_in["token"].as_str().unwrap();
    let (status, me) = app.get("/api/me", Some(token_now)).await;
    assert_eq!(status, 200, "signed in at once: {me}");
    assert_eq!(me["user"]["role"], "supervisor");
    assert_eq!(me["user"]["displayName"], "Carol");
    assert_eq!(lookup(&app, &token).await.0, 404, "used");

    let (_, team) = app.get("/api/agents", Some(&admin)).await;
    let member = team["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["displayName"] == "Carol")
        .unwrap_or_else(|| panic!("Carol is in the team: {team}"));
    assert_eq!(member["capacity"], 3, "{member}");
    let (_, listed) = app.get("/api/invitations", Some(&admin)).await;
    assert_eq!(listed["invitations"][0]["status"], "accepted", "{listed}");
    let (status, _) = app
        .post(
            &format!(
                "/api/invitations/{}/resend",
                listed["invitations"][0]["id"].as_str().unwrap()
            ),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(status, 409, "an accepted invitation is not sent again");

    let (_, log) = app.get("/api/audit?limit=500", Some(&admin)).await;
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"invitation.sent"), "{actions:?}");
    assert!(actions.contains(&"invitation.accepted"), "{actions:?}");
}

async fn a_new_link_stops_the_old_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let dan = json!({ "email": "dan@example.test" });
    let (status, first) = app
        .post("/api/invitations", Some(&admin), dan.clone())
        .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        first["mailed"], false,
        "no SMTP_URL: the admin sends the link"
    );
    let (_, second) = app.post("/api/invitations", Some(&admin), dan).await;
    let (one, two) = (
        token_of(first["link"].as_str().unwrap()),
        token_of(second["link"].as_str().unwrap()),
    );
    assert_eq!(
        lookup(&app, &one).await.0,
        404,
        "inviting again replaces the link"
    );
    assert_eq!(lookup(&app, &two).await.0, 200);
    let (_, listed) = app.get("/api/invitations", Some(&admin)).await;
    assert_eq!(
        listed["invitations"].as_array().unwrap().len(),
        1,
        "{listed}"
    );

    let id = second["invitation"]["id"].as_str().unwrap().to_string();
    let (status, third) = app
        .post(
            &format!("/api/invitations/{id}/resend"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{third}");
    let three = token_of(third["link"].as_str().unwrap());
    assert_eq!(
        lookup(&app, &two).await.0,
        404,
        "resending replaces the link"
    );
    assert_eq!(lookup(&app, &three).await.0, 200);

    // An expired link says so.
    let db = Underneath::open(&app).await;
    db.count(
        "update invitations set expires_at = '2020-01-01T00:00:00Z' where email = $1 returning cast(1 as bigint)",
        "dan@example.test",
    )
    .await;
    db.close().await;
    let (status, body) = lookup(&app, &three).await;
    assert_eq!(status, 404);
    assert!(body.to_string().contains("expired"), "{body}");
    let (status, _) = app
        .post(
            "/api/invitations/accept",
            None,
            json!({ "token": three, "password": "dan-password-1" }),
        )
        .await;
    assert_eq!(status, 404, "an expired link makes no account");
    let (status, resent) = app
        .post(
            &format!("/api/invitations/{id}/resend"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "an expired invitation is sent again: {resent}");
    assert_eq!(resent["invitation"]["status"], "pending");
    let four = token_of(resent["link"].as_str().unwrap());

    assert_eq!(
        app.delete(&format!("/api/invitations/{id}"), Some(&admin))
            .await,
        204
    );
    assert_eq!(lookup(&app, &four).await.0, 404, "withdrawn");
    assert_eq!(
        app.delete(&format!("/api/invitations/{id}"), Some(&admin))
            .await,
        404
    );
    let (_, listed) = app.get("/api/invitations", Some(&admin)).await;
    assert_eq!(listed["invitations"], json!([]), "{listed}");
}

on_both_databases!(
    an_invitation_by_email_makes_the_account_once,
    a_new_link_stops_the_old_one
);

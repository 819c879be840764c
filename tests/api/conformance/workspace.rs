//! The workspace's store guarantees, on both databases: full-text search
//! (stemming, every word, filters, paging, whole texts for snippets),
//! tags, contacts and identities, attachments that belong to one session,
//! and canned responses with unique shortcuts.

use uuid::Uuid;
use webchat::{
    domain::model::{Role, SessionStatus, VisitorPage},
    store::{Bytes, CannedDraft, Identity, NewAttachment, SearchFilter, StoreError},
};

use super::{append, store, text, user, web_session};
use crate::helpers::Db;
use crate::on_both_databases;

fn words(q: &str) -> SearchFilter {
    SearchFilter {
        terms: q.split(' ').map(String::from).collect(),
        limit: 20,
        ..SearchFilter::default()
    }
}

async fn full_text_search_finds_words_in_any_message(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let refund = web_session(&*s, ada.id).await;
    append(
        &*s,
        text(refund.id, "Where are my refunds? Order 1234", Some("a")),
    )
    .await
    .unwrap();
    append(
        &*s,
        text(
            refund.id,
            "It was a <gift> for my mother, write to vera@shop.test",
            Some("b"),
        ),
    )
    .await
    .unwrap();
    let other = web_session(&*s, ada.id).await;
    append(&*s, text(other.id, "Password reset please", Some("c")))
        .await
        .unwrap();

    let hits = s.search(&words("refund")).await.unwrap();
    assert_eq!(hits.len(), 1, "stemmed: refund finds refunds");
    assert_eq!(hits[0].session.id, refund.id);
    assert_eq!(hits[0].matches.len(), 1);
    assert_eq!(hits[0].matches[0].seq, 1);
    assert_eq!(
        hits[0].matches[0].snippet, "Where are my refunds? Order 1234",
        "the text, uncut"
    );
    assert_eq!(
        s.search(&words("resetting")).await.unwrap()[0].session.id,
        other.id,
        "stemmed: resetting finds reset"
    );
    assert!(
        s.search(&words("passw")).await.unwrap().is_empty(),
        "whole words, not prefixes"
    );
    assert!(
        s.search(&words("refund password"))
            .await
            .unwrap()
            .is_empty(),
        "every word"
    );
    assert_eq!(
        s.search(&words("1234")).await.unwrap().len(),
        1,
        "numbers are words"
    );
    let gift = s.search(&words("gift")).await.unwrap();
    assert_eq!(gift.len(), 1, "markup-like text is words too");
    assert!(
        gift[0].matches[0].snippet.contains("<gift>"),
        "raw text: escaping is the caller's"
    );
    let mail = s.search(&words("vera shop")).await.unwrap();
    assert_eq!(mail.len(), 1, "an address is words (vera@shop.test)");

    // Filters and paging, newest first.
    let mut filter = words("refund");
    filter.status = Some(SessionStatus::Closed);
    assert!(s.search(&filter).await.unwrap().is_empty());
    let mut page = words("please");
    append(&*s, text(refund.id, "please hurry", Some("d")))
        .await
        .unwrap();
    page.limit = 1;
    let first = s.search(&page).await.unwrap();
    assert_eq!(first[0].session.id, other.id, "the newer session first");
    page.after = Some((first[0].session.created_at, first[0].session.id));
    let second = s.search(&page).await.unwrap();
    assert_eq!(second[0].session.id, refund.id);
    page.after = Some((second[0].session.created_at, second[0].session.id));
    assert!(s.search(&page).await.unwrap().is_empty());
}

/// Past 2,000 matching messages SQLite walks the sessions instead of
/// collecting them (see `sqlite/search.rs`): the same pages either way.
async fn a_common_word_pages_like_a_rare_one(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let mut sessions = Vec::new();
    for i in 0..21 {
        let session = web_session(&*s, ada.id).await;
        for j in 0..100 {
            let body = if j == 0 && i % 7 == 0 {
                "order zebra"
            } else {
                "order question"
            };
            append(&*s, text(session.id, body, Some(&format!("{i}-{j}"))))
                .await
                .unwrap();
        }
        sessions.push(session.id);
    }
    s.set_tags(sessions[3], vec!["vip".into()]).await.unwrap();
    sessions.reverse();
    for (word, expected) in [
        ("order", sessions.clone()),
        ("zebra", vec![sessions[6], sessions[13], sessions[20]]),
    ] {
        let mut filter = words(word);
        filter.limit = 4;
        let mut seen = Vec::new();
        loop {
            let page = s.search(&filter).await.unwrap();
            let Some(last) = page.last() else { break };
            filter.after = Some((last.session.created_at, last.session.id));
            assert!(page.iter().all(|r| !r.matches.is_empty()));
            seen.extend(page.iter().map(|r| r.session.id));
        }
        assert_eq!(seen, expected, "{word}: newest first, each once");
    }
    let mut vip = words("order");
    vip.tag = Some("vip".into());
    let found: Vec<_> = s
        .search(&vip)
        .await
        .unwrap()
        .iter()
        .map(|r| r.session.id)
        .collect();
    assert_eq!(found, [sessions[17]], "a filter with a common word");
}

async fn tags_are_searchable_and_replaced_whole(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    append(&*s, text(session.id, "invoice copy please", Some("a")))
        .await
        .unwrap();
    let tagged = s
        .set_tags(session.id, vec!["billing".into(), "vip".into()])
        .await
        .unwrap();
    assert_eq!(tagged.tags, ["billing", "vip"]);
    let mut filter = words("invoice");
    filter.tag = Some("vip".into());
    assert_eq!(s.search(&filter).await.unwrap().len(), 1);
    s.set_tags(session.id, vec!["billing".into()])
        .await
        .unwrap();
    assert!(s.search(&filter).await.unwrap().is_empty(), "vip removed");
    assert_eq!(s.get_session(session.id).await.unwrap().tags, ["billing"]);
    assert!(matches!(
        s.set_tags(Uuid::now_v7(), vec![]).await,
        Err(StoreError::NotFound)
    ));
    let events = s.pending_events(100).await.unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.payload.contains("session.tagged"))
            .count(),
        2
    );
}

async fn contacts_identities_and_pages(db: Db) {
    let s = store(db).await;
    let who = Identity {
        external_id: "cust-7".into(),
        display_name: Some("Vera".into()),
        email: Some("vera@shop.test".into()),
    };
    let first = s.identify(who.clone()).await.unwrap();
    let again = s
        .identify(Identity {
            display_name: None,
            email: None,
            ..who
        })
        .await
        .unwrap();
    assert_eq!(first.id, again.id, "one user per identity");
    assert_eq!(
        again.display_name, "Vera",
        "a missing name keeps the stored one"
    );
    let session = web_session(&*s, first.id).await;
    let page = VisitorPage {
        url: "https://shop.test/cart".into(),
        title: Some("Cart".into()),
        referrer: None,
    };
    assert_eq!(
        s.set_page(session.id, page.clone()).await.unwrap().page,
        Some(page)
    );
    let contact = s.contact(first.id).await.unwrap();
    assert!(contact.verified);
    assert_eq!(contact.external_id.as_deref(), Some("cust-7"));
    assert_eq!(contact.email.as_deref(), Some("vera@shop.test"));
    assert_eq!(contact.session_count, 1);
    assert_eq!(
        s.contact_sessions(first.id, 10).await.unwrap()[0].contact_id,
        first.id
    );
    let updated = s
        .update_contact(first.id, Some("v@new.test".into()), None)
        .await
        .unwrap();
    assert_eq!(updated.email.as_deref(), Some("v@new.test"));

    let anonymous = user(&*s, Role::User, None).await;
    assert!(!s.contact(anonymous.id).await.unwrap().verified);
    let agent = user(&*s, Role::Agent, Some("bob@contacts.test")).await;
    assert!(matches!(
        s.contact(agent.id).await,
        Err(StoreError::NotFound)
    ));
}

async fn attachments_belong_to_their_session(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let mine = web_session(&*s, ada.id).await;
    let other = web_session(&*s, ada.id).await;
    let id = Uuid::now_v7();
    let stored = s
        .add_attachment(NewAttachment {
            id,
            session_id: mine.id,
            uploaded_by: ada.id,
            name: "shot.png".into(),
            content_type: "image/png".into(),
            size: 3,
            sha256: "abc".into(),
            bytes: Bytes::Inline(vec![1, 2, 3]),
        })
        .await
        .unwrap();
    assert_eq!(stored.url, format!("/api/attachments/{id}"));
    let read = s.attachment(id).await.unwrap();
    assert_eq!(read.bytes, Bytes::Inline(vec![1, 2, 3]));
    assert_eq!(read.session_id, mine.id);
    assert_eq!(
        s.session_attachments(mine.id, &[id]).await.unwrap()[0].name,
        "shot.png"
    );
    assert!(matches!(
        s.session_attachments(other.id, &[id]).await,
        Err(StoreError::NotFound)
    ));
    let in_bucket = Uuid::now_v7();
    s.add_attachment(NewAttachment {
        id: in_bucket,
        session_id: mine.id,
        uploaded_by: ada.id,
        name: "doc.pdf".into(),
        content_type: "application/pdf".into(),
        size: 10,
        sha256: "def".into(),
        bytes: Bytes::Object("s/x".into()),
    })
    .await
    .unwrap();
    assert_eq!(
        s.attachment(in_bucket).await.unwrap().bytes,
        Bytes::Object("s/x".into())
    );
    let orphan = NewAttachment {
        id: Uuid::now_v7(),
        session_id: Uuid::now_v7(),
        uploaded_by: ada.id,
        name: "x".into(),
        content_type: "text/plain".into(),
        size: 1,
        sha256: "0".into(),
        bytes: Bytes::Inline(vec![0]),
    };
    assert!(matches!(
        s.add_attachment(orphan).await,
        Err(StoreError::NotFound)
    ));
}

async fn canned_shortcuts_are_unique(db: Db) {
    let s = store(db).await;
    let sue = user(&*s, Role::Supervisor, Some("sue@canned.test")).await;
    let draft = |shortcut: &str| CannedDraft {
        shortcut: shortcut.into(),
        title: "Refunds".into(),
        text: "Refunds take 5 days.".into(),
    };
    let refund = s.add_canned(draft("refund"), sue.id).await.unwrap();
    let late = s.add_canned(draft("late"), sue.id).await.unwrap();
    match s.add_canned(draft("refund"), sue.id).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("/refund"), "{m}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(
        s.update_canned(late.id, draft("refund"), sue.id).await,
        Err(StoreError::Conflict(_))
    ));
    let all: Vec<_> = s
        .canned_responses()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.shortcut)
        .collect();
    assert_eq!(all, ["late", "refund"], "by shortcut");
    s.delete_canned(refund.id).await.unwrap();
    assert!(matches!(
        s.delete_canned(refund.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.canned_response(refund.id).await,
        Err(StoreError::NotFound)
    ));
}

on_both_databases!(
    full_text_search_finds_words_in_any_message,
    a_common_word_pages_like_a_rare_one,
    tags_are_searchable_and_replaced_whole,
    contacts_identities_and_pages,
    attachments_belong_to_their_session,
    canned_shortcuts_are_unique,
);

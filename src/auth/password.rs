//! Password hashing with argon2id, on one dedicated thread.
//!
//! Each argon2 run takes ~19 MiB. Spread over the blocking pool's threads
//! (each with its own malloc arena), a burst of logins grew the process by
//! hundreds of MB that were never returned; one thread keeps it to one
//! arena, and hashing is never on the async threads.

use std::sync::mpsc;

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use tokio::sync::oneshot;

enum Job {
    Hash(String, oneshot::Sender<anyhow::Result<String>>),
    Verify(String, String, oneshot::Sender<bool>),
}

/// A handle to the hashing thread (which ends when the last handle drops).
#[derive(Clone)]
pub struct Passwords {
    jobs: mpsc::Sender<Job>,
}

impl Default for Passwords {
    fn default() -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("argon2".into())
            .spawn(move || {
                for job in queue {
                    match job {
                        Job::Hash(password, reply) => {
                            let _ = reply.send(hash(&password));
                        }
                        Job::Verify(password, stored, reply) => {
                            let _ = reply.send(verify(&password, &stored));
                        }
                    }
                }
            })
            .expect("the hashing thread starts");
        Passwords { jobs }
    }
}

impl Passwords {
    /// A PHC string for the password.
    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::Hash(password, reply))
            .map_err(|_| anyhow::anyhow!("the hashing thread is gone"))?;
        answer.await?
    }

    /// Checks a password against a stored hash, in constant time.
    pub async fn verify(&self, password: String, stored: String) -> bool {
        let (reply, answer) = oneshot::channel();
        if self
            .jobs
            .send(Job::Verify(password, stored, reply))
            .is_err()
        {
            return false;
        }
        answer.await.unwrap_or(false)
    }
}

fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_only_the_right_password() {
        let passwords = Passwords::default();
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(passwords.verify("correct horse".into(), hash.clone()).await);
        assert!(!passwords.verify("wrong".into(), hash).await);
        assert!(!passwords.verify("x".into(), "not a hash".into()).await);
    }
}

//! `StoreError`: what a storage call can fail with. Each backend maps its own
//! codes here; messages never carry SQL or constraint names to clients.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A condition of the write did not hold; the message is safe to show.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                // The constraint's name is for the log, not for clients.
                tracing::debug!(
                    constraint = db.constraint().unwrap_or("?"),
                    "unique violation"
                );
                StoreError::Conflict("it already exists".into())
            }
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            other => StoreError::Other(other.into()),
        }
    }
}

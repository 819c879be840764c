//! The `/admin` namespace: admins only, read-only. A bootstrap on connect,
//! then the live events the notifier sends here.

use serde_json::{Value, json};
use socketioxide::{
    SocketIo,
    adapter::Adapter,
    extract::{SocketRef, State, TryData},
    handler::ConnectHandler,
};

use socketioxide_core::adapter::DefinedAdapter;

use super::{Refused, events as ev, handshake_token};
use crate::{app::AppState, chat::model::Role, error::AppError, store::SessionFilter};

pub fn register<A: Adapter + DefinedAdapter>(io: &SocketIo<A>) -> A::InitRes {
    io.ns("/admin", on_connect::<A>.with(authenticate))
}

async fn authenticate(
    State(state): State<AppState>,
    TryData(auth): TryData<Value>,
) -> Result<(), Refused> {
    let token = handshake_token(auth.ok().as_ref())
        .ok_or_else(|| AppError::unauthorized("an admin token is required"))?;
    let identity = state.auth.authenticate(&token).await?;
    if identity.user.role != Role::Admin {
        return Err(AppError::forbidden("admins only").into());
    }
    Ok(())
}

async fn on_connect<A: Adapter>(s: SocketRef<A>, State(state): State<AppState>) {
    match bootstrap(&state).await {
        Ok(data) => {
            let _ = s.emit(ev::ADMIN_BOOTSTRAP, &data);
        }
        Err(e) => {
            AppError::from(e).log();
            let _ = s.disconnect();
        }
    }
}

/// Recent sessions (closed ones with their summary), and the counters.
async fn bootstrap(state: &AppState) -> Result<Value, crate::store::StoreError> {
    let store = state.chat.store();
    let sessions = store
        .list_sessions(SessionFilter {
            status: None,
            limit: 500,
        })
        .await?;
    let summaries: std::collections::HashMap<_, _> = store
        .recent_summaries(500)
        .await?
        .into_iter()
        .map(|s| (s.session_id, s))
        .collect();
    let sessions: Vec<Value> = sessions
        .into_iter()
        .map(|session| {
            let summary = summaries.get(&session.id);
            let mut value = json!(session);
            if let Some(summary) = summary {
                value["summary"] = json!(summary);
            }
            value
        })
        .collect();
    let stats = store.stats(chrono::Utc::now()).await?;
    Ok(
        json!({ "sessions": sessions, "stats": stats, "summaries": summaries.values().collect::<Vec<_>>() }),
    )
}

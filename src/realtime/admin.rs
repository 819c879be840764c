//! The `/admin` namespace: admins only, read-only. A bootstrap on connect,
//! then the live events the notifier sends here.

use serde_json::{Value, json};
use socketioxide::{
    SocketIo,
    adapter::Adapter,
    extract::{SocketRef, State, TryData},
    handler::ConnectHandler,
};

use socketioxide_core::adapter::{DefinedAdapter, Spawnable};

use super::{Refused, events as ev, handshake_token};
use crate::{app::AppState, chat::model::Role, error::AppError, store::SessionFilter};

pub fn register<A: Adapter + DefinedAdapter>(io: &SocketIo<A>) {
    io.ns("/admin", on_connect::<A>.with(authenticate)).spawn();
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
    let store = state.chat.store();
    let sessions = store
        .list_sessions(SessionFilter {
            status: None,
            limit: 500,
        })
        .await;
    let stats = store.stats(chrono::Utc::now()).await;
    match (sessions, stats) {
        (Ok(sessions), Ok(stats)) => {
            let _ = s.emit(
                ev::ADMIN_BOOTSTRAP,
                &json!({ "sessions": sessions, "stats": stats }),
            );
        }
        (Err(e), _) | (_, Err(e)) => {
            AppError::from(e).log();
            let _ = s.disconnect();
        }
    }
}

//! The `/admin` namespace: supervisors and admins, read-only. A bootstrap on connect,
//! then the live events the notifier sends here.

use serde_json::Value;
use socketioxide::{
    SocketIo,
    adapter::Adapter,
    extract::{SocketRef, State, TryData},
    handler::ConnectHandler,
};

use socketioxide_core::adapter::DefinedAdapter;

use super::{Refused, events as ev, handshake_token, rooms};
use crate::{error::AppError, state::AppState};

pub fn register<A: Adapter + DefinedAdapter>(io: &SocketIo<A>) -> A::InitRes {
    io.ns("/admin", on_connect::<A>.with(authenticate::<A>))
}

/// The token must be a supervisor's or an admin's (supervisors see every
/// chat anyway); the socket keeps its identity and joins
/// the user's room, so logout and expiry end it like any other socket.
async fn authenticate<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    TryData(auth): TryData<Value>,
) -> Result<(), Refused> {
    let token = handshake_token(auth.ok().as_ref())
        .ok_or_else(|| AppError::unauthorized("an admin token is required"))?;
    let identity = state.auth.authenticate(&token).await?;
    if !identity.user.role.supervises() {
        return Err(AppError::forbidden("supervisors and admins only").into());
    }
    s.join(rooms::user(identity.user.id));
    s.extensions.insert(identity);
    Ok(())
}

async fn on_connect<A: Adapter>(s: SocketRef<A>, State(state): State<AppState>) {
    match state.chat.admin_bootstrap().await {
        Ok(data) => {
            super::emitted(ev::ADMIN_BOOTSTRAP, s.emit(ev::ADMIN_BOOTSTRAP, &data));
        }
        Err(e) => {
            e.log();
            let _ = s.disconnect();
        }
    }
}

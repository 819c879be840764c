//! Who may do what to a session, and in which state: the whole rule book.
//!
//! Pure functions of the actor and the session as last read; the store's
//! conditional updates make the same state checks atomic under races. Where
//! the store must check a rule inside its write, the rule is data defined
//! here (`SEND`) and passed to the store.

use crate::domain::{
    access::{WriteAccess, Writer},
    model::{Agent, AgentStatus, Role, Session, SessionStatus, User},
};
use crate::error::{AppError, AppResult, ErrorCode};
use SessionStatus::*;

/// Who may add a message, by the session's status: the bot and the system
/// while it is open, the visitor while it is open, the assigned agent while
/// it is active with them. The store enforces it in the write that takes
/// the `seq`; `can_send` explains a refusal.
pub const SEND: WriteAccess = WriteAccess {
    system: &[BotPending, QueuedForAgent, ActiveWithAgent],
    user: &[BotPending, QueuedForAgent, ActiveWithAgent],
    agent: &[ActiveWithAgent],
};

/// After a chat closed, only the system writes in it (thanking for a
/// WhatsApp rating).
pub const AFTER_CLOSE: WriteAccess = WriteAccess {
    system: &[Closed],
    user: &[],
    agent: &[],
};

fn owns(actor: &User, session: &Session) -> bool {
    actor.role == Role::User && session.user_id == actor.id
}

fn assigned(actor: &User, session: &Session) -> bool {
    actor.role.is_staff() && session.agent_id == Some(actor.id)
}

fn not_yours() -> AppError {
    AppError::forbidden("this session is not yours")
}

fn closed() -> AppError {
    AppError::conflict("the session is closed")
}

/// A session that does not exist answers as one that is not the caller's
/// (`forbidden`, the same words), so a guessed id tells nothing.
pub fn hide_missing(e: AppError) -> AppError {
    if e.code == ErrorCode::NotFound {
        not_yours()
    } else {
        e
    }
}

/// Reading a session (join, transcript): its user, its agent, or any
/// supervisor or admin.
pub fn can_view(actor: &User, session: &Session) -> AppResult<()> {
    if owns(actor, session) || assigned(actor, session) || actor.role.supervises() {
        Ok(())
    } else {
        Err(not_yours())
    }
}

/// Reading a transcript over HTTP: its user, or any agent or admin (queue
/// previews and colleagues' chats are open to all staff).
pub fn can_read_transcript(actor: &User, session: &Session) -> AppResult<()> {
    if owns(actor, session) || actor.role.is_staff() {
        Ok(())
    } else {
        Err(not_yours())
    }
}

/// Writing a message (`SEND`): the user while open; the assigned agent while active.
pub fn can_send(actor: &User, session: &Session) -> AppResult<()> {
    let position = if owns(actor, session) {
        Writer::User
    } else if assigned(actor, session) {
        Writer::Agent
    } else {
        return Err(not_yours());
    };
    if SEND.allows(position, session.status) {
        Ok(())
    } else if session.status == Closed {
        Err(closed())
    } else {
        Err(AppError::conflict("the session is not active with you"))
    }
}

/// Opening a chat: a visitor holds at most `max` open sessions at once
/// (a flood of sessions would bury real customers in the agents' queue).
pub fn can_open_session(open: usize, max: usize) -> AppResult<()> {
    if open < max {
        Ok(())
    } else {
        Err(AppError {
            message: format!("you already have {max} open chats; end one first"),
            ..AppError::rate_limited(std::time::Duration::from_secs(60))
        })
    }
}

/// Asking for a human: the user, from the bot. `Ok(false)` when already queued
/// (a retry), so the caller answers without changing anything.
pub fn can_request_handoff(actor: &User, session: &Session) -> AppResult<bool> {
    if !owns(actor, session) {
        return Err(not_yours());
    }
    match session.status {
        BotPending => Ok(true),
        QueuedForAgent => Ok(false),
        ActiveWithAgent => Err(AppError::conflict("an agent is already in this chat")),
        Closed => Err(closed()),
    }
}

/// Working the queue at all: agents and admins.
pub fn can_work_queue(actor: &User) -> AppResult<()> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden("only agents can accept chats"))
    }
}

/// Claiming: any agent or admin, while the session is queued. `Ok(false)`
/// when the chat is already the claimer's (routed to it, or a retry).
pub fn can_claim(actor: &User, session: &Session) -> AppResult<bool> {
    can_work_queue(actor)?;
    match session.status {
        QueuedForAgent => Ok(true),
        ActiveWithAgent if assigned(actor, session) => Ok(false),
        ActiveWithAgent => Err(taken_by(session)),
        Closed => Err(closed()),
        BotPending => Err(AppError::conflict("the visitor has not asked for an agent")),
    }
}

/// The error a losing claimer gets, naming the winner.
pub fn taken_by(session: &Session) -> AppError {
    match &session.agent_display_name {
        Some(name) => AppError::conflict(format!("already taken by {name}")),
        None => AppError::conflict("already taken by another agent"),
    }
}

/// Asking to end: the user, while an agent is in the chat.
pub fn can_request_end(actor: &User, session: &Session) -> AppResult<()> {
    if !owns(actor, session) {
        return Err(not_yours());
    }
    match session.status {
        ActiveWithAgent => Ok(()),
        Closed => Err(closed()),
        _ => Err(AppError::conflict(
            "no agent is in this chat; close it instead",
        )),
    }
}

/// Accepting or declining an end request: the assigned agent (or an admin).
pub fn can_answer_end(actor: &User, session: &Session) -> AppResult<()> {
    if !(assigned(actor, session) || actor.role == Role::Admin) {
        return Err(not_yours());
    }
    match session.status {
        ActiveWithAgent => Ok(()),
        Closed => Err(closed()),
        _ => Err(AppError::conflict("the session is not active")),
    }
}

/// Writing a private note: the assigned agent, a supervisor or an admin.
pub fn can_add_note(actor: &User, session: &Session) -> AppResult<()> {
    if assigned(actor, session) || actor.role.supervises() {
        Ok(())
    } else if actor.role.is_staff() {
        Err(AppError::forbidden(
            "only the agent on this chat (or a supervisor) adds notes",
        ))
    } else {
        Err(AppError::forbidden("notes are for agents"))
    }
}

/// Reading private notes: any agent or admin, never a visitor.
pub fn can_read_notes(actor: &User) -> AppResult<()> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden("notes are for agents"))
    }
}

/// Watching a chat silently (`session:monitor`): supervisors and admins,
/// while it is open.
pub fn can_monitor(actor: &User, session: &Session) -> AppResult<()> {
    if !actor.role.supervises() {
        return Err(AppError::forbidden(
            "only supervisors and admins monitor chats",
        ));
    }
    if session.status == Closed {
        return Err(closed());
    }
    Ok(())
}

/// Handing a chat to another agent: its agent, a supervisor or an admin,
/// while it is active, to a colleague who is not offline and not already on
/// it. `target` is `None` when no such staff account exists (or it is
/// deactivated).
pub fn can_transfer(actor: &User, session: &Session, target: Option<&Agent>) -> AppResult<()> {
    if !(assigned(actor, session) || actor.role.supervises()) {
        return Err(if actor.role.is_staff() {
            AppError::forbidden("only the agent on this chat (or a supervisor) transfers it")
        } else {
            not_yours()
        });
    }
    match session.status {
        ActiveWithAgent => {}
        Closed => return Err(closed()),
        _ => {
            return Err(AppError::conflict(
                "no agent is in this chat yet; it is routed from the queue",
            ));
        }
    }
    let Some(target) = target.filter(|t| t.active) else {
        return Err(AppError::not_found("no such agent"));
    };
    if session.agent_id == Some(target.staff.user.id) {
        return Err(AppError::invalid("the chat is already with that agent"));
    }
    if target.status == AgentStatus::Offline {
        return Err(AppError::conflict(format!(
            "{} is offline; choose someone online",
            target.staff.user.display_name
        )));
    }
    Ok(())
}

/// Ending at once: the assigned agent or an admin, any time; the user while
/// no agent is assigned. `Ok(false)` when already closed (a retry).
pub fn can_close(actor: &User, session: &Session) -> AppResult<bool> {
    let allowed = assigned(actor, session)
        || actor.role == Role::Admin
        || (owns(actor, session) && matches!(session.status, BotPending | QueuedForAgent | Closed));
    if !allowed {
        return if owns(actor, session) {
            Err(AppError::conflict(
                "an agent is in this chat; ask to end it instead",
            ))
        } else {
            Err(not_yours())
        };
    }
    Ok(session.status != Closed)
}

/// Uploading a file to a session: its visitor, its agent, or a supervisor
/// or admin, while the session is open.
pub fn can_attach(actor: &User, session: &Session) -> AppResult<()> {
    if !(owns(actor, session) || assigned(actor, session) || actor.role.supervises()) {
        return Err(not_yours());
    }
    if session.status == Closed {
        return Err(closed());
    }
    Ok(())
}

/// Tagging a conversation: the agent on it, or a supervisor or admin (open
/// or closed: tags are often set after the chat).
pub fn can_tag(actor: &User, session: &Session) -> AppResult<()> {
    if assigned(actor, session) || actor.role.supervises() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "only the agent on this chat, a supervisor or an admin may tag it",
        ))
    }
}

/// What only the visitor says (where they are, their address): the
/// session's own visitor.
pub fn can_act_as_visitor(actor: &User, session: &Session) -> AppResult<()> {
    if owns(actor, session) {
        Ok(())
    } else {
        Err(not_yours())
    }
}

/// The team's library, contacts and search: any staff member.
pub fn can_use_workspace(actor: &User) -> AppResult<()> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden("agents, supervisors and admins only"))
    }
}

/// Changing the team's canned responses: supervisors and admins.
pub fn can_manage_canned(actor: &User) -> AppResult<()> {
    if actor.role.supervises() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "only supervisors and admins change the team's canned responses",
        ))
    }
}

/// The rating after a chat: its visitor's (once, after it closed; the store checks that).
pub fn can_rate(actor: &User, session: &Session) -> AppResult<()> {
    can_act_as_visitor(actor, session)
}

/// The transcript by email: the session's visitor.
pub fn can_email_transcript(actor: &User, session: &Session) -> AppResult<()> {
    can_act_as_visitor(actor, session)
}

/// The widget's look and the business hours: admins.
pub fn can_change_settings(actor: &User) -> AppResult<()> {
    can_administer(actor, "change the settings")
}

/// What only admins do (`what`: "erase contacts").
pub fn can_administer(actor: &User, what: &str) -> AppResult<()> {
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::forbidden(format!("only admins {what}")))
    }
}

/// Reports: supervisors and admins.
pub fn can_read_reports(actor: &User) -> AppResult<()> {
    if actor.role.supervises() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "only supervisors and admins read reports",
        ))
    }
}

#[cfg(test)]
mod tests;

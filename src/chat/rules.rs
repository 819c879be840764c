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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Channel;
    use chrono::Utc;
    use uuid::Uuid;

    fn user(role: Role) -> User {
        User {
            id: Uuid::now_v7(),
            role,
            display_name: "x".into(),
        }
    }

    fn session(owner: &User, status: SessionStatus, agent: Option<&User>) -> Session {
        Session {
            id: Uuid::now_v7(),
            status,
            channel: Channel::Web,
            user_id: owner.id,
            user_display_name: owner.display_name.clone(),
            agent_id: agent.map(|a| a.id),
            agent_display_name: agent.map(|a| a.display_name.clone()),
            site: None,
            created_at: Utc::now(),
            queued_at: None,
            assigned_at: None,
            closed_at: None,
            ended_by: None,
            last_seq: 0,
            message_count: 0,
            last_message_at: None,
        }
    }

    #[test]
    fn visitors_only_touch_their_own_sessions() {
        let (ada, eve) = (user(Role::User), user(Role::User));
        let s = session(&ada, BotPending, None);
        assert!(can_view(&ada, &s).is_ok());
        assert!(can_view(&eve, &s).is_err());
        assert!(can_send(&eve, &s).is_err());
        assert!(can_request_handoff(&eve, &s).is_err());
        assert!(can_close(&eve, &s).is_err());
    }

    #[test]
    fn agents_see_only_assigned_sessions_admins_all() {
        let (ada, bob, carol, admin) = (
            user(Role::User),
            user(Role::Agent),
            user(Role::Agent),
            user(Role::Admin),
        );
        let s = session(&ada, ActiveWithAgent, Some(&bob));
        assert!(can_view(&bob, &s).is_ok());
        assert!(can_send(&bob, &s).is_ok());
        assert_eq!(
            can_view(&carol, &s).unwrap_err().code,
            crate::error::ErrorCode::Forbidden
        );
        assert!(can_send(&carol, &s).is_err());
        assert!(can_view(&admin, &s).is_ok());
        assert!(can_answer_end(&admin, &s).is_ok());
    }

    #[test]
    fn open_sessions_are_bounded() {
        assert!(can_open_session(4, 5).is_ok());
        let refused = can_open_session(5, 5).unwrap_err();
        assert_eq!(refused.code, crate::error::ErrorCode::RateLimited);
    }

    #[test]
    fn the_state_machine() {
        let (ada, bob) = (user(Role::User), user(Role::Agent));
        let bot = session(&ada, BotPending, None);
        assert!(can_request_handoff(&ada, &bot).unwrap());
        assert!(
            can_claim(&bob, &bot).is_err(),
            "cannot claim before a handoff request"
        );
        assert!(can_request_end(&ada, &bot).is_err());
        assert!(
            can_close(&ada, &bot).unwrap(),
            "a visitor may end a bot chat"
        );

        let queued = session(&ada, QueuedForAgent, None);
        assert!(
            !can_request_handoff(&ada, &queued).unwrap(),
            "a retry changes nothing"
        );
        assert!(can_claim(&bob, &queued).unwrap());
        assert!(can_claim(&ada, &queued).is_err(), "visitors cannot claim");

        let active = session(&ada, ActiveWithAgent, Some(&bob));
        let lost = can_claim(&user(Role::Agent), &active).unwrap_err();
        assert!(lost.message.contains("taken by x"), "{}", lost.message);
        assert!(
            !can_claim(&bob, &active).unwrap(),
            "claiming one's own chat again is a retry"
        );
        assert!(can_request_end(&ada, &active).is_ok());
        assert!(
            can_close(&ada, &active).is_err(),
            "visitor must ask the agent"
        );
        assert!(can_close(&bob, &active).unwrap());

        let done = session(&ada, Closed, Some(&bob));
        assert!(can_send(&ada, &done).is_err());
        assert!(can_send(&bob, &done).is_err());
        assert!(!can_close(&bob, &done).unwrap(), "closing twice is a no-op");
        assert!(can_request_handoff(&ada, &done).is_err());
    }

    fn agent(user: &User, status: AgentStatus) -> Agent {
        Agent {
            staff: crate::domain::model::StaffMember {
                user: user.clone(),
                email: "a@x".into(),
                created_at: Utc::now(),
            },
            status,
            capacity: 3,
            active_chats: 0,
            active: true,
            last_assigned_at: None,
        }
    }

    #[test]
    fn transfers_and_monitoring() {
        use crate::error::ErrorCode::*;
        let (ada, bob, carol, sue) = (
            user(Role::User),
            user(Role::Agent),
            user(Role::Agent),
            user(Role::Supervisor),
        );
        let active = session(&ada, ActiveWithAgent, Some(&bob));
        let to_carol = agent(&carol, AgentStatus::Online);
        assert!(can_transfer(&bob, &active, Some(&to_carol)).is_ok());
        assert!(
            can_transfer(&sue, &active, Some(&to_carol)).is_ok(),
            "a supervisor transfers any chat"
        );
        assert!(
            can_transfer(&sue, &active, Some(&agent(&sue, AgentStatus::Away))).is_ok(),
            "a supervisor takes over"
        );
        let code = |r: AppResult<()>| r.unwrap_err().code;
        assert_eq!(
            code(can_transfer(&carol, &active, Some(&to_carol))),
            Forbidden,
            "not her chat"
        );
        assert_eq!(
            code(can_transfer(&ada, &active, Some(&to_carol))),
            Forbidden
        );
        assert_eq!(code(can_transfer(&bob, &active, None)), NotFound);
        assert_eq!(
            code(can_transfer(
                &bob,
                &active,
                Some(&agent(&bob, AgentStatus::Online))
            )),
            Invalid
        );
        assert_eq!(
            code(can_transfer(
                &bob,
                &active,
                Some(&agent(&carol, AgentStatus::Offline))
            )),
            Conflict
        );
        let gone = Agent {
            active: false,
            ..to_carol.clone()
        };
        assert_eq!(
            code(can_transfer(&bob, &active, Some(&gone))),
            NotFound,
            "deactivated"
        );
        let queued = session(&ada, QueuedForAgent, None);
        assert_eq!(code(can_transfer(&sue, &queued, Some(&to_carol))), Conflict);

        assert!(can_monitor(&sue, &active).is_ok());
        assert!(can_monitor(&user(Role::Admin), &queued).is_ok());
        assert_eq!(
            code(can_monitor(&bob, &active)),
            Forbidden,
            "agents do not monitor"
        );
        assert_eq!(
            code(can_monitor(&sue, &session(&ada, Closed, Some(&bob)))),
            Conflict
        );
        assert!(
            can_view(&sue, &active).is_ok(),
            "supervisors see every chat"
        );
        assert!(can_add_note(&sue, &active).is_ok());
        assert!(can_add_note(&carol, &active).is_err());
    }
}

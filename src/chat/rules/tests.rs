//! The rule book's cases: who may do what, in which state.

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
        contact_id: owner.id,
        tags: Vec::new(),
        page: None,
        offline: false,
        csat: None,
        locale: None,
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

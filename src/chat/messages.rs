//! The message path: a visitor's or agent's message (text, files, or a
//! canned response), a channel's message, a system note; stored under the
//! send rule, announced, and answered by the bot while the chat is the
//! bot's.

use tracing::instrument;
use uuid::Uuid;

use super::{ChatService, notify::Notice, rules, service::sender_type};
use crate::{
    domain::{
        access::WriteAccess,
        model::{Attachment, Message, Role, SenderType, SessionStatus::BotPending, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{Appended, NewMessage, StoreError},
};

/// A message as a client sends it (`message:send`), unchecked.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub text: String,
    pub client_msg_id: String,
    /// Files already uploaded to the session (`POST /api/attachments`).
    pub attachment_ids: Vec<Uuid>,
    /// A canned response to send (with `text` empty), filled in here.
    pub canned_id: Option<Uuid>,
}

impl ChatService {
    /// Stores a message (once per `client_msg_id`) and announces it; in
    /// `bot_pending` the bot answers a visitor's message after the ack.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn send(
        &self,
        actor: &User,
        session_id: Uuid,
        text: &str,
        client_msg_id: &str,
    ) -> AppResult<Message> {
        let draft = Draft {
            text: text.to_string(),
            client_msg_id: client_msg_id.to_string(),
            ..Draft::default()
        };
        self.send_draft(actor, session_id, draft).await
    }

    /// `message:send` whole: text, files uploaded to this session, or a
    /// canned response (filled in here) when the text is empty.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn send_draft(
        &self,
        actor: &User,
        session_id: Uuid,
        draft: Draft,
    ) -> AppResult<Message> {
        let client_msg_id = validate::client_msg_id(&draft.client_msg_id)?;
        let blank = draft.text.trim().is_empty();
        let needs_session =
            !draft.attachment_ids.is_empty() || (blank && draft.canned_id.is_some());
        let session = if needs_session {
            Some(
                self.session(session_id)
                    .await
                    .map_err(rules::hide_missing)?,
            )
        } else {
            None
        };
        let text = match (&session, draft.canned_id) {
            (Some(session), Some(canned)) if blank => {
                rules::can_send(actor, session)?;
                self.canned_text(actor, session, canned).await?
            }
            _ if blank && !draft.attachment_ids.is_empty() => String::new(),
            _ => validate::message_text(&draft.text)?,
        };
        let attachments = match &session {
            Some(session) if !draft.attachment_ids.is_empty() => {
                rules::can_send(actor, session)?;
                self.attachments_for(session_id, &draft.attachment_ids)
                    .await?
            }
            _ => Vec::new(),
        };
        let mut message = NewMessage::text(session_id, sender_type(actor), text);
        message.client_msg_id = Some(client_msg_id);
        message.attachments = (!attachments.is_empty()).then_some(attachments);
        Ok(self.post(actor, message, true).await?.message)
    }

    /// A message from another channel (WhatsApp), stored once per provider id.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn receive(
        &self,
        actor: &User,
        session_id: Uuid,
        text: &str,
        external_id: &str,
        attachments: Vec<Attachment>,
        wake_bot: bool,
    ) -> AppResult<Appended> {
        let text = if text.trim().is_empty() && !attachments.is_empty() {
            format!(
                "({} attachment{})",
                attachments.len(),
                if attachments.len() == 1 { "" } else { "s" }
            )
        } else {
            validate::message_text(text)?
        };
        let mut message = NewMessage::text(session_id, sender_type(actor), text);
        message.external_id = Some(external_id.to_string());
        message.attachments = (!attachments.is_empty()).then_some(attachments);
        self.post(actor, message, wake_bot).await
    }

    /// A system message (a reply to a channel command), stored and announced.
    pub async fn system_note(&self, session_id: Uuid, text: String) -> AppResult<()> {
        self.system_note_under(session_id, text, rules::SEND).await
    }

    /// A system message under `access` (e.g. `rules::AFTER_CLOSE`).
    pub(super) async fn system_note_under(
        &self,
        session_id: Uuid,
        text: String,
        access: WriteAccess,
    ) -> AppResult<()> {
        let message = NewMessage::text(session_id, SenderType::System, text);
        let appended = self.inner.store.append_message(message, access).await?;
        self.notify(Notice::MessageNew(appended.message)).await;
        Ok(())
    }

    /// Stores and announces; in `bot_pending` the bot answers a visitor's
    /// message after the ack. The store checks who may write in the same
    /// statement that takes the seq (no read first: this is the hot path);
    /// only a refusal reads the session, to say why.
    async fn post(
        &self,
        actor: &User,
        mut message: NewMessage,
        wake_bot: bool,
    ) -> AppResult<Appended> {
        let session_id = message.session_id;
        message.sender_id = Some(actor.id);
        message.sender_name = Some(actor.display_name.clone());
        let appended = match self.append(message).await {
            Ok(appended) => appended,
            Err(StoreError::Conflict(_) | StoreError::NotFound) => {
                let session = self
                    .session(session_id)
                    .await
                    .map_err(rules::hide_missing)?;
                rules::can_send(actor, &session)?;
                // allowed now: the session changed between the two reads
                return Err(AppError::conflict("the session changed; send again"));
            }
            Err(other) => return Err(other.into()),
        };
        if !appended.duplicate {
            self.notify(Notice::MessageNew(appended.message.clone()))
                .await;
            if wake_bot && appended.session_status == Some(BotPending) && actor.role == Role::User {
                let this = self.clone();
                let question = appended.message.clone();
                self.inner
                    .tasks
                    .spawn(async move { this.answer(question).await });
            }
        }
        Ok(appended)
    }

    /// The bot's reply to one visitor message; keyed by that message so a
    /// repeated run never stores two replies.
    async fn answer(&self, question: Message) {
        let result: AppResult<()> = async {
            let session = self.session(question.session_id).await?;
            if session.status != BotPending {
                return Ok(());
            }
            let from = (question.seq - 20).max(0);
            let history = self
                .inner
                .store
                .messages_after(session.id, from, 40)
                .await?;
            let stream_id = format!("bot:{}", question.id);
            // pieces of the answer go out in order while the bot writes it
            let (pieces, mut received) = tokio::sync::mpsc::unbounded_channel::<String>();
            let this = self.clone();
            let (session_id, id) = (session.id, stream_id.clone());
            let relay = tokio::spawn(async move {
                while let Some(delta) = received.recv().await {
                    this.notify(Notice::MessageDelta {
                        session_id,
                        stream_id: id.clone(),
                        delta,
                    })
                    .await;
                }
            });
            let on_delta = move |piece: &str| {
                let _ = pieces.send(piece.to_string());
            };
            let reply = self
                .inner
                .bot
                .reply(&session, &history, &question.text, &on_delta)
                .await;
            drop(on_delta);
            let _ = relay.await;
            let Some(reply) = reply else {
                return Ok(());
            };
            let appended = self
                .append(NewMessage {
                    sender_name: Some("Assistant".into()),
                    client_msg_id: Some(stream_id),
                    citations: (!reply.citations.is_empty()).then_some(reply.citations),
                    ..NewMessage::text(session.id, SenderType::Bot, reply.text)
                })
                .await?;
            if !appended.duplicate {
                self.notify(Notice::MessageNew(appended.message)).await;
            }
            if reply.handoff && !appended.duplicate {
                let visitor = self.inner.store.get_user(session.user_id).await?;
                self.request_handoff(&visitor, session.id).await?;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result
            && e.code != crate::error::ErrorCode::Conflict
        {
            e.log();
        }
    }
}

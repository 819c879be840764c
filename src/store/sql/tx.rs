//! Transaction helpers shared by both backends: seq assignment, message,
//! note and event inserts, row locks, end requests, users. Invoked once per
//! backend, in its `tx` module (the status change is in `transition`).

macro_rules! tx_helpers {
    () => {
        pub(super) async fn fetch_session(tx: &mut Tx, id: Uuid) -> StoreResult<Session> {
            let sql = format!("{SESSION_SELECT} where s.id = $1");
            let row: SessionRow = sqlx::query_as(AssertSqlSafe(sql))
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
            row.try_into()
        }

        /// `NotFound` unless the session exists (checked in the transaction).
        pub(super) async fn require_session(tx: &mut Tx, id: Uuid) -> StoreResult<()> {
            let exists: Option<Uuid> = sqlx::query_scalar("select id from sessions where id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
            exists.map(drop).ok_or(StoreError::NotFound)
        }

        /// The session after an update of its row that changed `rows` rows:
        /// `NotFound` when it changed none.
        pub(super) async fn updated_session(tx: &mut Tx, rows: u64, id: Uuid) -> StoreResult<Session> {
            if rows == 0 {
                return Err(StoreError::NotFound);
            }
            fetch_session(tx, id).await
        }

        pub(super) async fn insert_event(tx: &mut Tx, event: NewEvent, at: DateTime<Utc>) -> StoreResult<()> {
            sqlx::query(
                "insert into outbox (event_id, topic, event_key, payload, created_at) \
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(event.event_id)
            .bind(event.topic.as_str())
            .bind(event.key)
            .bind(event.payload)
            .bind(at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        pub(super) async fn insert_mail(tx: &mut Tx, mail: &NewMail, at: DateTime<Utc>) -> StoreResult<()> {
            sqlx::query(
                "insert into mails (id, kind, session_id, recipient, subject, body, created_at, next_attempt_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(Uuid::now_v7())
            .bind(mail.kind.as_str())
            .bind(mail.session_id)
            .bind(&mail.to)
            .bind(&mail.subject)
            .bind(&mail.body)
            .bind(at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// Ends a transaction that marked a session for a mail: queues `mail`
        /// with it when the mark took (`marked`), then commits. Whether a mail
        /// was queued (the caller wakes the mailer).
        pub(super) async fn commit_with_mail(
            mut tx: Tx,
            marked: bool,
            mail: Option<&NewMail>,
            at: DateTime<Utc>,
        ) -> StoreResult<bool> {
            let queue = mail.filter(|_| marked);
            if let Some(mail) = queue {
                insert_mail(&mut tx, mail, at).await?;
            }
            tx.commit().await?;
            Ok(queue.is_some())
        }

        /// The next `seq` of a session and its channel.
        pub(super) struct NextSeq {
            pub(super) seq: i64,
            pub(super) whatsapp: bool,
        }

        /// Takes the next `seq`; with `require_open`, only while the session is not closed.
        pub(super) async fn next_seq(
            tx: &mut Tx,
            session_id: Uuid,
            at: DateTime<Utc>,
            require_open: bool,
        ) -> StoreResult<NextSeq> {
            let sql = if require_open {
                "update sessions set last_seq = last_seq + 1, last_message_at = $2 \
                 where id = $1 and status <> 'closed' returning last_seq, channel"
            } else {
                "update sessions set last_seq = last_seq + 1, last_message_at = $2 \
                 where id = $1 returning last_seq, channel"
            };
            let row: Option<(i64, String)> = sqlx::query_as(sql)
                .bind(session_id)
                .bind(at)
                .fetch_optional(&mut **tx)
                .await?;
            match row {
                Some((seq, channel)) => Ok(NextSeq {
                    seq,
                    whatsapp: channel == "whatsapp",
                }),
                None => {
                    fetch_session(tx, session_id).await?;
                    Err(StoreError::Conflict("session is closed".into()))
                }
            }
        }

        /// The message stored earlier with the same provider id (or, without
        /// one, the same client id in the session) by the same sender: a retry.
        /// Another sender's message is never returned, so reusing its id
        /// reveals nothing.
        pub(super) async fn find_own_duplicate(tx: &mut Tx, m: &NewMessage) -> StoreResult<Option<Message>> {
            if m.external_id.is_none() && m.client_msg_id.is_none() {
                return Ok(None);
            }
            let sql = format!(
                "select {MESSAGE_COLUMNS} from messages \
                 where (external_id = $1 or ($1 is null and session_id = $2 and client_msg_id = $3)) \
                 and sender_id is not distinct from $4"
            );
            let row: Option<MessageRow> = sqlx::query_as(AssertSqlSafe(sql))
                .bind(&m.external_id)
                .bind(m.session_id)
                .bind(&m.client_msg_id)
                .bind(m.sender_id)
                .fetch_optional(&mut **tx)
                .await?;
            row.map(Message::try_from).transpose()
        }

        /// Inserts a message with the next seq and its `message.created` event.
        pub(super) async fn insert_message(
            tx: &mut Tx,
            m: NewMessage,
            at: DateTime<Utc>,
            require_open: bool,
        ) -> StoreResult<Inserted> {
            let next = next_seq(tx, m.session_id, at, require_open).await?;
            insert_message_at(tx, &m, next, at).await
        }

        /// Inserts a message at a `seq` already taken, and its `message.created` event.
        pub(super) async fn insert_message_at(
            tx: &mut Tx,
            m: &NewMessage,
            next: NextSeq,
            at: DateTime<Utc>,
        ) -> StoreResult<Inserted> {
            let seq = next.seq;
            let message = stored_message(m, seq, at);
            let citations = rows::json_column(&message.citations);
            let attachments = rows::json_column(&message.attachments);
            sqlx::query(
                "insert into messages (id, session_id, seq, sender_type, sender_id, sender_name, body, \
                 client_msg_id, citations, created_at, external_id, attachments) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(message.id)
            .bind(message.session_id)
            .bind(seq)
            .bind(message.sender_type.as_str())
            .bind(m.sender_id)
            .bind(&message.sender_name)
            .bind(&message.text)
            .bind(&message.client_msg_id)
            .bind(citations)
            .bind(at)
            .bind(&m.external_id)
            .bind(attachments)
            .execute(&mut **tx)
            .await?;
            // Bot, agent and system messages of a WhatsApp session queue for sending,
            // in the same transaction.
            let queued_outbound = next.whatsapp && message.sender_type != SenderType::User;
            if queued_outbound {
                sqlx::query("insert into whatsapp_outbound (message_id, created_at) values ($1, $2)")
                    .bind(message.id)
                    .bind(at)
                    .execute(&mut **tx)
                    .await?;
            }
            insert_event(
                tx,
                NewEvent::new(EventType::MessageCreated, m.session_id, at, &message),
                at,
            )
            .await?;
            Ok(Inserted {
                message,
                queued_outbound,
            })
        }

        /// Ends a change to an end-chat request: its event, the system message,
        /// the commit, and the signal.
        pub(super) async fn finish_end_change(
            mut tx: Tx,
            signals: &crate::store::Signals,
            request: EndRequest,
            event: NewEvent,
            system_text: Option<String>,
            at: DateTime<Utc>,
        ) -> StoreResult<EndRequestResult> {
            insert_event(&mut tx, event, at).await?;
            let system_message = match system_text {
                Some(text) => {
                    Some(insert_message(&mut tx, system_message(request.session_id, text), at, true).await?)
                }
                None => None,
            };
            tx.commit().await?;
            signals.written(system_message.as_ref().is_some_and(|m| m.queued_outbound));
            Ok(EndRequestResult {
                request,
                system_message: system_message.map(|m| m.message),
            })
        }

        /// Locks the session row while `condition` holds (a no-op update takes the row
        /// lock); `Conflict(reason)` when it does not hold, `NotFound` when no session.
        pub(super) async fn lock_session(
            tx: &mut Tx,
            session_id: Uuid,
            condition: &str,
            reason: &str,
        ) -> StoreResult<()> {
            let sql = format!(
                "update sessions set last_seq = last_seq where id = $1 and {condition} returning id"
            );
            let locked: Option<Uuid> = sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(session_id)
                .fetch_optional(&mut **tx)
                .await?;
            if locked.is_none() {
                fetch_session(tx, session_id).await?;
                return Err(StoreError::Conflict(reason.into()));
            }
            Ok(())
        }

        pub(super) async fn lock_active(tx: &mut Tx, session_id: Uuid) -> StoreResult<()> {
            lock_session(
                tx,
                session_id,
                "status = 'active_with_agent'",
                "session is not active with an agent",
            )
            .await
        }

        pub(super) async fn pending_end(tx: &mut Tx, session_id: Uuid) -> StoreResult<Option<EndRequestRow>> {
            Ok(sqlx::query_as(
                "select id, session_id, requested_by, created_at from end_requests \
                 where session_id = $1 and resolved_at is null",
            )
            .bind(session_id)
            .fetch_optional(&mut **tx)
            .await?)
        }

        /// Resolves the pending end request; returns who had asked.
        pub(super) async fn resolve_end(
            tx: &mut Tx,
            session_id: Uuid,
            outcome: EndRequestOutcome,
            at: DateTime<Utc>,
        ) -> StoreResult<Option<EndRequestRow>> {
            let Some(pending) = pending_end(tx, session_id).await? else {
                return Ok(None);
            };
            sqlx::query("update end_requests set resolved_at = $2, outcome = $3 where id = $1")
                .bind(pending.id)
                .bind(at)
                .bind(outcome.as_str())
                .execute(&mut **tx)
                .await?;
            Ok(Some(pending))
        }

        /// Stores a private note and its `note.created` event.
        pub(super) async fn insert_note(tx: &mut Tx, n: NewNote, at: DateTime<Utc>) -> StoreResult<Note> {
            let note = Note {
                id: Uuid::now_v7(),
                session_id: n.session_id,
                author_id: n.author_id,
                author_name: n.author_name,
                text: n.text,
                created_at: at,
            };
            sqlx::query(
                "insert into notes (id, session_id, author_id, author_name, body, created_at) \
                 values ($1, $2, $3, $4, $5, $6)",
            )
            .bind(note.id)
            .bind(note.session_id)
            .bind(note.author_id)
            .bind(&note.author_name)
            .bind(&note.text)
            .bind(note.created_at)
            .execute(&mut **tx)
            .await?;
            let event = NewEvent::new(EventType::NoteCreated, note.session_id, at, &note);
            insert_event(tx, event, at).await?;
            Ok(note)
        }

        pub(super) async fn insert_user(tx: &mut Tx, u: NewUser) -> StoreResult<User> {
            let sql = format!(
                "insert into users (id, role, display_name, email, password_hash, external_id, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7) returning {USER_COLUMNS}"
            );
            let row: UserRow = sqlx::query_as(AssertSqlSafe(sql))
                .bind(Uuid::now_v7())
                .bind(u.role.as_str())
                .bind(&u.display_name)
                .bind(&u.email)
                .bind(&u.password_hash)
                .bind(&u.external_id)
                .bind(rows::now())
                .fetch_one(&mut **tx)
                .await?;
            row.try_into()
        }

        /// Marks outbox rows published, inside the caller's transaction.
        pub(super) async fn mark_published_in(tx: &mut Tx, ids: &[i64]) -> StoreResult<()> {
            let at = rows::now();
            for id in ids {
                sqlx::query("update outbox set published_at = $2 where id = $1")
                    .bind(id)
                    .bind(at)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }
    };
}
pub(crate) use tx_helpers;

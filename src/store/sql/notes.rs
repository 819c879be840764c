//! Notes: the `impl NoteStore` both backends share.

macro_rules! note_store {
    ($Store:ty) => {
        #[async_trait]
        impl NoteStore for $Store {
            async fn add_note(&self, n: NewNote) -> StoreResult<Note> {
                let note = Note {
                    id: Uuid::now_v7(),
                    session_id: n.session_id,
                    author_id: n.author_id,
                    author_name: n.author_name,
                    text: n.text,
                    created_at: rows::now(),
                };
                let mut tx = self.write_tx().await?;
                let exists: Option<Uuid> =
                    sqlx::query_scalar("select id from sessions where id = $1")
                        .bind(note.session_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_none() {
                    return Err(StoreError::NotFound);
                }
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
                .execute(&mut *tx)
                .await?;
                let event = NewEvent::new(
                    EventType::NoteCreated,
                    note.session_id,
                    note.created_at,
                    &note,
                );
                insert_event(&mut tx, event, note.created_at).await?;
                tx.commit().await?;
                self.signals().outbox_written();
                Ok(note)
            }

            async fn notes(&self, session_id: Uuid) -> StoreResult<Vec<Note>> {
                let rows: Vec<NoteRow> = sqlx::query_as(
                    "select id, session_id, author_id, author_name, body, created_at from notes \
                     where session_id = $1 order by created_at, id",
                )
                .bind(session_id)
                .fetch_all(self.reader())
                .await?;
                Ok(rows.into_iter().map(Note::from).collect())
            }
        }
    };
}
pub(crate) use note_store;

//! Notes: the `impl NoteStore` both backends share.

macro_rules! note_store {
    ($Store:ty) => {
        #[async_trait]
        impl NoteStore for $Store {
            async fn add_note(&self, n: NewNote) -> StoreResult<Note> {
                let mut tx = self.write_tx().await?;
                require_session(&mut tx, n.session_id).await?;
                let note = insert_note(&mut tx, n, rows::now()).await?;
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

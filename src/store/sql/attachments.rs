//! Attachments: the `impl AttachmentStore` both backends share.

macro_rules! attachment_store {
    ($Store:ty) => {
        #[async_trait]
        impl AttachmentStore for $Store {
            async fn add_attachment(&self, a: NewAttachment) -> StoreResult<Attachment> {
                let (data, key) = match a.bytes {
                    Bytes::Inline(data) => (Some(data), None),
                    Bytes::Object(key) => (None, Some(key)),
                };
                let mut tx = self.write_tx().await?;
                require_session(&mut tx, a.session_id).await?;
                sqlx::query(
                    "insert into attachments (id, session_id, uploaded_by, name, content_type, size, \
                     sha256, data, object_key, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(a.id)
                .bind(a.session_id)
                .bind(a.uploaded_by)
                .bind(&a.name)
                .bind(&a.content_type)
                .bind(a.size)
                .bind(&a.sha256)
                .bind(data)
                .bind(key)
                .bind(rows::now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Attachment {
                    id: a.id,
                    url: Attachment::path(a.id),
                    name: a.name,
                    content_type: a.content_type,
                    size: a.size,
                })
            }

            async fn attachment(&self, id: Uuid) -> StoreResult<StoredAttachment> {
                let sql = format!("select {ATTACHMENT_COLUMNS} from attachments where id = $1");
                let row: AttachmentRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_one(self.reader())
                    .await?;
                row.try_into()
            }

            async fn session_attachments(
                &self,
                session_id: Uuid,
                ids: &[Uuid],
            ) -> StoreResult<Vec<Attachment>> {
                let mut found = Vec::with_capacity(ids.len());
                for &id in ids {
                    let row: Option<(String, String, i64)> = sqlx::query_as(
                        "select name, content_type, size from attachments where id = $1 and session_id = $2",
                    )
                    .bind(id)
                    .bind(session_id)
                    .fetch_optional(self.reader())
                    .await?;
                    let (name, content_type, size) = row.ok_or(StoreError::NotFound)?;
                    found.push(Attachment {
                        id,
                        url: Attachment::path(id),
                        name,
                        content_type,
                        size,
                    });
                }
                Ok(found)
            }
        }
    };
}
pub(crate) use attachment_store;

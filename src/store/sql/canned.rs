//! Canned responses: the `impl CannedStore` both backends share.

macro_rules! canned_store {
    ($Store:ty) => {
        #[async_trait]
        impl CannedStore for $Store {
            async fn canned_responses(&self) -> StoreResult<Vec<CannedResponse>> {
                let sql = format!("select {CANNED_COLUMNS} from canned_responses order by shortcut");
                let rows: Vec<CannedRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .fetch_all(self.reader())
                    .await?;
                Ok(rows.into_iter().map(CannedResponse::from).collect())
            }

            async fn canned_response(&self, id: Uuid) -> StoreResult<CannedResponse> {
                let sql = format!("select {CANNED_COLUMNS} from canned_responses where id = $1");
                let row: CannedRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_one(self.reader())
                    .await?;
                Ok(row.into())
            }

            async fn add_canned(&self, d: CannedDraft, by: Uuid) -> StoreResult<CannedResponse> {
                let now = rows::now();
                let sql = format!(
                    "insert into canned_responses (id, shortcut, title, body, updated_by, created_at, updated_at) \
                     values ($1, $2, $3, $4, $5, $6, $6) returning {CANNED_COLUMNS}"
                );
                let mut tx = self.write_tx().await?;
                let row: CannedRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(Uuid::now_v7())
                    .bind(&d.shortcut)
                    .bind(&d.title)
                    .bind(&d.text)
                    .bind(by)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| taken(e, &d.shortcut))?;
                tx.commit().await?;
                Ok(row.into())
            }

            async fn update_canned(
                &self,
                id: Uuid,
                d: CannedDraft,
                by: Uuid,
            ) -> StoreResult<CannedResponse> {
                let sql = format!(
                    "update canned_responses set shortcut = $2, title = $3, body = $4, updated_by = $5, \
                     updated_at = $6 where id = $1 returning {CANNED_COLUMNS}"
                );
                let mut tx = self.write_tx().await?;
                let row: CannedRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .bind(&d.shortcut)
                    .bind(&d.title)
                    .bind(&d.text)
                    .bind(by)
                    .bind(rows::now())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| taken(e, &d.shortcut))?;
                tx.commit().await?;
                Ok(row.into())
            }

            async fn delete_canned(&self, id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query("delete from canned_responses where id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                Ok(())
            }
        }

        /// A unique violation here means the shortcut is taken; say which.
        fn taken(e: sqlx::Error, shortcut: &str) -> StoreError {
            match StoreError::from(e) {
                StoreError::Conflict(_) => {
                    StoreError::Conflict(format!("the shortcut /{shortcut} is taken"))
                }
                other => other,
            }
        }
    };
}
pub(crate) use canned_store;

//! Run-time settings: the `impl SettingsStore` both backends share.

macro_rules! settings_store {
    ($Store:ty) => {
        #[async_trait]
        impl SettingsStore for $Store {
            async fn setting(&self, key: &str) -> StoreResult<Option<serde_json::Value>> {
                let value: Option<String> =
                    sqlx::query_scalar("select value from settings where key = $1")
                        .bind(key)
                        .fetch_optional(self.reader())
                        .await?;
                value
                    .map(|v| {
                        serde_json::from_str(&v).map_err(|e| {
                            StoreError::Other(anyhow::anyhow!("bad settings row {key}: {e}"))
                        })
                    })
                    .transpose()
            }

            async fn put_setting(
                &self,
                key: &str,
                value: &serde_json::Value,
                by: Uuid,
            ) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "insert into settings (key, value, updated_by, updated_at) values ($1, $2, $3, $4) \
                     on conflict (key) do update set value = excluded.value, \
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                )
                .bind(key)
                .bind(value.to_string())
                .bind(by)
                .bind(rows::now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}
pub(crate) use settings_store;

//! The WhatsApp outbound queue and delivery statuses. The `impl OutboundStore` both backends share.

macro_rules! outbound_store {
    ($Store:ty) => {
        #[async_trait]
        impl OutboundStore for $Store {
            async fn whatsapp_pending(&self, limit: i64) -> StoreResult<Vec<OutboundWhatsApp>> {
                let cols = MESSAGE_COLUMNS
                    .split(", ")
                    .map(|c| format!("m.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "select {cols}, u.external_id as to_number, o.attempts from whatsapp_outbound o \
                     join messages m on m.id = o.message_id join sessions s on s.id = m.session_id \
                     join users u on u.id = s.user_id \
                     where o.sent_at is null and u.external_id is not null order by o.created_at limit $1"
                );
                let rows: Vec<OutboundRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(OutboundWhatsApp {
                            message: r.message.try_into()?,
                            to: r.to_number,
                            attempts: r.attempts,
                        })
                    })
                    .collect()
            }

            async fn whatsapp_sent(&self, message_id: Uuid, provider_id: &str) -> StoreResult<()> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                sqlx::query("update whatsapp_outbound set sent_at = $2, attempts = attempts + 1 where message_id = $1")
                    .bind(message_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "update messages set external_id = $2, delivery_status = 'queued', delivery_rank = 0 \
                     where id = $1 and delivery_rank is null",
                )
                .bind(message_id)
                .bind(provider_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn whatsapp_failed(
                &self,
                message_id: Uuid,
                error: &str,
                give_up: bool,
            ) -> StoreResult<()> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                let sent_at = give_up.then_some(at);
                sqlx::query(
                    "update whatsapp_outbound set attempts = attempts + 1, last_error = $2, sent_at = $3 \
                     where message_id = $1",
                )
                .bind(message_id)
                .bind(error)
                .bind(sent_at)
                .execute(&mut *tx)
                .await?;
                if give_up {
                    sqlx::query(
                        "update messages set delivery_status = 'failed', delivery_error = $2, delivery_rank = 9 \
                         where id = $1",
                    )
                    .bind(message_id)
                    .bind(error)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn update_delivery(
                &self,
                provider_id: &str,
                status: &str,
                error: Option<&str>,
                rank: i64,
            ) -> StoreResult<Option<DeliveryUpdate>> {
                let mut tx = self.write_tx().await?;
                let row: Option<(Uuid, Uuid)> = sqlx::query_as(
                    "update messages set delivery_status = $2, delivery_error = coalesce($3, delivery_error), \
                     delivery_rank = $4 where external_id = $1 and coalesce(delivery_rank, -1) < $4 \
                     returning id, session_id",
                )
                .bind(provider_id)
                .bind(status)
                .bind(error)
                .bind(rank)
                .fetch_optional(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(row.map(|(message_id, session_id)| DeliveryUpdate {
                    message_id,
                    session_id,
                }))
            }

        }
    };
}
pub(crate) use outbound_store;

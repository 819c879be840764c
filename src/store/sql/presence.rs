//! Presence: the `impl PresenceStore` both backends share.

/// Staff with their presence facts and load (`TeamRow`); callers add
/// `and …` conditions and the order.
pub(crate) const TEAM_SELECT: &str = "select u.id, u.role, u.display_name, u.email, u.created_at, \
     u.presence, cast(u.capacity as bigint) as capacity, u.announced_status, u.left_at, u.active, \
     (select count(*) from sessions s \
      where s.agent_id = u.id and s.status = 'active_with_agent') as active_chats, \
     (select max(s.assigned_at) from sessions s where s.agent_id = u.id) as last_assigned_at \
     from users u where u.role in ('agent', 'supervisor', 'admin') and u.email is not null";

macro_rules! presence_store {
    ($Store:ty) => {
        /// Each node's sockets per agent (`agent_id, sockets, seen_at`).
        use $crate::store::sql::presence::TEAM_SELECT;

        const SOCKETS_SELECT: &str =
            "select agent_id, cast(sockets as bigint), seen_at from agent_sockets";

        #[async_trait]
        impl PresenceStore for $Store {
            async fn agent_connected(
                &self,
                agent_id: Uuid,
                node_id: Uuid,
                at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "insert into agent_sockets (agent_id, node_id, sockets, seen_at) \
                     values ($1, $2, 1, $3) on conflict (agent_id, node_id) \
                     do update set sockets = agent_sockets.sockets + 1, seen_at = excluded.seen_at",
                )
                .bind(agent_id)
                .bind(node_id)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn agent_disconnected(
                &self,
                agent_id: Uuid,
                node_id: Uuid,
                at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "update agent_sockets set seen_at = $3, \
                     sockets = case when sockets > 0 then sockets - 1 else 0 end \
                     where agent_id = $1 and node_id = $2",
                )
                .bind(agent_id)
                .bind(node_id)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn presence_heartbeat(&self, node_id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query("update agent_sockets set seen_at = $2 where node_id = $1 and sockets > 0")
                    .bind(node_id)
                    .bind(at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn agent_left(&self, agent_id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query("update users set left_at = $2 where id = $1")
                    .bind(agent_id)
                    .bind(at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn choose_status(&self, agent_id: Uuid, status: AgentStatus) -> StoreResult<()> {
                let done = sqlx::query("update users set presence = $2 where id = $1")
                    .bind(agent_id)
                    .bind(status.as_str())
                    .execute(self.writer())
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn team(&self) -> StoreResult<Vec<TeamMember>> {
                let sql = format!("{TEAM_SELECT} order by u.created_at");
                let rows: Vec<TeamRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .fetch_all(self.reader())
                    .await?;
                let sockets = sqlx::query_as(AssertSqlSafe(SOCKETS_SELECT))
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter().map(|row| row.into_member(&sockets)).collect()
            }

            async fn team_member(&self, id: Uuid) -> StoreResult<Option<TeamMember>> {
                let sql = format!("{TEAM_SELECT} and u.id = $1");
                let row: Option<TeamRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let sql = format!("{SOCKETS_SELECT} where agent_id = $1");
                let sockets = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_all(self.reader())
                    .await?;
                row.into_member(&sockets).map(Some)
            }

            async fn announce_status(&self, agent_id: Uuid, status: AgentStatus) -> StoreResult<bool> {
                let done = sqlx::query(
                    "update users set announced_status = $2 \
                     where id = $1 and (announced_status is null or announced_status <> $2)",
                )
                .bind(agent_id)
                .bind(status.as_str())
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    };
}
pub(crate) use presence_store;

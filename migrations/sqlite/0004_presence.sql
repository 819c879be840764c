-- Agents' presence: the status each agent last chose (online or away), how
-- many chats may be routed to it at once, the status last announced to the
-- team (so a change is announced once, whichever node sees it first), and
-- the live sockets each node holds for it, refreshed by that node's
-- heartbeat. An agent with no live socket for the grace period (or since it
-- logged out) is offline.

alter table users add column presence text not null default 'online'
    check (presence in ('online', 'away'));
alter table users add column capacity integer not null default 3;
alter table users add column announced_status text
    check (announced_status in ('online', 'away', 'offline'));
-- When the agent last logged out: its sockets closing then make it offline
-- at once, without the grace period.
alter table users add column left_at text;

create table agent_sockets (
    agent_id blob not null references users (id) on delete cascade,
    node_id blob not null,
    sockets integer not null check (sockets >= 0),
    seen_at text not null,
    primary key (agent_id, node_id)
);
create index agent_sockets_node_idx on agent_sockets (node_id);

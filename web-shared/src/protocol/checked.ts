// The handwritten wire types, checked against the Rust side. The server's
// types are generated from its own structs by ts-rs into `../generated/`
// (`cargo test` writes them; the suite fails when they differ from the
// committed ones), so a field renamed, retyped or dropped on either side
// fails `tsc` here.
//
// - What the server sends must fit what the apps expect: `Fits<Rust, Ours>`.
// - What the apps send must fit what the server accepts: `Fits<Ours, Rust>`.
import type { AdminBootstrap as RustAdminBootstrap } from "../generated/AdminBootstrap";
import type { ApiToken as RustApiToken } from "../generated/ApiToken";
import type { Invitation as RustInvitation } from "../generated/Invitation";
import type { Webhook as RustWebhook } from "../generated/Webhook";
import type { Delivery as RustDelivery } from "../generated/Delivery";
import type { DeliveryState as RustDeliveryState } from "../generated/DeliveryState";
import type { AuditEntry as RustAuditEntry } from "../generated/AuditEntry";
import type { Availability as RustAvailability } from "../generated/Availability";
import type { ReportSummary as RustReportSummary } from "../generated/ReportSummary";
import type { BusinessHours as RustBusinessHours } from "../generated/BusinessHours";
import type { CsatSubmit as RustCsatSubmit } from "../generated/CsatSubmit";
import type { TranscriptEmail as RustTranscriptEmail } from "../generated/TranscriptEmail";
import type { WidgetSettings as RustWidgetSettings } from "../generated/WidgetSettings";
import type { Attachment as RustAttachment } from "../generated/Attachment";
import type { CannedResponse as RustCannedResponse } from "../generated/CannedResponse";
import type { Contact as RustContact } from "../generated/Contact";
import type { ContactUpdate as RustContactUpdate } from "../generated/ContactUpdate";
import type { SearchResult as RustSearchResult } from "../generated/SearchResult";
import type { VisitorPageSet as RustVisitorPageSet } from "../generated/VisitorPageSet";
import type { Agent as RustAgent } from "../generated/Agent";
import type { AgentStatusSet as RustAgentStatusSet } from "../generated/AgentStatusSet";
import type { Channel as RustChannel } from "../generated/Channel";
import type { Citation as RustCitation } from "../generated/Citation";
import type { DeliveryStatus as RustDeliveryStatusEvent } from "../generated/DeliveryStatus";
import type { EndRequested as RustEndRequested } from "../generated/EndRequested";
import type { EndedBy as RustEndedBy } from "../generated/EndedBy";
import type { HandoffAccepted as RustHandoffAccepted } from "../generated/HandoffAccepted";
import type { Hello as RustHello } from "../generated/Hello";
import type { History as RustHistory } from "../generated/History";
import type { Message as RustMessage } from "../generated/Message";
import type { MessageRead as RustMessageRead } from "../generated/MessageRead";
import type { MessageSend as RustMessageSend } from "../generated/MessageSend";
import type { QueueBootstrap as RustQueueBootstrap } from "../generated/QueueBootstrap";
import type { QueueItem as RustQueueItem } from "../generated/QueueItem";
import type { QueueRemove as RustQueueRemove } from "../generated/QueueRemove";
import type { ReadOut as RustReadOut } from "../generated/ReadOut";
import type { Role as RustRole } from "../generated/Role";
import type { SenderType as RustSenderType } from "../generated/SenderType";
import type { Session as RustSession } from "../generated/Session";
import type { SessionClosed as RustSessionClosed } from "../generated/SessionClosed";
import type { SessionCreate as RustSessionCreate } from "../generated/SessionCreate";
import type { SessionJoin as RustSessionJoin } from "../generated/SessionJoin";
import type { SessionOnly as RustSessionOnly } from "../generated/SessionOnly";
import type { SessionRef as RustSessionRef } from "../generated/SessionRef";
import type { SessionStatus as RustSessionStatus } from "../generated/SessionStatus";
import type { StaffMember as RustStaffMember } from "../generated/StaffMember";
import type { Stats as RustStats } from "../generated/Stats";
import type { QueueAlert as RustQueueAlert } from "../generated/QueueAlert";
import type { QueuePosition as RustQueuePosition } from "../generated/QueuePosition";
import type { SessionAssigned as RustSessionAssigned } from "../generated/SessionAssigned";
import type { SessionTransfer as RustSessionTransfer } from "../generated/SessionTransfer";
import type { SessionUnassigned as RustSessionUnassigned } from "../generated/SessionUnassigned";
import type { Summary as RustSummary } from "../generated/Summary";
import type { Typing as RustTyping } from "../generated/Typing";
import type { TypingOut as RustTypingOut } from "../generated/TypingOut";
import type { MessageDelta as RustMessageDelta } from "../generated/MessageDelta";
import type { User as RustUser } from "../generated/User";
import type { AdminServerEvents } from "./admin";
import type { ClientEvents, Requests, ServerEvents } from "./events";
import type {
  Agent,
  ApiToken,
  Attachment,
  Invitation,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryState,
  AuditEntry,
  Availability,
  BusinessHours,
  CannedResponse,
  Contact,
  ReportSummary,
  SearchResult,
  SessionDetails,
  WidgetSettings,
} from "./support";
import type {
  Channel,
  Citation,
  EndedBy,
  Message,
  QueueItem,
  Role,
  SenderType,
  Session,
  SessionStatus,
  StaffMember,
  Stats,
  Summary,
  User,
} from "./objects";

/** `true` when every `A` is a `B`. */
type Fits<A, B> = [A] extends [B] ? true : false;
/** The payload of a server → client event. */
type Sent<E, K extends keyof E> = E[K] extends (p: infer P) => void ? P : never;
type Req<K extends keyof Requests> = Requests[K]["req"];

/** Every entry must be `true`; a `false` is a mismatch between the two sides. */
export const wireTypesAgree: Record<string, true> = {
  role: true satisfies Fits<RustRole, Role>,
  channel: true satisfies Fits<RustChannel, Channel>,
  sessionStatus: true satisfies Fits<RustSessionStatus, SessionStatus>,
  senderType: true satisfies Fits<RustSenderType, SenderType>,
  endedBy: true satisfies Fits<RustEndedBy, EndedBy>,
  user: true satisfies Fits<RustUser, User>,
  staffMember: true satisfies Fits<RustStaffMember, StaffMember>,
  session: true satisfies Fits<RustSession, Session>,
  citation: true satisfies Fits<RustCitation, Citation>,
  message: true satisfies Fits<RustMessage, Message>,
  queueItem: true satisfies Fits<RustQueueItem, QueueItem>,
  summary: true satisfies Fits<RustSummary, Summary>,
  stats: true satisfies Fits<RustStats, Stats>,
  agent: true satisfies Fits<RustAgent, Agent>,
  attachment: true satisfies Fits<RustAttachment, Attachment>,
  contact: true satisfies Fits<RustContact, Contact>,
  cannedResponse: true satisfies Fits<RustCannedResponse, CannedResponse>,
  searchResult: true satisfies Fits<RustSearchResult, SearchResult>,
  sessionDetails: true satisfies Fits<
    Pick<RustSession, "contactId" | "tags" | "page" | "offline" | "csat">,
    Partial<SessionDetails>
  >,
  availability: true satisfies Fits<RustAvailability, Availability>,
  reportSummary: true satisfies Fits<RustReportSummary, ReportSummary>,
  auditEntry: true satisfies Fits<RustAuditEntry, AuditEntry>,
  apiToken: true satisfies Fits<RustApiToken, ApiToken>,
  invitation: true satisfies Fits<RustInvitation, Invitation>,
  webhook: true satisfies Fits<RustWebhook, Webhook>,
  webhookDelivery: true satisfies Fits<RustDelivery, WebhookDelivery>,
  webhookDeliveryState: true satisfies Fits<RustDeliveryState, WebhookDeliveryState>,
  webhookDeliveryStateKnown: true satisfies Fits<WebhookDeliveryState, RustDeliveryState>,
  availabilityEvent: true satisfies Fits<RustAvailability, Sent<ServerEvents, "availability">>,
  businessHours: true satisfies Fits<RustBusinessHours, BusinessHours>,
  businessHoursSent: true satisfies Fits<BusinessHours, RustBusinessHours>,
  // the server's locale is a plain string; ours is the closed list
  widgetSettings: true satisfies Fits<Omit<RustWidgetSettings, "locale">, Omit<WidgetSettings, "locale">>,
  widgetSettingsSent: true satisfies Fits<WidgetSettings, RustWidgetSettings>,
  // server → client events
  history: true satisfies Fits<RustHistory, Sent<ServerEvents, "message:history">>,
  queueBootstrap: true satisfies Fits<RustQueueBootstrap, Sent<ServerEvents, "queue:bootstrap">>,
  queueRemove: true satisfies Fits<RustQueueRemove, Sent<ServerEvents, "queue:remove">>,
  handoffAccepted: true satisfies Fits<RustHandoffAccepted, Sent<ServerEvents, "handoff:accepted">>,
  endRequested: true satisfies Fits<RustEndRequested, Sent<ServerEvents, "session:end:requested">>,
  endDeclined: true satisfies Fits<RustSessionOnly, Sent<ServerEvents, "session:end:declined">>,
  sessionClosed: true satisfies Fits<RustSessionClosed, Sent<ServerEvents, "session:closed">>,
  typingOut: true satisfies Fits<RustTypingOut, Sent<ServerEvents, "typing">>,
  messageDelta: true satisfies Fits<RustMessageDelta, Sent<ServerEvents, "message:delta">>,
  readOut: true satisfies Fits<RustReadOut, Sent<ServerEvents, "message:read">>,
  messageStatus: true satisfies Fits<RustDeliveryStatusEvent, Sent<ServerEvents, "message:status">>,
  adminMessageStatus: true satisfies Fits<RustDeliveryStatusEvent, Sent<AdminServerEvents, "admin:message:status">>,
  agentUpdate: true satisfies Fits<RustAgent, Sent<ServerEvents, "agent:update">>,
  adminAgentUpdate: true satisfies Fits<RustAgent, Sent<AdminServerEvents, "admin:agent:update">>,
  adminBootstrap: true satisfies Fits<RustAdminBootstrap, Sent<AdminServerEvents, "admin:bootstrap">>,
  sessionAssigned: true satisfies Fits<RustSessionAssigned, Sent<ServerEvents, "session:assigned">>,
  sessionUnassigned: true satisfies Fits<RustSessionUnassigned, Sent<ServerEvents, "session:unassigned">>,
  queueAlert: true satisfies Fits<RustQueueAlert, Sent<ServerEvents, "queue:alert">>,
  queuePosition: true satisfies Fits<RustQueuePosition, Sent<ServerEvents, "queue:position">>,
  // client → server requests
  helloByName: true satisfies Fits<{ role: "user"; displayName: string }, RustHello>,
  helloByToken: true satisfies Fits<{ role: "user" | "agent"; token: string }, RustHello>,
  sessionCreate: true satisfies Fits<Req<"session:create">, RustSessionCreate>,
  sessionJoin: true satisfies Fits<Req<"session:join">, RustSessionJoin>,
  messageSend: true satisfies Fits<Req<"message:send">, RustMessageSend>,
  helloByIdentity: true satisfies Fits<Extract<Req<"hello">, { identity: unknown }>, RustHello>,
  visitorPage: true satisfies Fits<Req<"visitor:page">, RustVisitorPageSet>,
  contactUpdate: true satisfies Fits<Req<"contact:update">, RustContactUpdate>,
  handoffRequest: true satisfies Fits<Req<"handoff:request">, RustSessionRef>,
  claim: true satisfies Fits<Req<"agent:claim">, RustSessionRef>,
  endRequest: true satisfies Fits<Req<"session:end:request">, RustSessionRef>,
  messageRead: true satisfies Fits<Req<"message:read">, RustMessageRead>,
  typing: true satisfies Fits<Parameters<ClientEvents["typing"]>[0], RustTyping>,
  agentStatus: true satisfies Fits<Req<"agent:status">, RustAgentStatusSet>,
  sessionTransfer: true satisfies Fits<Req<"session:transfer">, RustSessionTransfer>,
  sessionMonitor: true satisfies Fits<Req<"session:monitor">, RustSessionRef>,
  helloWithLocale: true satisfies Fits<{ role: "user"; displayName: string; locale: string }, RustHello>,
  csatSubmit: true satisfies Fits<Req<"csat:submit">, RustCsatSubmit>,
  transcriptEmail: true satisfies Fits<Req<"transcript:email">, RustTranscriptEmail>,
};

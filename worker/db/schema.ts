/**
 * The one D1 schema. Every row carries `account_id`, and every query filters by it:
 * no request may ever see another account's data. Ids are random UUIDs generated on the
 * server (never chosen by a client). Timestamps are epoch milliseconds.
 *
 * Migrations in `migrations/` are generated from this file with `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["administrator", "department_manager", "attendant"] as const;
export type Role = (typeof ROLES)[number];

export const CHAT_STATUSES = ["waiting", "active", "closed"] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** Where a chat was started from (the customer-facing surfaces). */
export const CHAT_ORIGINS = ["widget", "popup", "customer_panel", "knowledge_base", "app"] as const;
export type ChatOrigin = (typeof CHAT_ORIGINS)[number];

/** Stored per attendant; a missing key means the default (on). */
export interface NotificationPrefs {
  sound?: boolean;
  desktop?: boolean;
}

export const PRESENCE_STATUSES = ["online", "offline"] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Public key embedded in the widget snippet; identifies the account, grants nothing else. */
  publicKey: text("public_key").notNull().unique(),
  /** Secret for identity verification (customer-hash); never leaves the console. */
  secret: text("secret").notNull(),
  /** IANA time zone for shifts (Horários de Atendimento). */
  timeZone: text("time_zone").notNull().default("America/Sao_Paulo"),
  locale: text("locale").notNull().default("pt-BR"),
  /** Origins allowed to use the widget API (`https://shop.example`); empty = any site. */
  allowedOrigins: text("allowed_origins", { mode: "json" }).notNull().$type<string[]>().default(sql`'[]'`),
  /** Closed chats and offline messages older than this many days are deleted daily; null = kept. */
  retentionDays: integer("retention_days"),
  /** First time the widget was loaded with this account's key (the setup checklist's "snippet installed"). */
  widgetSeenAt: integer("widget_seen_at"),
  /** Painel do Cliente at `/p/<slug>/` besides `/p/<public key>/` (lower-case letters, digits, dashes); null = key only. */
  panelSlug: text("panel_slug").unique(),
  createdAt: integer("created_at").notNull(),
});

export const departments = sqliteTable(
  "departments",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** First message the customer sees when the chat starts. */
    initialMessage: text("initial_message").notNull().default(""),
    /** Pop-up chat logos: R2 object names `<account id>/<sha-256>.<ext>` (the hash makes the URL immutable). */
    logoOnline: text("logo_online"),
    logoOffline: text("logo_offline"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("departments_account_idx").on(t.accountId)],
);

export const attendants = sqliteTable(
  "attendants",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    /** Login e-mail, lower-cased; unique across the service so a login finds one account. */
    email: text("email").notNull().unique(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** "Status no chat ao entrar": the presence set when the attendant logs in. */
    chatStatusOnLogin: text("chat_status_on_login", { enum: PRESENCE_STATUSES }).notNull().default("offline"),
    /** Current presence chosen by the attendant (or set offline by a shift's end). */
    chatStatus: text("chat_status", { enum: PRESENCE_STATUSES }).notNull().default("offline"),
    /**
     * Moves by one with every write of `chatStatus` (worker/presence.ts). A room keeps the newest
     * status it heard: a socket opened with an older read of this row cannot undo a later change.
     */
    chatStatusVersion: integer("chat_status_version").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Their shift (Horários de Atendimento): outside it they cannot be online; null = any hour. */
    shiftId: text("shift_id"),
    /** Most chats they hold at once; null = the account's default (policies.maxChatsPerAttendant). */
    maxChats: integer("max_chats"),
    /** The attendant's own notification choices (console sound, desktop notifications). */
    notificationPrefs: text("notification_prefs", { mode: "json" }).notNull().$type<NotificationPrefs>().default(sql`'{}'`),
    /** May write Base de Conhecimento articles (administrators always may). */
    kbEditor: integer("kb_editor", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("attendants_account_idx").on(t.accountId)],
);

/**
 * An attendant's link to a department: `attends` — they take its chats and count for its
 * presence; `manages` — a department manager supervises it (sees every chat, closes others'
 * chats) without counting as present unless they also attend. Administrators supervise every
 * department of the account and need no row for that.
 */
export const attendantDepartments = sqliteTable(
  "attendant_departments",
  {
    accountId: text("account_id").notNull().references(() => accounts.id),
    attendantId: text("attendant_id").notNull().references(() => attendants.id),
    departmentId: text("department_id").notNull().references(() => departments.id),
    attends: integer("attends", { mode: "boolean" }).notNull().default(true),
    manages: integer("manages", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.attendantId, t.departmentId] }),
    index("attendant_departments_department_idx").on(t.departmentId),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie value: a leaked table does not leak usable cookies. */
    idHash: text("id_hash").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    attendantId: text("attendant_id").notNull().references(() => attendants.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_attendant_idx").on(t.attendantId)],
);

export const customers = sqliteTable(
  "customers",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** Set when the host site vouched for the e-mail with a customer-hash. */
    verifiedEmail: text("verified_email"),
    /** Set when the customer was forgotten (right to be forgotten): name and e-mail are blanked, tokens stop working. */
    deletedAt: integer("deleted_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("customers_account_email_idx").on(t.accountId, t.email),
    // One customer per verified e-mail and account: two devices identifying at the same
    // moment end up with the same customer (the second insert is ignored), never two.
    uniqueIndex("customers_account_verified_email_idx")
      .on(t.accountId, t.verifiedEmail)
      .where(sql`verified_email IS NOT NULL`),
  ],
);

export const chats = sqliteTable(
  "chats",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    /** Per-account sequential protocol number shown to people ("#123"). */
    number: integer("number").notNull(),
    departmentId: text("department_id").notNull().references(() => departments.id),
    customerId: text("customer_id").notNull().references(() => customers.id),
    attendantId: text("attendant_id").references(() => attendants.id),
    status: text("status", { enum: CHAT_STATUSES }).notNull(),
    origin: text("origin", { enum: CHAT_ORIGINS }).notNull(),
    pageUrl: text("page_url"),
    createdAt: integer("created_at").notNull(),
    acceptedAt: integer("accepted_at"),
    closedAt: integer("closed_at"),
    /** "customer", "attendant" or "system". */
    closedBy: text("closed_by"),
    closedByAttendantId: text("closed_by_attendant_id"),
    /** Highest message sequence number written to D1 for this chat. */
    lastSeq: integer("last_seq").notNull().default(0),
    /** The customer's browser as it said (`User-Agent`), for the visitor details; cut to 500 characters. */
    userAgent: text("user_agent"),
    /** The title of the page the chat started on, as the widget read it. */
    pageTitle: text("page_title"),
    /**
     * Set while a waiting chat is out of the queue because its customer left longer ago than the
     * account's setting; cleared when the customer comes back (the chat resumes its place).
     */
    abandonedAt: integer("abandoned_at"),
  },
  (t) => [
    uniqueIndex("chats_account_number_idx").on(t.accountId, t.number),
    index("chats_account_status_idx").on(t.accountId, t.status, t.createdAt),
    // The history's newest-first page without a status (or a date range of every status).
    index("chats_account_created_idx").on(t.accountId, t.createdAt),
    index("chats_customer_idx").on(t.customerId, t.status),
  ],
);

export const chatMessages = sqliteTable(
  "chat_messages",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    chatId: text("chat_id").notNull().references(() => chats.id),
    /** Per-chat sequence number assigned by the department Durable Object. */
    seq: integer("seq").notNull(),
    authorType: text("author_type", { enum: ["customer", "attendant", "system"] }).notNull(),
    authorId: text("author_id"),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    /** An attendants-only note (e.g. a transfer's note): never shown to the customer. */
    internal: integer("internal", { mode: "boolean" }).notNull().default(false),
    /** The file this message carries (chat_attachments), if any; `body` is then its caption or name. */
    attachmentId: text("attachment_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("chat_messages_chat_seq_idx").on(t.chatId, t.seq)],
);

/**
 * Settings as JSON documents: one row for the account (department_id = "") and optional
 * per-department overrides. Kept as documents so that new settings need no migration.
 */
export const settings = sqliteTable(
  "settings",
  {
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").notNull().default(""),
    data: text("data", { mode: "json" }).notNull().$type<Record<string, unknown>>().default(sql`'{}'`),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.departmentId] })],
);

/**
 * "Pesquisa de satisfação": the customer's answer after a chat closed. The chat id is the
 * primary key, so one answer per chat holds even when two submissions race (the second insert
 * conflicts). Department and attendant are copied from the chat so reports need no join on chats.
 */
export const chatSurveys = sqliteTable(
  "chat_surveys",
  {
    chatId: text("chat_id").primaryKey().references(() => chats.id),
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").notNull().references(() => departments.id),
    /** Null when the chat closed before anyone accepted it. */
    attendantId: text("attendant_id").references(() => attendants.id),
    solved: integer("solved", { mode: "boolean" }).notNull(),
    grade: integer("grade").notNull(),
    comment: text("comment"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    check("chat_surveys_grade_check", sql`${t.grade} BETWEEN 1 AND 5`),
    index("chat_surveys_account_department_idx").on(t.accountId, t.departmentId, t.createdAt),
    index("chat_surveys_account_attendant_idx").on(t.accountId, t.attendantId),
  ],
);

/** What became of an offline message: answered by e-mail or turned into a ticket (coming). */
export const OFFLINE_MESSAGE_STATUSES = ["new", "answered", "ticket"] as const;
export type OfflineMessageStatus = (typeof OFFLINE_MESSAGE_STATUSES)[number];

/**
 * "Mensagens offline": what a customer left in the widget's offline form. Never lost, listed
 * in the console. No department means the customer did not pick one; every attendant of the
 * account sees those. The customer is set only when a valid customer token of the same account
 * came with the form; name and e-mail are what the form said.
 */
export const offlineMessages = sqliteTable(
  "offline_messages",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").references(() => departments.id),
    customerId: text("customer_id").references(() => customers.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    message: text("message").notNull(),
    pageUrl: text("page_url"),
    status: text("status", { enum: OFFLINE_MESSAGE_STATUSES }).notNull().default("new"),
    /** When an attendant first answered it by e-mail. */
    answeredAt: integer("answered_at"),
    /** The ticket it became (status "ticket"). */
    ticketId: text("ticket_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("offline_messages_account_created_idx").on(t.accountId, t.createdAt),
    index("offline_messages_account_status_idx").on(t.accountId, t.status, t.createdAt),
  ],
);

export const THREAD_AUTHORS = ["customer", "attendant"] as const;
export type ThreadAuthor = (typeof THREAD_AUTHORS)[number];

/**
 * The e-mail thread of an offline message after the customer's first words (which stay in
 * `offline_messages.message`): attendants' answers (sent through the outbox) and the customer's
 * e-mailed replies. `emailMessageId` is the RFC 5322 Message-ID, for threading and de-duplication.
 */
export const offlineMessageEntries = sqliteTable(
  "offline_message_entries",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    offlineMessageId: text("offline_message_id").notNull().references(() => offlineMessages.id),
    authorType: text("author_type", { enum: THREAD_AUTHORS }).notNull(),
    authorId: text("author_id"),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    emailMessageId: text("email_message_id"),
    /** The outbox row that carries an attendant's answer (its delivery state is read there). */
    outboxId: text("outbox_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("offline_message_entries_message_idx").on(t.offlineMessageId, t.createdAt),
    uniqueIndex("offline_message_entries_email_idx").on(t.accountId, t.emailMessageId).where(sql`email_message_id IS NOT NULL`),
  ],
);

export const TICKET_STATUSES = ["new", "in_progress", "waiting_customer", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_SOURCES = ["console", "offline_message", "chat", "email", "customer_panel"] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
/** "customer": what the customer wrote; "reply": an attendant's public answer (e-mailed); "note": internal, never shown or mailed to the customer. */
export const TICKET_ENTRY_KINDS = ["customer", "reply", "note"] as const;
export type TicketEntryKind = (typeof TICKET_ENTRY_KINDS)[number];

/**
 * Chamados: a per-account numbered ticket with a thread of entries. `source`/`sourceId` say
 * what it came from (an offline message, a chat, the console, an e-mail).
 */
export const tickets = sqliteTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    /** Per-account sequential protocol number shown to people ("#123"). */
    number: integer("number").notNull(),
    subject: text("subject").notNull(),
    customerId: text("customer_id").notNull().references(() => customers.id),
    departmentId: text("department_id").references(() => departments.id),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("new"),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull().default("normal"),
    assigneeId: text("assignee_id").references(() => attendants.id),
    source: text("source", { enum: TICKET_SOURCES }).notNull(),
    sourceId: text("source_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    closedAt: integer("closed_at"),
  },
  (t) => [
    uniqueIndex("tickets_account_number_idx").on(t.accountId, t.number),
    index("tickets_account_status_idx").on(t.accountId, t.status, t.updatedAt),
    index("tickets_account_department_idx").on(t.accountId, t.departmentId, t.updatedAt),
    index("tickets_account_assignee_idx").on(t.accountId, t.assigneeId, t.updatedAt),
    index("tickets_customer_idx").on(t.customerId),
    // One ticket per source (an offline message or a chat is converted once).
    uniqueIndex("tickets_source_idx").on(t.accountId, t.source, t.sourceId).where(sql`source_id IS NOT NULL`),
  ],
);

/** A ticket's thread, oldest first. */
export const ticketEntries = sqliteTable(
  "ticket_entries",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    ticketId: text("ticket_id").notNull().references(() => tickets.id),
    kind: text("kind", { enum: TICKET_ENTRY_KINDS }).notNull(),
    authorId: text("author_id"),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    emailMessageId: text("email_message_id"),
    outboxId: text("outbox_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("ticket_entries_ticket_idx").on(t.ticketId, t.createdAt),
    uniqueIndex("ticket_entries_email_idx").on(t.accountId, t.emailMessageId).where(sql`email_message_id IS NOT NULL`),
  ],
);

/**
 * Whether each department takes chats now, as its room last said. The room is the only
 * source of presence; it writes this row whenever its answer changes, so that the widget's
 * config poll reads every department's state in the same D1 query as the departments
 * instead of waking each room. A stale row only changes what the widget shows: admission is
 * decided by the room.
 */
export const departmentPresence = sqliteTable(
  "department_presence",
  {
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").notNull().references(() => departments.id),
    online: integer("online", { mode: "boolean" }).notNull(),
    /** Offline only because every online attendant holds as many chats as their limit. */
    busy: integer("busy", { mode: "boolean" }).notNull().default(false),
    /** When the room decided it (epoch ms); an older write never overwrites a newer one. */
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.departmentId] })],
);

/**
 * An invitation to an attendant to choose their password (`/admin/invite/<token>`). Only the
 * SHA-256 of the token is stored. Single use: `usedAt` is set in the same statement that checks
 * it is still unused; a resend revokes the previous one.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    attendantId: text("attendant_id").notNull().references(() => attendants.id),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("invitations_attendant_idx").on(t.attendantId)],
);

/**
 * Auditoria: who did what and when. Written in the same `db.batch` as the change it records,
 * so an entry exists exactly when the change does. `actorId` is null for the public (sign-up,
 * failed logins); `detail` holds what changed (never a password or a secret).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("audit_log_account_created_idx").on(t.accountId, t.createdAt),
    index("audit_log_account_actor_idx").on(t.accountId, t.actorId, t.createdAt),
    index("audit_log_account_action_idx").on(t.accountId, t.action, t.createdAt),
  ],
);

/** One weekly interval of a shift: `day` 0 = Sunday; `end` ≤ `start` runs past midnight. */
export interface ShiftInterval {
  day: number;
  start: string;
  end: string;
}

/** A dated exception: closed all day, closed in a range, or a special opening (not closed, with a range). */
export interface ShiftException {
  date: string;
  closed: boolean;
  start?: string;
  end?: string;
}

/**
 * Horários de Atendimento: a named set of weekly intervals plus dated exceptions, read on the
 * account's time zone. `departmentId` null is a general shift of the account (used by every
 * department without shifts of its own); an attendant may also be linked to one.
 */
export const shifts = sqliteTable(
  "shifts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").references(() => departments.id),
    name: text("name").notNull(),
    intervals: text("intervals", { mode: "json" }).notNull().$type<ShiftInterval[]>(),
    exceptions: text("exceptions", { mode: "json" }).notNull().$type<ShiftException[]>().default(sql`'[]'`),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("shifts_account_department_idx").on(t.accountId, t.departmentId)],
);

/** A rule condition of a label (validated by worker/labels; evaluated by the pure rule engine). */
export interface LabelCondition {
  field: string;
  operator: string;
  value: unknown;
}

/**
 * Rótulos: tags that classify chats. `nameKey` is the name folded for uniqueness (case- and
 * accent-insensitive per account). `conditions` are the label's automatic rules: when a chat is
 * created, the label is applied if ANY condition matches.
 */
export const labels = sqliteTable(
  "labels",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    color: text("color").notNull(),
    description: text("description").notNull().default(""),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    conditions: text("conditions", { mode: "json" }).notNull().$type<LabelCondition[]>().default(sql`'[]'`),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("labels_account_name_idx").on(t.accountId, t.nameKey)],
);

export const LABEL_APPLIERS = ["attendant", "rule"] as const;
export type LabelApplier = (typeof LABEL_APPLIERS)[number];

/** Which labels a chat has, who applied each (an attendant, or a rule: `rule` says which condition). */
export const chatLabels = sqliteTable(
  "chat_labels",
  {
    accountId: text("account_id").notNull().references(() => accounts.id),
    chatId: text("chat_id").notNull().references(() => chats.id),
    labelId: text("label_id").notNull().references(() => labels.id),
    appliedBy: text("applied_by", { enum: LABEL_APPLIERS }).notNull(),
    /** The attendant who applied it (appliedBy "attendant"). */
    attendantId: text("attendant_id"),
    /** The condition that matched, as JSON (appliedBy "rule"). */
    rule: text("rule", { mode: "json" }).$type<LabelCondition>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chatId, t.labelId] }),
    index("chat_labels_account_label_idx").on(t.accountId, t.labelId, t.chatId),
  ],
);

/**
 * Painel do Cliente: a customer's password. The customer is the account's verified customer for
 * that e-mail (`customers.verified_email`): a password is only ever set through a link e-mailed
 * to that address (sign-up confirmation, invitation or reset), which is what verifies it.
 */
export const customerCredentials = sqliteTable("customer_credentials", {
  customerId: text("customer_id").primaryKey().references(() => customers.id),
  accountId: text("account_id").notNull().references(() => accounts.id),
  /** Same format as attendants.password_hash. */
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const CUSTOMER_TOKEN_PURPOSES = ["signup", "invite", "reset"] as const;
export type CustomerTokenPurpose = (typeof CUSTOMER_TOKEN_PURPOSES)[number];

/**
 * Single-use links e-mailed to a customer: confirm a sign-up, accept an invitation from an
 * attendant, reset a password. Only the SHA-256 of the token is stored; `usedAt` is set in the
 * statement that checks it is unused. A sign-up keeps the chosen password's hash until confirmed.
 */
export const customerTokens = sqliteTable(
  "customer_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    purpose: text("purpose", { enum: CUSTOMER_TOKEN_PURPOSES }).notNull(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    customerId: text("customer_id"),
    passwordHash: text("password_hash"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("customer_tokens_account_email_idx").on(t.accountId, t.email)],
);

/** Painel do Cliente sessions: separate from attendants' (another cookie, this table), one account each. */
export const customerSessions = sqliteTable(
  "customer_sessions",
  {
    /** SHA-256 of the cookie value. */
    idHash: text("id_hash").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    customerId: text("customer_id").notNull().references(() => customers.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("customer_sessions_customer_idx").on(t.customerId)],
);

/** Base de Conhecimento: a category of articles (`/kb/<key>/<category slug>/...`). */
export const kbCategories = sqliteTable(
  "kb_categories",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("kb_categories_account_slug_idx").on(t.accountId, t.slug)],
);

export const KB_ARTICLE_STATUSES = ["draft", "published"] as const;
export type KbArticleStatus = (typeof KB_ARTICLE_STATUSES)[number];

/**
 * A knowledge-base article: Markdown as written (`body`) and the sanitized HTML rendered from it
 * on save (`html`), so public pages never render untrusted Markdown per request. Votes of
 * "Este artigo foi útil?" are counters.
 */
export const kbArticles = sqliteTable(
  "kb_articles",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    categoryId: text("category_id").notNull().references(() => kbCategories.id),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    body: text("body").notNull(),
    html: text("html").notNull(),
    status: text("status", { enum: KB_ARTICLE_STATUSES }).notNull().default("draft"),
    helpfulYes: integer("helpful_yes").notNull().default(0),
    helpfulNo: integer("helpful_no").notNull().default(0),
    authorId: text("author_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    publishedAt: integer("published_at"),
  },
  (t) => [
    uniqueIndex("kb_articles_account_category_slug_idx").on(t.accountId, t.categoryId, t.slug),
    index("kb_articles_account_status_idx").on(t.accountId, t.status, t.updatedAt),
  ],
);

export const ATTACHMENT_UPLOADERS = ["customer", "attendant"] as const;

/**
 * A file sent in a chat (an image or a PDF, at most 10 MB), stored in R2 under `objectKey`
 * (`<account id>/<chat id>/<id>`), its type checked by content. Served only to the chat's
 * participants through signed, expiring URLs.
 */
export const chatAttachments = sqliteTable(
  "chat_attachments",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    chatId: text("chat_id").notNull().references(() => chats.id),
    uploadedBy: text("uploaded_by", { enum: ATTACHMENT_UPLOADERS }).notNull(),
    attendantId: text("attendant_id"),
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    name: text("name").notNull(),
    width: integer("width"),
    height: integer("height"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("chat_attachments_chat_idx").on(t.chatId)],
);

/**
 * Respostas prontas (canned responses): `scope` is "" for the whole account or a department id
 * (then `departmentId` is set too), so that a shortcut is unique per scope in one index.
 */
export const cannedResponses = sqliteTable(
  "canned_responses",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    departmentId: text("department_id").references(() => departments.id),
    scope: text("scope").notNull().default(""),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("canned_responses_scope_shortcut_idx").on(t.accountId, t.scope, t.shortcut)],
);

/**
 * Failed logins counted per key ("email:<address>" across IPs, "ip:<address>" across e-mails),
 * so that a wrong password slows the next try down and a correct one is never refused because
 * of earlier successes. Not per account: an attacker sprays e-mails, not accounts. Rows older
 * than the window are reset on the next failure and swept by the daily job.
 */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
});

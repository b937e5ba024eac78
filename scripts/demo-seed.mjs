// The demo account: fixed ids, public key and passwords, so that the README's snippet and
// logins work as written. INSERT OR IGNORE makes seeding idempotent: a second run changes nothing.
import { pbkdf2Sync, randomBytes } from "node:crypto";

export const DEMO = {
  accountId: "demo-account",
  accountName: "Demo",
  publicKey: "demo-public-key",
  departments: [
    {
      id: "dep-suporte",
      name: "Suporte",
      initialMessage: "Olá! Obrigado por falar com o Suporte. Um atendente responderá em instantes.",
    },
    { id: "dep-comercial", name: "Comercial", initialMessage: "Olá! Em que o time Comercial pode ajudar?" },
  ],
  attendants: [
    { id: "att-admin", name: "Administradora Demo", email: "admin@demo.test", password: "demo-admin-123", role: "administrator", onLogin: "offline", departments: [] },
    { id: "att-gerente", name: "Gerente Suporte", email: "gerente@demo.test", password: "demo-gerente-123", role: "department_manager", onLogin: "offline", departments: [], manages: ["dep-suporte"] },
    { id: "att-ana", name: "Ana (Suporte)", email: "ana@demo.test", password: "demo-ana-123", role: "attendant", onLogin: "online", departments: ["dep-suporte"] },
    { id: "att-bruno", name: "Bruno (Comercial)", email: "bruno@demo.test", password: "demo-bruno-123", role: "attendant", onLogin: "online", departments: ["dep-comercial"] },
  ],
  // Comercial keeps business hours in the account's zone (America/Sao_Paulo); Suporte has none: open 24/7.
  shifts: [
    {
      id: "shift-comercial",
      departmentId: "dep-comercial",
      name: "Comercial",
      intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "18:00" })),
    },
  ],
};

/** The shift the browser tests delete (prepareDatabase's `openAllHours`), so Comercial is open at any hour. */
export const COMERCIAL_SHIFT_ID = "shift-comercial";

/** Same format and parameters as worker/auth/password.ts. */
export function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, "sha256");
  return `pbkdf2-sha256$100000$${salt.toString("base64")}$${hash.toString("base64")}`;
}

const q = (v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

export function demoSeedSql(now = Date.now()) {
  const lines = [
    `INSERT OR IGNORE INTO accounts (id, name, public_key, secret, time_zone, locale, created_at) VALUES (${[
      DEMO.accountId, DEMO.accountName, DEMO.publicKey, randomBytes(24).toString("hex"), "America/Sao_Paulo", "pt-BR", now,
    ].map(q).join(", ")});`,
  ];
  for (const d of DEMO.departments) {
    lines.push(
      `INSERT OR IGNORE INTO departments (id, account_id, name, active, initial_message, created_at) VALUES (${[d.id, DEMO.accountId, d.name, 1, d.initialMessage, now].map(q).join(", ")});`,
    );
  }
  for (const a of DEMO.attendants) {
    lines.push(
      `INSERT OR IGNORE INTO attendants (id, account_id, name, email, password_hash, role, chat_status_on_login, chat_status, active, created_at) VALUES (${[
        a.id, DEMO.accountId, a.name, a.email, hashPassword(a.password), a.role, a.onLogin, "offline", 1, now,
      ].map(q).join(", ")});`,
    );
    // `departments` are attended (the attendant takes their chats); `manages` are supervised only.
    const links = [...a.departments.map((dep) => [dep, 1, 0]), ...(a.manages ?? []).map((dep) => [dep, 0, 1])];
    for (const [dep, attends, manages] of links) {
      lines.push(
        `INSERT OR IGNORE INTO attendant_departments (account_id, attendant_id, department_id, attends, manages) VALUES (${[DEMO.accountId, a.id, dep, attends, manages].map(q).join(", ")});`,
      );
    }
  }
  for (const shift of DEMO.shifts) {
    lines.push(
      `INSERT OR IGNORE INTO shifts (id, account_id, department_id, name, intervals, exceptions, created_at, updated_at) VALUES (${[
        shift.id, DEMO.accountId, shift.departmentId, shift.name, JSON.stringify(shift.intervals), "[]", now, now,
      ].map(q).join(", ")});`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The roles as the console and the README name them. */
const ROLE_LABELS = { administrator: "Administrador", department_manager: "Gerente", attendant: "Atendente" };

/** The demo logins as `npm start` prints them: role, e-mail, password, one a line. */
export function demoLogins() {
  return DEMO.attendants.map((a) => `  ${ROLE_LABELS[a.role].padEnd(14)} ${a.email.padEnd(20)} ${a.password}`).join("\n");
}

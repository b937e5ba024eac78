/**
 * Creating an attendant (POST /api/attendants): the row with the unusable password hash, their
 * department links and their first invitation, with the audit entries, in one batch.
 */
import { auditEntry } from "../audit";
import { UNUSABLE_HASH } from "../auth/password";
import { database } from "../db/client";
import { attendants, type PresenceStatus, type Role } from "../db/schema";
import { badRequest } from "../errors";
import type { AttendantInvitedResponse } from "../views-gestao";
import { newInvitation } from "./invitation";
import { insertLinks, requireFreeEmail, runBatch, type Acting } from "./rows";
import { requireDepartmentsOfAccount, requireGrantable, type Manager } from "./scope";
import { attendantView, type Links } from "./view";

export interface NewAttendant {
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  managedDepartmentIds?: string[];
  chatStatusOnLogin?: PresenceStatus;
}

/** 400 when departments to manage come with a role that manages none. */
export function requireManagerRole(role: Role, managedDepartmentIds: string[] | undefined): void {
  if (role !== "department_manager" && managedDepartmentIds?.length) {
    throw badRequest("Only department managers manage departments", "managedDepartmentIds");
  }
}

/** Creates the attendant and their invitation; `origin` makes the link absolute. */
export async function createAttendant(
  d1: D1Database,
  manager: Manager,
  acting: Acting,
  origin: string,
  input: NewAttendant,
): Promise<AttendantInvitedResponse> {
  const db = database(d1);
  const { accountId } = acting;
  requireManagerRole(input.role, input.managedDepartmentIds);
  await requireDepartmentsOfAccount(d1, accountId, { departmentIds: input.departmentIds, managedDepartmentIds: input.managedDepartmentIds });
  const links: Links = { attends: new Set(input.departmentIds), manages: new Set(input.managedDepartmentIds ?? []) };
  requireGrantable(manager, null, { role: input.role, links });
  await requireFreeEmail(db, input.email);

  const id = crypto.randomUUID();
  const now = Date.now();
  const invitation = await newInvitation(db, { accountId, attendantId: id, createdBy: manager.who.id, origin, now });
  const target = { type: "attendant", id };
  const created = {
    role: input.role,
    departmentIds: [...links.attends],
    managedDepartmentIds: [...links.manages],
  };
  await runBatch(db, [
    db.insert(attendants).values({
      id,
      accountId,
      name: input.name,
      email: input.email,
      passwordHash: UNUSABLE_HASH,
      role: input.role,
      chatStatusOnLogin: input.chatStatusOnLogin ?? "offline",
      chatStatus: "offline",
      createdAt: now,
    }),
    ...insertLinks(db, accountId, id, links),
    invitation.insert,
    auditEntry(db, { ...acting, action: "attendant.created", target, detail: created, at: now }),
    auditEntry(db, { ...acting, action: "attendant.invitation_sent", target, detail: { expiresAt: invitation.link.expiresAt }, at: now }),
  ]);
  return { attendant: await attendantView(d1, accountId, id), invitation: invitation.link };
}

import { describe, expect, it } from "vitest";
import { ApiError } from "../../admin/api";
import { assigneeOptions, convertedTicketId, deliveryText, entryLabel, ticketErrorKey, ticketSearch } from "../../admin/api-tickets";
import { parseRoute, routeHash } from "../../admin/app";
import { accountWithOfflineToTicket, departmentWithOfflineToTicket, offlineTicketChoice } from "../../admin/offline-ticket-policy";
import { withRouting } from "../../admin/policies-form";
import type { AttendantView } from "../../worker/views-gestao";
import type { TicketEntryView } from "../../worker/views-tickets";

const look = { colors: {}, size: {}, texts: {} };

function attendant(id: string, departmentIds: string[], active = true): AttendantView {
  return { id, name: `Nome ${id}`, email: `${id}@x.test`, role: "attendant", departmentIds, managedDepartmentIds: [], chatStatusOnLogin: "offline", chatStatus: "offline", active, invitation: null, shiftId: null, maxChats: null, createdAt: 0 };
}

function entry(overrides: Partial<TicketEntryView>): TicketEntryView {
  return { id: "e1", kind: "reply", author: { id: "a1", name: "Ana" }, body: "x", createdAt: 1, ...overrides };
}

describe("Chamados in the console", () => {
  it("routes #/tickets and #/tickets/<id> both ways", () => {
    expect(parseRoute("#/tickets")).toEqual({ page: "tickets" });
    expect(parseRoute("#/tickets/t%201")).toEqual({ page: "tickets", id: "t 1" });
    for (const hash of ["#/tickets", "#/tickets/t%201"]) expect(routeHash(parseRoute(hash))).toBe(hash);
  });

  it("leaves empty filters out of the list's query", () => {
    expect(ticketSearch({ page: 1 })).toBe("page=1");
    expect(ticketSearch({ page: 2, status: "closed", departmentId: "d1", assigneeId: "", q: " #12 " })).toBe("page=2&status=closed&departmentId=d1&q=%2312");
  });

  it("offers managers the attendants of the ticket's department, an attendant only themselves, and always the current assignee", () => {
    const list = [attendant("a1", ["d1"]), attendant("a2", ["d2"]), attendant("a3", ["d1"], false)];
    const ticket = { department: { id: "d1", name: "Suporte" }, assignee: { id: "a9", name: "Antigo" } };
    expect(assigneeOptions({ id: "m1", name: "Gerente", role: "department_manager" }, ticket, list).map((o) => o.id)).toEqual(["a9", "a1"]);
    expect(assigneeOptions({ id: "m1", name: "Admin", role: "administrator" }, { department: null, assignee: null }, list).map((o) => o.id)).toEqual(["a1", "a2"]);
    expect(assigneeOptions({ id: "a2", name: "Eu", role: "attendant" }, { department: null, assignee: null }, null)).toEqual([{ id: "a2", name: "Eu" }]);
  });

  it("names each entry and a reply's delivery state", () => {
    expect(entryLabel("note")).toBe("tickets.entry.note");
    expect(entryLabel("customer")).toBe("tickets.entry.customer");
    expect(deliveryText(entry({ kind: "note" }))).toBeNull();
    expect(deliveryText(entry({ delivery: { status: "sent", lastError: null, sentAt: 2 } }))).toEqual({ key: "tickets.delivery.sent" });
    expect(deliveryText(entry({ delivery: { status: "failed", lastError: "535 auth", sentAt: null } }))).toEqual({ key: "tickets.delivery.failed", params: { error: "535 auth" } });
    expect(deliveryText(entry({ delivery: null }))).toEqual({ key: "tickets.delivery.unknown" });
  });

  it("explains refusals and finds the existing ticket of a second conversion", () => {
    expect(ticketErrorKey(new ApiError(409, "email_not_configured", "x"))).toBe("tickets.error.email_not_configured");
    expect(ticketErrorKey(new ApiError(403, "forbidden", "x"))).toBe("tickets.error.forbidden");
    expect(ticketErrorKey(new ApiError(404, "not_found", "x"))).toBe("notice.notFound");
    expect(convertedTicketId(new ApiError(409, "already_converted", "x", undefined, { ticketId: "t1" }))).toBe("t1");
    expect(convertedTicketId(new ApiError(409, "other", "x", undefined, { ticketId: "t1" }))).toBeNull();
  });

  it("sets the offline-to-ticket policy without touching the other settings, and routing keeps it", () => {
    expect(accountWithOfflineToTicket({ look, policies: { surveyEnabled: true } }, true)).toEqual({ look, policies: { surveyEnabled: true, offlineToTicket: true } });
    const routed = { look, policies: { routing: "automatic" as const } };
    const on = departmentWithOfflineToTicket(routed, "on");
    expect(on).toEqual({ look, policies: { routing: "automatic", offlineToTicket: true } });
    expect(offlineTicketChoice(on)).toBe("on");
    expect(offlineTicketChoice(departmentWithOfflineToTicket(on, "off"))).toBe("off");
    expect(departmentWithOfflineToTicket(on, "")).toEqual(routed);
    expect(departmentWithOfflineToTicket(undefined, "")).toEqual({ look });
    expect(withRouting(on, "")).toEqual({ look, policies: { offlineToTicket: true } });
    expect(withRouting(on, "manual")).toEqual({ look, policies: { routing: "manual", offlineToTicket: true } });
  });
});

import { describe, expect, it } from "vitest";
import {
  assignableDepartments,
  attendantCreateBody,
  attendantDraft,
  attendantPatchBody,
  canEditAttendant,
  checkAttendant,
  deactivatesAttendant,
  invitationLabel,
  roleOptions,
  toggleId,
} from "../../admin/attendant-form";
import {
  canCreateDepartment,
  checkDepartment,
  deactivates,
  departmentCreateBody,
  departmentDraft,
  departmentPatchBody,
  departmentScope,
  excerpt,
  logoProblem,
} from "../../admin/department-form";
import type { Me } from "../../worker/views";
import type { AttendantView, DepartmentView } from "../../worker/views-gestao";

const DAY = 86_400_000;

function me(role: Me["role"], departments: Me["departments"] = []): Me {
  return { id: "me", name: "Ana", email: "ana@example.com", role, chatStatus: "online", departments, notificationPrefs: {} };
}

function department(overrides: Partial<DepartmentView> = {}): DepartmentView {
  return { id: "dep-1", name: "Suporte", active: true, initialMessage: "Olá!", logoOnlineUrl: null, logoOfflineUrl: null, createdAt: 1, ...overrides };
}

function attendant(overrides: Partial<AttendantView> = {}): AttendantView {
  return {
    id: "att-9",
    name: "Caio",
    email: "caio@example.com",
    role: "attendant",
    departmentIds: ["dep-1"],
    managedDepartmentIds: [],
    chatStatusOnLogin: "offline",
    chatStatus: "offline",
    active: true,
    invitation: null,
    shiftId: null,
    createdAt: 1,
    ...overrides,
  };
}

const manages = (id: string) => ({ id, name: id, attends: false, supervises: true });
const attends = (id: string) => ({ id, name: id, attends: true, supervises: false });

describe("Departamentos: who may change what", () => {
  it("lets administrators change everything and create departments", () => {
    expect(departmentScope(me("administrator"), "dep-1")).toBe("all");
    expect(canCreateDepartment("administrator")).toBe(true);
  });

  it("lets a department manager change only the initial message of the departments they manage", () => {
    const manager = me("department_manager", [manages("dep-1"), attends("dep-2")]);
    expect(departmentScope(manager, "dep-1")).toBe("message");
    expect(departmentScope(manager, "dep-2")).toBe("none");
    expect(departmentScope(manager, "dep-3")).toBe("none");
    expect(canCreateDepartment("department_manager")).toBe(false);
  });

  it("leaves attendants read-only", () => {
    expect(departmentScope(me("attendant", [attends("dep-1")]), "dep-1")).toBe("none");
    expect(canCreateDepartment("attendant")).toBe(false);
  });
});

describe("Departamentos: request bodies", () => {
  it("creates with trimmed texts and the active switch", () => {
    expect(departmentCreateBody({ name: "  Vendas ", initialMessage: " Oi ", active: false })).toEqual({ name: "Vendas", initialMessage: "Oi", active: false });
  });

  it("patches only what changed", () => {
    const original = department();
    expect(departmentPatchBody(original, departmentDraft(original), "all")).toEqual({});
    expect(departmentPatchBody(original, { ...departmentDraft(original), name: "Suporte 2", active: false }, "all")).toEqual({ name: "Suporte 2", active: false });
  });

  it("sends only the initial message for a department manager, whatever else the draft holds", () => {
    const original = department();
    const draft = { name: "Outro", initialMessage: "Bem-vindo", active: false };
    expect(departmentPatchBody(original, draft, "message")).toEqual({ initialMessage: "Bem-vindo" });
    expect(departmentPatchBody(original, draft, "none")).toEqual({});
  });

  it("checks the name (1–80) and the initial message (≤ 1000) before sending", () => {
    expect(checkDepartment({ name: "  ", initialMessage: "", active: true })).toEqual({ name: "dept.error.name" });
    expect(checkDepartment({ name: "x".repeat(81), initialMessage: "y".repeat(1001), active: true })).toEqual({
      name: "dept.error.name",
      initialMessage: "dept.error.initialMessage",
    });
    // A manager does not edit the name: it is not checked for them.
    expect(checkDepartment({ name: "", initialMessage: "ok", active: true }, "message")).toEqual({});
  });

  it("asks before deactivating an active department, and only then", () => {
    expect(deactivates(department(), { ...departmentDraft(department()), active: false })).toBe(true);
    expect(deactivates(department({ active: false }), { ...departmentDraft(department()), active: false })).toBe(false);
    expect(deactivates(null, { name: "Novo", initialMessage: "", active: false })).toBe(false);
  });

  it("refuses logo files that are not PNG, JPEG or WebP, or over 256 KB, before uploading", () => {
    expect(logoProblem({ type: "image/png", size: 1000 })).toBeNull();
    expect(logoProblem({ type: "image/webp", size: 256 * 1024 })).toBeNull();
    expect(logoProblem({ type: "image/svg+xml", size: 10 })).toBe("people.error.unsupportedImage");
    expect(logoProblem({ type: "image/jpeg", size: 256 * 1024 + 1 })).toBe("people.error.tooLarge");
  });

  it("shows one line of the initial message in the list", () => {
    expect(excerpt("Olá!\n\nComo  podemos ajudar?")).toBe("Olá! Como podemos ajudar?");
    expect(excerpt("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
  });
});

describe("Atendentes: who may give what", () => {
  it("offers every role to administrators and anything but administrator to managers", () => {
    expect(roleOptions("administrator")).toEqual(["administrator", "department_manager", "attendant"]);
    expect(roleOptions("department_manager")).toEqual(["department_manager", "attendant"]);
    expect(roleOptions("attendant")).toEqual([]);
  });

  it("keeps department managers away from administrators", () => {
    expect(canEditAttendant(me("department_manager"), attendant({ role: "administrator" }))).toBe(false);
    expect(canEditAttendant(me("department_manager"), attendant())).toBe(true);
    expect(canEditAttendant(me("administrator"), attendant({ role: "administrator" }))).toBe(true);
    expect(canEditAttendant(me("attendant"), attendant())).toBe(false);
  });

  it("offers a manager only the departments they manage", () => {
    const all = [department({ id: "dep-1" }), department({ id: "dep-2" }), department({ id: "dep-3" })];
    expect(assignableDepartments(me("administrator"), all).map((d) => d.id)).toEqual(["dep-1", "dep-2", "dep-3"]);
    expect(assignableDepartments(me("department_manager", [manages("dep-2"), attends("dep-3")]), all).map((d) => d.id)).toEqual(["dep-2"]);
  });
});

describe("Atendentes: request bodies", () => {
  it("creates a new attendant, sending managed departments only for a department manager", () => {
    const draft = { ...attendantDraft(), name: " Bia ", email: " bia@example.com ", departmentIds: ["dep-1"], managedDepartmentIds: ["dep-1"] };
    expect(attendantCreateBody(draft)).toEqual({
      name: "Bia",
      email: "bia@example.com",
      role: "attendant",
      departmentIds: ["dep-1"],
      chatStatusOnLogin: "offline",
    });
    expect(attendantCreateBody({ ...draft, role: "department_manager", chatStatusOnLogin: "online" })).toEqual({
      name: "Bia",
      email: "bia@example.com",
      role: "department_manager",
      departmentIds: ["dep-1"],
      managedDepartmentIds: ["dep-1"],
      chatStatusOnLogin: "online",
    });
  });

  it("starts a new attendant as an attendant, offline on login, with no departments", () => {
    expect(attendantDraft()).toMatchObject({ role: "attendant", chatStatusOnLogin: "offline", departmentIds: [], active: true });
  });

  it("patches only what changed, whatever the order of the departments", () => {
    const original = attendant({ departmentIds: ["dep-1", "dep-2"] });
    expect(attendantPatchBody(original, { ...attendantDraft(original), departmentIds: ["dep-2", "dep-1"] })).toEqual({});
    expect(attendantPatchBody(original, { ...attendantDraft(original), email: "c@example.com", active: false })).toEqual({ email: "c@example.com", active: false });
  });

  it("clears the managed departments when a manager becomes an attendant", () => {
    const original = attendant({ role: "department_manager", managedDepartmentIds: ["dep-1"] });
    expect(attendantPatchBody(original, { ...attendantDraft(original), role: "attendant" })).toEqual({ role: "attendant", managedDepartmentIds: [] });
  });

  it("keeps departments a manager's form does not offer (they are in the draft, untouched)", () => {
    const original = attendant({ departmentIds: ["dep-1", "dep-other"] });
    const draft = attendantDraft(original);
    const edited = { ...draft, departmentIds: toggleId(draft.departmentIds, "dep-2", true) };
    expect(attendantPatchBody(original, edited)).toEqual({ departmentIds: ["dep-1", "dep-other", "dep-2"] });
    expect(toggleId(["a", "b"], "a", false)).toEqual(["b"]);
  });

  it("checks the name and the e-mail before sending", () => {
    expect(checkAttendant({ ...attendantDraft(), name: "", email: "nope" })).toEqual({ name: "people.error.name", email: "people.error.email" });
    expect(checkAttendant({ ...attendantDraft(), name: "Bia", email: "bia@example.com" })).toEqual({});
  });

  it("asks before deactivating an active attendant only", () => {
    expect(deactivatesAttendant(attendant(), { ...attendantDraft(attendant()), active: false })).toBe(true);
    expect(deactivatesAttendant(attendant({ active: false }), { ...attendantDraft(attendant()), active: false })).toBe(false);
  });
});

describe("Atendentes: invitation labels", () => {
  const now = 10 * DAY;

  it("says pending until the expiry, then expired, and nothing once a password was chosen", () => {
    expect(invitationLabel({ status: "pending", expiresAt: now + DAY }, now)).toBe("att.invitationPending");
    expect(invitationLabel({ status: "expired", expiresAt: now - DAY }, now)).toBe("att.invitationExpired");
    expect(invitationLabel(null, now)).toBeNull();
  });

  it("counts a pending invitation past its expiry (a list loaded earlier) as expired", () => {
    expect(invitationLabel({ status: "pending", expiresAt: now }, now)).toBe("att.invitationExpired");
  });
});

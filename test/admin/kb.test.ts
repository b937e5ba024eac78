import { describe, expect, it } from "vitest";
import { canOpen, canOpenSection } from "../../admin/app";
import { attendantDraft, attendantPatchBody } from "../../admin/attendant-form";
import { checkKbDraft, kbCreateBody, kbDraft, kbErrorField, kbPatchBody, previewDocument } from "../../admin/kb-form";
import type { KbArticleView } from "../../admin/api-kb";
import type { AttendantView } from "../../worker/views-gestao";

const article: KbArticleView = {
  id: "a1",
  categoryId: "c1",
  title: "Emitir boleto",
  slug: "emitir-boleto",
  description: "Passo a passo",
  status: "draft",
  helpfulYes: 0,
  helpfulNo: 0,
  url: "/kb/key/pagamentos/emitir-boleto",
  createdAt: 1,
  updatedAt: 1,
  publishedAt: null,
  body: "# Oi",
  html: "<h1>Oi</h1>",
};

describe("Base de Conhecimento editor logic", () => {
  it("checks the title, category and slug before sending", () => {
    expect(checkKbDraft({ ...kbDraft(), title: " " })).toEqual({ title: "kb.error.title", categoryId: "kb.error.category" });
    expect(checkKbDraft({ ...kbDraft(article), slug: "Com Espaço" })).toEqual({ slug: "kb.error.slug" });
    expect(checkKbDraft(kbDraft(article))).toEqual({});
  });

  it("creates with the slug only when typed, and patches only what changed plus a status change", () => {
    const draft = { ...kbDraft(null, "c1"), title: " Novo ", body: "x" };
    expect(kbCreateBody(draft, "published")).toEqual({ categoryId: "c1", title: "Novo", description: "", body: "x", status: "published" });
    expect(kbCreateBody({ ...draft, slug: "novo-1" }, "draft").slug).toBe("novo-1");
    expect(kbPatchBody(article, kbDraft(article), "draft")).toEqual({});
    expect(kbPatchBody(article, { ...kbDraft(article), body: "novo" }, "published")).toEqual({ body: "novo", status: "published" });
  });

  it("puts a server refusal next to its field", () => {
    expect(kbErrorField("slug_taken", "slug")).toBe("slug");
    expect(kbErrorField("bad_request", "categoryId")).toBe("categoryId");
    expect(kbErrorField("bad_request", "html")).toBeNull();
  });

  it("wraps the server's HTML in a document for the sandboxed preview", () => {
    const doc = previewDocument("<p>oi</p>", 'pt-BR"><script>');
    expect(doc).toContain('<html lang="pt-BRscript">');
    expect(doc).toContain("<body><p>oi</p></body>");
  });

  it("opens Gestão › Base de Conhecimento for every role, other sections as before", () => {
    expect(canOpen("attendant", "gestao")).toBe(true);
    expect(canOpenSection("attendant", "kb")).toBe(true);
    expect(canOpenSection("attendant", "attendants")).toBe(false);
    expect(canOpenSection("department_manager", "kb")).toBe(true);
    expect(canOpenSection("department_manager", "account")).toBe(false);
  });

  it("sends kbEditor in the attendant patch only when it changed", () => {
    const attendant = { id: "x", name: "Ana", email: "a@b.c", role: "attendant", departmentIds: [], managedDepartmentIds: [], chatStatusOnLogin: "offline", chatStatus: "offline", active: true, invitation: null, shiftId: null, maxChats: null, kbEditor: false, createdAt: 1 } satisfies AttendantView;
    expect(attendantPatchBody(attendant, attendantDraft(attendant))).toEqual({});
    expect(attendantPatchBody(attendant, { ...attendantDraft(attendant), kbEditor: true })).toEqual({ kbEditor: true });
  });
});

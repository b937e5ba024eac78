import { describe, expect, it } from "vitest";
import { fillPlaceholders, insertCanned, searchCanned, slashToken } from "../../admin/canned";
import type { CannedResponseView } from "../../worker/views-canned";

const response = (shortcut: string, title: string, body: string, departmentId: string | null = null): CannedResponseView => ({
  id: `${departmentId ?? "acc"}-${shortcut}`,
  departmentId,
  shortcut,
  title,
  body,
  createdAt: 1,
  updatedAt: 1,
  canEdit: false,
});

describe("Respostas prontas in the composer", () => {
  it("opens on a / at the start or after a space, not inside a URL or a word", () => {
    expect(slashToken("/", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(slashToken("Olá /sen", 8)).toEqual({ start: 4, end: 8, query: "sen" });
    expect(slashToken("linha\n/a", 8)).toEqual({ start: 6, end: 8, query: "a" });
    expect(slashToken("veja https://x.com/a", 20)).toBeNull();
    expect(slashToken("e/ou", 4)).toBeNull();
    // The caret decides: a / earlier in the text with a space after it is over.
    expect(slashToken("/sen ha", 7)).toBeNull();
    expect(slashToken("/sen ha", 4)).toEqual({ start: 0, end: 4, query: "sen" });
  });

  it("searches the account's and the chat's department's, shortcut prefix first, accents ignored, a department's shadowing the account's", () => {
    const all = [
      response("senha", "Trocar a senha", "Clique em Esqueci a senha."),
      response("prazo", "Prazo de entrega", "Até 2 dias úteis para a senha nova chegar."),
      response("ola", "Saudação", "Olá!"),
      response("ola", "Saudação do suporte", "Olá, suporte!", "dep-1"),
      response("preco", "Preços", "Veja a tabela.", "dep-2"),
    ];
    expect(searchCanned(all, "dep-1", "").map((r) => r.id)).toEqual(["dep-1-ola", "acc-prazo", "acc-senha"]);
    expect(searchCanned(all, "dep-1", "sen").map((r) => r.id)).toEqual(["acc-senha", "acc-prazo"]);
    expect(searchCanned(all, "dep-1", "UTEIS").map((r) => r.id)).toEqual(["acc-prazo"]);
    expect(searchCanned(all, "dep-2", "saudacao").map((r) => r.id)).toEqual(["acc-ola"]);
    expect(searchCanned(all, "dep-1", "pre")).toEqual([]);
  });

  it("fills the placeholders and puts the text in place of the /query", () => {
    const text = fillPlaceholders("Olá {{customer.name}}, aqui é {{ attendant.name }}. {{customer.email}} fica.", { customer: "Zé", attendant: "Ana" });
    expect(text).toBe("Olá Zé, aqui é Ana. {{customer.email}} fica.");
    const token = slashToken("Bom dia! /ola e mais", 13)!;
    expect(insertCanned("Bom dia! /ola e mais", token, "Olá Zé")).toEqual({ draft: "Bom dia! Olá Zé e mais", caret: 15 });
  });
});

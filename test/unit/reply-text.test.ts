import { describe, expect, it } from "vitest";
import { MAX_REPLY_TEXT, replyText } from "../../worker/email/reply-text";

describe("replyText: the new words of an e-mailed answer", () => {
  it.each([
    ["Gmail, wrapped attribution", "Great, thanks!\n\nOn Mon, Jun 3, 2024 at 10:00 AM Acme <\nsuporte+x@acme.test> wrote:\n\n> Old text\n", "Great, thanks!"],
    ["Portuguese Gmail", "Obrigada!\n\nEm seg., 3 de jun. de 2024 às 10:00, Acme <a@b.test>\nescreveu:\n\n> Antigo\n", "Obrigada!"],
    ["Spanish", "¿Y a Bogotá?\n\nEl 3 jun 2024, a las 10:00, Acme <a@b.test> escribió:\n> Antiguo", "¿Y a Bogotá?"],
    ["Outlook without address", "Pode enviar.\n\n________________________________\nDe: Acme Suporte\nEnviado: segunda-feira, 3 de junho\nPara: Carla\n\nAntigo", "Pode enviar."],
    ["Outlook in English with address", "Ok.\r\n\r\nFrom: Acme <a@b.test>\r\nSent: Monday, June 3\r\nTo: Me\r\n\r\nOld", "Ok."],
    ["Original Message rule", "Sim.\n-----Original Message-----\nFrom: x\nOld", "Sim."],
    ["signature separator", "Chegou.\n\n-- \nAna Souza\nLoja da Ana", "Chegou."],
    ["mobile signature", "Chegou.\n\nEnviado do meu iPhone", "Chegou."],
    ["interleaved quotes", "> Qual o CEP?\n69000-000\n> E o número?\n12", "69000-000\n12"],
  ])("%s", (_name, input, expected) => {
    expect(replyText(input)).toBe(expected);
  });

  it("keeps ordinary lines that only look a little like headers", () => {
    const text = "On Monday I will be out.\nEm março volto.\nDe: manhã, por favor";
    expect(replyText(text)).toBe(text);
  });

  it("is empty for a quote only, and cuts a very long text with a mark", () => {
    expect(replyText("> only a quote\n>\n")).toBe("");
    const long = replyText("a".repeat(MAX_REPLY_TEXT + 50));
    expect(long).toHaveLength(MAX_REPLY_TEXT);
    expect(long.endsWith("…")).toBe(true);
  });
});

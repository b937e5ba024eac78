/**
 * GET /api/chats/export.csv: the filtered history as CSV for spreadsheets — BOM, quoting,
 * formula injection guarded, the same filters and visibility as the list.
 */
import { describe, expect, it } from "vitest";
import { csvCell } from "../../worker/history/csv";
import { api, createAccount, login } from "./helpers";
import { seedChat, seedLabel } from "./history-helpers";

/** The CSV's rows as cell arrays (a small RFC 4180 reader: quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

async function exportAs(cookie: string, query = ""): Promise<{ res: Response; text: string; rows: string[][] }> {
  const res = await api(`/api/chats/export.csv${query}`, { cookie });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { res, text, rows: parseCsv(text.replace(/^\uFEFF/, "")) };
}

describe("history CSV export", () => {
  it("writes a BOM, an English header and one quoted row per chat, newest first, with labels and local times", async () => {
    const account = await createAccount("csv-basic");
    const financeiro = await seedLabel(account, "Financeiro");
    const urgente = await seedLabel(account, "Urgente");
    await seedChat(account, {
      departmentId: account.departments.support, number: 7, attendantId: account.attendants.support1.id, createdAt: Date.parse("2024-03-10T02:30:00Z"),
      customer: { name: 'Silva, "Zé"\nda Costa', email: "ze@example.com" }, messages: ["boleto", "obrigado"], labelIds: [urgente, financeiro],
    });
    await seedChat(account, { departmentId: account.departments.sales, number: 8, createdAt: Date.parse("2024-03-11T12:00:00Z"), status: "waiting" });
    const { res, text, rows } = await exportAs(await login(account.attendants.admin.email));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="historico-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(rows[0]).toEqual(["number", "status", "created_at", "closed_at", "department", "attendant", "customer_name", "customer_email", "origin", "page_url", "messages", "labels"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["8", "7"]);
    // São Paulo is UTC−3: 02:30 UTC on March 10 is 23:30 on March 9 there.
    expect(rows[2]).toEqual(["7", "closed", "2024-03-09 23:30", "2024-03-09 23:30", "Suporte", "support1 of csv-basic", 'Silva, "Zé"\nda Costa', "ze@example.com", "widget", "", "2", "Financeiro; Urgente"]);
    expect(rows[1]?.[3]).toBe("");
    expect(rows[1]?.[11]).toBe("");
  });

  it("guards every cell that a spreadsheet would run as a formula", async () => {
    const account = await createAccount("csv-inject");
    const names = ['=HYPERLINK("http://evil.example","x")', "+5511999", "-2+3", "@SUM(A1)", "\tTAB", "plain"];
    for (const [i, name] of names.entries()) {
      await seedChat(account, { departmentId: account.departments.support, number: i + 1, customer: { name, email: `${i}@example.com` } });
    }
    const { rows } = await exportAs(await login(account.attendants.admin.email), "?customer=");
    const exported = new Map(rows.slice(1).map((r) => [r[0], r[6]]));
    expect(exported.get("1")).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(exported.get("2")).toBe("'+5511999");
    expect(exported.get("3")).toBe("'-2+3");
    expect(exported.get("4")).toBe("'@SUM(A1)");
    expect(exported.get("5")).toBe("'\tTAB");
    expect(exported.get("6")).toBe("plain");
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell(-1)).toBe('"-1"');
  });

  it("applies the filters and what the reader may see", async () => {
    const account = await createAccount("csv-filters");
    const vip = await seedLabel(account, "VIP");
    await seedChat(account, { departmentId: account.departments.support, number: 1, messages: ["cancelar pedido"], labelIds: [vip] });
    await seedChat(account, { departmentId: account.departments.support, number: 2, messages: ["segunda via"] });
    await seedChat(account, { departmentId: account.departments.sales, number: 3, messages: ["cancelar assinatura"], labelIds: [vip] });
    const admin = await login(account.attendants.admin.email);
    const numbers = async (cookie: string, query: string) => (await exportAs(cookie, query)).rows.slice(1).map((r) => r[0]);
    expect(await numbers(admin, `?labelId=${vip}`)).toEqual(["3", "1"]);
    expect(await numbers(admin, "?q=cancelar&departmentId=" + account.departments.support)).toEqual(["1"]);
    expect(await numbers(admin, "?q=nada")).toEqual([]);
    const support1 = await login(account.attendants.support1.email);
    expect(await numbers(support1, `?labelId=${vip}`)).toEqual(["1"]);
    const stranger = await createAccount("csv-filters-other");
    expect(await numbers(await login(stranger.attendants.admin.email), `?labelId=${vip}`)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { parseRoute, routeHash } from "../../admin/app";
import {
  activeFilterCount,
  DEFAULT_HISTORY_FILTERS,
  historyApiQuery,
  historyExportUrl,
  historySearchText,
  parseHistorySearch,
  type HistoryFilters,
} from "../../admin/history-filters";

const full: HistoryFilters = {
  labelIds: ["lab-1", "lab-2"],
  departmentId: "dep-1",
  attendantId: "att-1",
  status: "all",
  from: "2024-03-01",
  to: "2024-03-31",
  customer: "maria & josé",
  number: 42,
  q: 'não "pago" OR *',
  page: 3,
};

describe("history filters ⇄ URL", () => {
  it("round-trips every filter through the hash text", () => {
    expect(parseHistorySearch(historySearchText(full))).toEqual(full);
    expect(parseHistorySearch(`?${historySearchText(full)}`)).toEqual(full);
  });

  it("writes the defaults as nothing and is canonical (same filters, same text)", () => {
    expect(historySearchText(DEFAULT_HISTORY_FILTERS)).toBe("");
    expect(parseHistorySearch("")).toEqual(DEFAULT_HISTORY_FILTERS);
    const a = historySearchText(parseHistorySearch("labelId=b&q=x&labelId=a&page=1&status=closed"));
    const b = historySearchText(parseHistorySearch("q=x&labelId=b&labelId=a"));
    expect(a).toBe(b);
    expect(a).toBe("q=x&labelId=b&labelId=a");
  });

  it("drops what an old or edited bookmark gets wrong instead of failing", () => {
    const parsed = parseHistorySearch("status=open&from=yesterday&to=2024-3-1&number=-4&page=0&labelId=bad%20id&labelId=ok&departmentId=%3Bx&q=%20%20&customer=");
    expect(parsed).toEqual({ labelIds: ["ok"], status: "closed", page: 1 });
    expect(parseHistorySearch("number=%2312").number).toBe(12);
    expect(parseHistorySearch(`q=${"x".repeat(300)}`).q).toHaveLength(200);
    expect(parseHistorySearch(Array.from({ length: 30 }, (_, i) => `labelId=l${i}`).join("&")).labelIds).toHaveLength(20);
  });

  it("asks the API with the same filters; status all sends none, and the export has no page", () => {
    const api = new URLSearchParams(historyApiQuery(full, 20));
    expect(api.get("status")).toBeNull();
    expect(api.getAll("labelId")).toEqual(["lab-1", "lab-2"]);
    expect(api.get("q")).toBe('não "pago" OR *');
    expect(api.get("page")).toBe("3");
    expect(api.get("limit")).toBe("20");
    expect(new URLSearchParams(historyApiQuery(DEFAULT_HISTORY_FILTERS)).get("status")).toBe("closed");
    const csv = new URL(historyExportUrl(full), "http://x");
    expect(csv.pathname).toBe("/api/chats/export.csv");
    expect(csv.searchParams.get("page")).toBeNull();
    expect(csv.searchParams.get("customer")).toBe("maria & josé");
    expect(historyExportUrl(DEFAULT_HISTORY_FILTERS)).toBe("/api/chats/export.csv?status=closed");
  });

  it("counts the filters that differ from the defaults", () => {
    expect(activeFilterCount(DEFAULT_HISTORY_FILTERS)).toBe(0);
    expect(activeFilterCount(full)).toBe(10);
  });

  it("keeps the search in the #/history route and gives it back", () => {
    const hash = routeHash({ page: "history", search: historySearchText(full) });
    expect(hash.startsWith("#/history?")).toBe(true);
    const route = parseRoute(hash);
    expect(route).toEqual({ page: "history", search: historySearchText(full) });
    expect(parseHistorySearch(route.page === "history" ? (route.search ?? "") : "")).toEqual(full);
    expect(parseRoute("#/history")).toEqual({ page: "history" });
    expect(routeHash({ page: "history" })).toBe("#/history");
    expect(parseRoute("#/history/chat-1")).toEqual({ page: "transcript", chatId: "chat-1" });
  });
});

describe("label chip colours", () => {
  it("picks the text colour with more contrast, never below 4.5:1, and refuses what is not #rrggbb", async () => {
    const { chipColors, contrast, luminance } = await import("../../admin/label-colors");
    expect(chipColors("#ffff00").color).toBe("#000000");
    expect(chipColors("#1d4ed8").color).toBe("#ffffff");
    for (let i = 0; i < 4096; i += 7) {
      const hex = `#${i.toString(16).padStart(3, "0").split("").map((c) => c + c).join("")}`;
      const { background, color } = chipColors(hex);
      expect(contrast(luminance(background), luminance(color))).toBeGreaterThanOrEqual(4.5);
    }
    expect(chipColors("red; background: url(x)").background).toBe("#6b7280");
    expect(chipColors("#ABCDEF").background).toBe("#abcdef");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { canOpen, parseRoute, routeHash } from "../../admin/app";
import { formatGrade, formatPercent } from "../../admin/format";
import { setLocale } from "../../admin/i18n";

describe("console routes", () => {
  it("parses every page's hash and writes it back", () => {
    for (const hash of ["#/", "#/history", "#/history/chat%201", "#/offline", "#/customize", "#/publish", "#/satisfaction"]) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
    expect(parseRoute("#/history/chat%201")).toEqual({ page: "transcript", chatId: "chat 1" });
  });

  it("sends an unknown hash to the live desk", () => {
    expect(parseRoute("#/nope")).toEqual({ page: "live" });
    expect(parseRoute("")).toEqual({ page: "live" });
  });

  it("offers Personalizar chat to administrators and department managers only", () => {
    expect(canOpen("administrator", "customize")).toBe(true);
    expect(canOpen("department_manager", "customize")).toBe(true);
    expect(canOpen("attendant", "customize")).toBe(false);
  });

  it("lets every role embed the chat and read the satisfaction report", () => {
    for (const role of ["administrator", "department_manager", "attendant"] as const) {
      expect(canOpen(role, "publish")).toBe(true);
      expect(canOpen(role, "satisfaction")).toBe(true);
      expect(canOpen(role, "history")).toBe(true);
      expect(canOpen(role, "offline")).toBe(true);
    }
  });
});

describe("report numbers", () => {
  afterEach(() => setLocale("pt-BR"));

  it("shows the mean grade with one decimal and the solved share as a percentage", () => {
    setLocale("pt-BR");
    expect(formatGrade(4.46)).toBe("4,5");
    expect(formatGrade(4)).toBe("4,0");
    expect(formatPercent(0.75)).toMatch(/^75\s?%$/);
    setLocale("en");
    expect(formatGrade(3.25)).toBe("3.3");
    expect(formatPercent(1)).toBe("100%");
  });
});

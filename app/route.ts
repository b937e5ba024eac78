/**
 * The app's views as hash routes (`#/chamados`, `#/chamados/novo`, `#/chamados/<id>`, `#/chat`,
 * `#/base`, `#/base/<article id>`): the page's path stays the app's start URL, inside the
 * service worker's scope, and the back button works.
 */
export type Tab = "tickets" | "chat" | "kb";

export type Route =
  | { tab: "tickets"; view: "list" }
  | { tab: "tickets"; view: "new" }
  | { tab: "tickets"; view: "detail"; id: string }
  | { tab: "chat" }
  | { tab: "kb"; view: "index" }
  | { tab: "kb"; view: "article"; id: string };

/** The route of a location hash; anything unknown is the ticket list. */
export function parseRoute(hash: string): Route {
  const [section = "", id = ""] = hash.replace(/^#\/?/, "").split("/").map((part) => decodeURIComponent(part));
  if (section === "chat") return { tab: "chat" };
  if (section === "base") return id ? { tab: "kb", view: "article", id } : { tab: "kb", view: "index" };
  if (section === "chamados" && id === "novo") return { tab: "tickets", view: "new" };
  if (section === "chamados" && id) return { tab: "tickets", view: "detail", id };
  return { tab: "tickets", view: "list" };
}

/** The hash of each tab's first view. */
export const TAB_HASH: Record<Tab, string> = { tickets: "#/chamados", chat: "#/chat", kb: "#/base" };

export const ticketHash = (id: string): string => `#/chamados/${encodeURIComponent(id)}`;
export const articleHash = (id: string): string => `#/base/${encodeURIComponent(id)}`;

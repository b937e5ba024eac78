/**
 * The console's client for Rótulos (docs/API.md "Rótulos (labels)"): the account's labels with
 * their rules, and a chat's labels. Failures are {@link ApiError}s with the server's `code` and
 * `field` (`conditions.2.value`), which the form puts next to that control.
 */
import { request } from "./api";
import type { ChatLabelsResponse, LabelResponse, LabelsResponse, RuleCondition } from "../worker/views-labels";

export type { ChatLabel, LabelView, RuleCondition, RuleField } from "../worker/views-labels";

/** Body of POST /api/labels (PATCH takes any subset). */
export interface LabelBody {
  name: string;
  color: string;
  description: string;
  active: boolean;
  conditions: RuleCondition[];
}

export const labelsApi = {
  list: () => request<LabelsResponse>("GET", "/api/labels"),
  create: (body: LabelBody) => request<LabelResponse>("POST", "/api/labels", body),
  update: (id: string, body: Partial<LabelBody>) => request<LabelResponse>("PATCH", `/api/labels/${encodeURIComponent(id)}`, body),
  remove: (id: string) => request<void>("DELETE", `/api/labels/${encodeURIComponent(id)}`),
  /** Replaces the chat's labels; answers the new set. */
  setChatLabels: (chatId: string, labelIds: string[]) => request<ChatLabelsResponse>("PUT", `/api/chats/${encodeURIComponent(chatId)}/labels`, { labelIds }),
};

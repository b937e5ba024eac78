/**
 * Answer types of Rótulos (/api/labels, PUT /api/chats/:id/labels), shared with the console by
 * `import type`. Documented in docs/API.md (Rótulos).
 */
import type { RuleCondition } from "./labels/rules";

export type { RuleCondition, RuleField, TimeRange } from "./labels/rules";

/** A label as a chat carries it (chips in the console). */
export interface ChatLabel {
  id: string;
  name: string;
  color: string;
}

/** A label with its rules, as /api/labels answers it. */
export interface LabelView extends ChatLabel {
  description: string;
  active: boolean;
  conditions: RuleCondition[];
  createdAt: number;
  updatedAt: number;
}

export interface LabelsResponse {
  labels: LabelView[];
  /** Whether the caller may create, edit and delete labels (administrators and department managers). */
  canManage: boolean;
}

export interface LabelResponse {
  label: LabelView;
}

/** PUT /api/chats/:id/labels. */
export interface ChatLabelsResponse {
  chatId: string;
  labels: ChatLabel[];
}

/**
 * Answer types of Respostas prontas (/api/canned-responses), shared with the console as types
 * only. Placeholders in `body`: `{{customer.name}}` and `{{attendant.name}}`, replaced by the
 * console when the response is inserted (admin/canned.ts).
 */

/** One canned response as the API answers it. */
export interface CannedResponseView {
  id: string;
  /** null: the whole account's; otherwise the department it belongs to. */
  departmentId: string | null;
  shortcut: string;
  title: string;
  body: string;
  createdAt: number;
  updatedAt: number;
  /** The caller may edit and delete it (administrators: any; managers: their departments'). */
  canEdit: boolean;
}

/** GET /api/canned-responses. */
export interface CannedResponsesResponse {
  cannedResponses: CannedResponseView[];
  /** Where the caller may create: `account` (administrators) and the departments they manage. */
  canCreate: { account: boolean; departmentIds: string[] };
}

/** POST and PATCH /api/canned-responses[/:id]. */
export interface CannedResponseResponse {
  cannedResponse: CannedResponseView;
}

/**
 * Chat settings ("Personalizar chat" and "Políticas de Atendimento Online"): one document for
 * the account and optional per-department overrides of the look, stored in the `settings`
 * table (department_id "" for the account). Every value is validated: colours are colours,
 * sizes have bounds, texts have lengths. A saved document only holds what the account changed;
 * defaults fill the rest when it is read, so new settings need no migration.
 */
import * as z from "zod";

import {
  DEFAULT_LOOK,
  effectiveLook,
  emptyLook,
  LANGS,
  readLook,
  SIZE_BOUNDS,
  SIZE_PRESETS,
  TEXT_KEYS,
  TEXT_MAX,
  type EffectiveLook,
  type Lang,
  type StoredLook,
  type TextKey,
  type WidgetLook as WidgetLookType,
} from "./look";

export { DEFAULT_LOOK, effectiveLook, emptyLook, readLook, SIZE_PRESETS, TEXT_KEYS, type EffectiveLook, type StoredLook, type TextKey };

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a73e8");
const text = (max: number) => z.string().trim().min(1).max(max);

/** One language's texts. Unknown keys are refused, which also tells this shape from the per-language one. */
const Texts = z.partialRecord(z.enum(TEXT_KEYS), text(TEXT_MAX));
const TextsByLang = z.partialRecord(z.enum(LANGS), Texts);

/** Whether a received `texts` is the per-language shape: some key is a language (a text key never is). */
const isByLang = (value: unknown): boolean => typeof value === "object" && value !== null && LANGS.some((lang) => lang in value);

/**
 * The texts per language (`{ "pt-BR": { title }, en: { title } }`), or the shape from before
 * texts were per language (`{ title }`), which is read as the account's language (look.ts
 * `readLook`): stored documents and older clients keep working without a migration.
 */
export const WidgetTexts = z
  .unknown()
  .transform((value, ctx) => {
    // Picked by shape rather than with z.union, so a refusal names the field (`look.texts.en.title`).
    const parsed = (isByLang(value) ? TextsByLang : Texts).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  })
  .default({});

export const WidgetLook = z.object({
  colors: z
    .object({ primary: hexColor, onPrimary: hexColor, background: hexColor })
    .partial()
    .default({}),
  size: z
    .object({
      preset: z.enum(["S", "M", "L", "custom"]),
      width: z.number().int().min(SIZE_BOUNDS.width.min).max(SIZE_BOUNDS.width.max),
      height: z.number().int().min(SIZE_BOUNDS.height.min).max(SIZE_BOUNDS.height.max),
    })
    .partial()
    .default({}),
  position: z.enum(["left", "right"]).optional(),
  texts: WidgetTexts,
});
export type WidgetLook = WidgetLookType;

type Assert<T extends true> = T;
type Parsed = z.infer<typeof WidgetLook>;
/** The schema parses to exactly the zod-free `StoredLook` of look.ts. */
export type LookSchemaMatchesType = Assert<[Parsed] extends [StoredLook] ? ([StoredLook] extends [Parsed] ? true : false) : false>;

export const Policies = z.object({
  /** "Exibir pesquisa de opinião ao encerrar o atendimento". */
  surveyEnabled: z.boolean().optional(),
  /** Default most chats an attendant holds at once (attendants.max_chats overrides it); absent: no limit. */
  maxChatsPerAttendant: z.number().int().min(1).max(100).optional(),
  /** "manual": attendants accept chats from the queue; "automatic": the room assigns them. Absent: manual. */
  routing: z.enum(["manual", "automatic"]).optional(),
  /** Seconds an online attendant may have no console open before they are set offline (60 when absent). */
  offlineGraceSeconds: z.number().int().min(10).max(3600).optional(),
  /**
   * Minutes without a customer message after which an active chat is closed by the system (the
   * customer is warned one minute before); absent: never. Counted from the accept or the
   * customer's last message, whichever is later (durable-objects/inactivity.ts).
   */
  inactivityCloseMinutes: z.number().int().min(2).max(1440).optional(),
  /** The customer may ask for the chat's transcript by e-mail when it closes; absent: no. */
  transcriptByEmail: z.boolean().optional(),
  /** "Converter mensagens offline em chamados automaticamente" (worker/tickets/convert.ts); absent: off. */
  offlineToTicket: z.boolean().optional(),
  /**
   * Minutes a waiting chat's customer may be away (every socket of theirs closed) before the chat
   * leaves the queue as abandoned; it comes back if they return (durable-objects/customer-presence.ts).
   * Absent: 10 (ABANDON_AFTER_MINUTES_DEFAULT).
   */
  abandonAfterMinutes: z.number().int().min(1).max(1440).optional(),
});

/** The abandon delay when the account set none. */
export const ABANDON_AFTER_MINUTES_DEFAULT = 10;

/** What a department may decide for itself, over the account's `policies`. */
export const DepartmentPolicies = z.object({
  /** The department's own routing mode; absent: the account's. */
  routing: Policies.shape.routing,
  /** The department's own choice of turning offline messages into tickets; absent: the account's. */
  offlineToTicket: Policies.shape.offlineToTicket,
});

/** The account's document: the look for every department, and the policies. */
export const AccountSettings = z.object({
  look: WidgetLook.default({ colors: {}, size: {}, texts: {} }),
  policies: Policies.default({}),
});
/** The account's document as parsed: texts maybe still in the old single shape. */
export type StoredAccountSettings = z.infer<typeof AccountSettings>;
/** The account's document as the API answers it: texts per language. */
export type AccountSettings = Omit<z.infer<typeof AccountSettings>, "look"> & { look: WidgetLookType };

/** A department's document: look overrides and its own routing mode. */
export const DepartmentSettings = z.object({
  look: WidgetLook.default({ colors: {}, size: {}, texts: {} }),
  policies: DepartmentPolicies.optional(),
});
/** A department's document as parsed: texts maybe still in the old single shape. */
export type StoredDepartmentSettings = z.infer<typeof DepartmentSettings>;
/** A department's document as the API answers it: texts per language. */
export type DepartmentSettings = Omit<z.infer<typeof DepartmentSettings>, "look"> & { look: WidgetLookType };

/**
 * A parsed (stored or received) document with its texts per language: texts in the old single
 * shape become the account's language `base`.
 */
export function readDocument<D extends { look: StoredLook }>(doc: D, base: Lang): Omit<D, "look"> & { look: WidgetLookType } {
  return { ...doc, look: readLook(doc.look, base) };
}

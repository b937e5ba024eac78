/**
 * Chat settings ("Personalizar chat" and "Políticas de Atendimento Online"): one document for
 * the account and optional per-department overrides of the look, stored in the `settings`
 * table (department_id "" for the account). Every value is validated: colours are colours,
 * sizes have bounds, texts have lengths. A saved document only holds what the account changed;
 * defaults fill the rest when it is read, so new settings need no migration.
 */
import * as z from "zod";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a73e8");
const text = (max: number) => z.string().trim().min(1).max(max);

/** Every text the customer reads that the account may replace. Absent keys use the built-in, translated text. */
export const TEXT_KEYS = [
  "title",
  "greeting",
  "nameLabel",
  "emailLabel",
  "departmentLabel",
  "messageLabel",
  "startButton",
  "waitingText",
  "offlineTitle",
  "offlineText",
  "sendButton",
  "closedText",
  "newChatButton",
  "surveyTitle",
  "surveySolvedQuestion",
  "surveyGradeQuestion",
  "surveyCommentLabel",
  "surveySubmit",
  "surveyThanks",
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

export const WidgetTexts = z.partialRecord(z.enum(TEXT_KEYS), text(500)).default({});

export const SIZE_PRESETS = { S: { width: 320, height: 440 }, M: { width: 370, height: 540 }, L: { width: 420, height: 640 } } as const;

export const WidgetLook = z.object({
  colors: z
    .object({ primary: hexColor, onPrimary: hexColor, background: hexColor })
    .partial()
    .default({}),
  size: z
    .object({
      preset: z.enum(["S", "M", "L", "custom"]),
      width: z.number().int().min(280).max(600),
      height: z.number().int().min(360).max(900),
    })
    .partial()
    .default({}),
  position: z.enum(["left", "right"]).optional(),
  texts: WidgetTexts,
});
export type WidgetLook = z.infer<typeof WidgetLook>;

export const Policies = z.object({
  /** "Exibir pesquisa de opinião ao encerrar o atendimento". */
  surveyEnabled: z.boolean().optional(),
});

/** The account's document: the look for every department, and the policies. */
export const AccountSettings = z.object({
  look: WidgetLook.default({ colors: {}, size: {}, texts: {} }),
  policies: Policies.default({}),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

/** A department's document: only look overrides. */
export const DepartmentSettings = z.object({
  look: WidgetLook.default({ colors: {}, size: {}, texts: {} }),
});
export type DepartmentSettings = z.infer<typeof DepartmentSettings>;

export const DEFAULT_LOOK = {
  colors: { primary: "#1a73e8", onPrimary: "#ffffff", background: "#ffffff" },
  size: { preset: "M", ...SIZE_PRESETS.M },
  position: "right",
} as const;

/** What the widget applies: every field resolved. */
export interface EffectiveLook {
  colors: { primary: string; onPrimary: string; background: string };
  size: { width: number; height: number };
  position: "left" | "right";
  texts: Partial<Record<TextKey, string>>;
}

function resolveSize(size: WidgetLook["size"]): { width: number; height: number } | undefined {
  if (!size.preset && size.width === undefined && size.height === undefined) return undefined;
  if (size.preset && size.preset !== "custom") return SIZE_PRESETS[size.preset];
  return { width: size.width ?? DEFAULT_LOOK.size.width, height: size.height ?? DEFAULT_LOOK.size.height };
}

/** Defaults, then the account's look, then the department's overrides. */
export function effectiveLook(account: WidgetLook, department?: WidgetLook): EffectiveLook {
  return {
    colors: { ...DEFAULT_LOOK.colors, ...account.colors, ...department?.colors },
    size: (department && resolveSize(department.size)) ?? resolveSize(account.size) ?? { width: DEFAULT_LOOK.size.width, height: DEFAULT_LOOK.size.height },
    position: department?.position ?? account.position ?? DEFAULT_LOOK.position,
    texts: { ...account.texts, ...department?.texts },
  };
}

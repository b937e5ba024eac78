/**
 * The compact form of `GET /api/widget/config` (`?compact=1`, what the widget's loader asks
 * for): the same answer without what equals the defaults, since it is downloaded on every page
 * view before the launcher shows. The widget expands it back (widget/config-compact.ts):
 *
 * - a look keeps only the colours, size and position that differ from `DEFAULT_LOOK`, and its
 *   texts when there are any; a look with nothing left is omitted (the defaults);
 * - a department's `look` is omitted when it equals the account's;
 * - `online: false`, an empty `initialMessage`, `surveyEnabled: false` and
 *   `transcriptByEmail: false` are omitted.
 */
import { DEFAULT_LOOK, type EffectiveLook } from "../settings/look";
import type { CompactLook, WidgetConfigCompact, WidgetConfigResponse } from "../views";

/** What of `look` differs from the defaults, or undefined when nothing does. */
export function compactLook(look: EffectiveLook): CompactLook | undefined {
  const out: CompactLook = {};
  const colors = Object.fromEntries(Object.entries(look.colors).filter(([key, value]) => DEFAULT_LOOK.colors[key as keyof EffectiveLook["colors"]] !== value));
  if (Object.keys(colors).length) out.colors = colors;
  if (look.size.width !== DEFAULT_LOOK.size.width || look.size.height !== DEFAULT_LOOK.size.height) out.size = look.size;
  if (look.position !== DEFAULT_LOOK.position) out.position = look.position;
  if (Object.keys(look.texts).length) out.texts = look.texts;
  return Object.keys(out).length ? out : undefined;
}

/** The compact form of a full configuration answer (see the top of this file). */
export function compactConfig(full: WidgetConfigResponse): WidgetConfigCompact {
  const accountLook = JSON.stringify(full.look);
  const look = compactLook(full.look);
  return {
    account: full.account,
    departments: full.departments.map(({ look: deptLook, online, initialMessage, ...rest }) => {
      const own = JSON.stringify(deptLook) === accountLook ? undefined : (compactLook(deptLook) ?? {});
      return { ...rest, ...(online ? { online } : {}), ...(initialMessage ? { initialMessage } : {}), ...(own ? { look: own } : {}) };
    }),
    ...(look ? { look } : {}),
    lang: full.lang,
    ...(full.surveyEnabled ? { surveyEnabled: true as const } : {}),
    ...(full.transcriptByEmail ? { transcriptByEmail: true as const } : {}),
  };
}

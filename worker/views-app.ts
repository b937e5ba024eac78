/**
 * Answer types of the app Meu Suporte's own API (`/api/app/:key/*`). The app (app/) imports
 * them with `import type`.
 */

/** `GET /api/app/:key/config`. */
export interface AppConfigResponse {
  company: string;
  /** The account's locale (`pt-BR`, `en`, `es`): the app's language when the phone's is none of them. */
  locale: string;
  /** The look's primary colour, `#rrggbb`. */
  themeColor: string;
  /** Aplicativo Meu Suporte > "Ativar atendimento online": null when off (the app shows no chat at all). */
  chat: { departmentId: string | null } | null;
}

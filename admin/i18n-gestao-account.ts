/**
 * Console texts of Gestão (account pages) in pt-BR (the default), English and Spanish. Product names
 * stay in Portuguese, with the translation in parentheses where it helps.
 */
export const gestaoAccountPtBR = {} as const;

export const gestaoAccountEn: Record<keyof typeof gestaoAccountPtBR, string> = {};

export const gestaoAccountEs: Record<keyof typeof gestaoAccountPtBR, string> = {};

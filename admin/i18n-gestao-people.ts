/**
 * Console texts of Gestão (people pages) in pt-BR (the default), English and Spanish. Product names
 * stay in Portuguese, with the translation in parentheses where it helps.
 */
export const gestaoPeoplePtBR = {} as const;

export const gestaoPeopleEn: Record<keyof typeof gestaoPeoplePtBR, string> = {};

export const gestaoPeopleEs: Record<keyof typeof gestaoPeoplePtBR, string> = {};

/** Console text for a settings save refused because someone else saved first (412), in pt-BR, English and Spanish. */
export const settingsConflictPtBR = {
  "settings.stale": "Outra pessoa alterou estas configurações depois que você as abriu. Recarregue a página para ver a versão atual e refaça a sua alteração.",
};

export const settingsConflictEn: Record<keyof typeof settingsConflictPtBR, string> = {
  "settings.stale": "Someone else changed these settings after you opened them. Reload the page to see the current version and redo your change.",
};

export const settingsConflictEs: Record<keyof typeof settingsConflictPtBR, string> = {
  "settings.stale": "Otra persona cambió esta configuración después de que la abriste. Recarga la página para ver la versión actual y vuelve a hacer tu cambio.",
};

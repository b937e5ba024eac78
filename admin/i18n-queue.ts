/** Console texts of a long queue (only its first rows are listed until asked), in pt-BR, English and Spanish. */
export const queuePtBR = {
  "queue.more": "Mostrar mais {n}",
  "queue.moreLabel": "Mostrar mais {n} dos {rest} chats da fila que não estão na lista",
};

export const queueEn: Record<keyof typeof queuePtBR, string> = {
  "queue.more": "Show {n} more",
  "queue.moreLabel": "Show {n} more of the {rest} queued chats not in the list",
};

export const queueEs: Record<keyof typeof queuePtBR, string> = {
  "queue.more": "Mostrar {n} más",
  "queue.moreLabel": "Mostrar {n} más de los {rest} chats en cola que no están en la lista",
};

/** Console texts of chat attachments (sending and showing files) in pt-BR (the default), English and Spanish. */
export const attachmentsPtBR = {
  "attach.button": "Anexar arquivo",
  "attach.hint": "Imagens (PNG, JPEG, GIF, WebP) ou PDF, até 10 MB.",
  "attach.sending": "Enviando {name}…",
  "attach.open": "Abrir {name}",
  "attach.download": "Baixar {name} ({size})",
  "attach.unavailable": "Arquivo indisponível",
  "attach.error.too_large": "O arquivo passa de 10 MB.",
  "attach.error.unsupported_type": "Só é possível enviar imagens (PNG, JPEG, GIF, WebP) ou PDF.",
  "attach.error.chat_closed": "O atendimento foi encerrado.",
  "attach.error.forbidden": "Aceite o atendimento antes de enviar arquivos.",
  "attach.error.rate_limited": "Muitos arquivos em pouco tempo. Aguarde um minuto.",
};

export const attachmentsEn: Record<keyof typeof attachmentsPtBR, string> = {
  "attach.button": "Attach a file",
  "attach.hint": "Images (PNG, JPEG, GIF, WebP) or PDF, up to 10 MB.",
  "attach.sending": "Sending {name}…",
  "attach.open": "Open {name}",
  "attach.download": "Download {name} ({size})",
  "attach.unavailable": "File unavailable",
  "attach.error.too_large": "The file is larger than 10 MB.",
  "attach.error.unsupported_type": "Only images (PNG, JPEG, GIF, WebP) or PDF files can be sent.",
  "attach.error.chat_closed": "The chat has ended.",
  "attach.error.forbidden": "Accept the chat before sending files.",
  "attach.error.rate_limited": "Too many files in a short time. Wait a minute.",
};

export const attachmentsEs: Record<keyof typeof attachmentsPtBR, string> = {
  "attach.button": "Adjuntar archivo",
  "attach.hint": "Imágenes (PNG, JPEG, GIF, WebP) o PDF, hasta 10 MB.",
  "attach.sending": "Enviando {name}…",
  "attach.open": "Abrir {name}",
  "attach.download": "Descargar {name} ({size})",
  "attach.unavailable": "Archivo no disponible",
  "attach.error.too_large": "El archivo supera los 10 MB.",
  "attach.error.unsupported_type": "Solo se pueden enviar imágenes (PNG, JPEG, GIF, WebP) o PDF.",
  "attach.error.chat_closed": "La conversación terminó.",
  "attach.error.forbidden": "Acepte la conversación antes de enviar archivos.",
  "attach.error.rate_limited": "Demasiados archivos en poco tiempo. Espere un minuto.",
};

/**
 * Customers' e-mailed answers as real mail clients lay them out (the quoted history under the
 * new text), for the inbound e-mail tests. `{to}` is the thread address, `{id}` the Message-ID
 * being answered.
 */

/** Gmail, English: multipart/alternative; the "On … wrote:" line wrapped before the address. */
export const GMAIL = `MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="000000000000abc"

--000000000000abc
Content-Type: text/plain; charset="UTF-8"

Great, my zip code is 69000-000.

Thanks!

On Mon, Jun 3, 2024 at 10:00 AM Acme Suporte <
{to}> wrote:

> Entregamos sim, em até 10 dias.
>

--000000000000abc
Content-Type: text/html; charset="UTF-8"

<div dir="ltr">Great, my zip code is 69000-000.<div><br></div><div>Thanks!</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jun 3, 2024 at 10:00 AM Acme Suporte &lt;<a href="mailto:{to}">{to}</a>&gt; wrote:<br></div><blockquote class="gmail_quote">Entregamos sim, em até 10 dias.</blockquote></div>

--000000000000abc--
`;

/** Outlook desktop, Portuguese: quoted-printable, a rule and the "De:/Enviado:" block (sender without <address>). */
export const OUTLOOK_PT = `MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Perfeito, pode enviar para a loja do centro.

Atenciosamente,
Carla

________________________________
De: Acme Suporte
Enviado: segunda-feira, 3 de junho de 2024 10:00
Para: Carla <carla@cliente.test>
Assunto: Re: Voc=EAs entregam em Manaus?

Entregamos sim, em at=E9 10 dias.
`;

/** Gmail in Portuguese: "Em … escreveu:" wrapped, quoted lines, and a "-- " signature. */
export const GMAIL_PT = `MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Obrigada! Chegou certinho.

-- 
Ana Souza
Loja da Ana

Em seg., 3 de jun. de 2024 às 10:00, Acme Suporte <{to}>
escreveu:

> Entregamos sim, em até 10 dias.
`;

/** Apple Mail in Spanish: "El … escribió:" and `>` quotes. */
export const APPLE_ES = `MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

¿Y el envío a Bogotá?

El 3 jun 2024, a las 10:00, Acme Suporte <{to}> escribió:

> Entregamos sim, em até 10 dias.
`;

/** A full message: headers, then one of the bodies above. */
export function withHeaders(body: string, fields: { from: string; to: string; messageId: string; inReplyTo?: string; extra?: string[] }): string {
  const head = [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    "Subject: =?UTF-8?Q?Re:_Voc=C3=AAs_entregam_em_Manaus=3F?=",
    "Date: Mon, 3 Jun 2024 10:05:00 -0300",
    `Message-ID: ${fields.messageId}`,
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`, `References: ${fields.inReplyTo}`] : []),
    ...(fields.extra ?? []),
  ];
  return `${head.join("\n")}\n${body.replaceAll("{to}", fields.to)}`;
}

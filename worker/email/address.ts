/**
 * What may go into an e-mail header or an SMTP command as an address or an id. These checks are
 * the line between what people typed and the wire: anything with CR, LF, spaces, quotes or angle
 * brackets is refused, so no value can end a header line or an SMTP command early.
 */
import * as z from "zod";

/** An ASCII address (`local@domain.tld`); the same practical pattern zod uses, anchored, no line breaks. */
const ADDRESS = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** A Message-ID with its angle brackets: `<left@right>`, visible ASCII only. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;

/** A host name or an IPv4 address, for the SMTP host and the EHLO name. */
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

export function isMessageId(value: string): boolean {
  return value.length <= 250 && MESSAGE_ID.test(value);
}

export function isHostName(value: string): boolean {
  return HOST.test(value);
}

/** An e-mail address in a request body (trimmed; refused with a clear message otherwise). */
export const emailAddress = z
  .string()
  .trim()
  .max(254)
  .refine(isEmailAddress, { message: "Not a valid e-mail address" });

/** A Message-ID in a request body, `<id@domain>`. */
export const messageId = z.string().trim().refine(isMessageId, { message: "Not a Message-ID like <id@domain>" });

/** A one-line text for a header (a display name, a subject): no control characters at all. */
export const headerText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: "Must be one line of text" });

/** Control characters (CR and LF among them) become spaces: for texts that must fit on one header line. */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** The domain of an address (after the last @). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

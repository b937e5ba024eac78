/**
 * GET /favicon.ico: the product's icon (a white speech bubble on the console's blue), so that
 * no page of ours (console, pop-up chat, Base de Conhecimento) logs a 404 for the icon every
 * browser asks for. A 32×32 PNG inside an ICO container, 195 bytes, kept inline: the assets
 * folder is rebuilt from sources by scripts/build-assets.mjs and this is not worth a build step.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env";

const ICON_BASE64 = "AAABAAEAICAAAAEAIACtAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAHRJREFUeNrtl0sOABAMRHsRZ3Nep2IniIhPdUr6EjvJvI3qEDU4H+LNQyNuhw8lpMK7EtLhlQQqPEuYwMrlWdgFdmEROOVIgIs3BbgxgfcE7BWoGEQqRvGOhNhvCNkH4AKlBHQjggvYUvpFN9BTzVSUU1Q9T8ZAV5/mxsMLAAAAAElFTkSuQmCC";

/** The icon's bytes, decoded once per isolate. */
let icon: ArrayBuffer | undefined;

function iconBytes(): ArrayBuffer {
  icon ??= Uint8Array.from(atob(ICON_BASE64), (ch) => ch.charCodeAt(0)).buffer;
  return icon;
}

export const faviconRoutes = new Hono<AppEnv>().get("/", (c) =>
  c.body(iconBytes(), 200, { "Content-Type": "image/x-icon", "Cache-Control": "public, max-age=86400" }),
);

/**
 * The app Meu Suporte's Worker side: the shell page, the manifest, the icons (real PNGs of the
 * declared sizes in the account's colour), the service worker and `GET /api/app/:key/config`
 * with the app's chat switch.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createAccount, expectError, json, login, ORIGIN } from "./helpers";

async function setPrimary(accountId: string, primary: string) {
  await env.DB.prepare("INSERT INTO settings (account_id, department_id, data, updated_at) VALUES (?, '', ?, ?)")
    .bind(accountId, JSON.stringify({ look: { colors: { primary } } }), Date.now())
    .run();
}

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** RGBA of the pixel at (x, y) (the encoder writes filter 0 rows). */
  pixel(x: number, y: number): number[];
}

/** Checks the signature and chunk layout, reads IHDR and inflates IDAT. */
async function readPng(bytes: Uint8Array<ArrayBuffer>): Promise<Png> {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  expect(type(8)).toBe("IHDR");
  expect(view.getUint32(8)).toBe(13);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colorType = bytes[25]!;
  const idat: Uint8Array<ArrayBuffer>[] = [];
  let at = 8;
  let last = "";
  while (at < bytes.length) {
    const length = view.getUint32(at);
    last = type(at);
    if (last === "IDAT") idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  expect(last).toBe("IEND");
  const inflated = new Uint8Array(await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer());
  expect(inflated.length).toBe((width * 4 + 1) * height);
  return {
    width,
    height,
    colorType,
    pixel: (x, y) => [...inflated.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)],
  };
}

describe("the app Meu Suporte's files", () => {
  it("serves a manifest with the company's name, the app's scope, standalone display, the look's colour and three icons", async () => {
    const account = await createAccount("Manifesto");
    await setPrimary(account.id, "#AA3300");
    const res = await api(`/app/${account.publicKey}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/manifest+json");
    const manifest = await json(res);
    const base = `/app/${account.publicKey}/`;
    expect(manifest).toMatchObject({
      id: base,
      name: "Meu Suporte · Manifesto Ltda",
      short_name: "Manifesto Ltda".length <= 12 ? "Manifesto Ltda" : "Meu Suporte",
      start_url: base,
      scope: base,
      display: "standalone",
      theme_color: "#aa3300",
      background_color: "#aa3300",
      lang: "pt-BR",
    });
    expect(manifest.icons).toEqual([
      { src: `${base}icon-192.png?v=aa3300`, sizes: "192x192", type: "image/png", purpose: "any" },
      { src: `${base}icon-512.png?v=aa3300`, sizes: "512x512", type: "image/png", purpose: "any" },
      { src: `${base}icon-maskable-512.png?v=aa3300`, sizes: "512x512", type: "image/png", purpose: "maskable" },
    ]);
  });

  it("draws every icon as a valid PNG of its declared size in the account's colour, cacheable and revalidated by ETag", async () => {
    const account = await createAccount("Icones");
    await setPrimary(account.id, "#aa3300");
    const { icons } = await json(await api(`/app/${account.publicKey}/manifest.webmanifest`));
    for (const icon of icons as { src: string; sizes: string; purpose: string }[]) {
      const res = await api(icon.src);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("cache-control")).toContain("max-age");
      const png = await readPng(new Uint8Array(await res.arrayBuffer()));
      expect(`${png.width}x${png.height}`).toBe(icon.sizes);
      expect(png.colorType).toBe(6);
      // A maskable icon is full bleed (the launcher crops it); the plain one has transparent corners.
      expect(png.pixel(0, 0)).toEqual(icon.purpose === "maskable" ? [0xaa, 0x33, 0x00, 255] : [0, 0, 0, 0]);
      expect(png.pixel(Math.floor(png.width * 0.2), Math.floor(png.height * 0.85))).toEqual([0xaa, 0x33, 0x00, 255]);
      // The bubble is white.
      expect(png.pixel(Math.floor(png.width * 0.4), Math.floor(png.height * 0.5))).toEqual([255, 255, 255, 255]);
      const again = await api(icon.src, { headers: { "If-None-Match": res.headers.get("etag") ?? "" } });
      expect(again.status).toBe(304);
    }
    expect((await api(`/app/${account.publicKey}/icon-64.png`)).status).toBe(404);
  });

  it("serves the shell with a strict CSP, the manifest and icons linked, and the company's name escaped", async () => {
    const account = await createAccount(`<img src=x onerror=alert(1)>`);
    const res = await api(`/app/${account.publicKey}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const page = await res.text();
    expect(page).toContain(`<link rel="manifest" href="/app/${account.publicKey}/manifest.webmanifest">`);
    expect(page).toContain('<script src="/app/app.js" defer></script>');
    expect(page).toContain(`base="/app/${account.publicKey}/"`);
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toMatch(/<html lang="pt-BR">/);
    expect(await (await api(`/app/${account.publicKey}/?lang=es`)).text()).toMatch(/<html lang="es">[^]*Cargando/);

    // A fetch follows redirects unless told not to (the helper's does).
    const bare = await exports.default.fetch(new Request(`${ORIGIN}/app/${account.publicKey}`, { redirect: "manual" }));
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe(`/app/${account.publicKey}/`);
  });

  it("serves the service worker under the app's path, scoped to it and never cached for long", async () => {
    const account = await createAccount("Trabalhador");
    const res = await api(`/app/${account.publicKey}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    expect(res.headers.get("service-worker-allowed")).toBe(`/app/${account.publicKey}/`);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const code = await res.text();
    // The built worker: precaches the app's files and answers for the API when offline.
    expect(code).toContain("/app/app.js");
    expect(code).toContain("x-meu-suporte-offline");
    expect(code).not.toContain("__APP_VERSION__");
  });

  it("answers 404 for an unknown key on every app path, repeating nothing from the request", async () => {
    for (const path of ["/", "/manifest.webmanifest", "/sw.js", "/icon-192.png"]) {
      const res = await api(`/app/no-such-key${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("no-such-key");
    }
    await expectError(await api("/api/app/no-such-key/config"), 404, "not_found");
  });

  it("draws the bubble dark when the account's colour is too light for a white one", async () => {
    const account = await createAccount("Clara");
    await setPrimary(account.id, "#fafafa");
    const png = await readPng(new Uint8Array(await (await api(`/app/${account.publicKey}/icon-maskable-512.png`)).arrayBuffer()));
    expect(png.pixel(0, 0)).toEqual([0xfa, 0xfa, 0xfa, 255]);
    expect(png.pixel(Math.floor(png.width * 0.4), Math.floor(png.height * 0.5))).toEqual([31, 41, 51, 255]);
  });
});

describe("GET /api/app/:key/config", () => {
  it("follows the app's chat switch: off, on with a fixed department, on letting the customer choose", async () => {
    const account = await createAccount("Configuracao");
    await setPrimary(account.id, "#123456");
    const path = `/api/app/${account.publicKey}/config`;
    expect(await json(await api(path))).toEqual({ company: "Configuracao Ltda", locale: "pt-BR", themeColor: "#123456", chat: null });

    const admin = await login(account.attendants.admin.email);
    const put = (body: unknown) => api("/api/account/surfaces/app", { method: "PUT", body, cookie: admin });
    expect((await put({ chatEnabled: true, departmentId: account.departments.sales })).status).toBe(200);
    expect((await json(await api(path))).chat).toEqual({ departmentId: account.departments.sales });
    await put({ chatEnabled: true, departmentId: null });
    expect((await json(await api(path))).chat).toEqual({ departmentId: null });
    await put({ chatEnabled: false, departmentId: null });
    expect((await json(await api(path))).chat).toBeNull();
  });

  it("reads only its own account's switch: another account's app stays off", async () => {
    const on = await createAccount("Ligada");
    const off = await createAccount("Desligada");
    const admin = await login(on.attendants.admin.email);
    await api("/api/account/surfaces/app", { method: "PUT", body: { chatEnabled: true, departmentId: on.departments.support }, cookie: admin });
    // The knowledge base's and the panel's switches are not the app's.
    await api("/api/account/surfaces/knowledge-base", { method: "PUT", body: { chatEnabled: true, departmentId: null }, cookie: await login(off.attendants.admin.email) });
    expect((await json(await api(`/api/app/${on.publicKey}/config`))).chat).toEqual({ departmentId: on.departments.support });
    const other = await json(await api(`/api/app/${off.publicKey}/config`));
    expect(other.chat).toBeNull();
    expect(other.company).toBe("Desligada Ltda");
  });
});

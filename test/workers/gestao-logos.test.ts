import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readLimited } from "../../worker/logos";
import type { DepartmentResponse } from "../../worker/views-gestao";
import { audit, department, hex, png, putLogo } from "./gestao-department-helpers";
import { api, createAccount, expectError, json, login, ORIGIN } from "./helpers";

describe("department logos", () => {
  it("stores a PNG by its hash, answers the URL, and serves it immutable with its type", async () => {
    const account = await createAccount("logo-put");
    const admin = await login(account.attendants.admin.email);
    const bytes = png();
    const res = await putLogo(admin, account.departments.support, "online", bytes, "application/octet-stream");
    expect(res.status).toBe(200);
    const view = (await json<DepartmentResponse>(res)).department;
    expect(view.logoOnlineUrl).toBe(`/logos/${account.id}/${await hex(bytes)}.png`);
    expect(view.logoOfflineUrl).toBeNull();
    expect((await department(admin, account.departments.support)).logoOnlineUrl).toBe(view.logoOnlineUrl);

    const served = await api(view.logoOnlineUrl!);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect((await audit(account.id, "department.logo_changed")).map((e) => e.detail)).toEqual([
      { variant: "online", file: `${account.id}/${await hex(bytes)}.png` },
    ]);
  });

  it("tells JPEG and WebP by their bytes", async () => {
    const account = await createAccount("logo-types");
    const admin = await login(account.attendants.admin.email);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const webp = new Uint8Array([...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 "), 9]);
    const a = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "online", jpeg, "image/png"))).department;
    const b = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "offline", webp, "image/png"))).department;
    expect(a.logoOnlineUrl).toMatch(/\.jpg$/);
    expect(b.logoOfflineUrl).toMatch(/\.webp$/);
    expect((await api(a.logoOnlineUrl!)).headers.get("content-type")).toBe("image/jpeg");
    expect((await api(b.logoOfflineUrl!)).headers.get("content-type")).toBe("image/webp");
  });

  it("refuses an SVG and a text file sent as PNG with 415, and an image over 256 KB with 413, storing nothing", async () => {
    const account = await createAccount("logo-refused");
    const admin = await login(account.attendants.admin.email);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    await expectError(await putLogo(admin, account.departments.support, "online", svg, "image/svg+xml"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", "just text, named logo.png", "image/png"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", new Uint8Array(), "image/png"), 415, "unsupported_image");
    await expectError(await putLogo(admin, account.departments.support, "online", png(256 * 1024 + 1)), 413, "too_large");
    // A body without Content-Length is read no further than the limit.
    const chunk = png(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = new Request(`${ORIGIN}/upload`, { method: "PUT", body: stream });
    expect(streamed.headers.get("content-length")).toBeNull();
    await expect(readLimited(streamed)).rejects.toMatchObject({ status: 413, code: "too_large" });
    expect(sent).toBeLessThanOrEqual(6);
    expect((await env.LOGOS.list({ prefix: `${account.id}/` })).objects).toEqual([]);
    expect((await department(admin, account.departments.support)).logoOnlineUrl).toBeNull();
    // Exactly the limit is taken.
    expect((await putLogo(admin, account.departments.support, "online", png(256 * 1024))).status).toBe(200);
  });

  it("lets the department's manager change it; 403 for attendants and other managers; 404 for another account's", async () => {
    const account = await createAccount("logo-roles");
    const other = await createAccount("logo-roles-other");
    const manager = await login(account.attendants.manager.email);
    expect((await putLogo(manager, account.departments.support, "offline", png())).status).toBe(200);
    await expectError(await putLogo(manager, account.departments.sales, "offline", png()), 403, "forbidden");
    await expectError(await putLogo(await login(account.attendants.support1.email), account.departments.support, "online", png()), 403, "forbidden");
    const admin = await login(account.attendants.admin.email);
    await expectError(await putLogo(admin, other.departments.support, "online", png()), 404, "not_found");
    await expectError(await putLogo(admin, account.departments.support, "sideways", png()), 404, "not_found");
    expect((await env.LOGOS.list({ prefix: `${other.id}/` })).objects).toEqual([]);
  });

  it("removes a logo with DELETE, and deletes the file once no department uses it", async () => {
    const account = await createAccount("logo-delete");
    const admin = await login(account.attendants.admin.email);
    const bytes = png(80, 3);
    const url = (await json<DepartmentResponse>(await putLogo(admin, account.departments.support, "online", bytes))).department.logoOnlineUrl!;
    // The same image on the other department shares the file.
    await putLogo(admin, account.departments.sales, "online", bytes);
    const del = (path: string) => exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: "DELETE", headers: { cookie: admin } }));
    const res = await del(`/api/departments/${account.departments.support}/logo/online`);
    expect(res.status).toBe(200);
    expect((await json<DepartmentResponse>(res)).department.logoOnlineUrl).toBeNull();
    expect((await api(url)).status).toBe(200);
    await del(`/api/departments/${account.departments.sales}/logo/online`);
    expect((await api(url)).status).toBe(404);
    const attendant = await login(account.attendants.support1.email);
    const refused = await exports.default.fetch(new Request(`${ORIGIN}/api/departments/${account.departments.support}/logo/online`, { method: "DELETE", headers: { cookie: attendant } }));
    await expectError(refused, 403, "forbidden");
  });

  it("answers 404 for a logo that does not exist or a name it would never write", async () => {
    const account = await createAccount("logo-404");
    for (const path of [`/logos/${account.id}/${"a".repeat(64)}.png`, `/logos/${account.id}/logo.svg`, `/logos/${account.id}/${"a".repeat(64)}.svg`, "/logos/x"]) {
      expect((await api(path)).status).toBe(404);
    }
  });

  it("shows the online or offline logo on the pop-up page as the department's presence says, under its CSP", async () => {
    const account = await createAccount("logo-popup");
    const admin = await login(account.attendants.admin.email);
    const online = (await json<DepartmentResponse>(await putLogo(admin, account.departments.sales, "online", png(70, 1)))).department.logoOnlineUrl!;
    const offline = (await json<DepartmentResponse>(await putLogo(admin, account.departments.sales, "offline", png(70, 2)))).department.logoOfflineUrl!;
    const page = async () => {
      const res = await api(`/chat/${account.publicKey}?department=${account.departments.sales}`);
      expect(res.headers.get("content-security-policy")).toContain("img-src 'self'");
      return res.text();
    };
    expect(await page()).toContain(`<img src="${offline}" alt="Comercial · logo-popup Ltda">`);
    await env.DB.prepare("INSERT INTO department_presence (account_id, department_id, online, changed_at) VALUES (?, ?, 1, ?)")
      .bind(account.id, account.departments.sales, Date.now())
      .run();
    expect(await page()).toContain(`<img src="${online}" alt="Comercial · logo-popup Ltda">`);
    // No department, or one without a logo: no image.
    expect(await (await api(`/chat/${account.publicKey}`)).text()).not.toContain("<img");
    expect(await (await api(`/chat/${account.publicKey}?department=${account.departments.support}`)).text()).not.toContain("<img");
  });
});

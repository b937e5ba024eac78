import { describe, expect, it } from "vitest";
import { DEFAULT_EMBED, escapeAttribute, nodeIdentityExample, popupUrl, previewDocument, widgetSnippet } from "../../admin/snippet";

/** HMAC-SHA256 in hex with WebCrypto (what worker/customer-identity.ts verifies). */
async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)));
  return Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
}

const base = { ...DEFAULT_EMBED, origin: "https://chat.example.com", account: "pk_demo" };

describe("footer snippet", () => {
  it("has only src, data-account and async when every option is at its default", () => {
    expect(widgetSnippet(base)).toBe('<script src="https://chat.example.com/widget.js" data-account="pk_demo" async></script>');
  });

  it("adds each chosen option as its data attribute, in a stable order", () => {
    const snippet = widgetSnippet({ ...base, department: "dep-1", position: "left", autoOpen: true, hideWhenOffline: true, lang: "es" });
    expect(snippet).toBe(
      '<script src="https://chat.example.com/widget.js" data-account="pk_demo" data-department="dep-1" data-position="left"' +
        ' data-auto-open data-hide-when-offline data-lang="es" async></script>',
    );
  });

  it("omits a boolean option that is off and keeps the other", () => {
    const snippet = widgetSnippet({ ...base, hideWhenOffline: true });
    expect(snippet).toContain(" data-hide-when-offline ");
    expect(snippet).not.toContain("data-auto-open");
    expect(snippet).not.toContain("data-department");
    expect(snippet).not.toContain("data-lang");
  });

  it("escapes attribute values so that nothing can close the attribute or the tag", () => {
    const snippet = widgetSnippet({ ...base, account: `k"><img src=x onerror=alert(1)>`, department: "a&b'c" });
    expect(snippet).toContain('data-account="k&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(snippet).toContain('data-department="a&amp;b&#39;c"');
    expect(snippet).not.toContain("<img");
    const tag = new RegExp('^<script( [a-z-]+(="[^"<>]*")?)+></script>$');
    expect(snippet).toMatch(tag);
  });

  it("does not double the slash after an origin that ends with one", () => {
    expect(widgetSnippet({ ...base, origin: "https://chat.example.com/" })).toContain('src="https://chat.example.com/widget.js"');
  });

  it("adds the identity attributes, escaped, when asked", () => {
    const snippet = widgetSnippet({ ...base, identity: { name: 'Zé "Z"', email: "ze@example.com", customerHash: "ab12" } });
    expect(snippet).toContain('data-name="Zé &quot;Z&quot;" data-email="ze@example.com" data-customer-hash="ab12" async>');
  });
});

describe("pop-up URL", () => {
  it("is /chat/<key> without a query by default", () => {
    expect(popupUrl(base)).toBe("https://chat.example.com/chat/pk_demo");
  });

  it("carries the department and the language, encoded", () => {
    expect(popupUrl({ ...base, department: "dep 1&x", lang: "en" })).toBe("https://chat.example.com/chat/pk_demo?department=dep+1%26x&lang=en");
  });

  it("encodes the key as one path segment", () => {
    expect(popupUrl({ ...base, account: "a/b?c" })).toBe("https://chat.example.com/chat/a%2Fb%3Fc");
  });
});

describe("preview page", () => {
  it("holds the snippet and escapes the page's own text", () => {
    const snippet = widgetSnippet(base);
    const doc = previewDocument(snippet, 'pt-BR"', "<b>nota</b> & mais");
    expect(doc).toContain(snippet);
    expect(doc).toContain('<html lang="pt-BR&quot;">');
    expect(doc).toContain("&lt;b&gt;nota&lt;/b&gt; &amp; mais");
    expect(doc).not.toContain("<b>");
  });
});

describe("escapeAttribute", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeAttribute(`&"'<>`)).toBe("&amp;&quot;&#39;&lt;&gt;");
  });
});

describe("Node.js identity example", () => {
  it("computes the HMAC-SHA256 the server checks and prints the identified snippet", async () => {
    const code = nodeIdentityExample(base);
    const secret = "s3cret";
    const user = { name: 'Ana "A" <x>', email: "  Ana@Example.COM " };
    const module = `process.env.ATENDIMENTO_IDENTITY_SECRET = ${JSON.stringify(secret)};
      const user = ${JSON.stringify(user)};
      ${code.replace('import { createHmac } from "node:crypto";', 'const { createHmac } = await import("node:crypto");')}
      export { chatTag };`;
    const { chatTag } = (await import(`data:text/javascript,${encodeURIComponent(module)}`)) as { chatTag: string };
    const expected = await hmacHex(secret, "ana@example.com");
    expect(chatTag).toContain(`data-customer-hash="${expected}"`);
    expect(chatTag).toContain('data-name="Ana &#34;A&#34; &#60;x&#62;"');
    expect(chatTag).toContain('data-account="pk_demo"');
  });
});

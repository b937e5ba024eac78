import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../worker/kb/markdown";
import { HOSTILE_MARKDOWN, HOSTILE_SAFE_TEXT, inertProblems } from "../fixtures/kb-hostile";

describe("renderMarkdown: an article's Markdown to sanitized HTML", () => {
  it("renders ordinary Markdown with GFM (headings, emphasis, links, tables, task lists)", async () => {
    const html = await renderMarkdown("## Passos\n\n1. **Abra** o [painel](https://example.com/p)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] feito\n\n~~velho~~");
    expect(html).toContain("<h2>Passos</h2>");
    expect(html).toContain("<strong>Abra</strong>");
    expect(html).toContain('<a href="https://example.com/p" rel="nofollow noopener noreferrer">painel</a>');
    expect(html).toContain("<table>");
    expect(html).toContain('type="checkbox"');
    expect(html).toContain("<del>velho</del>");
  });

  it("keeps relative and mailto links, without nofollow on our own paths", async () => {
    const html = await renderMarkdown("[a](/kb/x/y) [b](mailto:ajuda@example.com) [c](#passo-2)");
    expect(html).toContain('<a href="/kb/x/y">a</a>');
    expect(html).toContain('<a href="mailto:ajuda@example.com">b</a>');
    expect(html).toContain('href="#passo-2"');
  });

  it("renders the hostile payload inert: no script, frame, SVG, style, handler or dangerous URL", async () => {
    const html = await renderMarkdown(HOSTILE_MARKDOWN);
    expect(inertProblems(html)).toEqual([]);
    // Raw HTML shows at most as escaped text: no element of it, no attribute.
    expect(html).not.toMatch(/<(script|iframe|svg|style|math|form|details)\b/i);
    expect(html).not.toMatch(/<[a-z][^<>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
    for (const text of HOSTILE_SAFE_TEXT) expect(html).toContain(text);
    // The inline code stays visible text, escaped.
    expect(html).toContain("<code>&#x3C;script>alert('code')&#x3C;/script></code>");
    expect(html).toContain('<img src="https://example.com/a.png" alt="ok image">');
  });

  it.each([
    ["inline link", "[x](javascript:alert(1))"],
    ["reference link", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["autolink", "<javascript:alert(1)>"],
    ["data link", "[x](data:text/html,hi)"],
    ["vbscript link", "[x](vbscript:msgbox(1))"],
    ["image", "![x](javascript:alert(1))"],
    ["data image", "![x](data:image/png;base64,AAAA)"],
    ["entity-encoded scheme", "[x](&#106;avascript:alert(1))"],
    ["tab in the scheme", "[x](java\tscript:alert(1))"],
  ])("drops a dangerous URL in a %s", async (_name, markdown) => {
    const html = await renderMarkdown(markdown);
    expect(inertProblems(html)).toEqual([]);
    expect(html).not.toMatch(/(href|src)="[^"]*script:/i);
  });

  it("the inertness check itself catches what it should", () => {
    expect(inertProblems('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(inertProblems('<a href="jav&#x61;script:x">x</a>')).not.toEqual([]);
    expect(inertProblems('<p onclick="x">x</p>')).not.toEqual([]);
    expect(inertProblems("<svg></svg>")).not.toEqual([]);
    expect(inertProblems('<a href="https://x.test">x</a><img src="/a.png" alt="">')).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { safeName, sniff } from "../../worker/attachments/sniff";
import { files } from "../workers/attachment-helpers";

describe("attachment types by content", () => {
  it("recognises PNG, JPEG, GIF and WebP with their size, and PDF", () => {
    expect(sniff(files.png(640, 480))).toEqual({ contentType: "image/png", width: 640, height: 480 });
    expect(sniff(files.jpeg(800, 600))).toEqual({ contentType: "image/jpeg", width: 800, height: 600 });
    expect(sniff(files.gif(32, 16))).toEqual({ contentType: "image/gif", width: 32, height: 16 });
    expect(sniff(files.webp(300, 200))).toEqual({ contentType: "image/webp", width: 300, height: 200 });
    expect(sniff(files.pdf())).toEqual({ contentType: "application/pdf", width: null, height: null });
  });

  it("refuses SVG, HTML, text and empty files whatever they are called", () => {
    for (const bytes of [files.svg(), files.html(), new TextEncoder().encode("hello"), new Uint8Array()]) expect(sniff(bytes)).toBeNull();
  });

  it("keeps no size a header cannot mean", () => {
    expect(sniff(files.png(0, 480))).toEqual({ contentType: "image/png", width: null, height: null });
  });

  it("gives a name without a path or control characters, ending with the type's extension", () => {
    expect(safeName("../../etc/pagina.html", "image/png")).toBe("pagina.html.png");
    expect(safeName('re"cibo\u0000.pdf', "application/pdf")).toBe("recibo.pdf");
    expect(safeName("foto.JPEG", "image/jpeg")).toBe("foto.JPEG");
    expect(safeName("", "image/gif")).toBe("arquivo.gif");
  });
});

import { describe, expect, it } from "vitest";
import { cleanFileName, detectAttachmentKind } from "./attachments.server";

const bytes = (text: string | number[]) =>
  typeof text === "string" ? new TextEncoder().encode(text) : Uint8Array.from(text);

describe("detectAttachmentKind", () => {
  it("recognises the five accepted formats by their first bytes", () => {
    expect(detectAttachmentKind(bytes("%PDF-1.7\n"))?.extension).toBe("pdf");
    expect(detectAttachmentKind(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.extension).toBe("png");
    expect(detectAttachmentKind(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.extension).toBe("jpg");
    expect(detectAttachmentKind(bytes("ISO-10303-21;\nHEADER;"))?.extension).toBe("step");
    expect(detectAttachmentKind(bytes("  0\r\nSECTION\r\n  2\r\nHEADER"))?.extension).toBe("dxf");
    expect(detectAttachmentKind(bytes("AutoCAD Binary DXF\r\n\x1a\0"))?.extension).toBe("dxf");
  });

  it("refuses everything else, whatever it is called", () => {
    for (const content of ["MZ\x90\0", "PK\x03\x04", "<html><script>", "#!/bin/sh", "", "GIF89a"]) {
      expect(detectAttachmentKind(bytes(content))).toBeUndefined();
    }
  });
});

describe("cleanFileName", () => {
  it("keeps a plain name and strips paths and odd characters", () => {
    expect(cleanFileName("layout rev B.pdf")).toBe("layout rev B.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("..\\..\\windows\\win.ini")).toBe("win.ini");
    expect(cleanFileName('a"b<c>.pdf')).toBe("a_b_c_.pdf");
    expect(cleanFileName("...")).toBe("attachment");
  });
});

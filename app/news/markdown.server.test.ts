import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

const hostile = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="https://example.com/a.png" onerror="alert(1)">',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<div onmouseover="alert(1)">hover</div>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="evil.swf"></object>',
  '<embed src="evil.swf">',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<style>body{display:none}</style>",
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<form action="https://evil.example"><input name=a></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  "<body onload=alert(1)>",
  '<details open ontoggle="alert(1)">',
  '<video><source onerror="alert(1)"></video>',
  '<a href="  javascript:alert(1)">x</a>',
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '"><script>alert(1)</script>',
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  "<javascript:alert(1)>",
  "[x][evil]\n\n[evil]: javascript:alert(1)",
  '<a href="java\nscript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<img src="javascript:alert(1)">',
  '<input autofocus onfocus="alert(1)">',
  '<a href="https://example.com" onmouseover="alert(1)">x</a>',
  '<a href="/news" ONCLICK="alert(1)" style="x">x</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

describe("renderMarkdown", () => {
  it("renders Markdown: headings, emphasis, lists, links", () => {
    const html = renderMarkdown("## Heading\n\nSome *text* and [a link](https://example.com).\n\n- one\n- two");
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("<em>text</em>");
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer">a link</a>');
    expect(html).toContain("<li>one</li>");
  });

  it("keeps what GitHub's Markdown means: struck text, a task list's ticks, a first-level heading, a disclosure", () => {
    const html = renderMarkdown(
      "# Scope\n\n~~Old price~~ New price\n\n- [x] Wired\n- [ ] Tested\n\n<details><summary>Wiring</summary>Three-phase</details>",
    );
    expect(html).toContain("<h2>Scope</h2>");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<del>Old price</del>");
    expect(html).toContain("<li><span>☑</span> Wired</li>");
    expect(html).toContain("<li><span>☐</span> Tested</li>");
    expect(html).toContain("<details><summary>Wiring</summary>Three-phase</details>");
  });

  it("leaves no form control, a task list's or any other", () => {
    const html = renderMarkdown(
      '<input type="text" name="card"><input type="checkbox" checked onclick="x()"><button>Go</button>',
    );
    expect(html).not.toMatch(/<input|<button|onclick/);
    expect(html).toContain("<span>☑</span>");
  });

  it("shows images from this site only, as its security policy does", () => {
    const html = renderMarkdown("![Plant](/images/plant.jpg)\n\n![Elsewhere](https://example.com/a.png)");
    expect(html).toContain('<img src="/images/plant.jpg" alt="Plant" />');
    expect(html).not.toContain("example.com");
  });

  it.each(hostile)("renders %s inert", (payload) => {
    const html = renderMarkdown(`Before\n\n${payload}\n\nAfter`).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<meta|<base|<link|<body/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/);
    expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data):/);
    expect(html).not.toContain("style=");
    expect(html).toContain("before");
  });
});

describe("renderMarkdown against the whole hostile list", () => {
  it(`leaves no script, event handler or javascript: URL in ${hostile.length} payloads`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
    // Inside tags only: "javascript:alert(1)" left as plain text is harmless.
    const dangerous = hostile
      .map((payload) =>
        (
          renderMarkdown(payload)
            .toLowerCase()
            .match(/<[^>]*>/g) ?? []
        ).join(""),
      )
      .filter((tags) => /<script|\son[a-z]+\s*=|javascript:/.test(tags));
    expect(dangerous).toEqual([]);
  });
});

describe("renderMarkdown of text nested too deeply for the parser", () => {
  it.each(["- ", "1. ", "> "])("shows %j × 3,000 as plain text, still inert, instead of failing", (marker) => {
    const html = renderMarkdown(`Intro\n\n${marker.repeat(3000)}<script>alert(1)</script> & more`);
    expect(html).toContain("<p>Intro</p>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(html).not.toMatch(/<script/i);
  });
});

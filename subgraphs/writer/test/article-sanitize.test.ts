import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../src/domain/article/index.js';

// Each vector and a pattern nothing of which may survive sanitising.
const XSS: [string, string][] = [
  ['script element', '<p>hi</p><script>alert(1)</script>'],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['uppercase script', '<SCRIPT>alert(1)</SCRIPT>'],
  ['split script tag', '<scr<script>ipt>alert(1)</script>'],
  ['img onerror', '<img src="x" onerror="alert(1)">'],
  ['img onerror unquoted', '<img src=/files/a.png onerror=alert(1)>'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['body onload', '<body onload="alert(1)">text</body>'],
  ['p onclick', '<p onclick="alert(1)">click</p>'],
  ['a onmouseover', '<a href="/x" onmouseover="alert(1)">x</a>'],
  ['javascript: href', '<a href="javascript:alert(1)">x</a>'],
  ['JavaScript: mixed case', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  [
    'javascript: with entities',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  ],
  ['javascript: hex entities', '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>'],
  ['javascript: with tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['javascript: with newline', '<a href="java\nscript:alert(1)">x</a>'],
  ['javascript: leading space', '<a href=" javascript:alert(1)">x</a>'],
  ['vbscript: href', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">'],
  ['javascript: img src', '<img src="javascript:alert(1)" alt="x">'],
  ['protocol-relative img', '<img src="//evil.example/x.png" alt="x">'],
  ['style element', '<style>body{background:url("javascript:alert(1)")}</style><p>x</p>'],
  ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['youtube iframe', '<iframe src="https://www.youtube.com/embed/x"></iframe>'],
  ['object', '<object data="javascript:alert(1)"></object>'],
  ['embed', '<embed src="javascript:alert(1)">'],
  ['form action', '<form action="https://evil.example"><input name="password"><button>go</button></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="https://evil.example/">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['math xlink', '<math><a xlink:href="javascript:alert(1)">x</a></math>'],
  ['template', '<template><script>alert(1)</script></template>'],
  ['noscript trick', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['comment breakout', '<!--<img src=x onerror=alert(1)>-->'],
  ['attribute breakout', '<a href="/x" title="x"onmouseover="alert(1)">x</a>'],
  ['srcset', '<img src="/files/a.png" srcset="javascript:alert(1) 1x" alt="x">'],
  ['details ontoggle', '<details open ontoggle="alert(1)"><summary>x</summary></details>'],
];

const DANGER =
  /<script|<\/script|<style|<iframe|<object|<embed|<form|<button|<input|<meta|<base|<link|<svg|<math|<template|<details|\son[a-z]+\s*=|javascript:|vbscript:|data:|srcdoc|srcset|style=|xlink|formaction|\/\/evil/i;

describe('the article sanitiser', () => {
  it(`holds at least 25 attack vectors (${XSS.length})`, () => {
    expect(XSS.length).toBeGreaterThanOrEqual(25);
  });

  for (const [name, vector] of XSS) {
    it(`removes ${name}`, () => {
      const clean = sanitizeArticleHtml(vector);
      expect(clean).not.toMatch(DANGER);
      // Sanitising twice changes nothing: what comes out is already in its final form.
      expect(sanitizeArticleHtml(clean)).toBe(clean);
    });
  }

  it('keeps the editor’s markup as written', () => {
    const html =
      '<h2>Title</h2><h3>Sub</h3><h4>Minor</h4><p><strong>a</strong> <em>b</em> <b>c</b> <i>d</i> <u>e</u> <s>f</s> <code>g</code></p>' +
      '<ul><li>one</li></ul><ol start="3"><li>two</li></ol><blockquote>q</blockquote><pre>p</pre><hr /><p>line<br />break</p>' +
      '<table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody></table>' +
      '<figure><img src="/files/a.png" alt="A dog" title="t" width="640" height="480" loading="lazy" /><figcaption>f</figcaption></figure>' +
      '<p><a href="https://example.com/x" title="t" rel="nofollow">abs</a> <a href="/blog/post">rel</a> <a href="#faq">frag</a> <a href="mailto:a@example.com">mail</a></p>';
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it('turns an H1 into an H2 (the title is the only H1) and drops unknown wrappers but keeps their text', () => {
    expect(sanitizeArticleHtml('<h1>Big</h1><div><span>kept</span></div>')).toBe('<h2>Big</h2>kept');
  });

  it('keeps a link’s text when its address is unsafe, and makes a new-tab link safe', () => {
    expect(sanitizeArticleHtml('<a href="javascript:alert(1)">text</a>')).toBe('<a>text</a>');
    expect(sanitizeArticleHtml('<a href="https://example.com" target="_blank">x</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizeArticleHtml('<a href="/x" target="_top">x</a>')).toBe('<a href="/x">x</a>');
  });

  it('drops an image with no safe source', () => {
    expect(sanitizeArticleHtml('<p><img src="javascript:alert(1)" alt="x">after</p>')).toBe('<p>after</p>');
    expect(sanitizeArticleHtml('<img src="https://cdn.example.com/a.png" alt="a">')).toBe(
      '<img src="https://cdn.example.com/a.png" alt="a" />',
    );
  });
});

import { describe, expect, it } from "vitest";
import { formatText } from "./text/format-text.ts";
import { parseHtml } from "./text/html.ts";
import { parseMarkdown } from "./text/markdown.ts";
import { parseMarkdownV2 } from "./text/markdown-v2.ts";

// Expected results follow Telegram's (tdlib's) own parser and its messages.

describe("HTML", () => {
  it("turns tags into entities with UTF-16 offsets and decodes entities", () => {
    expect(parseHtml("🏟 🏟<i>🏟 &lt🏟</i>")).toEqual({
      text: "🏟 🏟🏟 <🏟",
      entities: [{ type: "italic", offset: 5, length: 6 }],
    });
    expect(
      parseHtml("<b>a</b><strong>b</strong><u>c</u><s>d</s><tg-spoiler>e</tg-spoiler>"),
    ).toEqual({
      text: "abcde",
      entities: [
        { type: "bold", offset: 0, length: 1 },
        { type: "bold", offset: 1, length: 1 },
        { type: "underline", offset: 2, length: 1 },
        { type: "strikethrough", offset: 3, length: 1 },
        { type: "spoiler", offset: 4, length: 1 },
      ],
    });
    expect(parseHtml("&lt;&gt;&amp;&quot;&laquo;&#33;&#x21;").text).toBe('<>&"&laquo;!!');
  });

  it("normalizes links and merges <pre><code class>", () => {
    expect(
      parseHtml('<a href="https://example.com">x</a><a href=telegram.org>y</a>').entities,
    ).toEqual([
      { type: "text_link", offset: 0, length: 1, url: "https://example.com/" },
      { type: "text_link", offset: 1, length: 1, url: "http://telegram.org/" },
    ]);
    expect(parseHtml('<pre><code class="language-ts">let a</code></pre>').entities).toEqual([
      { type: "pre", offset: 0, length: 5, language: "ts" },
    ]);
    expect(parseHtml("<blockquote expandable>q</blockquote>").entities).toEqual([
      { type: "expandable_blockquote", offset: 0, length: 1 },
    ]);
  });

  it.each([
    ["🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"],
    ["🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
    ["🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'],
    [
      "🏟 🏟&lt;<i    aba>",
      'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
    ],
    ["🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'],
    ["🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"],
    ["🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"],
    ["<b>x</b", "Unclosed end tag at byte offset 4"],
    ["<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ["<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
    ["<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
  ])("rejects %j: %s", (input, message) => {
    expect(() => parseHtml(input)).toThrow(message);
  });
});

describe("MarkdownV2", () => {
  it("parses nested entities, escapes, links and pre with a language", () => {
    expect(parseMarkdownV2("🏟 🏟_🏟 __🏟___")).toEqual({
      text: "🏟 🏟🏟 🏟",
      entities: [
        { type: "italic", offset: 5, length: 5 },
        { type: "underline", offset: 8, length: 2 },
      ],
    });
    expect(parseMarkdownV2("*Баланс:* 100\\.50 ₽")).toEqual({
      text: "Баланс: 100.50 ₽",
      entities: [{ type: "bold", offset: 0, length: 7 }],
    });
    expect(parseMarkdownV2("[telegram\\.org](telegram.dog)").entities).toEqual([
      { type: "text_link", offset: 0, length: 12, url: "http://telegram.dog/" },
    ]);
    expect(parseMarkdownV2("🏟 🏟```🏟\n🏟```")).toEqual({
      text: "🏟 🏟🏟",
      entities: [{ type: "pre", offset: 5, length: 2, language: "🏟" }],
    });
    expect(parseMarkdownV2("||secret|| ~gone~ `co_de`").entities).toEqual([
      { type: "spoiler", offset: 0, length: 6 },
      { type: "strikethrough", offset: 7, length: 4 },
      { type: "code", offset: 12, length: 5 },
    ]);
    expect(parseMarkdownV2(">quoted\nplain")).toEqual({
      text: "quoted\nplain",
      entities: [{ type: "blockquote", offset: 0, length: 7 }],
    });
  });

  it.each([
    ["Version 1.0", "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ["🏟 🏟!", "Character '!' is reserved and must be escaped with the preceding '\\'"],
    ["🏟 🏟_abacaba", "Can't find end of Italic entity at byte offset 9"],
    ["🏟 🏟_abac * asd ", "Can't find end of Bold entity at byte offset 15"],
    ["🏟 🏟`", "Can't find end of Code entity at byte offset 9"],
    ["🏟 🏟```", "Can't find end of Pre entity at byte offset 9"],
    ["🏟 🏟```a ", "Can't find end of PreCode entity at byte offset 9"],
    ["🏟 🏟__🏟 _🏟___", "Can't find end of Italic entity at byte offset 23"],
    ["🏟 🏟__", "Can't find end of Underline entity at byte offset 9"],
    ["[telegram\\.org](asd", "Can't find end of a URL at byte offset 16"],
  ])("rejects %j: %s", (input, message) => {
    expect(() => parseMarkdownV2(input)).toThrow(message);
  });
});

describe("Markdown (legacy)", () => {
  it("parses the four markers without nesting", () => {
    expect(parseMarkdown("*bold* _it_ `c` [link](https://t.me) 1.0!")).toEqual({
      text: "bold it c link 1.0!",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 5, length: 2 },
        { type: "code", offset: 8, length: 1 },
        { type: "text_link", offset: 10, length: 4, url: "https://t.me/" },
      ],
    });
  });

  it("rejects an unclosed marker", () => {
    expect(() => parseMarkdown("a *b")).toThrow(
      "Can't find end of the entity starting at byte offset 2",
    );
  });
});

describe("formatText", () => {
  it("trims surrounding whitespace and detects commands, mentions, links", () => {
    expect(formatText({ text: "  /start@kaspnet_bot see https://kaspnet.ru, @support  " })).toEqual(
      {
        text: "/start@kaspnet_bot see https://kaspnet.ru, @support",
        entities: [
          { type: "bot_command", offset: 0, length: 18 },
          { type: "url", offset: 23, length: 18 },
          { type: "mention", offset: 43, length: 8 },
        ],
      },
    );
  });

  it("does not detect links inside code", () => {
    expect(formatText({ text: "<code>/start</code>", parseMode: "HTML" }).entities).toEqual([
      { type: "code", offset: 0, length: 6 },
    ]);
  });

  it("turns tg://user links into text mentions of known users", () => {
    const user = { id: 7, is_bot: false, first_name: "A" };
    const found = formatText({
      text: '<a href="tg://user?id=7">A</a>',
      parseMode: "HTML",
      findUser: (id) => (id === 7 ? user : undefined),
    });
    expect(found.entities).toEqual([{ type: "text_mention", offset: 0, length: 1, user }]);
  });

  it("reports markup errors as Telegram's 400", () => {
    expect(() => formatText({ text: "<b>", parseMode: "HTML" })).toThrow(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    expect(() => formatText({ text: "x", parseMode: "Textile" })).toThrow(
      "Bad Request: unsupported parse_mode",
    );
  });
});

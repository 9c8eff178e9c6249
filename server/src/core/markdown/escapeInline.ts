/**
 * Text that is not meant as Markdown (titles, attribute values, messages), escaped for
 * use inside a Markdown line or table cell: every character that could start emphasis,
 * code, a link, raw HTML, a heading or a table cell gets a backslash. (`(`, `{`, `+`
 * stay: with `[` escaped they cannot form a link, and the text never starts a line.)
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~!]/g, '\\$&');
}

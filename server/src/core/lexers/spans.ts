/** What the comment lexers find: comment and string-literal spans (offsets into the scanned text). */
export interface CommentSpan {
  /** Offset of the first character of the comment (its opening marker). */
  start: number;
  /** Offset after the comment (after the closing marker; before the line break for line comments). */
  end: number;
  /** Offset after the opening marker (`//`, `///`, `//!`, `/*`, `/**`, `/*!`, `#`, `--`, `<!--`, `"""`, `=begin`). */
  contentStart: number;
  /** Offset of the closing marker (`*\/`, `-->`, `"""`, `=end`), or `end` when there is none. */
  contentEnd: number;
  /** True for block comments (incl. Python docstrings), false for line comments. */
  block: boolean;
}

/**
 * A string literal, or one literal part of an interpolated string. For JS template
 * literals (and Kotlin `${…}`, Swift `\(…)`, C# `{…}`, Python f-string `{…}`) each
 * literal text part between holes is its own span, so the code inside the holes is
 * outside every span: `` `a ${x} b` `` gives `` `a ${ `` (content `a `) and `` } b` ``
 * (content ` b`). Char literals (`'x'`, `b'x'`, `L'x'`) are strings too; regex
 * literals, quoted identifiers and Python docstrings (comments) are not.
 */
export interface StringSpan {
  /** Offset of the first character: the prefix (`r`, `b`, `f`, `@`, `$`, `u8R`, `#`, `N`…) or opening quotes, or the `}` / `)` that closed the hole before this part. */
  start: number;
  /** Offset after the closing quotes (and `#`s / C++ raw delimiter), or after the hole opener (`${`, `\(`, `{`) ending this part; for an unterminated literal, its line break or the end of the text. */
  end: number;
  /** Offset of the first character of the content (after the opening quotes / delimiter). */
  contentStart: number;
  /** Offset after the content: of the closing quotes, of the hole opener, or `end` when unterminated. */
  contentEnd: number;
}

import { printable } from './plainText';

/** Longest file-derived string a hover shows; a hostile file may hold a megabyte-long name. */
export const MAX_HOVER_STRING = 300;

/**
 * Makes any string safe to embed in Markdown as plain text. Every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so no file-derived string can open a link
 * (`[x](command:foo)`), an HTML tag (`<img onerror=…>`), an entity, emphasis, a code span or an autolink
 * (`http\://…`, `www\.…`); control characters and line breaks are shown as `\uXXXX` first, so a string can't
 * start a new block either. Long strings are cut, with an ellipsis.
 */
export function escapeMarkdown(text: string, maxLength = MAX_HOVER_STRING): string {
  const shown = text.length > maxLength ? text.slice(0, maxLength) + '…' : text;
  return printable(shown).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Where a variable goes: the text's selection, or nowhere yet (then it is appended). */
export interface Selection {
  start: number;
  end: number;
}

/** `{{name}}`, as a template body writes a variable. */
export function variableToken(name: string): string {
  return `{{${name}}}`;
}

/**
 * The text with `token` in place of the selection (at the cursor when nothing is selected), or
 * appended when no place was chosen; `caret` is just after the token, for the cursor to go to.
 */
export function insertAtSelection(text: string, token: string, selection?: Selection): { text: string; caret: number } {
  const start = Math.min(Math.max(selection?.start ?? text.length, 0), text.length);
  const end = Math.min(Math.max(selection?.end ?? start, start), text.length);
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

/** Escapes LIKE's wildcards so user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

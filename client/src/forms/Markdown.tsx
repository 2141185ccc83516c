import type { ReactNode } from 'react';

/**
 * Stands in for markdown-to-jsx (aliased in vite.config.ts): rjsf only renders Markdown when a
 * uiSchema asks for `enableMarkdownInDescription`, which our forms never do, and the parser is
 * a sizeable part of what a clerk's phone would download. Text is shown as text.
 */
export function Markdown({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

/** One problem in a definition: where (state path, or a JSON-ish path) and what, with the fix. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** A definition that cannot be loaded. The message names every state and problem found. */
export class DefinitionError extends Error {
  readonly issues: DefinitionIssue[];

  constructor(key: string, issues: DefinitionIssue[]) {
    super(`Definition "${key}" is invalid:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.issues = issues;
  }
}

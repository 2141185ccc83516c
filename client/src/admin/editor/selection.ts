/** What the inspector shows: a state by id, a transition by its key, or the definition itself. */
export type Selection = { kind: 'state'; id: string } | { kind: 'transition'; key: string } | null;

import type { DefinitionDocument, LintIssue, LintResult, VersionDetail } from '@shared/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { getDefinitionVersion, lintDocument, publishDraft, saveDraft, type LintFailedError } from '../../api/adminDefinitions';
import type { DocumentJson } from '../model';

const backupKey = (key: string, version: number) => `jz.admin.definition.${key}.v${version}`;
const MAX_UNDO = 50;

/**
 * The lint issues of a `lint_failed` answer: its `issues`, else read from `fields` (pointer → messages).
 * Issues read from `fields` have lost their own code; `invalid_definition` is the contract's code for
 * a document the server refused as a whole.
 */
export function issuesFromError(error: unknown): LintIssue[] | null {
  if (!(error instanceof ApiError) || error.code !== 'lint_failed') return null;
  if ((error as LintFailedError).issues) return (error as LintFailedError).issues!;
  return Object.entries(error.fields ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ severity: 'error' as const, code: 'invalid_definition' as const, message, path })));
}

/**
 * One version of a definition as the editor holds it: the document being edited, whether it differs
 * from what the server has, the last lint, and save / lint / publish. Unsaved edits are copied to
 * the browser's storage on every change, so a closed tab or a failed save loses nothing.
 */
export function useDraftDocument(key: string, version: number) {
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [doc, setDoc] = useState<DocumentJson | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [lint, setLint] = useState<LintResult | null>(null);
  // The error of one load (key, version and reload count): another load shows none, derived while rendering.
  const [failure, setFailure] = useState<{ request: string; cause: unknown } | null>(null);
  const [backup, setBackup] = useState<DocumentJson | null>(null);
  const undoStack = useRef<DocumentJson[]>([]);
  // The document as of the last change, for changes made before React re-renders.
  const current = useRef<DocumentJson | null>(null);
  const [undoDepth, setUndoDepth] = useState(0);
  const [generation, setGeneration] = useState(0);
  const request = JSON.stringify([key, version, generation]);
  const loadError = failure?.request === request ? failure.cause : null;

  useEffect(() => {
    const controller = new AbortController();
    getDefinitionVersion(key, version, controller.signal)
      .then((answer) => {
        const document = (answer.document ?? { key, title: answer.title ?? key, machine: answer.machine }) as DocumentJson;
        setDetail(answer);
        current.current = document;
        setDoc(document);
        setSaved(JSON.stringify(document));
        setLint(answer.lint ?? null);
        undoStack.current = [];
        setUndoDepth(0);
        const stored = localStorage.getItem(backupKey(key, version));
        if (stored && stored !== JSON.stringify(document) && answer.status === 'draft') setBackup(JSON.parse(stored) as DocumentJson);
        else localStorage.removeItem(backupKey(key, version));
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setFailure({ request, cause });
      });
    return () => controller.abort();
  }, [key, version, request]);

  const dirty = useMemo(() => doc !== null && JSON.stringify(doc) !== saved, [doc, saved]);
  const readOnly = detail?.status !== 'draft';

  useEffect(() => {
    if (!doc || readOnly) return;
    if (dirty) localStorage.setItem(backupKey(key, version), JSON.stringify(doc));
    else localStorage.removeItem(backupKey(key, version));
  }, [doc, dirty, readOnly, key, version]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Replaces the document, keeping the previous one for undo. */
  const update = useCallback((next: DocumentJson) => {
    const previous = current.current;
    // The JSON view re-parses on every key: a text that means the same document is no change.
    if (previous === next || (previous && JSON.stringify(previous) === JSON.stringify(next))) return;
    if (previous) {
      undoStack.current = [...undoStack.current.slice(-MAX_UNDO + 1), previous];
      setUndoDepth(undoStack.current.length);
    }
    current.current = next;
    setDoc(next);
  }, []);

  /** Applies a change to the latest document (several changes in one event see each other). */
  const change = useCallback((edit: (doc: DocumentJson) => DocumentJson) => {
    if (current.current) update(edit(current.current));
  }, [update]);

  const undo = useCallback(() => {
    const previous = undoStack.current.pop();
    setUndoDepth(undoStack.current.length);
    if (previous) {
      current.current = previous;
      setDoc(previous);
    }
  }, []);

  const save = useCallback(async () => {
    if (!doc) return;
    const answer = await saveDraft(key, version, doc as DefinitionDocument);
    const document = (answer.document ?? doc) as DocumentJson;
    setDetail((current) => (current ? { ...current, formVersions: answer.formVersions, document: answer.document } : current));
    setSaved(JSON.stringify(document));
    // Keep the object the user is editing when the server returns the same document.
    if (JSON.stringify(document) !== JSON.stringify(doc)) {
      current.current = document;
      setDoc(document);
    }
    setLint(answer.lint ?? null);
    localStorage.removeItem(backupKey(key, version));
  }, [doc, key, version]);

  const check = useCallback(async () => {
    if (!doc) return;
    setLint(await lintDocument(key, doc as DefinitionDocument));
  }, [doc, key]);

  // Saving first also pins the form drafts saved since (the server recomputes formVersions on save).
  const publish = useCallback(async () => {
    await save();
    try {
      await publishDraft(key, version);
    } catch (error) {
      const issues = issuesFromError(error);
      if (issues) setLint({ ok: false, issues });
      throw error;
    }
    setGeneration((n) => n + 1);
  }, [save, key, version]);

  const restoreBackup = useCallback(() => {
    if (backup) update(backup);
    setBackup(null);
  }, [backup, update]);
  const discardBackup = useCallback(() => {
    localStorage.removeItem(backupKey(key, version));
    setBackup(null);
  }, [key, version]);

  return {
    detail, doc, dirty, readOnly, lint, loadError, backup, canUndo: undoDepth > 0,
    update, change, undo, save, check, publish, restoreBackup, discardBackup, reload: () => setGeneration((n) => n + 1),
  };
}

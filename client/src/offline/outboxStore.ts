import type { OutboxEntry } from './outboxTypes';

const DB_NAME = 'jz-offline';
const STORE = 'outbox';
const CHANNEL = 'jz-outbox';

let opened: Promise<IDBDatabase> | undefined;
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = undefined;
      reject(request.error ?? new Error(`IndexedDB ${DB_NAME} could not be opened`));
    };
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    // Resolved on the transaction's completion, so the entry is on disk before the page says it is kept.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function changed() {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

/** Every waiting or refused submission on this device, oldest first. */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const entries = await run<OutboxEntry[]>('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>);
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Adds or updates an entry. */
export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  await run('readwrite', (store) => store.put(entry));
  changed();
}

export async function deleteOutboxEntry(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
  changed();
}

/** Called whenever the outbox changes, in this tab or another. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

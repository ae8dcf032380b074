import type { OutboxItem, OutboxStore } from './outbox-types';

/**
 * The inspector app's IndexedDB database: `outbox` (queued reports and answers with their photo
 * Blobs, keyed by idempotency key) and `cache` (the inspector's grids, the class table: what an
 * offline report needs). Raw IndexedDB: two object stores do not need a wrapper library.
 */
const DB_NAME = 'urbangrid-field';
const DB_VERSION = 1;
const OUTBOX = 'outbox';
const CACHE = 'cache';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function openFieldDb(factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'key' });
    if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE);
  };
  return request(req);
}

/** The outbox kept in IndexedDB (survives reloads and closed tabs). */
export class IdbOutboxStore implements OutboxStore {
  constructor(private readonly db: () => Promise<IDBDatabase>) {}

  async list(): Promise<OutboxItem[]> {
    const db = await this.db();
    const items = await request(
      db.transaction(OUTBOX).objectStore(OUTBOX).getAll() as IDBRequest<OutboxItem[]>,
    );
    return items.sort((a, b) => a.seq - b.seq);
  }

  async put(item: OutboxItem): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(OUTBOX, 'readwrite');
    tx.objectStore(OUTBOX).put(item);
    await done(tx);
  }

  async delete(key: string): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(OUTBOX, 'readwrite');
    tx.objectStore(OUTBOX).delete(key);
    await done(tx);
  }
}

/** Key-value cache of what the app needs offline. */
export class IdbCache {
  constructor(private readonly db: () => Promise<IDBDatabase>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const db = await this.db();
    return request(db.transaction(CACHE).objectStore(CACHE).get(key) as IDBRequest<T | undefined>);
  }

  async set(key: string, value: unknown): Promise<void> {
    const db = await this.db();
    const tx = db.transaction(CACHE, 'readwrite');
    tx.objectStore(CACHE).put(value, key);
    await done(tx);
  }
}

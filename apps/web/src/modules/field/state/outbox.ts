import { ApiRequestError } from '../../map/api/http';
import type {
  OutboxItem,
  OutboxLabel,
  OutboxStore,
  OutboxTransport,
  QueuedPhoto,
  QueuedRequest,
} from './outbox-types';

/** Runs `task` while no other tab of this device sends the outbox (Web Locks where available). */
export type ExclusiveRunner = <T>(task: () => Promise<T>) => Promise<T>;

export interface OutboxOptions {
  store: OutboxStore;
  transport: OutboxTransport;
  /** Makes the idempotency key of a new item (crypto.randomUUID in the browser). */
  newKey?: () => string;
  now?: () => Date;
  exclusive?: ExclusiveRunner;
  /** Sent items kept for the list (the newest); older ones are forgotten. */
  keepSent?: number;
}

export interface FlushResult {
  sent: number;
  failed: number;
  /** True when a retryable failure (no network, server busy) stopped the run; the rest waits. */
  interrupted: boolean;
}

const runInline: ExclusiveRunner = (task) => task();

/**
 * Whether a failed call may succeed later as it is: no answer at all, a server error, a busy
 * server, the first send of the same key still running, or an expired session (the inspector signs in again). Anything else the server
 * refused for good (validation, state, version) and needs the inspector.
 */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return true;
  // The first send under this key is still running on the server (a lost answer): ask again later.
  if (error.code === 'IDEMPOTENCY.IN_PROGRESS') return true;
  const { status } = error;
  return status === 0 || status >= 500 || status === 401 || status === 408 || status === 429;
}

/** Idempotency key of the index-th photo of an item: stable across resends. */
export function photoKey(itemKey: string, index: number): string {
  return `${itemKey}.photo.${index}`;
}

/**
 * 离线上报队列 outbox of the inspector app: reports and task answers wait here with their photos
 * until the network returns, then go out oldest first, exactly once. Each item has one
 * idempotency key made when it is queued; its photos are uploaded first (each under its own
 * derived key, the attachment id saved right after), then the report or answer with the ids.
 * A resend after a lost answer repeats the same keys, so the server replays instead of creating
 * a second case. One flush runs at a time (also across tabs).
 */
export class Outbox {
  private items: OutboxItem[] = [];
  private loaded: Promise<void> | null = null;
  private flushing: Promise<FlushResult> | null = null;
  private owner: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly newKey: () => string;
  private readonly now: () => Date;
  private readonly exclusive: ExclusiveRunner;
  private readonly keepSent: number;

  constructor(private readonly options: OutboxOptions) {
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.exclusive = options.exclusive ?? runInline;
    this.keepSent = options.keepSent ?? 30;
  }

  /** The items as last read, in queue order (for useSyncExternalStore). */
  getSnapshot = (): readonly OutboxItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the store once; an item left `sending` by a closed tab goes back to waiting. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await this.options.store.list();
      for (const item of stored) {
        if (item.status === 'sending') {
          item.status = 'waiting';
          await this.options.store.put(item);
        }
      }
      this.setItems(stored);
    })();
    return this.loaded;
  }

  /**
   * Whose items flush() sends: the signed-in user's (null = nobody's, signed out). A phone
   * handed to another inspector never sends the first one's reports under the second's name.
   */
  setOwner(owner: string | null): void {
    this.owner = owner;
  }

  /** Queues a report or an answer of the current owner; resolves with the stored item (`waiting`). */
  async enqueue(
    request: QueuedRequest,
    photos: Omit<QueuedPhoto, 'attachmentId'>[],
    label: OutboxLabel,
  ): Promise<OutboxItem> {
    const owner = this.owner;
    if (!owner) throw new Error('outbox: nobody is signed in');
    await this.load();
    const current = await this.options.store.list();
    const seq = current.reduce((max, item) => Math.max(max, item.seq), 0) + 1;
    const item: OutboxItem = {
      key: this.newKey(),
      seq,
      owner,
      createdAt: this.now().toISOString(),
      request,
      photos: photos.map((photo) => ({ ...photo, attachmentId: null })),
      label,
      status: 'waiting',
      attempts: 0,
      lastError: null,
      result: null,
      sentAt: null,
    };
    await this.options.store.put(item);
    await this.reload();
    return item;
  }

  /**
   * Sends every waiting item, oldest first. Stops at the first retryable failure so the order
   * holds; an item the server refused is marked `failed` and the run goes on. Concurrent calls
   * share one run.
   */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.exclusive(() => this.flushOnce()).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** A failed item goes back to waiting (after the inspector looked at it) and is sent again. */
  async retry(key: string): Promise<void> {
    const item = (await this.options.store.list()).find((i) => i.key === key);
    if (!item || item.status !== 'failed') return;
    await this.save({ ...item, status: 'waiting', lastError: null });
    await this.flush();
  }

  /** Drops an unsent item (waiting or failed); a sent one stays as the record of what was sent. */
  async discard(key: string): Promise<void> {
    const item = (await this.options.store.list()).find((i) => i.key === key);
    if (!item || item.status === 'sent' || item.status === 'sending') return;
    await this.options.store.delete(key);
    await this.reload();
  }

  private async flushOnce(): Promise<FlushResult> {
    await this.load();
    const result: FlushResult = { sent: 0, failed: 0, interrupted: false };
    // Read again inside the lock: another tab may have sent some items meanwhile.
    const owner = this.owner;
    const queue = (await this.options.store.list()).filter(
      (i) => i.status === 'waiting' && i.owner === owner,
    );
    for (const queued of queue) {
      let item: OutboxItem = { ...queued, status: 'sending', attempts: queued.attempts + 1 };
      await this.save(item);
      try {
        const photos = [...item.photos];
        for (let index = 0; index < photos.length; index += 1) {
          const photo = photos[index];
          if (photo.attachmentId) continue;
          const uploaded = await this.options.transport.uploadPhoto(photo, photoKey(item.key, index));
          photos[index] = { ...photo, attachmentId: uploaded.id };
          item = { ...item, photos };
          await this.save(item);
        }
        const ids = photos.map((photo) => photo.attachmentId).filter((id): id is string => id !== null);
        const sent = await this.options.transport.send(item.request, ids, item.key);
        await this.save({
          ...item,
          status: 'sent',
          lastError: null,
          result: sent,
          sentAt: this.now().toISOString(),
          photos: photos.map((photo) => ({ ...photo, blob: null })),
        });
        result.sent += 1;
      } catch (error) {
        const lastError = describe(error);
        if (isRetryableError(error)) {
          await this.save({ ...item, status: 'waiting', lastError });
          result.interrupted = true;
          break;
        }
        await this.save({ ...item, status: 'failed', lastError });
        result.failed += 1;
      }
    }
    await this.pruneSent();
    await this.reload();
    return result;
  }

  private async pruneSent(): Promise<void> {
    const sent = (await this.options.store.list()).filter((i) => i.status === 'sent');
    const excess = sent.length - this.keepSent;
    if (excess <= 0) return;
    const oldest = [...sent].sort((a, b) => a.seq - b.seq).slice(0, excess);
    for (const item of oldest) await this.options.store.delete(item.key);
  }

  private async save(item: OutboxItem): Promise<void> {
    await this.options.store.put(item);
    await this.reload();
  }

  private async reload(): Promise<void> {
    this.setItems(await this.options.store.list());
  }

  private setItems(items: OutboxItem[]): void {
    this.items = [...items].sort((a, b) => a.seq - b.seq);
    for (const listener of this.listeners) listener();
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof ApiRequestError) return { code: error.code, message: error.message };
  return { code: 'CLIENT.NETWORK', message: error instanceof Error ? error.message : String(error) };
}

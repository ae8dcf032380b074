import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../map/api/http';
import { Outbox, isRetryableError, photoKey } from './outbox';
import type { OutboxItem, OutboxStore, OutboxTransport, QueuedPhoto, QueuedRequest } from './outbox-types';

class MemoryStore implements OutboxStore {
  readonly items = new Map<string, OutboxItem>();
  list() {
    return Promise.resolve(
      [...this.items.values()].map((i) => structuredClone(i)).sort((a, b) => a.seq - b.seq),
    );
  }
  put(item: OutboxItem) {
    this.items.set(item.key, structuredClone(item));
    return Promise.resolve();
  }
  delete(key: string) {
    this.items.delete(key);
    return Promise.resolve();
  }
}

type Call = { op: 'upload' | 'send'; key: string; ids?: string[]; description?: string };

/** A server that honours idempotency keys and can be told to fail the next calls. */
class FakeServer implements OutboxTransport {
  readonly calls: Call[] = [];
  readonly cases = new Map<string, { caseId: string; caseNo: string }>();
  failures: (Error | undefined)[] = [];
  private nextId = 1;

  uploadPhoto(_photo: QueuedPhoto, key: string) {
    this.calls.push({ op: 'upload', key });
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    return Promise.resolve({ id: `att-${key}` });
  }

  send(request: QueuedRequest, ids: string[], key: string) {
    const description = request.type === 'case' ? request.body.description : (request.body.opinion ?? '');
    this.calls.push({ op: 'send', key, ids, description });
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    const existing = this.cases.get(key);
    if (existing) return Promise.resolve(existing);
    const created = { caseId: `case-${this.nextId}`, caseNo: `2026${String(this.nextId).padStart(4, '0')}` };
    this.nextId += 1;
    this.cases.set(key, created);
    return Promise.resolve(created);
  }
}

const report = (description: string): QueuedRequest => ({
  type: 'case',
  body: { source: 'patrol', kind: 'event', classCode: '0102', description, position: [120.1, 30.2] },
});
const photo = (name: string): Omit<QueuedPhoto, 'attachmentId'> => ({
  blob: new Blob(['png']),
  name,
  purpose: 'report',
});
const label = { title: '暴露垃圾', description: '', gridCode: null, gridName: null };
const networkDown = () => new ApiRequestError(0, 'CLIENT.NETWORK', 'Failed to fetch');

function setup() {
  const store = new MemoryStore();
  const server = new FakeServer();
  let n = 0;
  const outbox = new Outbox({
    store,
    transport: server,
    newKey: () => `k${++n}`,
    now: () => new Date('2026-11-28T08:00:00Z'),
  });
  outbox.setOwner('inspector-a');
  return { store, server, outbox };
}

describe('Outbox', () => {
  it('sends queued items oldest first, photos before their report, with the photo ids', async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('first'), [photo('a.png'), photo('b.png')], label);
    await outbox.enqueue(report('second'), [], label);

    const result = await outbox.flush();

    expect(result).toEqual({ sent: 2, failed: 0, interrupted: false });
    expect(server.calls).toEqual([
      { op: 'upload', key: 'k1.photo.0' },
      { op: 'upload', key: 'k1.photo.1' },
      { op: 'send', key: 'k1', ids: ['att-k1.photo.0', 'att-k1.photo.1'], description: 'first' },
      { op: 'send', key: 'k2', ids: [], description: 'second' },
    ]);
    const items = outbox.getSnapshot();
    expect(items.map((i) => [i.key, i.status, i.result?.caseNo])).toEqual([
      ['k1', 'sent', '20260001'],
      ['k2', 'sent', '20260002'],
    ]);
    // Sent items give their photo bytes back; the attachment ids stay.
    expect(items[0].photos.map((p) => [p.blob, p.attachmentId])).toEqual([
      [null, 'att-k1.photo.0'],
      [null, 'att-k1.photo.1'],
    ]);
  });

  it('stops at a network failure, keeps the order, and resumes without uploading a photo twice', async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('first'), [photo('a.png'), photo('b.png')], label);
    await outbox.enqueue(report('second'), [], label);
    // First photo goes up, the second upload fails: nothing else may be tried in this run.
    server.failures = [undefined, networkDown()];

    const first = await outbox.flush();
    expect(first).toEqual({ sent: 0, failed: 0, interrupted: true });
    expect(outbox.getSnapshot().map((i) => i.status)).toEqual(['waiting', 'waiting']);
    expect(outbox.getSnapshot()[0].photos.map((p) => p.attachmentId)).toEqual(['att-k1.photo.0', null]);
    expect(outbox.getSnapshot()[0].lastError?.code).toBe('CLIENT.NETWORK');

    const second = await outbox.flush();
    expect(second).toEqual({ sent: 2, failed: 0, interrupted: false });
    expect(server.calls.map((c) => `${c.op} ${c.key}`)).toEqual([
      'upload k1.photo.0',
      'upload k1.photo.1',
      'upload k1.photo.1',
      'send k1',
      'send k2',
    ]);
    expect(outbox.getSnapshot()[0].attempts).toBe(2);
  });

  it('resends a report whose answer was lost with the same key, so the server creates one case', async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('only once'), [], label);
    // The server created the case but the answer never arrived: simulate by creating it first.
    const lost = new ApiRequestError(0, 'CLIENT.NETWORK', 'connection reset');
    await server.send(report('only once'), [], 'k1');
    server.calls.length = 0;
    server.failures = [lost];

    await outbox.flush();
    await outbox.flush();

    expect(server.calls.map((c) => c.key)).toEqual(['k1', 'k1']);
    expect(server.cases.size).toBe(1);
    expect(outbox.getSnapshot()[0].result).toEqual({ caseId: 'case-1', caseNo: '20260001' });
  });

  it('shares one run between concurrent flushes (no item is sent twice)', async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('a'), [photo('a.png')], label);
    await outbox.enqueue(report('b'), [], label);

    const [x, y] = await Promise.all([outbox.flush(), outbox.flush()]);

    expect(x).toBe(y);
    expect(server.calls.filter((c) => c.op === 'send').map((c) => c.key)).toEqual(['k1', 'k2']);
    await outbox.flush();
    expect(server.calls).toHaveLength(3);
  });

  it('marks an item the server refuses as failed, goes on with the next, and retries it on request', async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('refused'), [], label);
    await outbox.enqueue(report('fine'), [], label);
    server.failures = [new ApiRequestError(409, 'CASE.VERSION_CONFLICT', 'stale version')];

    const result = await outbox.flush();
    expect(result).toEqual({ sent: 1, failed: 1, interrupted: false });
    expect(outbox.getSnapshot().map((i) => [i.key, i.status, i.lastError?.code ?? null])).toEqual([
      ['k1', 'failed', 'CASE.VERSION_CONFLICT'],
      ['k2', 'sent', null],
    ]);

    // A failed item is never sent again by itself...
    await outbox.flush();
    expect(server.calls.filter((c) => c.key === 'k1')).toHaveLength(1);
    // ...only when the inspector asks, and then with its original key.
    await outbox.retry('k1');
    expect(server.calls.filter((c) => c.key === 'k1')).toHaveLength(2);
    expect(outbox.getSnapshot()[0].status).toBe('sent');
  });

  it('puts an item left "sending" by a closed tab back in the queue on load', async () => {
    const { store, server } = setup();
    const outbox = new Outbox({ store, transport: server, newKey: () => 'k1' });
    outbox.setOwner('inspector-a');
    await outbox.enqueue(report('interrupted'), [], label);
    const [item] = await store.list();
    await store.put({ ...item, status: 'sending' });

    const reopened = new Outbox({ store, transport: server });
    reopened.setOwner('inspector-a');
    await reopened.load();
    expect(reopened.getSnapshot()[0].status).toBe('waiting');
    await reopened.flush();
    expect(server.calls.map((c) => c.key)).toEqual(['k1']);
  });

  it("sends only the signed-in user's items (a shared phone)", async () => {
    const { server, outbox } = setup();
    await outbox.enqueue(report('by a'), [], label);
    outbox.setOwner('inspector-b');
    await outbox.enqueue(report('by b'), [], label);

    await outbox.flush();
    expect(server.calls.map((c) => c.description)).toEqual(['by b']);
    outbox.setOwner(null);
    await expect(outbox.enqueue(report('nobody'), [], label)).rejects.toThrow(/nobody is signed in/);
    outbox.setOwner('inspector-a');
    await outbox.flush();
    expect(server.calls.map((c) => c.description)).toEqual(['by b', 'by a']);
  });

  it('discards unsent items only', async () => {
    const { outbox } = setup();
    await outbox.enqueue(report('sent'), [], label);
    await outbox.flush();
    await outbox.enqueue(report('waiting'), [], label);

    await outbox.discard('k1');
    await outbox.discard('k2');

    expect(outbox.getSnapshot().map((i) => i.key)).toEqual(['k1']);
  });

  it('keeps only the newest sent items', async () => {
    const store = new MemoryStore();
    let n = 0;
    const outbox = new Outbox({ store, transport: new FakeServer(), newKey: () => `k${++n}`, keepSent: 2 });
    outbox.setOwner('inspector-a');
    for (const d of ['a', 'b', 'c']) await outbox.enqueue(report(d), [], label);
    await outbox.flush();
    expect(outbox.getSnapshot().map((i) => i.key)).toEqual(['k2', 'k3']);
  });
});

describe('isRetryableError', () => {
  it('retries network, server, session and rate-limit failures, not refusals', () => {
    expect(isRetryableError(new ApiRequestError(0, 'CLIENT.NETWORK', ''))).toBe(true);
    expect(isRetryableError(new ApiRequestError(503, 'DATABASE.UNAVAILABLE', ''))).toBe(true);
    expect(isRetryableError(new ApiRequestError(401, 'AUTH.UNAUTHENTICATED', ''))).toBe(true);
    expect(isRetryableError(new ApiRequestError(429, 'REQUEST.TOO_MANY', ''))).toBe(true);
    expect(isRetryableError(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryableError(new ApiRequestError(409, 'IDEMPOTENCY.IN_PROGRESS', ''))).toBe(true);
    expect(isRetryableError(new ApiRequestError(422, 'IDEMPOTENCY.KEY_REUSED', ''))).toBe(false);
    expect(isRetryableError(new ApiRequestError(400, 'REQUEST.VALIDATION_FAILED', ''))).toBe(false);
    expect(isRetryableError(new ApiRequestError(409, 'CASE.VERSION_CONFLICT', ''))).toBe(false);
  });

  it('derives photo keys from the item key', () => {
    expect(photoKey('abc', 2)).toBe('abc.photo.2');
  });
});

import type { BBox, ClassificationDto, MeResponse, Position } from '@urbangrid/contracts';
import { ApiRequestError } from '../../map/api/http';
import { fetchCityInfo } from '../../map/api/map-api';
import { actOnCase, createCase, fetchClasses, fetchGrid, fetchMe, uploadAttachment } from '../api/field-api';
import type { CachedGrid } from '../utils/grid-lookup';
import { IdbCache, IdbOutboxStore, openFieldDb } from './field-db';
import { Outbox, type ExclusiveRunner } from './outbox';
import type { OutboxTransport } from './outbox-types';

let dbPromise: Promise<IDBDatabase> | null = null;
const db = (): Promise<IDBDatabase> => (dbPromise ??= openFieldDb());

/** The device cache of what an offline report needs. */
export const fieldCache = new IdbCache(db);

/** Sends outbox items through the API, each call under its idempotency key. */
export const httpTransport: OutboxTransport = {
  async uploadPhoto(photo, key) {
    if (!photo.blob)
      throw new ApiRequestError(
        400,
        'CLIENT.PHOTO_MISSING',
        `photo ${photo.name} is no longer on the device`,
      );
    const uploaded = await uploadAttachment(photo.blob, photo.name, photo.purpose, key);
    return { id: uploaded.id };
  },
  async send(request, attachmentIds, key) {
    const ids = attachmentIds.length > 0 ? { attachmentIds } : {};
    if (request.type === 'case') {
      const created = await createCase({ ...request.body, ...ids }, key);
      return { caseId: created.case.id, caseNo: created.case.caseNo };
    }
    const answered = await actOnCase(request.caseId, request.action, { ...request.body, ...ids }, key);
    return { caseId: answered.id, caseNo: answered.caseNo };
  },
};

/** One flush at a time across the tabs of this device (Web Locks), inline where unsupported. */
const webLock: ExclusiveRunner = async <T>(task: () => Promise<T>): Promise<T> => {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return task();
  let result: T | undefined;
  await navigator.locks.request('urbangrid-field-outbox', async () => {
    result = await task();
  });
  return result as T;
};

/** The device's outbox of reports and answers (one per tab, stored in IndexedDB). */
export const outbox = new Outbox({
  store: new IdbOutboxStore(db),
  transport: httpTransport,
  exclusive: webLock,
});

const SYNC_INTERVAL_MS = 30_000;

/**
 * Sends the outbox now, whenever the browser says it is back online, and every 30 s while it
 * thinks it is online (a captive portal or a dead cell says online too). Returns the stop function.
 */
export function startOutboxSync(): () => void {
  const flush = () => {
    if (navigator.onLine) void outbox.flush().catch(() => undefined);
  };
  void outbox.load().then(flush, () => undefined);
  window.addEventListener('online', flush);
  const timer = window.setInterval(flush, SYNC_INTERVAL_MS);
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}

/** The inspector and its grids as cached on the device. */
export interface FieldProfile {
  me: MeResponse;
  grids: CachedGrid[];
  /** Where the map opens when the inspector has no grids: the city's data extent and centre. */
  city: { bounds: BBox; center: Position };
  /** When this was fetched from the server (ISO). */
  fetchedAt: string;
}

const profileKey = (userId: string) => `profile:${userId}`;
const CLASSES_KEY = 'classes';

/**
 * The inspector with its 责任网格 outlines: from the server when reachable (and cached), else
 * the copy on the device. Rejects only when neither is there.
 */
export async function loadProfile(
  userId: string,
  signal?: AbortSignal,
): Promise<{ profile: FieldProfile; offline: boolean }> {
  try {
    const [me, city] = await Promise.all([fetchMe(signal), fetchCityInfo(signal)]);
    const grids = await Promise.all(
      me.gridCodes.map(async (code) => {
        const region = await fetchGrid(code, signal);
        return { code: region.code, name: region.name, geometry: region.geometry };
      }),
    );
    const bounds = city.dataExtent ?? city.extent;
    const profile: FieldProfile = {
      me,
      grids,
      city: { bounds, center: city.center },
      fetchedAt: new Date().toISOString(),
    };
    await fieldCache.set(profileKey(me.user.id), profile).catch(() => undefined);
    return { profile, offline: false };
  } catch (error) {
    if (signal?.aborted) throw error;
    const cached = await fieldCache.get<FieldProfile>(profileKey(userId)).catch(() => undefined);
    if (cached) return { profile: cached, offline: true };
    throw error;
  }
}

/** The class table: server first (and cached), else the device's copy. */
export async function loadClasses(
  signal?: AbortSignal,
): Promise<{ items: ClassificationDto[]; offline: boolean }> {
  try {
    const { items } = await fetchClasses(signal);
    await fieldCache.set(CLASSES_KEY, items).catch(() => undefined);
    return { items, offline: false };
  } catch (error) {
    if (signal?.aborted) throw error;
    const cached = await fieldCache.get<ClassificationDto[]>(CLASSES_KEY).catch(() => undefined);
    if (cached) return { items: cached, offline: true };
    throw error;
  }
}

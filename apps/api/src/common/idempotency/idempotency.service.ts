import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Database, type SqlRunner } from '../../database/database';
import { ApiError } from '../errors/api-error';
import { type KeyClaim, IdempotencyRepository } from './idempotency.repository';

export interface IdempotentRequest {
  /** The authenticated principal: keys are unique per user and key (spec 08 §1). */
  userId: string;
  key: string;
  method: string;
  path: string;
  /** {@link requestFingerprint} of method, path and body. */
  fingerprint: string;
}

export interface IdempotentResponse {
  status: number;
  body: unknown;
}

const PURGE_EVERY_MS = 3_600_000;

/** The claim of the idempotent request being served (AsyncLocalStorage: one per request). */
const idempotencyScope = new AsyncLocalStorage<{ claim: KeyClaim; existingResourceId: string | null }>();

/**
 * For a creating service: the resource an earlier attempt with the same key already committed
 * (the caller then answers with it instead of creating another), or null.
 */
export function committedIdempotentResource(): string | null {
  return idempotencyScope.getStore()?.existingResourceId ?? null;
}

/** Binds the new resource to the request's key inside the creating transaction (no-op without a key). */
export async function bindIdempotentResource(tx: SqlRunner, resourceId: string): Promise<void> {
  const scope = idempotencyScope.getStore();
  if (scope) await IdempotencyRepository.bindResource(tx, scope.claim, resourceId);
}

/**
 * Idempotent creating requests (spec 08 §1, IETF Idempotency-Key draft): the first request with a
 * key claims it (`INSERT … ON CONFLICT DO NOTHING`, race-free across processes), runs, and stores
 * its response; a retry with the same fingerprint gets that response again. Same key with another
 * fingerprint → 422 `IDEMPOTENCY.KEY_REUSED`; first request still running → 409
 * `IDEMPOTENCY.IN_PROGRESS`; a failed first request (any error) frees the key.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private readonly repo: IdempotencyRepository;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new IdempotencyRepository(db);
  }

  /** Runs `work` once per (user, key); returns its response and whether this call replayed it. */
  async execute(
    req: IdempotentRequest,
    work: () => Promise<IdempotentResponse>,
  ): Promise<{ response: IdempotentResponse; replayed: boolean }> {
    const { retentionHours, runningTimeoutSeconds } = this.config.idempotency;
    const claim: KeyClaim = {
      userId: req.userId,
      key: req.key,
      method: req.method,
      path: req.path,
      requestHash: req.fingerprint,
      claimId: randomUUID(),
    };
    // A few rounds: the row may vanish between the failed claim and the read (released by a
    // failing first request, or expired), in which case the claim is tried again.
    for (let round = 0; round < 3; round++) {
      if (await this.repo.claim(claim)) return { response: await this.run(claim, work), replayed: false };
      const stored = await this.repo.find(req.userId, req.key, runningTimeoutSeconds, retentionHours);
      if (!stored) continue;
      if (stored.expired) {
        await this.repo.deleteExpired(req.userId, req.key, retentionHours);
        continue;
      }
      if (stored.requestHash !== req.fingerprint) {
        throw new ApiError(
          'IDEMPOTENCY.KEY_REUSED',
          'this Idempotency-Key was used for a different request; send a new key for a new request',
        );
      }
      if (stored.state === 'done' && stored.responseStatus !== null) {
        return { response: { status: stored.responseStatus, body: stored.responseBody }, replayed: true };
      }
      if (stored.resourceId !== null && (await this.repo.adopt(claim))) {
        return { response: await this.run(claim, work, stored.resourceId), replayed: true };
      }
      if (stored.stale && (await this.repo.takeOver(claim, runningTimeoutSeconds))) {
        return { response: await this.run(claim, work), replayed: false };
      }
      throw new ApiError(
        'IDEMPOTENCY.IN_PROGRESS',
        'a request with this Idempotency-Key is still being processed; retry later',
      );
    }
    throw new ApiError('IDEMPOTENCY.IN_PROGRESS', 'this Idempotency-Key is changing hands; retry later');
  }

  onApplicationBootstrap(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Deletes keys older than the retention (on boot and hourly). */
  async purge(): Promise<number> {
    try {
      const n = await this.repo.purge(this.config.idempotency.retentionHours);
      if (n > 0) this.logger.log(`purged ${n} idempotency keys`);
      return n;
    } catch (err) {
      this.logger.warn(`idempotency purge failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
  }

  private async run(
    claim: KeyClaim,
    work: () => Promise<IdempotentResponse>,
    existingResourceId: string | null = null,
  ): Promise<IdempotentResponse> {
    let response: IdempotentResponse;
    try {
      response = await idempotencyScope.run({ claim, existingResourceId }, work);
    } catch (err) {
      await this.repo.release(claim);
      throw err;
    }
    if (response.status >= 400) {
      await this.repo.release(claim);
      return response;
    }
    // Stored as JSON, as it goes over the wire (Dates become strings), so a replay is identical.
    const body: unknown = response.body === undefined ? null : JSON.parse(JSON.stringify(response.body));
    await this.repo.complete(claim, response.status, body);
    return { status: response.status, body };
  }
}

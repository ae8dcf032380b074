import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { Database } from '../../../database/database';
import { GeocodingRepository, type ReverseRow } from '../geocoding.repository';
import type { ReferenceIndex, ReferenceIndexStats } from './reference-index';
import {
  changedSince,
  loadReferenceIndex,
  pruneChangeLog,
  ReferenceLoadCancelled,
  type LoadedIndex,
} from './reference-index.loader';

/** What {@link SpatialIndexService.resolvePoint} answers, and where the answer came from. */
export type ResolvedPoint = ReverseRow & { source: 'index' | 'sql' };

export interface SpatialIndexOptions {
  /** How often the change log is polled (ms); reads may be stale by about this much. */
  pollMs: number;
  /** False: never build, always answer from SQL. */
  enabled: boolean;
}

export const SPATIAL_INDEX_OPTIONS = Symbol('SPATIAL_INDEX_OPTIONS');
const DEFAULTS: SpatialIndexOptions = { pollMs: 2000, enabled: true };
/** The change log is pruned about every this many polls. */
const PRUNE_EVERY = 300;

/**
 * Point → unit grid, community, street, district and the nearest 门(楼)牌, POI, road and 部件, from
 * an in-process index of the reference layers (reference-index.ts), PostgreSQL/PostGIS staying the
 * source of truth. The index is built in the background on first use; until it is ready, and
 * from the moment a poll finds a committed write to a reference table until it is rebuilt, the
 * answer comes from the SQL statement (`GeocodingRepository.reverse`), so a read is stale at most
 * by one poll interval. Case intake and reverse geocoding share it.
 */
@Injectable()
export class SpatialIndexService implements OnModuleDestroy {
  private readonly logger = new Logger(SpatialIndexService.name);
  private readonly options: SpatialIndexOptions;
  private current: LoadedIndex | null = null;
  private building: Promise<void> | null = null;
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polls = 0;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly repo: GeocodingRepository,
    @Optional() @Inject(SPATIAL_INDEX_OPTIONS) options?: Partial<SpatialIndexOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Regions and nearest reference features at (lon, lat) in EPSG:4326 (WGS84/CGCS2000). Never
   * throws for a missing index: it answers from SQL then.
   */
  async resolvePoint(lon: number, lat: number): Promise<ResolvedPoint> {
    const index = this.indexOrStart();
    if (index) return { ...index.reverse(lon, lat), source: 'index' };
    return { ...(await this.repo.reverse(lon, lat)), source: 'sql' };
  }

  /** The index when it is current; otherwise null (and the build is started). */
  indexOrStart(): ReferenceIndex | null {
    if (this.current) return this.current.index;
    if (this.options.enabled && !this.stopped) this.startBuild();
    return null;
  }

  /** Starts the build if needed and resolves once an index is current (or the build failed). */
  async whenReady(): Promise<boolean> {
    this.indexOrStart();
    await this.building;
    return this.current !== null;
  }

  /**
   * Polls the change log now and, when a reference table was written since the index was read,
   * drops the index and rebuilds it. Resolves with the tables found changed.
   */
  async refresh(): Promise<string[]> {
    await this.building;
    const loaded = this.current;
    if (!loaded || this.stopped) return [];
    const changed = await changedSince(this.db, loaded.snapshot);
    if (changed.length > 0 && this.current === loaded) {
      this.logger.log(`reference tables changed (${changed.join(', ')}): rebuilding the spatial index`);
      this.current = null;
      this.startBuild();
      await this.building;
    }
    return changed;
  }

  stats(): ReferenceIndexStats | null {
    return this.current?.index.stats() ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([this.building, this.polling]);
  }

  private startBuild(): void {
    if (this.building) return;
    const t0 = Date.now();
    this.building = loadReferenceIndex(this.db, () => this.stopped)
      .then((loaded) => {
        if (this.stopped) return;
        this.current = loaded;
        const s = loaded.index.stats();
        this.logger.log(
          `spatial index ready in ${Date.now() - t0} ms: ${s.grids} grids, ${s.addresses} addresses, ` +
            `${s.pois} POIs, ${s.roads} roads, ${s.components} components`,
        );
      })
      .catch((e: unknown) => {
        if (!(e instanceof ReferenceLoadCancelled))
          this.logger.warn(`spatial index build failed, answering from SQL: ${String(e)}`);
      })
      .finally(() => {
        this.building = null;
      });
    this.schedulePolls();
  }

  private schedulePolls(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.polling || this.building || this.stopped) return;
      this.polling = this.poll().finally(() => {
        this.polling = null;
      });
    }, this.options.pollMs);
    // The poller alone must not keep the process (or a test run) alive.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      if (this.current === null) {
        // A failed build is retried on the next poll.
        this.startBuild();
        return;
      }
      await this.refresh();
      if (++this.polls % PRUNE_EVERY === 0) await pruneChangeLog(this.db);
    } catch (e: unknown) {
      this.logger.warn(`spatial index poll failed: ${String(e)}`);
    }
  }
}

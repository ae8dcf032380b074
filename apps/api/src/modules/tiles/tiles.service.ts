import { Injectable } from '@nestjs/common';
import {
  COMPONENT_COUNT_LAYER,
  COMPONENT_GRID_COUNT_MINZOOM,
  COMPONENT_POINT_MINZOOM,
  TILE_LAYERS,
  type TileLayerName,
  type RegionLevel,
  TILE_LABEL_MINZOOM,
  TILE_LAYER_MINZOOM,
  labelLayerName,
  roadClassesAtZoom,
} from '@urbangrid/contracts';
import { ApiError } from '../../common/errors/api-error';
import { encodeTile, type TileLayer } from './mvt-encoder';
import { TILE_EXTENT, type TileAddress, TilesRepository } from './tiles.repository';

const LEVEL: Record<Exclude<TileLayerName, 'roads' | 'components'>, RegionLevel> = {
  districts: 'district',
  streets: 'street',
  communities: 'community',
  grids: 'grid',
};

/** Highest zoom a tile may be asked for (the map overzooms its own maximum anyway). */
export const TILE_ZOOM_LIMIT = 22;

/** Parses `{z}/{x}/{y}` path parts; anything but integers inside the zoom's range is a 400. */
export function parseTileAddress(z: string, x: string, y: string): TileAddress {
  const int = (s: string) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN);
  const tile = { z: int(z), x: int(x), y: int(y) };
  const size = 2 ** tile.z;
  if (
    !Number.isInteger(tile.z) ||
    tile.z > TILE_ZOOM_LIMIT ||
    !Number.isInteger(tile.x) ||
    !Number.isInteger(tile.y) ||
    tile.x >= size ||
    tile.y >= size
  ) {
    throw new ApiError(
      'TILE.ADDRESS_INVALID',
      `tile ${z}/${x}/${y} does not exist: z must be 0..${TILE_ZOOM_LIMIT} and x, y 0..2^z−1`,
    );
  }
  return tile;
}

export function parseTileLayer(name: string): TileLayerName {
  if (!(TILE_LAYERS as readonly string[]).includes(name)) {
    throw new ApiError('MAP.UNKNOWN_LAYER', `unknown map layer "${name}"; known: ${TILE_LAYERS.join(', ')}`);
  }
  return name as TileLayerName;
}

@Injectable()
export class TilesService {
  constructor(private readonly tiles: TilesRepository) {}

  /** One layer's vector tile (MVT bytes; empty when nothing is drawn there at that zoom). */
  async tile(layerName: string, z: string, x: string, y: string): Promise<Uint8Array> {
    const layer = parseTileLayer(layerName);
    const address = parseTileAddress(z, x, y);
    if (address.z < TILE_LAYER_MINZOOM[layer]) return new Uint8Array(0);
    return encodeTile(await this.layersOf(layer, address));
  }

  private async layersOf(layer: TileLayerName, address: TileAddress): Promise<TileLayer[]> {
    const one = (name: string, features: TileLayer['features']): TileLayer => ({
      name,
      extent: TILE_EXTENT,
      features,
    });
    switch (layer) {
      case 'roads':
        return [one(layer, await this.tiles.roads(roadClassesAtZoom(address.z), address))];
      case 'components':
        if (address.z >= COMPONENT_POINT_MINZOOM)
          return [one(layer, await this.tiles.componentPoints(address))];
        return [
          one(
            COMPONENT_COUNT_LAYER,
            await this.tiles.componentCounts(
              address.z >= COMPONENT_GRID_COUNT_MINZOOM ? 'grid' : 'community',
              address,
            ),
          ),
        ];
      case 'districts':
      case 'streets':
      case 'communities':
      case 'grids': {
        const level = LEVEL[layer];
        const layers = [one(layer, await this.tiles.regionPolygons(level, address))];
        if (address.z >= TILE_LABEL_MINZOOM[layer]) {
          layers.push(one(labelLayerName(layer), await this.tiles.regionLabels(level, address)));
        }
        return layers;
      }
    }
  }
}

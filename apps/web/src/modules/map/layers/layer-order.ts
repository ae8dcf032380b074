/**
 * The id of the layer a new layer must be inserted before so that `order` (bottom to top) holds:
 * the first layer above it in `order` that is already on the map; undefined means "on top".
 * Layers not in `order` go on top.
 */
export function findBeforeId(
  order: readonly string[],
  id: string,
  exists: (layerId: string) => boolean,
): string | undefined {
  const index = order.indexOf(id);
  if (index < 0) return undefined;
  return order.slice(index + 1).find(exists);
}

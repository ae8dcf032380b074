import { CityMap, type CityMapProps } from '../../modules/map';

/** Route `/`: the city map. */
export function MapPage(props: CityMapProps) {
  return <CityMap {...props} />;
}

import { LeaderAssignLink } from '../../modules/cases';
import { CityMap, type CityMapProps } from '../../modules/map';

/** Route `/`: the city map (a leader's home, with the 领导交办 link). */
export function MapPage(props: CityMapProps) {
  return (
    <>
      <CityMap {...props} />
      <LeaderAssignLink />
    </>
  );
}

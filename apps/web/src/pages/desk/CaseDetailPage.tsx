import type { CityInfo } from '@urbangrid/contracts';
import { useParams } from 'react-router';
import { CaseDetailScreen } from '../../modules/cases';
import type { AsyncState } from '../../modules/map';

/** Route `/cases/:id`: one case for every role. */
export function CaseDetailPage({ city }: { city: AsyncState<CityInfo> }) {
  const { id = '' } = useParams();
  return <CaseDetailScreen id={id} city={city} />;
}

import type { CityInfo } from '@urbangrid/contracts';
import { RegisterScreen } from '../../modules/cases';
import type { AsyncState } from '../../modules/map';

/** Route `/desk/register`: 案件登记 (operator, on a phone) and 领导交办 (leader). */
export function RegisterPage({ city }: { city: AsyncState<CityInfo> }) {
  return <RegisterScreen city={city} />;
}

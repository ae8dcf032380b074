import type { CityInfo } from '@urbangrid/contracts';
import { DeskView } from '../../modules/cases';
import type { AsyncState } from '../../modules/map';

export interface DeskPageProps {
  city: AsyncState<CityInfo>;
}

/** Route `/desk/intake`: the operator's 受理台. */
export function IntakeDeskPage({ city }: DeskPageProps) {
  return <DeskView desk="intake" city={city} />;
}

/** Route `/desk/filing`: the shift leader's 立案台. */
export function FilingDeskPage({ city }: DeskPageProps) {
  return <DeskView desk="filing" city={city} />;
}

/** Route `/desk/dispatch`: the dispatcher's 派遣台 (map of open cases and the queue). */
export function DispatchDeskPage({ city }: DeskPageProps) {
  return <DeskView desk="dispatch" city={city} />;
}

/** Route `/desk/department`: the department handler's workbench. */
export function DepartmentDeskPage({ city }: DeskPageProps) {
  return <DeskView desk="department" city={city} />;
}

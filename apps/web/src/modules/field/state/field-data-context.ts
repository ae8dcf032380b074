import { createContext } from 'react';
import type { AsyncState } from '../../map/hooks/async-state';
import type { ClassTable } from '../utils/class-search';
import type { FieldProfile } from './field-runtime';

/** What every field screen needs: the inspector with its grids, and the class table. */
export interface FieldData {
  profile: AsyncState<FieldProfile>;
  classes: AsyncState<ClassTable>;
  /** Set when either came from the device cache (no network): when it was fetched. */
  cachedAt: string | null;
  reload: () => void;
}

export const FieldDataContext = createContext<FieldData | null>(null);

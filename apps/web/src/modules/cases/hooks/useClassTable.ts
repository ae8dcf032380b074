import { useMemo } from 'react';
import { fetchClasses } from '../../field/api/field-api';
import { useAsyncValue } from '../../field/hooks/useAsyncValue';
import { buildClassTable, type ClassTable } from '../../field/utils/class-search';
import type { AsyncState } from '../../map/hooks/async-state';

const loadClasses = (signal: AbortSignal) => fetchClasses(signal);

/** The current 部件/事件 class table arranged for the class picker (the inspector app's, shared). */
export function useClassTable(): { state: AsyncState<ClassTable>; reload: () => void } {
  const { state, reload } = useAsyncValue('classes', loadClasses);
  const table = useMemo<AsyncState<ClassTable>>(() => {
    if (!state || state.status === 'loading') return { status: 'loading' };
    if (state.status === 'error') return state;
    return { status: 'ready', value: buildClassTable(state.value.items) };
  }, [state]);
  return { state: table, reload };
}

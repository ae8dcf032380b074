import { useContext } from 'react';
import { FieldDataContext, type FieldData } from '../state/field-data-context';

/** The inspector's profile, grids and class table (inside the field app's provider). */
export function useFieldData(): FieldData {
  const data = useContext(FieldDataContext);
  if (!data) throw new Error('useFieldData outside FieldDataProvider');
  return data;
}

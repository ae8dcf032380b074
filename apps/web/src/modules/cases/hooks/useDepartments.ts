import type { DepartmentRecord } from '@urbangrid/contracts';
import { useEffect, useState } from 'react';
import { listDepartments } from '../api/cases-api';

let cache: Promise<DepartmentRecord[]> | null = null;

/** Every department (专业部门 and 属地 offices), loaded once per tab. */
export function useDepartments(): { departments: DepartmentRecord[]; error: unknown } {
  const [departments, setDepartments] = useState<DepartmentRecord[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    cache ??= listDepartments().catch((e: unknown) => {
      cache = null;
      throw e;
    });
    cache.then(
      (list) => live && setDepartments(list),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { departments, error };
}

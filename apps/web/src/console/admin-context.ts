import { createContext, useContext } from 'react';
import type { Admin } from './console-types';

export const AdminContext = createContext<Admin | null>(null);

/** The operator on the console; `canWrite` is false for viewers (the master refuses their writes with 403 anyway). */
export function useAdmin(): Admin & { canWrite: boolean } {
  const admin = useContext(AdminContext);
  if (!admin) throw new Error('useAdmin fora do console');
  return { ...admin, canWrite: admin.role === 'admin' };
}

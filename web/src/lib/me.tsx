import { createContext, useContext } from 'react';
import type { Me, Role } from './types';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only used inside the signed-in shell, where it is always loaded. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.includes(role);
}

import { useCallback, useState } from 'react';

/**
 * Forward-only Relay paging (first/after) with a way back: the cursors of the pages already
 * seen are kept, so "previous" re-requests the page that started after the cursor before.
 */
export interface Paging {
  after: string | null;
  page: number;
  next: (endCursor: string | null) => void;
  previous: () => void;
  reset: () => void;
}

export function nextCursors(stack: readonly (string | null)[], endCursor: string | null): (string | null)[] {
  return endCursor ? [...stack, endCursor] : [...stack];
}

export function usePaging(): Paging {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null) => setStack((s) => nextCursors(s, endCursor)), []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { after: stack[stack.length - 1], page: stack.length, next, previous, reset };
}

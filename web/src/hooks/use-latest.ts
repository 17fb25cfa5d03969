import { useRef } from 'react';

/** A ref that always holds the latest value (callbacks used from effects without re-running them). */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

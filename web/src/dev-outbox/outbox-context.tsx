import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

/**
 * Which recipient the dev outbox should show, and where "fill code" puts a code. The form on screen
 * registers itself with useOutboxTarget(); the most recently mounted one (e.g. a modal over a page) wins,
 * or the one whose recipient was typed last (a page with several forms, such as Security).
 */
type Target = { id: number; recipient: string; purpose?: string; fill?: (code: string) => void };
type Ctx = {
  target: Target | null;
  upsert: (t: Target) => void;
  remove: (id: number) => void;
};

const OutboxContext = createContext<Ctx | null>(null);

export function OutboxProvider({ children }: { children: ReactNode }) {
  const [targets, setTargets] = useState<Target[]>([]);
  const upsert = useCallback((t: Target) => {
    setTargets((all) => {
      const i = all.findIndex((x) => x.id === t.id);
      if (i < 0) return [...all, t];
      const copy = all.slice();
      if (t.recipient && t.recipient !== all[i]!.recipient) {
        copy.splice(i, 1);
        copy.push(t);
      } else copy[i] = t;
      return copy;
    });
  }, []);
  const remove = useCallback((id: number) => setTargets((all) => all.filter((x) => x.id !== id)), []);
  const value = useMemo(
    () => ({ target: targets[targets.length - 1] ?? null, upsert, remove }),
    [targets, upsert, remove],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): Ctx {
  const v = useContext(OutboxContext);
  if (!v) throw new Error('useOutbox outside OutboxProvider');
  return v;
}

let nextId = 1;

/**
 * Declares the phone/email the user is typing, and optionally how to fill in a received code of the
 * given purpose (register, login, step_up…): "fill code" appears only next to codes of that purpose.
 */
export function useOutboxTarget(recipient: string, fill?: (code: string) => void, purpose?: string): void {
  const { upsert, remove } = useOutbox();
  const id = useRef(0);
  if (id.current === 0) id.current = nextId++;
  const fillRef = useRef(fill);
  fillRef.current = fill;
  const hasFill = Boolean(fill);
  useEffect(() => {
    upsert({ id: id.current, recipient, purpose, fill: hasFill ? (c) => fillRef.current?.(c) : undefined });
  }, [recipient, purpose, hasFill, upsert]);
  useEffect(() => {
    const own = id.current;
    return () => remove(own);
  }, [remove]);
}

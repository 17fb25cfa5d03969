import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { StepUpModal } from './step-up-modal';

/**
 * Step-up (SPEC §10 POST /v1/step-up): when a sensitive action answers 403 step_up_required, ask for
 * an SMS code to the merchant's own phone, then retry the action once.
 */
export class StepUpCancelled extends Error {
  constructor() {
    super('step-up cancelled');
    this.name = 'StepUpCancelled';
  }
}

type Ctx = { withStepUp: <T>(action: () => Promise<T>) => Promise<T> };
const StepUpContext = createContext<Ctx | null>(null);

export function StepUpProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pending = useRef<((ok: boolean) => void) | null>(null);

  const ask = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        pending.current = resolve;
        setOpen(true);
      }),
    [],
  );
  const finish = (ok: boolean) => {
    setOpen(false);
    pending.current?.(ok);
    pending.current = null;
  };

  const withStepUp = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      try {
        return await action();
      } catch (e) {
        if (!isApiError(e, 'step_up_required')) throw e;
        if (!(await ask())) throw new StepUpCancelled();
        return action();
      }
    },
    [ask],
  );

  return (
    <StepUpContext.Provider value={{ withStepUp }}>
      {children}
      {open && <StepUpModal onDone={() => finish(true)} onCancel={() => finish(false)} />}
    </StepUpContext.Provider>
  );
}

export function useStepUp(): Ctx {
  const v = useContext(StepUpContext);
  if (!v) throw new Error('useStepUp outside StepUpProvider');
  return v;
}

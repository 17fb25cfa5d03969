import { useCallback, useState } from 'react';
import { StepUpCancelled, useStepUp } from '../step-up/step-up-context';

/**
 * Runs a sensitive action with the step-up retry, tracking busy and the last error. A cancelled
 * step-up is not an error. Returns undefined when the action failed.
 */
export function useAction() {
  const { withStepUp } = useStepUp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<{ value: T } | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return { value: await withStepUp(action) };
      } catch (e) {
        if (!(e instanceof StepUpCancelled)) setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [withStepUp],
  );
  return { run, busy, error, setError };
}

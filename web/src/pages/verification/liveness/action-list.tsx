import type { LivenessAction } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';

/** The random actions, numbered in the order they must be done; the current one highlighted. */
export function ActionList({ actions, active }: { actions: LivenessAction[]; active?: number }) {
  const { t } = useI18n();
  return (
    <ol className="kd-verify-action-list" data-testid="liveness-actions">
      {actions.map((a, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: an action may repeat; the position is its identity
          key={i}
          data-action={a}
          data-active={active === i}
          data-done={active !== undefined && i < active}
        >
          <span className="kd-verify-action-no">{i + 1}</span>
          {t(`verification.action.${a}`)}
        </li>
      ))}
    </ol>
  );
}

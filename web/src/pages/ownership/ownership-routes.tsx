import { RequireAuth } from '../../components/require-auth';
import { useRoute } from '../../router/use-route';
import { ChecklistPage } from './checklist-page';
import { IncomingPage } from './incoming-page';
import { OwnerPage } from './owner-page';

/**
 * The main-account change (SPEC §7, docs/ownership.md), owners only (sub-accounts get the
 * no-permission page from RequireAuth):
 *   /shop/owner            → the owner's wizard: state, cooldowns, request, waiting, acceptance
 *   /shop/owner/checklist  → the new owner's hand-over checklist after a switch
 *   /transfers             → offers to the signed-in merchant: accept with an own SMS code, decline
 */
export function OwnershipRoutes() {
  const { path } = useRoute();
  return (
    <RequireAuth>
      {path === '/transfers' ? (
        <IncomingPage />
      ) : path === '/shop/owner/checklist' ? (
        <ChecklistPage />
      ) : (
        <OwnerPage />
      )}
    </RequireAuth>
  );
}

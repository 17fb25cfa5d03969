import { RequireAuth } from '../../components/require-auth';
import { useRoute } from '../../router/use-route';
import { CaseLoader } from './case-loader';
import { DetailsPage } from './details/details-page';
import { DocumentsPage } from './documents/documents-page';
import { EntryPage } from './entry-page';
import { LivenessPage } from './liveness/liveness-page';
import { StatusPage } from './status/status-page';
import { SubmitPage } from './submit-page';
import { TypePage } from './type-page';

/**
 * The verification wizard, mounted under /verification:
 *   /verification                  → the current case's next step, or the start
 *   /verification/start            → 1. type (personal / enterprise, cross-border)
 *   /verification/details?kind=…   → 2. details with live validation; creates the case
 *   /verification/{id}/documents   → 3. photos of the documents
 *   /verification/{id}/liveness    → 4. face check (personal)
 *   /verification/{id}/submit      → 5. check and submit
 *   /verification/{id}             → the outcome and what happens next
 */
export function VerificationRoutes() {
  return (
    <RequireAuth>
      <Route />
    </RequireAuth>
  );
}

function Route() {
  const { path } = useRoute();
  const parts = path.split('/').slice(2).map(decodeURIComponent);
  const [first, second] = parts;
  if (!first) return <EntryPage />;
  if (first === 'start' && !second) return <TypePage />;
  if (first === 'details' && !second) return <DetailsPage />;
  return (
    <CaseLoader id={first}>
      {(v) => {
        switch (second) {
          case undefined:
            return <StatusPage verification={v} />;
          case 'documents':
            return <DocumentsPage verification={v} />;
          case 'liveness':
            return <LivenessPage verification={v} />;
          case 'submit':
            return <SubmitPage verification={v} />;
          default:
            return <StatusPage verification={v} />;
        }
      }}
    </CaseLoader>
  );
}

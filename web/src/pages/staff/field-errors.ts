import { ApiError } from '../../api/client';

export type StaffField = 'name' | 'password' | 'passwordConfirm' | 'permissions';

/**
 * Where a server error belongs on the staff forms: the code's localized title (Accept-Language) at
 * its field; anything else stays for the form's alert.
 */
export function fieldErrors(error: unknown): { fields: Partial<Record<StaffField, string>>; rest: unknown } {
  if (!(error instanceof ApiError)) return { fields: {}, rest: error };
  const p = error.problem;
  switch (p.code) {
    case 'subaccount_name_taken':
    case 'role_name_taken':
      return { fields: { name: p.title }, rest: null };
    case 'password_too_weak':
      return { fields: { password: p.title }, rest: null };
    case 'password_mismatch':
      return { fields: { passwordConfirm: p.title }, rest: null };
    case 'permission_unknown':
    case 'permission_not_grantable':
    case 'permission_escalation':
    case 'role_not_found':
      return { fields: { permissions: p.title }, rest: null };
    case 'validation_failed': {
      const fields: Partial<Record<StaffField, string>> = {};
      for (const e of p.errors ?? []) {
        const path = e.path.replace(/^body\.?/, '').split('.')[0] ?? '';
        if (path === 'name' || path === 'password' || path === 'passwordConfirm') fields[path] = e.message;
        else if (path === 'permissions' || path === 'roleIds') fields.permissions = e.message;
      }
      return Object.keys(fields).length ? { fields, rest: null } : { fields, rest: error };
    }
    default:
      return { fields: {}, rest: error };
  }
}

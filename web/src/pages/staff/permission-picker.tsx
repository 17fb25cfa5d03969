import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import { Checkbox, Tag, Typography } from 'antd';
import type { PermissionCatalog, StaffRole } from '../../api/staff';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

/**
 * The roles to hold (templates first, then the shop's custom roles), each showing what it grants.
 * Multi-select cards: a template is a role assigned by id (docs/staff.md).
 */
export function RolePicker({
  roles,
  value,
  onChange,
  index,
}: {
  roles: StaffRole[];
  value: string[];
  onChange: (ids: string[]) => void;
  index: CatalogIndex;
}) {
  const { st, local, lang } = useStaffI18n();
  const sep = lang === 'en' ? ', ' : '、';
  const toggle = (id: string) =>
    onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <div className="kd-staff-roles-grid">
      {roles.map((r) => {
        const on = value.includes(r.id);
        const labels = index.sort(r.permissions).map((k) => {
          const p = index.byKey.get(k);
          return p ? local(p.label) : k;
        });
        const testId = r.builtIn ? `staff-template-${r.id}` : `staff-pick-role-${r.name}`;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a card holding a checkbox and its description
          <div
            key={r.id}
            role="checkbox"
            aria-checked={on}
            tabIndex={0}
            className={`kd-staff-role-card${on ? ' is-on' : ''}`}
            onClick={() => toggle(r.id)}
            onKeyDown={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                toggle(r.id);
              }
            }}
            data-testid={testId}
            data-checked={on}
          >
            <div className="kd-staff-role-head">
              <Checkbox checked={on} tabIndex={-1} style={{ pointerEvents: 'none' }} />
              <span className="kd-staff-role-name">{r.name}</span>
              <Tag color={r.builtIn ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
                {r.builtIn ? st('staff.template') : st('staff.custom')}
              </Tag>
            </div>
            <div className="kd-staff-role-perms">{st('staff.grants', { list: labels.join(sep) })}</div>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Direct permissions as checkboxes grouped by the catalog's groups. What the chosen roles (or a
 * ticked permission's implications) already include shows ticked and locked; the owner-only powers
 * are listed apart, never grantable (SUB-5).
 */
export function PermissionChecks({
  catalog,
  index,
  value,
  onChange,
  covered,
  showOwnerOnly = true,
}: {
  catalog: PermissionCatalog;
  index: CatalogIndex;
  value: string[];
  onChange: (perms: string[]) => void;
  /** Held anyway (through roles): ticked and locked. */
  covered?: Set<string>;
  showOwnerOnly?: boolean;
}) {
  const { st, local, lang } = useStaffI18n();
  const direct = new Set(value);
  const implied = index.expand(value);
  const locked = (k: string) => !direct.has(k) && (covered?.has(k) === true || implied.has(k));
  const toggle = (k: string, on: boolean) =>
    onChange(index.sort(on ? [...value, k] : value.filter((x) => x !== k)));
  return (
    <div className="kd-staff-perms">
      {catalog.groups.map((g) => {
        const perms = index.byGroup.get(g.key) ?? [];
        if (perms.length === 0) return null;
        return (
          <div key={g.key} className="kd-staff-perm-group" data-testid={`staff-perm-group-${g.key}`}>
            <div className="kd-staff-perm-group-title">{local(g.label)}</div>
            {perms.map((p) => (
              <div key={p.key} className="kd-staff-perm-row">
                <Checkbox
                  checked={direct.has(p.key) || locked(p.key)}
                  disabled={locked(p.key)}
                  onChange={(e) => toggle(p.key, e.target.checked)}
                  data-testid={`staff-perm-${p.key}`}
                >
                  {local(p.label)}
                </Checkbox>
                {p.sensitive && (
                  <Tag color="orange" style={{ marginInlineStart: 4 }}>
                    {st('staff.sensitive')}
                  </Tag>
                )}
                {locked(p.key) && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <CheckCircleFilled style={{ marginInlineEnd: 4 }} />
                    {st('staff.viaRole')}
                  </Typography.Text>
                )}
              </div>
            ))}
          </div>
        );
      })}
      {showOwnerOnly && catalog.ownerOnly.length > 0 && (
        <div className="kd-staff-owner-only" data-testid="staff-owner-only">
          <LockOutlined style={{ marginInlineEnd: 6 }} />
          {st('staff.ownerOnly.title')}{' '}
          {catalog.ownerOnly.map((o) => local(o.label)).join(lang === 'en' ? ', ' : '、')}
        </div>
      )}
    </div>
  );
}

/** Permission keys as localized tags, in catalog order. */
export function PermissionTags({
  perms,
  index,
  empty,
  testId,
}: {
  perms: string[];
  index: CatalogIndex;
  empty?: string;
  testId?: string;
}) {
  const { local } = useStaffI18n();
  const sorted = index.sort(perms);
  return (
    <span className="kd-staff-tags" data-testid={testId} data-perms={sorted.join(' ')}>
      {sorted.length === 0 && empty ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        sorted.map((k) => {
          const p = index.byKey.get(k);
          return (
            <Tag key={k} color={p?.sensitive ? 'orange' : undefined} data-perm={k}>
              {p ? local(p.label) : k}
            </Tag>
          );
        })
      )}
    </span>
  );
}

import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { newId } from '../../kernel/ids.js';
import { hashPassword, upgradedHash } from '../accounts/passwords.js';

/**
 * Operators are the platform's staff (reviewers, support, admins). Issue 3 builds their console;
 * the foundation creates them (CLI `kaidian create-operator`) and stores them.
 */
export const OPERATOR_ROLES = ['admin', 'senior_reviewer', 'reviewer', 'support'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

declare module '../../kernel/db-schema.js' {
  interface Database {
    operators: {
      id: string;
      login: string;
      display_name: string;
      role: OperatorRole;
      password_hash: string;
      status: 'active' | 'disabled';
      created_at: number;
    };
  }
}

export function createOperators(ctx: Context) {
  return {
    async create(input: { login: string; displayName?: string; role: OperatorRole; password: string }) {
      const login = input.login.trim().toLowerCase();
      if (!/^[a-z0-9._-]{3,32}$/.test(login)) throw new Error('login: 3–32 of a-z 0-9 . _ -');
      if (input.password.length < 12) throw new Error('operator passwords need at least 12 characters');
      const id = newId('op');
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('operators')
            .values({
              id,
              login,
              display_name: input.displayName ?? login,
              role: input.role,
              password_hash: await hashPassword(input.password),
              status: 'active',
              created_at: ctx.clock.now(),
            })
            .execute();
          await ctx.audit.record(
            {
              action: 'operator.created',
              actorType: 'system',
              targetType: 'operator',
              targetId: id,
              data: { login, role: input.role },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Error(`operator ${login} already exists`);
        throw err;
      }
      return { id, login, role: input.role };
    },

    byLogin: (login: string) =>
      ctx.db
        .selectFrom('operators')
        .selectAll()
        .where('login', '=', login.trim().toLowerCase())
        .executeTakeFirst(),

    /** Stores a new hash of the password just verified when the stored one has older parameters. */
    async upgradeHash(op: { id: string; password_hash: string }, password: string) {
      const hash = await upgradedHash(op.password_hash, password);
      if (hash)
        await ctx.db.updateTable('operators').set({ password_hash: hash }).where('id', '=', op.id).execute();
    },
  };
}

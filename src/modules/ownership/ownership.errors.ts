import { defineErrors } from '../../kernel/errors.js';

/** Main-account transfer codes (SPEC §7, MAIN-4). The module itself arrives with issue 5. */
export const ownershipErrors = defineErrors({
  cooldown_active: {
    status: 409,
    zh: '冷静期内暂不能变更主账号，请于 {until} 之后再试',
    en: 'A cooldown is active; the main account can change again after {until}',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof ownershipErrors, true> {}
}

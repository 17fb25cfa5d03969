import type { AccountType } from '../../api/types';

/** Everything the phone registration collects across its steps. */
export type RegisterState = {
  accountType: AccountType;
  crossBorder: boolean;
  phoneInput: string;
  phone: string; // normalised (E.164) once the live check says it is valid
  smsCode: string;
  password: string;
  passwordConfirm: string;
  accepted: boolean;
};

export const initialRegisterState: RegisterState = {
  accountType: 'personal',
  crossBorder: false,
  phoneInput: '',
  phone: '',
  smsCode: '',
  password: '',
  passwordConfirm: '',
  accepted: false,
};

export const STEP = { phone: 0, code: 1, password: 2, agreement: 3, done: 4 } as const;

/** Which step to go back to when the final submission fails with this error code. */
export function stepForError(code: string): number | null {
  switch (code) {
    case 'phone_invalid':
    case 'phone_taken':
      return STEP.phone;
    case 'sms_code_invalid':
    case 'sms_code_expired':
    case 'phone_locked':
      return STEP.code;
    case 'password_too_weak':
    case 'password_mismatch':
      return STEP.password;
    default:
      return null;
  }
}

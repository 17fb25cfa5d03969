import type { OwnershipMessageKey } from './messages-zh';

/** Main-account transfer strings, English. Must hold every key of messages-zh.ts. */
export const ownershipEn: Record<OwnershipMessageKey, string> = {
  'own.entry': 'Change main account',
  'own.title': 'Change main account',
  'own.subtitle':
    'The main account is the shop’s one owner. Changing it takes your password and SMS code, a security waiting period, and the new owner’s confirmation with a code to their own phone.',
  'own.noShop.title': 'No shop yet',
  'own.noShop.body': 'Open a shop first; then its main account can change.',
  'own.noShop.go': 'Open a shop',
  'own.shop': 'Shop',
  'own.current': 'Main account',
  'own.currentYou': 'You ({phone})',

  'own.step.phone': 'New owner',
  'own.step.confirm': 'Confirm',
  'own.step.waiting': 'Waiting period',
  'own.step.accept': 'New owner accepts',
  'own.step.done': 'Done',

  'own.window.smsLine': 'Your SMS code: valid 5 minutes after sending',
  'own.window.requestedAt': 'Requested',
  'own.window.waitingUntil': 'Waiting period ends',
  'own.window.expiresAt': 'Confirm by',
  'own.window.endedAt': 'Ended',
  'own.window.defaults':
    'Usually a 24-hour waiting period and 48 hours to accept (the platform may set others; the countdown follows the actual times)',

  'own.cooldown.shop': 'This shop is in a cooldown: its main account cannot change again before {until}.',
  'own.cooldown.account': 'Your account is in a cooldown: it cannot become a main account before {until}.',
  'own.cooldown.title': 'Cooldown',
  'own.cooldown.next': 'Once the cooldown ends you can start a change again; nothing else to do.',

  'own.phone.title': 'The new owner’s phone',
  'own.phone.hint':
    'They must already have a merchant account with real-name verification and no open shop. After the change the shop’s products, deposit, decoration and tickets belong to them; your payout accounts and verification stay yours.',
  'own.phone.label': 'New owner’s phone',
  'own.phone.invalid': 'Enter a valid 11-digit mobile number',
  'own.next': 'Next',
  'own.back': 'Back',

  'own.confirm.title': 'Confirm it is you',
  'own.confirm.summary': 'Give the main account of “{shop}” to {phone}',
  'own.confirm.warn':
    'A security waiting period follows; you can cancel any time before the new owner accepts. When they accept, all your sessions end at once and your account cannot become a main account during the cooldown.',
  'own.confirm.password': 'Password',
  'own.confirm.passwordPlaceholder': 'The main account’s sign-in password',
  'own.confirm.smsCode': 'SMS code',
  'own.confirm.smsHint': 'The code goes to the main account’s phone{phone}; it is valid for 5 minutes.',
  'own.confirm.submit': 'Request the change',
  'own.confirm.newCode': 'That code was used up; get a new code to try again.',
  'own.confirm.changePhone': 'Change the phone',
  'own.submitted': 'Change requested',

  'own.waiting.title': 'Security waiting period',
  'own.waiting.body':
    'To protect against account theft, a request waits first. After the waiting period the new owner ({phone}) can accept; until they do, you can cancel.',
  'own.waiting.left': 'Waiting period left',
  'own.accept.title': 'Waiting for the new owner',
  'own.accept.body':
    'The new owner ({phone}) must sign in and accept with a code sent to their own phone before the deadline; otherwise the request expires. You can still cancel.',
  'own.accept.left': 'Time left to accept',
  'own.cancel': 'Cancel the change',
  'own.cancel.confirm': 'Cancel this main-account change?',
  'own.cancel.confirmBody':
    'The shop keeps its main account; no cooldown starts and you can ask again any time.',
  'own.cancel.ok': 'Cancel it',
  'own.cancel.keep': 'Keep it',
  'own.cancelled': 'Cancelled',
  'own.countdown.over': 'Time is up; refreshing…',

  'own.end.completed.title': 'The main account changed',
  'own.end.completed.body':
    'On {time} the main account of “{shop}” became {phone}. All sessions of the previous main account ended.',
  'own.end.cancelled.title': 'Change cancelled',
  'own.end.cancelled.body':
    'The request was cancelled on {time}; the shop keeps its main account. You can ask again when needed.',
  'own.end.cancelledByOperator.body':
    'The platform cancelled the request on {time}; the shop keeps its main account. Reason: {reason}',
  'own.end.declined.title': 'The new owner declined',
  'own.end.declined.body':
    '{phone} declined on {time}; the shop keeps its main account. Talk to them and ask again if needed.',
  'own.end.expired.title': 'Request expired',
  'own.end.expired.body':
    'The new owner did not accept before {time}; the request expired and the shop keeps its main account. You can ask again.',
  'own.end.blocked.title': 'Blocked by the platform',
  'own.end.blocked.body':
    'The platform blocked this change for security ({time}). Reason: {reason}. The shop keeps its main account and cannot change during the cooldown; contact support with questions.',
  'own.end.next': 'What next',
  'own.restart': 'Start a new change',
  'own.toShop': 'Back to the shop',
  'own.toSupport': 'Contact support',

  'own.status.waiting': 'Waiting period',
  'own.status.awaiting_acceptance': 'Awaiting the new owner',
  'own.status.completed': 'Completed',
  'own.status.cancelled': 'Cancelled',
  'own.status.declined': 'Declined',
  'own.status.expired': 'Expired',
  'own.status.blocked': 'Blocked',

  'own.in.title': 'Shops offered to you',
  'own.in.subtitle':
    'Another merchant asked to make you the main account of their shop. Accept to become its owner.',
  'own.in.empty': 'No shop is being offered to you right now.',
  'own.in.from': 'Current main account',
  'own.in.waiting': 'In the security waiting period; you can accept after {time}.',
  'own.in.open': 'Accept before {time}.',
  'own.in.smsHint': 'The code goes to your own phone; it is valid for 5 minutes.',
  'own.in.accept': 'Accept',
  'own.in.decline': 'Decline',
  'own.in.declineConfirm': 'Decline “{shop}”?',
  'own.in.declineBody': 'The request ends; the owner has to ask again.',
  'own.in.declined': 'Declined',
  'own.in.hasShopNote': 'A main account owns at most one open shop; while you have one, you cannot accept.',
  'own.in.done.title': 'You are now the main account of “{shop}”',
  'own.in.done.body':
    'Its products, deposit, decoration and tickets are yours to manage. Start with the hand-over checklist.',
  'own.in.toChecklist': 'Hand-over checklist',
  'own.in.toShop': 'Go to the shop',

  'own.card.title': 'Shop offered to you',
  'own.card.body': 'You have {n} main-account offer(s) waiting.',
  'own.card.go': 'View',

  'own.list.title': 'Hand-over checklist',
  'own.list.subtitle': 'You are now the shop’s main account. Check each item and mark it done.',
  'own.list.none': 'No checklist (only shops received through a main-account change have one).',
  'own.list.progress': '{done} of {total} done',
  'own.list.doneAt': 'Done {time}',
  'own.list.since': 'Received {time}',
};

/** KYC-8 review SLA clock: business-day calendar (Asia/Shanghai) and SLA deadlines/status. */
export {
  type BusinessCalendar,
  createCalendar,
  SHANGHAI_OFFSET_MS,
  shanghaiDateOf,
  shanghaiInstant,
} from './calendar.js';
export {
  type BusinessHours,
  type CalendarConfig,
  CalendarConfigError,
  type CalendarConfigInput,
  type CalendarConfigIssue,
  DEFAULT_WORKDAYS,
  isIsoDate,
  parseCalendarConfig,
} from './calendar-config.js';
export {
  CN_2026_2027,
  CN_2026_HOLIDAYS,
  CN_2026_MAKEUP_WORKDAYS,
  CN_HOLIDAY_YEARS,
} from './cn-2026-2027.js';
export { loadBusinessCalendar } from './load-calendar.js';
export {
  AT_RISK_SHARE,
  type ComputeSlaInput,
  computeSla,
  ESCALATION_AFTER_MS,
  isEscalationEligible,
  type RemainingTime,
  remainingTime,
  SLA_TIERS,
  type Sla,
  type SlaStatus,
  type SlaStatusInput,
  type SlaTier,
  slaStatus,
  slaStatusOf,
  type VerificationKind,
} from './sla.js';

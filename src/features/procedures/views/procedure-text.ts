/** How a procedure's facts read in a sentence: its time limit, its fee, its name in the page's language. */
import type { Locale, Translate } from '../../../platform/i18n/i18n.ts'
import type { Procedure, ProcedureTimeLimit } from '../procedure.ts'

/** The time limit in words: "3 ngày làm việc", "8 giờ làm việc", "Trong ngày". */
export function timeLimitText(t: Translate, limit: ProcedureTimeLimit): string {
  if (limit.kind === 'days') return t('procedures.pages.timeLimit.days', { count: limit.days })
  if (limit.kind === 'hours') return t('procedures.pages.timeLimit.hours', { count: limit.hours })
  return t('procedures.pages.timeLimit.sameDay')
}

/** The fee in words, grouped as each language writes amounts ("50.000 đồng", "50,000 VND"), or "no fee". */
export function feeText(t: Translate, locale: Locale, feeVnd: number): string {
  if (feeVnd === 0) return t('procedures.pages.fee.free')
  return t('procedures.pages.fee.amount', { amount: new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(feeVnd) })
}

/**
 * The fee with its note, for a procedure's page. A note on a free procedure usually states when a
 * fee is due after all ("free when registered on time; 8,000 VND otherwise"), so it then stands alone
 * rather than contradict a "no fee".
 */
export function feeWithNoteText(t: Translate, locale: Locale, feeVnd: number, feeNote: string | null): string {
  if (!feeNote) return feeText(t, locale, feeVnd)
  return feeVnd === 0 ? feeNote : `${feeText(t, locale, feeVnd)}. ${feeNote}`
}

/** The procedure's name in the page's language (the Vietnamese one when it has no English name). */
export function procedureName(procedure: Pick<Procedure, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && procedure.nameEn ? procedure.nameEn : procedure.name
}

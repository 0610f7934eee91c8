/**
 * The one-stop desk's dossier (hồ sơ): its statuses, the actions that move it, and the pure rules
 * that say which action is allowed when. No I/O here, so every action from every status is tested.
 */

/** Statuses of a dossier. */
export const DOSSIER_STATUSES = ['needs_supplement', 'received', 'processing', 'result_ready', 'returned', 'refused', 'stopped'] as const
/** One of DOSSIER_STATUSES. */
export type DossierStatus = (typeof DOSSIER_STATUSES)[number]

/** Statuses in which the clock runs and the dossier can be overdue. */
export const OPEN_STATUSES: readonly DossierStatus[] = ['received', 'processing']
/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['returned', 'refused', 'stopped']

/** Actions staff take on a dossier after receiving it. */
export const DOSSIER_ACTIONS = [
  'request_supplement',
  'supplement_received',
  'refuse',
  'assign',
  'complete_step',
  'apologize',
  'result_ready',
  'return',
  'stop',
] as const
/** One of DOSSIER_ACTIONS. */
export type DossierAction = (typeof DOSSIER_ACTIONS)[number]

/** How a dossier came in. */
export const CHANNELS = ['counter', 'online', 'post'] as const
/** One of CHANNELS. */
export type Channel = (typeof CHANNELS)[number]

/** How a result goes back to the applicant. */
export const RETURN_METHODS = ['counter', 'post', 'online'] as const
/** One of RETURN_METHODS. */
export type ReturnMethod = (typeof RETURN_METHODS)[number]

/** Whether a result came back before its due day, on it, or after the due instant. */
export type Timing = 'early' | 'on_time' | 'late'

/** What the state machine needs to know about a dossier. */
export interface DossierState {
  readonly status: DossierStatus
  readonly hasSupplementRequest: boolean
  readonly hasApology: boolean
  readonly hasCode: boolean
}

/** From which statuses each action may be taken, and where it leads. */
const TRANSITIONS: Record<DossierAction, { readonly from: readonly DossierStatus[]; readonly to: DossierStatus | 'same' }> = {
  request_supplement: { from: ['received', 'processing'], to: 'needs_supplement' },
  supplement_received: { from: ['needs_supplement'], to: 'received' },
  refuse: { from: ['needs_supplement', 'received', 'processing'], to: 'refused' },
  assign: { from: ['received', 'processing'], to: 'processing' },
  complete_step: { from: ['processing'], to: 'processing' },
  apologize: { from: ['received', 'processing'], to: 'same' },
  result_ready: { from: ['received', 'processing'], to: 'result_ready' },
  return: { from: ['result_ready'], to: 'returned' },
  stop: { from: ['needs_supplement', 'received', 'processing', 'result_ready'], to: 'stopped' },
}

/** Why an action is refused, as a catalogue key, or null when it is allowed. */
export function refusalOf(state: DossierState, action: DossierAction): string | null {
  const rule = TRANSITIONS[action]
  if (!rule.from.includes(state.status)) return 'dossiers.errors.notAllowedNow'
  // The applicant is told what to add once, in writing; a second request is not allowed (Decree 61/2018 Art. 18).
  if (action === 'request_supplement' && state.hasSupplementRequest) return 'dossiers.errors.supplementOnce'
  // A new return date may be set only once.
  if (action === 'apologize' && state.hasApology) return 'dossiers.errors.apologyOnce'
  return null
}

/** The status after an allowed action. */
export function nextStatus(state: DossierState, action: DossierAction): DossierStatus {
  const to = TRANSITIONS[action].to
  return to === 'same' ? state.status : to
}

/** The actions allowed in a state (for showing only the buttons that work). */
export function allowedActions(state: DossierState): DossierAction[] {
  return DOSSIER_ACTIONS.filter((action) => refusalOf(state, action) === null)
}

/** Whether an open dossier is past its due instant. */
export function isOverdue(status: DossierStatus, dueAt: Date | null, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && dueAt !== null && now.getTime() > dueAt.getTime()
}

/** Formats a dossier code: `<agency code>-<YYMMDD>-<NNNN>` (Circular 01/2018/TT-VPCP Art. 19). */
export function formatDossierCode(agencyCode: string, vietnamDay: { year: number; month: number; day: number }, sequence: number): string {
  const yy = String(vietnamDay.year % 100).padStart(2, '0')
  const mm = String(vietnamDay.month).padStart(2, '0')
  const dd = String(vietnamDay.day).padStart(2, '0')
  return `${agencyCode}-${yy}${mm}${dd}-${String(sequence).padStart(4, '0')}`
}

/** Dossier codes as formatDossierCode makes them. */
export const DOSSIER_CODE_PATTERN = /^[0-9A-Za-z.]+-\d{6}-\d{4,}$/

/**
 * Masks a personal name for the public: the first letter of each word and at most three stars,
 * so the length of a name is not given away either; the last word keeps its initial only
 * ("Nguyễn Văn An" → "N*** V** A").
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean)
  return words
    .map((word, index) => {
      const letters = [...word]
      if (index === words.length - 1) return letters[0] ?? ''
      return (letters[0] ?? '') + '*'.repeat(Math.min(Math.max(letters.length - 1, 1), 3))
    })
    .join(' ')
}

/** Masks a phone number, keeping the last three digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length <= 3 ? '***' : `${'*'.repeat(digits.length - 3)}${digits.slice(-3)}`
}

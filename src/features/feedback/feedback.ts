/**
 * Domain types and pure rules of feedback and petitions (phản ánh, kiến nghị, thư góp ý),
 * letters about an official, complaints (khiếu nại) and denunciations (tố cáo). No I/O.
 */

/**
 * Kinds of item. report = phản ánh (something wrong on the ground); petition = kiến nghị (a
 * request to change something); letter = thư góp ý about a named official; complaint = khiếu
 * nại and denunciation = tố cáo, which follow their own laws and live in their own register.
 */
export const FEEDBACK_KINDS = ['report', 'petition', 'letter', 'complaint', 'denunciation'] as const
/** One of FEEDBACK_KINDS. */
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

/** Kinds that go to the complaints and denunciations register and are never published. */
export const REGISTER_KINDS: readonly FeedbackKind[] = ['complaint', 'denunciation']

/** Whether an item of this kind may ever be shown to the public (with the resident's consent). */
export function kindMayBePublic(kind: FeedbackKind): boolean {
  return kind === 'report' || kind === 'petition'
}

/**
 * Statuses. new = submitted, awaiting triage; accepted = triaged as genuine; assigned = with a
 * unit or official to handle; answered = an answer is written; closed; rejected (with a reason);
 * duplicate (of another item).
 */
export const FEEDBACK_STATUSES = ['new', 'accepted', 'assigned', 'answered', 'closed', 'rejected', 'duplicate'] as const
/** One of FEEDBACK_STATUSES. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number]

/** Statuses in which the item still waits for the authority. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['new', 'accepted', 'assigned']

/** Where an item came from. */
export const FEEDBACK_ORIGINS = ['portal', 'api', 'open311', 'dialogue', 'counter'] as const
/** One of FEEDBACK_ORIGINS. */
export type FeedbackOrigin = (typeof FEEDBACK_ORIGINS)[number]

/** An extra question a category asks (Open311 "attributes"). */
export interface CategoryQuestion {
  readonly code: string
  readonly datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  readonly required: boolean
  /** Catalogue key of the question's wording. */
  readonly labelKey: string
  /** For list datatypes: value keys and the catalogue keys of their names. */
  readonly values?: readonly { readonly key: string; readonly labelKey: string }[]
}

/** A category residents choose; its code is also the Open311 service_code. */
export interface FeedbackCategory {
  readonly code: string
  /** Catalogue key of the category's name; the description key is `${nameKey}Hint`. */
  readonly nameKey: string
  /** Default handling time in working days, from acceptance. */
  readonly dueWorkingDays: number
  /** Kind an item of this category has unless the resident says otherwise. */
  readonly defaultKind: FeedbackKind
  readonly questions: readonly CategoryQuestion[]
}

/**
 * The categories (DOMAIN.md, Feedback and petitions). Due days are this product's defaults for
 * a commune-level answer; complaints and denunciations use the statutory time to accept a case
 * (Law on Complaints 2011 Art. 27: 10 days; Law on Denunciation 2018 Art. 29: 7 working days).
 */
export const FEEDBACK_CATEGORIES: readonly FeedbackCategory[] = [
  { code: 'security_order', nameKey: 'feedback.categories.security_order', dueWorkingDays: 5, defaultKind: 'report', questions: [] },
  { code: 'sanitation', nameKey: 'feedback.categories.sanitation', dueWorkingDays: 7, defaultKind: 'report', questions: [] },
  {
    code: 'waste_collection',
    nameKey: 'feedback.categories.waste_collection',
    dueWorkingDays: 5,
    defaultKind: 'report',
    questions: [
      {
        code: 'waste_problem',
        datatype: 'singlevaluelist',
        required: false,
        labelKey: 'feedback.questions.waste_problem',
        values: [
          { key: 'missed', labelKey: 'feedback.questions.waste_missed' },
          { key: 'dumping', labelKey: 'feedback.questions.waste_dumping' },
          { key: 'fee', labelKey: 'feedback.questions.waste_fee' },
        ],
      },
    ],
  },
  { code: 'street_vending', nameKey: 'feedback.categories.street_vending', dueWorkingDays: 7, defaultKind: 'report', questions: [] },
  {
    code: 'food_safety',
    nameKey: 'feedback.categories.food_safety',
    dueWorkingDays: 5,
    defaultKind: 'report',
    questions: [{ code: 'business_name', datatype: 'string', required: false, labelKey: 'feedback.questions.business_name' }],
  },
  { code: 'official_attitude', nameKey: 'feedback.categories.official_attitude', dueWorkingDays: 10, defaultKind: 'letter', questions: [] },
  { code: 'administrative_procedures', nameKey: 'feedback.categories.administrative_procedures', dueWorkingDays: 10, defaultKind: 'petition', questions: [] },
  {
    code: 'infrastructure',
    nameKey: 'feedback.categories.infrastructure',
    dueWorkingDays: 10,
    defaultKind: 'report',
    questions: [
      {
        code: 'infrastructure_kind',
        datatype: 'singlevaluelist',
        required: true,
        labelKey: 'feedback.questions.infrastructure_kind',
        values: [
          { key: 'road', labelKey: 'feedback.questions.infrastructure_road' },
          { key: 'lighting', labelKey: 'feedback.questions.infrastructure_lighting' },
          { key: 'drainage', labelKey: 'feedback.questions.infrastructure_drainage' },
        ],
      },
    ],
  },
  { code: 'land_construction', nameKey: 'feedback.categories.land_construction', dueWorkingDays: 15, defaultKind: 'report', questions: [] },
  { code: 'complaint', nameKey: 'feedback.categories.complaint', dueWorkingDays: 10, defaultKind: 'complaint', questions: [] },
  { code: 'denunciation', nameKey: 'feedback.categories.denunciation', dueWorkingDays: 7, defaultKind: 'denunciation', questions: [] },
  { code: 'other', nameKey: 'feedback.categories.other', dueWorkingDays: 10, defaultKind: 'petition', questions: [] },
]

/** The category with this code, or undefined. */
export function categoryByCode(code: string): FeedbackCategory | undefined {
  return FEEDBACK_CATEGORIES.find((c) => c.code === code)
}

/** Days after an answer within which a resident who is not satisfied may reopen the item, once. */
export const REOPEN_WINDOW_DAYS = 7
/** Most photos per item, and the most bytes per photo. */
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

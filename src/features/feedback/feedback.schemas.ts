/** TypeBox schemas of the feedback API: one source for validation, types and OpenAPI. */
import { Type } from 'typebox'
import { FEEDBACK_KINDS, FEEDBACK_ORIGINS, FEEDBACK_STATUSES, STAFF_ACTIONS, TIMELINESS } from './feedback.ts'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
const Instant = Type.Union([Type.String({ description: 'ISO-8601 in Vietnam time, e.g. 2026-05-04T17:00:00+07:00' }), Type.Null()])
const UnitRef = Type.Object({ code: Type.String(), name: Type.String() })
const StaffRef = Type.Object({ username: Type.String(), fullName: Type.String() })

/** A photo of an item and where its two sizes are served. */
export const PhotoBody = Type.Object({
  id: Type.Integer(),
  position: Type.Integer(),
  mime: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  url: Type.String(),
  thumbUrl: Type.String(),
})

/** A history line the resident or the public may read. */
export const TimelineBody = Type.Object({ at: Type.String(), action: Type.String(), status: Type.Enum(FEEDBACK_STATUSES), note: NullableString })

/** What every shape of an item carries. */
const itemBase = {
  code: Type.String({ description: 'Tracking code PA-YYMMDD-NNNN (also the Open311 service_request_id)' }),
  kind: Type.Enum(FEEDBACK_KINDS),
  category: Type.String(),
  categoryName: Type.String(),
  status: Type.Enum(FEEDBACK_STATUSES),
  statusText: Type.String(),
  publicStatus: Type.Enum(['open', 'closed']),
  unit: UnitRef,
  title: NullableString,
  description: Type.String(),
  address: NullableString,
  latitude: NullableNumber,
  longitude: NullableNumber,
  attributes: Type.Record(Type.String(), Type.String()),
  mediaUrl: NullableString,
  photos: Type.Array(PhotoBody),
  submittedAt: Type.String(),
  updatedAt: Type.String(),
  dueAt: Instant,
  isOverdue: Type.Boolean(),
  publicAnswer: NullableString,
  answeredAt: Instant,
  rejectionReason: NullableString,
  duplicateOf: NullableString,
  isPublished: Type.Boolean(),
  publishedAt: Instant,
  closedAt: Instant,
}

/** An item as the public sees it: never personal data. */
export const PublicItemBody = Type.Object({ ...itemBase, timeline: Type.Array(TimelineBody) })

const senderProps = {
  wantsPublic: Type.Boolean(),
  isAnonymous: Type.Boolean(),
  origin: Type.Enum(FEEDBACK_ORIGINS),
  originRef: NullableString,
}

/** An item as its sender sees it right after submitting. */
export const FeedbackBody = Type.Object({ ...itemBase, ...senderProps })

/** An item as its resident sees it through the private link. */
export const ResidentItemBody = Type.Object({
  ...itemBase,
  ...senderProps,
  contact: Type.Object({ hasName: Type.Boolean(), phone: NullableString, email: NullableString }, { description: 'Where notices go, masked' }),
  official: Type.Union([Type.Object({ fullName: Type.String() }), Type.Null()]),
  residentRating: NullableInteger,
  ratedAt: Instant,
  reopenCount: Type.Integer(),
  canRate: Type.Boolean(),
  canReopen: Type.Boolean(),
  reopenUntil: Instant,
  timeline: Type.Array(TimelineBody),
})

/** An item as staff see it, with the actions the caller may take now. */
export const StaffItemBody = Type.Object({
  ...itemBase,
  ...senderProps,
  contact: Type.Union([Type.Object({ name: NullableString, phone: NullableString, email: NullableString }), Type.Null()], {
    description: 'null when anonymous, or when hidden from this caller (a denouncer, for anyone but leaders)',
  }),
  isContactHidden: Type.Boolean(),
  official: Type.Union([StaffRef, Type.Null()]),
  assignedUnit: Type.Union([UnitRef, Type.Null()]),
  assignee: Type.Union([StaffRef, Type.Null()]),
  answeredBy: Type.Union([StaffRef, Type.Null()]),
  upheld: Type.Union([Type.Boolean(), Type.Null()]),
  decidedAt: Instant,
  residentRating: NullableInteger,
  ratedAt: Instant,
  reopenCount: Type.Integer(),
  reopenedAt: Instant,
  escalatedAt: Instant,
  isRegister: Type.Boolean(),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      actor: Type.String(),
      action: Type.String(),
      fromStatus: Type.Union([Type.Enum(FEEDBACK_STATUSES), Type.Null()]),
      toStatus: Type.Enum(FEEDBACK_STATUSES),
      note: NullableString,
      isInternal: Type.Boolean(),
    }),
  ),
  allowedActions: Type.Array(Type.Enum(STAFF_ACTIONS)),
})

/** A line of the staff queue. */
export const QueueItemBody = Type.Object({
  code: Type.String(),
  kind: Type.Enum(FEEDBACK_KINDS),
  category: Type.String(),
  status: Type.Enum(FEEDBACK_STATUSES),
  unit: UnitRef,
  assignedUnit: Type.Union([UnitRef, Type.Null()]),
  assignee: Type.Union([StaffRef, Type.Null()]),
  title: NullableString,
  excerpt: Type.String(),
  address: NullableString,
  submittedAt: Type.String(),
  dueAt: Instant,
  answeredAt: Instant,
  isOverdue: Type.Boolean(),
  timeliness: Type.Union([Type.Enum(TIMELINESS), Type.Null()], { description: 'Against the due instant: overdue or within_time while open, answered_on_time or answered_late once answered; null without a due instant' }),
  isAnonymous: Type.Boolean(),
  isPublished: Type.Boolean(),
  isEscalated: Type.Boolean(),
  photoCount: Type.Integer(),
  origin: Type.Enum(FEEDBACK_ORIGINS),
})

/** Query of the staff queue. */
export const QueueQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 200, description: 'One status or several, comma-separated' })),
  kind: Type.Optional(Type.String({ maxLength: 200, description: 'One kind or several, comma-separated' })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  overdue: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean()),
  register: Type.Optional(Type.Boolean({ description: 'Only the complaints and denunciations register' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'A tracking code, phone number or e-mail address, matched exactly' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

/** Query of the public list. */
export const PublicQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
})

/**
 * Body of POST /api/v1/feedback, as JSON or as a multipart form (the same names, with up to three
 * files in `photos`). Flat on purpose, so both encodings share one shape.
 */
export const SubmitBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40, description: 'The ward or commune (a unit code)' }),
    category: Type.String({ maxLength: 60, description: 'A category code from GET /api/v1/feedback/categories' }),
    kind: Type.Optional(Type.Enum(FEEDBACK_KINDS)),
    title: Type.Optional(Type.String({ maxLength: 400 })),
    description: Type.String({ maxLength: 10000 }),
    address: Type.Optional(Type.String({ maxLength: 600 })),
    latitude: Type.Optional(Type.Number()),
    longitude: Type.Optional(Type.Number()),
    attributes: Type.Optional(
      Type.Union([Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 1000 })), Type.String({ maxLength: 10000 })], {
        description: 'Answers to the category’s questions by code; in a multipart form, a JSON object as text',
      }),
    ),
    mediaUrl: Type.Optional(Type.String({ maxLength: 1000 })),
    contactName: Type.Optional(Type.String({ maxLength: 240 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 400 })),
    wantsPublic: Type.Optional(Type.Boolean({ description: 'May the item and its answer be shown publicly (reports and petitions only)' })),
    officialUsername: Type.Optional(Type.String({ maxLength: 60, description: 'Letters: the official the letter is about' })),
    origin: Type.Optional(Type.Enum(['api', 'counter', 'dialogue'], { description: 'Staff with an API token only; residents’ posts are always portal' })),
    originRef: Type.Optional(Type.String({ maxLength: 200 })),
    captchaToken: Type.Optional(Type.String({ maxLength: 400 })),
    captchaNonce: Type.Optional(Type.String({ maxLength: 20 })),
    captchaAnswer: Type.Optional(Type.String({ maxLength: 40 })),
    website: Type.Optional(Type.String({ maxLength: 400, description: 'Leave empty (a trap for scripts)' })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

/** Answer of POST /api/v1/feedback: the code, and the private link given only this once. */
export const SubmitResponse = Type.Object({
  code: Type.String(),
  token: Type.String({ description: 'The private token: shown once, only its hash is kept' }),
  privateUrl: Type.String(),
  item: FeedbackBody,
})

/** Body of POST /api/v1/feedback/{code}/actions. */
export const ActionBody = Type.Object(
  {
    action: Type.Enum(STAFF_ACTIONS),
    reason: Type.Optional(Type.String({ maxLength: 4000, description: 'reject' })),
    duplicateOf: Type.Optional(Type.String({ maxLength: 40, description: 'mark_duplicate: the other item’s code' })),
    unitCode: Type.Optional(Type.String({ maxLength: 40, description: 'assign' })),
    assigneeUsername: Type.Optional(Type.String({ maxLength: 60, description: 'assign' })),
    dueAt: Type.Optional(Type.String({ maxLength: 40, description: 'assign; default: the category’s working days from now' })),
    text: Type.Optional(Type.String({ maxLength: 10000, description: 'note (internal) and answer (public)' })),
    upheld: Type.Optional(Type.Boolean({ description: 'decide_letter' })),
    note: Type.Optional(Type.String({ maxLength: 4000, description: 'decide_letter (required); a staff note with other actions' })),
  },
  { additionalProperties: false },
)

/** Query of the resident's routes: the private token. */
export const TokenQuery = Type.Object({ t: Type.Optional(Type.String({ maxLength: 100 })) })

/** Body of the resident's rating. */
export const RatingBody = Type.Object(
  { t: Type.String({ maxLength: 100 }), rating: Type.Integer(), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)

/** Body of the resident's reopen request. */
export const ReopenBody = Type.Object({ t: Type.String({ maxLength: 100 }), reason: Type.String({ maxLength: 4000 }) }, { additionalProperties: false })

/** A fresh captcha challenge. */
export const ChallengeBody = Type.Object({
  token: Type.String(),
  salt: Type.String(),
  difficultyBits: Type.Integer(),
  expiresAt: Type.String(),
  question: Type.String({ description: 'The fallback question in words, in the request language' }),
})

/** A category with its questions, in the request language. */
export const CategoryBody = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  defaultKind: Type.Enum(FEEDBACK_KINDS),
  dueWorkingDays: Type.Integer(),
  questions: Type.Array(
    Type.Object({
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      label: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
    }),
  ),
})

/** A similar open item. */
export const SimilarBody = Type.Object({ code: Type.String(), title: NullableString, excerpt: Type.String(), score: Type.Number() })

/** Path parameter of an item. */
export const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) })

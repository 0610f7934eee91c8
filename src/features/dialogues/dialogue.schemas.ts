/** TypeBox schemas of the dialogues API: one source for validation, types and OpenAPI. */
import { Type } from 'typebox'
import { MODERATION_ACTIONS, QUESTION_ACTIONS, QUESTION_SOURCES, QUESTION_STATUSES, SESSION_ACTIONS, SESSION_STATUSES } from './dialogue.ts'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
const Instant = Type.String({ description: 'ISO-8601 in Vietnam time, e.g. 2026-05-04T08:00:00+07:00' })
const NullableInstant = Type.Union([Instant, Type.Null()])
const UnitRef = Type.Object({ code: Type.String(), name: Type.String() })
const StaffRef = Type.Object({ username: Type.String(), fullName: Type.String() })

/** A host as introduced. */
export const HostBody = Type.Object({ username: Type.String(), fullName: Type.String(), roleLabel: Type.String(), position: Type.Integer() })

/** The tracked item (feedback module) of a commitment or an unanswered question. */
export const TrackedItemBody = Type.Object({
  code: Type.String({ description: 'Tracking code of the feedback item (PA-YYMMDD-NNNN); its public page is /phan-anh/{code}' }),
  status: Type.String({ description: 'The feedback item’s status: new, accepted, assigned, answered, closed, rejected, duplicate' }),
  publicStatus: Type.Enum(['open', 'closed']),
  dueAt: NullableInstant,
  answeredAt: NullableInstant,
  closedAt: NullableInstant,
  isOverdue: Type.Boolean(),
  isPublic: Type.Boolean(),
})

const NullableTracked = Type.Union([TrackedItemBody, Type.Null()])

/** A commitment with its follow-up. */
export const CommitmentBody = Type.Object({
  id: Type.Integer(),
  questionId: NullableInteger,
  responsibleUnit: UnitRef,
  responsible: Type.String(),
  content: Type.String(),
  dueAt: Instant,
  isDone: Type.Boolean(),
  isOverdue: Type.Boolean(),
  trackedItem: NullableTracked,
  createdAt: Instant,
})

const publicQuestionProps = {
  id: Type.Integer(),
  source: Type.Enum(QUESTION_SOURCES),
  askerName: Type.Union([Type.String(), Type.Null()], { description: 'null when anonymous' }),
  residentialArea: NullableString,
  text: Type.String(),
  status: Type.Enum(QUESTION_STATUSES),
  supportCount: Type.Integer(),
  mergedCount: Type.Integer(),
  answer: NullableString,
  answeredBy: NullableString,
  trackedItem: NullableTracked,
  isSupported: Type.Boolean({ description: 'Whether this device (cookie congso_device) supported it' }),
  canSupport: Type.Boolean(),
  createdAt: Instant,
}

/** A question as the public sees it. */
export const PublicQuestionBody = Type.Object(publicQuestionProps)

/** A question as staff see it. */
export const StaffQuestionBody = Type.Object({
  ...publicQuestionProps,
  askerNameGiven: NullableString,
  isAnonymous: Type.Boolean(),
  contact: NullableString,
  hiddenReason: NullableString,
  mergedIntoId: NullableInteger,
  assignedUnit: Type.Union([UnitRef, Type.Null()]),
  preparedAnswer: NullableString,
  updatedAt: Instant,
  allowedActions: Type.Array(Type.Enum(QUESTION_ACTIONS)),
  canPrepare: Type.Boolean(),
})

const summaryProps = {
  id: Type.Integer(),
  unit: UnitRef,
  topic: Type.String(),
  startsAt: Instant,
  endsAt: NullableInstant,
  venue: Type.String(),
  livestreamUrl: NullableString,
  status: Type.Enum(SESSION_STATUSES),
  cancelReason: NullableString,
  hosts: Type.Array(HostBody),
  questionCount: Type.Integer(),
  commitmentCount: Type.Integer(),
  acceptsQuestions: Type.Boolean(),
  icsUrl: Type.String(),
}

/** A session in a list. */
export const SessionSummaryBody = Type.Object({ ...summaryProps, pendingCount: Type.Optional(Type.Integer({ description: 'Staff lists only' })) })

const sessionProps = {
  ...summaryProps,
  description: NullableString,
  heldAt: NullableInstant,
  minutesPublishedAt: NullableInstant,
  closedAt: NullableInstant,
  hasPublicMinutes: Type.Boolean(),
  commitments: Type.Array(CommitmentBody),
}

/**
 * A session: the public view, or — for its organisers, secretary and the units preparing its
 * answers — the staff view (`view: "staff"`), with every question, contacts, hidden reasons,
 * prepared answers, the minutes' fields and what the caller may do.
 */
export const SessionBody = Type.Object({
  ...sessionProps,
  view: Type.Enum(['public', 'staff']),
  questions: Type.Array(Type.Union([StaffQuestionBody, PublicQuestionBody])),
  unitLevel: Type.Optional(Type.String()),
  participants: Type.Optional(NullableString),
  attendance: Type.Optional(NullableInteger),
  summary: Type.Optional(NullableString),
  secretary: Type.Optional(Type.Union([StaffRef, Type.Null()])),
  createdAt: Type.Optional(Instant),
  updatedAt: Type.Optional(Instant),
  counts: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  allowedActions: Type.Optional(Type.Array(Type.Enum(SESSION_ACTIONS))),
  can: Type.Optional(
    Type.Object({
      isOrganiser: Type.Boolean(),
      isSecretary: Type.Boolean(),
      editSchedule: Type.Boolean(),
      editMinutes: Type.Boolean(),
      editHosts: Type.Boolean(),
      moderate: Type.Boolean(),
      record: Type.Boolean(),
    }),
  ),
})

/** The minutes (biên bản). */
export const MinutesBody = Type.Object({
  id: Type.Integer(),
  unit: UnitRef,
  topic: Type.String(),
  description: NullableString,
  startsAt: Instant,
  endsAt: NullableInstant,
  venue: Type.String(),
  status: Type.Enum(SESSION_STATUSES),
  hosts: Type.Array(HostBody),
  secretary: Type.Union([StaffRef, Type.Null()]),
  participants: NullableString,
  attendance: NullableInteger,
  summary: NullableString,
  heldAt: NullableInstant,
  minutesPublishedAt: NullableInstant,
  isPublished: Type.Boolean(),
  questions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      source: Type.Enum(QUESTION_SOURCES),
      askerName: NullableString,
      residentialArea: NullableString,
      text: Type.String(),
      status: Type.Enum(QUESTION_STATUSES),
      supportCount: Type.Integer(),
      answer: NullableString,
      answeredBy: NullableString,
      trackedItem: NullableTracked,
    }),
  ),
  commitments: Type.Array(CommitmentBody),
})

const CommitmentFiguresBody = Type.Object({
  total: Type.Integer(),
  done: Type.Integer(),
  doneOnTime: Type.Integer(),
  overdue: Type.Integer(),
  open: Type.Integer(),
})

/** Coverage for a year and a parent unit. */
export const CoverageBody = Type.Object({
  year: Type.Integer(),
  parent: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  units: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
      sessionsHeld: Type.Integer(),
      lastSessionId: NullableInteger,
      lastHeldAt: NullableInstant,
      commitments: CommitmentFiguresBody,
    }),
  ),
  heldCount: Type.Integer(),
  unitCount: Type.Integer(),
  heldPercent: Type.Integer(),
  coverage: Type.String({ description: 'heldCount/unitCount, e.g. "12/12"' }),
  commitments: CommitmentFiguresBody,
})

/** Query of the session lists. */
export const ListQuery = Type.Object({
  scope: Type.Optional(Type.Enum(['upcoming', 'past', 'all'], { description: 'upcoming (default for the public list): not yet held; past: held or gone by; all' })),
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'A unit code: its sessions and those of the units under it' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })),
  mine: Type.Optional(Type.Boolean({ description: 'Staff: the sessions you organise or are secretary of, with pending counts (needs a token or session)' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

/** Query of the coverage. */
export const CoverageQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'The parent unit’s code; the deployment’s home unit by default' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200, description: 'This year by default' })),
})

/** Query of the feed. */
export const FeedQuery = Type.Object({ unit: Type.Optional(Type.String({ maxLength: 40 })) })

const HostInputBody = Type.Object(
  { username: Type.String({ maxLength: 60 }), roleLabel: Type.Optional(Type.String({ maxLength: 240, description: 'How the host is introduced; the staff title by default' })) },
  { additionalProperties: false },
)

/** Body of POST /api/v1/dialogues. */
export const CreateBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40 }),
    topic: Type.String({ maxLength: 400 }),
    description: Type.Optional(Type.String({ maxLength: 10000 })),
    startsAt: Type.String({ maxLength: 40, description: 'An instant; without an offset it is Vietnam time (2026-05-04T08:00)' }),
    endsAt: Type.Optional(Type.String({ maxLength: 40 })),
    venue: Type.String({ maxLength: 600 }),
    livestreamUrl: Type.Optional(Type.String({ maxLength: 1000 })),
    secretaryUsername: Type.Optional(Type.String({ maxLength: 60 })),
    hosts: Type.Optional(Type.Array(HostInputBody, { maxItems: 20 })),
  },
  { additionalProperties: false },
)

/** Body of PATCH /api/v1/dialogues/{id}: fields left out stay. */
export const UpdateBody = Type.Object(
  {
    topic: Type.Optional(Type.String({ maxLength: 400 })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])),
    startsAt: Type.Optional(Type.String({ maxLength: 40 })),
    endsAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    venue: Type.Optional(Type.String({ maxLength: 600 })),
    livestreamUrl: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    secretaryUsername: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
    participants: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])),
    attendance: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    summary: Type.Optional(Type.Union([Type.String({ maxLength: 40000 }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Body of POST /api/v1/dialogues/{id}/actions. */
export const ActionBody = Type.Object({ action: Type.Enum(SESSION_ACTIONS), reason: Type.Optional(Type.String({ maxLength: 2000, description: 'cancel' })) }, { additionalProperties: false })

/** Body of PUT /api/v1/dialogues/{id}/hosts. */
export const HostsBody = Type.Object({ hosts: Type.Array(HostInputBody, { maxItems: 20 }) }, { additionalProperties: false })

/** Body of a resident's question. */
export const QuestionBody = Type.Object(
  {
    askerName: Type.Optional(Type.String({ maxLength: 240 })),
    residentialArea: Type.Optional(Type.String({ maxLength: 400 })),
    contact: Type.Optional(Type.String({ maxLength: 400, description: 'Phone or e-mail, never shown publicly' })),
    isAnonymous: Type.Optional(Type.Boolean()),
    text: Type.String({ maxLength: 6000 }),
    captchaToken: Type.Optional(Type.String({ maxLength: 400 })),
    captchaNonce: Type.Optional(Type.String({ maxLength: 20 })),
    captchaAnswer: Type.Optional(Type.String({ maxLength: 40 })),
    website: Type.Optional(Type.String({ maxLength: 400, description: 'Leave empty (a trap for scripts)' })),
  },
  { additionalProperties: false },
)

/** Body of a moderation action. */
export const ModerationBody = Type.Object(
  {
    action: Type.Enum(MODERATION_ACTIONS),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'hide' })),
    into: Type.Optional(Type.Integer({ minimum: 1, description: 'merge: the question it repeats' })),
    unitCode: Type.Optional(Type.String({ maxLength: 40, description: 'assign' })),
    text: Type.Optional(Type.String({ maxLength: 20000, description: 'prepare_answer' })),
  },
  { additionalProperties: false },
)

/** Body of a floor question. */
export const FloorQuestionBody = Type.Object(
  {
    askerName: Type.Optional(Type.String({ maxLength: 240 })),
    residentialArea: Type.Optional(Type.String({ maxLength: 400 })),
    text: Type.String({ maxLength: 6000 }),
    answer: Type.Optional(Type.String({ maxLength: 20000 })),
    answeredBy: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
)

/** Body of an answer. */
export const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 20000 }), answeredBy: Type.Optional(Type.String({ maxLength: 400 })) }, { additionalProperties: false })

/** Body of a commitment. */
export const CommitmentInputBody = Type.Object(
  {
    questionId: Type.Optional(Type.Integer({ minimum: 1 })),
    responsibleUnitCode: Type.String({ maxLength: 40 }),
    responsible: Type.String({ maxLength: 400 }),
    content: Type.String({ maxLength: 6000 }),
    dueAt: Type.String({ maxLength: 40, description: 'A date (2026-05-04: by the end of that day) or an instant' }),
    category: Type.Optional(Type.String({ maxLength: 60, description: 'A feedback category code for the tracked item; other by default' })),
  },
  { additionalProperties: false },
)

/** Path of a session. */
export const SessionParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** Path of a question. */
export const QuestionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), questionId: Type.Integer({ minimum: 1 }) })

/** Path of a session's iCalendar. */
export const IcsParams = Type.Object({ id: Type.String({ maxLength: 20 }) })

/** A fresh captcha challenge. */
export const ChallengeBody = Type.Object({
  token: Type.String(),
  salt: Type.String(),
  difficultyBits: Type.Integer(),
  expiresAt: Type.String(),
  question: Type.String({ description: 'The fallback question in words, in the request language' }),
})

/** Answer of a support. */
export const SupportBody = Type.Object({ supportCount: Type.Integer() })

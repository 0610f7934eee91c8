/** TypeBox schemas of the citizen reception API (/api/v1/reception): one source for validation, types and OpenAPI. */
import { Type } from 'typebox'
import { CASE_DIRECTIONS, CASE_KINDS, CASE_NOTICES, DAY_STATUSES, HOST_ROLES, NOTICE_STATES, PATTERN_KINDS } from './reception.ts'

const NullableString = Type.Union([Type.String(), Type.Null()])
const Instant = Type.String({ description: 'ISO-8601 in Vietnam time, e.g. 2026-03-05T17:00:00+07:00' })
const NullableInstant = Type.Union([Instant, Type.Null()])
const DateText = Type.String({ maxLength: 10, description: 'A civil date, YYYY-MM-DD' })
const TimeText = Type.String({ maxLength: 5, description: 'A time of day, HH:MM' })
const UnitRef = Type.Object({ code: Type.String(), name: Type.String() })

/** A reception day as the public schedule shows it. */
export const PublicDayBody = Type.Object({
  id: Type.Integer(),
  unit: UnitRef,
  hostName: Type.String(),
  hostTitle: NullableString,
  hostRole: Type.Enum(HOST_ROLES),
  hostRoleText: Type.String(),
  day: Type.String(),
  starts: Type.String(),
  ends: Type.String(),
  venue: Type.String(),
  status: Type.Enum(DAY_STATUSES),
})

/** A reception day as staff see it. */
export const DayBody = Type.Object({
  id: Type.Integer(),
  unit: UnitRef,
  host: Type.Object({ username: Type.String(), fullName: Type.String(), title: NullableString }),
  hostRole: Type.Enum(HOST_ROLES),
  hostRoleText: Type.String(),
  day: Type.String(),
  starts: Type.String(),
  ends: Type.String(),
  venue: Type.String(),
  status: Type.Enum(DAY_STATUSES),
  note: NullableString,
  createdAt: Instant,
  updatedAt: Instant,
})

/** A register entry. */
export const CaseBody = Type.Object({
  id: Type.Integer(),
  unit: UnitRef,
  receptionDayId: Type.Union([Type.Integer(), Type.Null()]),
  receivedAt: Instant,
  receivedBy: Type.Union([Type.Object({ username: Type.String(), fullName: Type.String() }), Type.Null()]),
  citizenName: Type.String(),
  citizenAddress: NullableString,
  peopleCount: Type.Integer(),
  content: Type.String(),
  earlierHandling: NullableString,
  kind: Type.Enum(CASE_KINDS),
  direction: Type.Enum(CASE_DIRECTIONS),
  outcome: NullableString,
  notifyDueAt: Instant,
  notifiedAt: NullableInstant,
  notice: Type.Union([Type.Enum(CASE_NOTICES), Type.Null()]),
  noticeState: Type.Enum(NOTICE_STATES, { description: 'not_needed (guided or answered on the spot), pending, overdue, on_time or late' }),
  isOverdue: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
})

/** One row of the compliance view. */
export const ComplianceRowBody = Type.Object({
  unit: UnitRef,
  hostRole: Type.Enum(HOST_ROLES),
  hosts: Type.Array(Type.String()),
  required: Type.Integer({ description: 'Days required: chair one per week with a working day (Law 42/2013 Art. 15), party secretary two per month (Regulation 11-QĐi/TW), deputy none' }),
  scheduled: Type.Integer({ description: 'Days on the schedule, not cancelled (held ones included)' }),
  held: Type.Integer(),
  cancelled: Type.Integer(),
  covered: Type.Integer({ description: 'Held days counting towards the requirement (at most the quota of each week or month)' }),
  planned: Type.Integer({ description: 'Scheduled or held days that would count if every scheduled one is held' }),
  isMet: Type.Boolean(),
  isPlannedToMeet: Type.Boolean(),
})

/** The compliance view. */
export const ComplianceBody = Type.Object({
  unit: UnitRef,
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(ComplianceRowBody),
  summary: Type.Object({
    chair: Type.Object({ met: Type.Integer(), total: Type.Integer() }),
    party_secretary: Type.Object({ met: Type.Integer(), total: Type.Integer() }),
  }),
})

/** Path parameter of a day or an entry. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** Query of the public schedule. */
export const PublicScheduleQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'A unit code: that unit and those under it' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, description: 'How many days ahead, from today (default 60)' })),
})

/** Query of the staff list of days. */
export const DaysQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  status: Type.Optional(Type.Enum(DAY_STATUSES)),
})

/** Body of POST /api/v1/reception/days. */
export const DayCreateBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40 }),
    hostUsername: Type.String({ maxLength: 60, description: 'A leader of the unit or of a unit above it' }),
    hostRole: Type.Enum(HOST_ROLES),
    day: DateText,
    starts: TimeText,
    ends: TimeText,
    venue: Type.String({ maxLength: 400 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

/** Body of POST /api/v1/reception/days/pattern. */
export const PatternBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40 }),
    hostUsername: Type.String({ maxLength: 60 }),
    hostRole: Type.Enum(HOST_ROLES),
    from: DateText,
    to: DateText,
    kind: Type.Enum(PATTERN_KINDS),
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7, description: 'weekly: 0 = Sunday … 6 = Saturday' })),
    weekday: Type.Optional(Type.Integer({ minimum: 0, maximum: 6, description: 'monthly_weekday' })),
    ordinals: Type.Optional(Type.Array(Type.Integer({ minimum: -1, maximum: 5 }), { maxItems: 6, description: 'monthly_weekday: 1–5, or -1 for the last' })),
    monthDays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 31 }), { maxItems: 31, description: 'monthly_day' })),
    starts: TimeText,
    ends: TimeText,
    venue: Type.String({ maxLength: 400 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

/** Answer of POST /api/v1/reception/days/pattern. */
export const PatternResultBody = Type.Object({
  created: Type.Array(DayBody),
  skippedDaysOff: Type.Array(Type.String(), { description: 'Dates of the pattern that are days off in the unit’s calendar' }),
  skippedExisting: Type.Array(Type.String(), { description: 'Dates the host already receives on' }),
})

/** Body of PATCH /api/v1/reception/days/{id}. */
export const DayUpdateBody = Type.Object(
  {
    hostUsername: Type.Optional(Type.String({ maxLength: 60 })),
    hostRole: Type.Optional(Type.Enum(HOST_ROLES)),
    day: Type.Optional(DateText),
    starts: Type.Optional(TimeText),
    ends: Type.Optional(TimeText),
    venue: Type.Optional(Type.String({ maxLength: 400 })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Body of POST /api/v1/reception/days/{id}/held. */
export const HeldBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })

/** Body of POST /api/v1/reception/days/{id}/cancel. */
export const CancelBody = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false })

/** Query of the register. */
export const CasesQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'A unit code: that unit and those under it' })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  kind: Type.Optional(Type.Enum(CASE_KINDS)),
  overdue: Type.Optional(Type.Boolean({ description: 'Only matters whose notice is past due' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

/** Body of POST /api/v1/reception/cases. */
export const CaseCreateBody = Type.Object(
  {
    unitCode: Type.String({ maxLength: 40 }),
    receptionDayId: Type.Optional(Type.Integer({ minimum: 1, description: 'The reception day the citizen came on, of the same unit' })),
    receivedAt: Type.Optional(Type.String({ maxLength: 40, description: 'When received; ISO-8601, Vietnam time without an offset; now when absent' })),
    citizenName: Type.String({ maxLength: 240 }),
    citizenAddress: Type.Optional(Type.String({ maxLength: 600 })),
    peopleCount: Type.Integer({ minimum: 1, maximum: 500 }),
    content: Type.String({ maxLength: 10000 }),
    earlierHandling: Type.Optional(Type.String({ maxLength: 4000 })),
    kind: Type.Enum(CASE_KINDS),
    direction: Type.Enum(CASE_DIRECTIONS),
    outcome: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
)

/** Body of PATCH /api/v1/reception/cases/{id}. */
export const CaseUpdateBody = Type.Object(
  { direction: Type.Optional(Type.Enum(CASE_DIRECTIONS)), outcome: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])) },
  { additionalProperties: false },
)

/** Body of POST /api/v1/reception/cases/{id}/notice. */
export const NoticeBody = Type.Object(
  { notice: Type.Enum(CASE_NOTICES), notifiedAt: Type.Optional(Type.String({ maxLength: 40, description: 'When the citizen was told; now when absent' })) },
  { additionalProperties: false },
)

/** Query of the compliance view. */
export const ComplianceQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'A ward or commune, or a unit above them (each of its wards and communes); default: your widest unit' })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
})

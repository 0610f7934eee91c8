/** TypeBox schemas of the news API: one source for validation, types and the OpenAPI description. */
import { Type } from 'typebox'
import { ErrorBody } from '../../platform/http/api.ts'
import { ARTICLE_STATUSES, LIMITS, NEWS_CATEGORIES, STATUS_ACTIONS } from './news.ts'

/** The error answers every route may give. */
export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody }

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(schema: T) => Type.Union([schema, Type.Null()])
/** An instant in Vietnam time with its offset ("2026-03-02T09:00:00+07:00"), or null. */
const Instant = Nullable(Type.String())

const CategoryCode = Type.Enum(NEWS_CATEGORIES.map((c) => c.code))

/** An image as the API shows it. */
export const ImageBody = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  thumbUrl: Type.String(),
  alt: Type.String(),
  caption: Nullable(Type.String()),
  width: Type.Integer(),
  height: Type.Integer(),
  /** What to put in the body to show it. */
  markdown: Type.String(),
})

/** A published article in a list. */
export const PublicSummaryBody = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  lead: Type.String(),
  category: Type.String(),
  categoryName: Type.String(),
  source: Nullable(Type.String()),
  publishedAt: Instant,
  url: Type.String(),
  cover: Type.Union([Type.Object({ url: Type.String(), thumbUrl: Type.String(), alt: Type.String(), width: Type.Integer(), height: Type.Integer() }), Type.Null()]),
})

/** A published article in full. */
export const PublicArticleBody = Type.Object({
  ...PublicSummaryBody.properties,
  tags: Type.Array(Type.String()),
  authorInitials: Nullable(Type.String()),
  bodyHtml: Type.String(),
  related: Type.Array(PublicSummaryBody),
})

/** A page of a list. */
export const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(item) })

/** The query of the public list. */
export const PublicListQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})

/** An article in the staff list. */
export const StaffSummaryBody = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  category: Type.String(),
  status: Type.Enum(ARTICLE_STATUSES),
  publishAt: Instant,
  publishedAt: Instant,
  updatedAt: Type.String(),
})

/** The query of the staff list. */
export const StaffListQuery = Type.Object({
  status: Type.Optional(Type.Enum(ARTICLE_STATUSES)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
})

/** An article as its editors see it. */
export const StaffArticleBody = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  lead: Type.String(),
  bodyMd: Type.String(),
  bodyHtml: Type.String(),
  category: Type.String(),
  tags: Type.Array(Type.String()),
  source: Nullable(Type.String()),
  status: Type.Enum(ARTICLE_STATUSES),
  publishAt: Instant,
  publishedAt: Instant,
  coverImageId: Nullable(Type.Integer()),
  isCommentsEnabled: Type.Boolean(),
  authorInitials: Nullable(Type.String()),
  url: Type.String(),
  images: Type.Array(ImageBody),
  allowedActions: Type.Array(Type.Enum(STATUS_ACTIONS)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const contentProperties = {
  title: Type.String({ maxLength: LIMITS.title * 2 }),
  slug: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.slug * 2 }))),
  lead: Type.String({ maxLength: LIMITS.lead * 2 }),
  bodyMd: Type.String({ maxLength: LIMITS.body * 2 }),
  category: CategoryCode,
  tags: Type.Optional(Type.Array(Type.String({ maxLength: LIMITS.tag * 2 }), { maxItems: LIMITS.tags * 2 })),
  source: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.source * 2 }))),
  coverImageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  isCommentsEnabled: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.Enum(ARTICLE_STATUSES)),
  /** Vietnam time "YYYY-MM-DDTHH:MM", or an ISO instant with its zone; with status "scheduled". */
  publishAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
}

/** A new article. Limits here are generous bounds; the use case gives the field messages. */
export const CreateBody = Type.Object({ ...contentProperties, unitCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) }, { additionalProperties: false })

/** Changes to an article: any of the content fields, and the status. */
export const UpdateBody = Type.Object(
  {
    title: Type.Optional(contentProperties.title),
    slug: contentProperties.slug,
    lead: Type.Optional(contentProperties.lead),
    bodyMd: Type.Optional(contentProperties.bodyMd),
    category: Type.Optional(CategoryCode),
    tags: contentProperties.tags,
    source: contentProperties.source,
    coverImageId: contentProperties.coverImageId,
    isCommentsEnabled: contentProperties.isCommentsEnabled,
    status: contentProperties.status,
    publishAt: contentProperties.publishAt,
  },
  { additionalProperties: false },
)

/** The instant of a schedule. */
export const ScheduleBody = Type.Object({ publishAt: Type.String({ maxLength: 40 }) }, { additionalProperties: false })

/** An article's id in the address. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

/** A published article's slug in the address. */
export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) })

/**
 * Demo data of comments: on the three newest demo articles, a few readers' comments — some
 * approved by the town's portal moderator, two of them answered officially, one still waiting in
 * the queue and one caught by the word filter and marked as spam. Readers' comments are stored
 * directly (a seed has no captcha to solve); every moderation step goes through the use cases, so
 * it has its audit entry.
 *
 * THIS IS DEMO DATA: every name, email and comment is invented for this product.
 */
import type { Db } from '../../db/database.ts'
import { instant } from '../../db/portable.ts'
import type { Clock } from '../../platform/clock.ts'
import * as units from '../units/index.ts'
import * as repo from './comment.repository.ts'
import { moderateComment, replyToComment } from './comment.service.ts'
import { checkComment, DEFAULT_WORD_FILTER, findFlaggedWords } from './comment.ts'
import type { ModerationAction } from './comment.ts'
import { latestArticles } from './news.service.ts'

const HOUR_MS = 3_600_000

/** The demo town's portal moderator, who moderates and answers. */
const MODERATOR = 'kiemduyet.tanuyen'

/** One demo comment: on which of the newest articles (0 = newest), how long after the article, what becomes of it. */
interface DemoComment {
  readonly article: number
  readonly hoursAfter: number
  readonly authorName: string
  readonly email: string
  readonly body: string
  readonly action: ModerationAction | null
  readonly reply?: string
}

const DEMO_COMMENTS: readonly DemoComment[] = [
  {
    article: 0,
    hoursAfter: 3,
    authorName: 'Nguyễn Văn Hùng',
    email: 'hung.nguyen.demo@example.vn',
    body: 'Thông tin rất hữu ích. Xin hỏi lịch này áp dụng cho cả các phường mới sáp nhập không ạ?',
    action: 'approve',
    reply: 'Chào anh Hùng, lịch áp dụng cho tất cả các phường, xã trên địa bàn thị xã. Anh có thể xem chi tiết tại bộ phận một cửa của phường nơi cư trú.',
  },
  {
    article: 0,
    hoursAfter: 6,
    authorName: 'Trần Thị Lan',
    email: 'lan.tran.demo@example.vn',
    body: 'Cảm ơn Ủy ban đã thông tin kịp thời.',
    action: 'approve',
  },
  {
    article: 0,
    hoursAfter: 20,
    authorName: 'Lê Minh Tuấn',
    email: 'tuan.le.demo@example.vn',
    body: 'Đề nghị đăng thêm số điện thoại đường dây nóng để người dân tiện liên hệ.',
    action: null,
  },
  {
    article: 1,
    hoursAfter: 5,
    authorName: 'Phạm Thu Hà',
    email: 'ha.pham.demo@example.vn',
    body: 'Khu phố tôi vẫn chưa được hướng dẫn, mong phường sớm tổ chức buổi hướng dẫn cho bà con.',
    action: 'approve',
    reply: 'Cảm ơn chị Hà. Ủy ban nhân dân phường sẽ tổ chức buổi hướng dẫn tại nhà văn hóa khu phố vào sáng thứ Bảy tuần tới.',
  },
  {
    article: 2,
    hoursAfter: 2,
    authorName: 'Khách',
    email: 'quangcao.demo@example.vn',
    body: 'Nhận cá độ bóng đá, vay tiền nhanh không cần thế chấp, liên hệ ngay!',
    action: 'spam',
  },
]

/** How many times seedDemoComments calls `step`. */
export const DEMO_COMMENT_STEPS = 1

/**
 * Seeds the demo comments on the newest published articles; does nothing on a database without the
 * demo's moderator or without articles. Calls `step` once, at the end.
 */
export async function seedDemoComments(deps: { readonly db: Db; readonly clock: Clock }, step: () => void = () => {}): Promise<void> {
  const staff = await units.getStaffByUsername(deps, MODERATOR).catch(() => null)
  const principal = staff ? await units.loadPrincipal(deps, staff.id) : null
  const articles = await latestArticles(deps, { limit: 3 })
  if (!principal || articles.length === 0) return step()
  const start = deps.clock.now().getTime()
  for (const demo of DEMO_COMMENTS) {
    const article = articles[demo.article]
    if (!article) continue
    // Never in the future: an article published an hour ago gets its comments up to now.
    const postedAt = Math.min((article.publishedAt ?? article.updatedAt).getTime() + demo.hoursAfter * HOUR_MS, start)
    const { comment } = checkComment(demo)
    const flagged = findFlaggedWords(`${comment.authorName}\n${comment.body}`, DEFAULT_WORD_FILTER)
    const id = await deps.db.transaction().execute((trx) =>
      repo.insertComment(trx, {
        article_id: article.id,
        parent_id: null,
        author_name: comment.authorName,
        author_email: comment.email,
        body: comment.body,
        status: 'pending',
        is_official: 0,
        staff_id: null,
        flagged_words: flagged.length > 0 ? JSON.stringify(flagged) : null,
        created_at: instant(new Date(postedAt)),
        moderated_at: null,
        moderated_by: null,
      }),
    )
    const moderatedAt = Math.min(postedAt + HOUR_MS, start)
    const clock: Clock = { now: () => new Date(moderatedAt) }
    if (demo.action) await moderateComment({ db: deps.db, clock }, principal, id, demo.action)
    if (demo.reply) await replyToComment({ db: deps.db, clock: { now: () => new Date(Math.min(moderatedAt + HOUR_MS, start)) } }, principal, id, demo.reply)
  }
  step()
}

/**
 * The place on an article page where its comments go: the approved comments with the official
 * replies, and the form (full name, email never shown, the comment, the verification, the notice
 * that comments are moderated). The block itself is views/comment-block.tsx.
 */
import type { PageContext } from '../../../views/page.ts'
import type { ArticleComments } from '../comment.service.ts'
import { CommentBlock } from './comment-block.tsx'

/** What the comment block needs to know of the article. */
export interface CommentsSlotProps {
  readonly ctx: PageContext
  readonly articleId: number
  readonly articlePath: string
  readonly isCommentsEnabled: boolean
  /** The approved comments (comment.service.ts listApprovedComments); none when not given. */
  readonly comments?: ArticleComments | undefined
}

const NO_COMMENTS: ArticleComments = Object.freeze({ total: 0, threads: [] })

/** The comment block of an article page. */
export function CommentsSlot(props: CommentsSlotProps): JSX.Element {
  return <CommentBlock ctx={props.ctx} articlePath={props.articlePath} isCommentsEnabled={props.isCommentsEnabled} comments={props.comments ?? NO_COMMENTS} />
}

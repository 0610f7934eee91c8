/**
 * The comment page of an article: the form on a page of its own, with a fresh verification. It is
 * where a post with mistakes comes back (each message beside its field, what was typed kept), and
 * where a browser without scripts answers the verification question.
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { Notice } from '../../../views/components.tsx'
import type { FormErrors } from '../../../views/forms.ts'
import { hasErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { categoryName } from './public.tsx'
import { categoryPath, NEWS_PATH } from './paths.ts'
import { CommentErrorSummary, CommentForm } from './comment-block.tsx'
import type { CommentFormValues } from './comment-block.tsx'

/** Props of the comment page. */
export interface CommentPageProps {
  readonly ctx: PageContext
  readonly article: { readonly title: string; readonly category: string; readonly path: string }
  readonly values: CommentFormValues
  readonly errors: FormErrors
  readonly challenge: CaptchaChallenge
  /** Whether to say that only the verification is left (the first press without scripts). */
  readonly isVerifyStep: boolean
}

/** The comment page. */
export function CommentPage(props: CommentPageProps): JSX.Element {
  const { ctx, article } = props
  const t = ctx.t
  return (
    <Layout
      ctx={ctx}
      title={t('comments.page.title')}
      hasErrors={hasErrors(props.errors)}
      breadcrumbs={[
        { href: NEWS_PATH, text: t('news.pages.public.title') },
        { href: categoryPath(article.category), text: categoryName(ctx, article.category) },
        { href: article.path, text: article.title },
      ]}
    >
      <CommentErrorSummary ctx={ctx} errors={props.errors} />
      <h1 class="heading-l" safe>
        {t('comments.page.title')}
      </h1>
      <p class="lead">
        <a href={article.path} safe>
          {t('comments.page.about', { title: article.title })}
        </a>
      </p>
      {props.isVerifyStep ? (
        <Notice ctx={ctx} kind="info">
          <p safe>{t('comments.page.verifyStep')}</p>
        </Notice>
      ) : (
        ''
      )}
      <CommentForm ctx={ctx} articlePath={article.path} values={props.values} errors={props.errors} challenge={props.challenge} hasHeading={false} />
      <p>
        <a href={article.path} safe>
          {t('comments.page.back')}
        </a>
      </p>
    </Layout>
  )
}

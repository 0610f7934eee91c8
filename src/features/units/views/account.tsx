/** Pages of the signed-in person: sign-in, the desk (their starting page) and changing their password. */
import { Button, CsrfInput, ErrorSummary, fieldError, SummaryList, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { Role, Staff } from '../unit.ts'

// Roles that work on residents' feedback (the feedback feature's own list; units cannot import it).
const FEEDBACK_ROLES: readonly Role[] = ['leader', 'moderator', 'specialist']
// Roles that write news (the news feature's own list).
const NEWS_ROLES: readonly Role[] = ['admin', 'leader', 'moderator']
// Roles that keep citizen reception's schedule and register (the dialogues feature's own list).
const RECEPTION_ROLES: readonly Role[] = ['leader', 'moderator', 'desk_officer']

/** Props of the sign-in page. */
export interface SignInPageProps {
  readonly ctx: PageContext
  /** The username typed, kept after a failed attempt. */
  readonly username: string
  /** Where to go after signing in (a safe same-site path), carried in a hidden field. */
  readonly next: string | null
  readonly errors: FormErrors
}

/** The sign-in form. */
export function SignInPage(props: SignInPageProps): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('auth.signIn.title')} hasErrors={hasErrors(errors)}>
      <div class="grid grid--two-thirds">
        <div>
          <ErrorSummary ctx={ctx} errors={errors} order={['username', 'password']} />
          <h1 class="heading-l" safe>
            {t('auth.signIn.title')}
          </h1>
          <p class="lead" safe>
            {t('auth.signIn.lead')}
          </p>
          <form class="form" method="post" action="/sign-in" novalidate>
            <CsrfInput ctx={ctx} />
            {props.next !== null ? <input type="hidden" name="next" value={props.next} /> : ''}
            <TextField
              ctx={ctx}
              name="username"
              label={t('auth.signIn.username')}
              value={props.username}
              error={fieldError(ctx, errors, 'username')}
              autocomplete="username"
              width="medium"
              isSpellcheckOff
            />
            <TextField
              ctx={ctx}
              name="password"
              type="password"
              label={t('auth.signIn.password')}
              error={fieldError(ctx, errors, 'password')}
              autocomplete="current-password"
              width="medium"
            />
            <Button text={t('auth.signIn.submit')} />
          </form>
          <h2 class="heading-m" safe>
            {t('auth.signIn.forgotTitle')}
          </h2>
          <p safe>{t('auth.signIn.forgotBody')}</p>
          <p class="body-secondary" safe>
            {t('auth.signIn.lockNote')}
          </p>
        </div>
      </div>
    </Layout>
  )
}

/** The desk: the signed-in person's starting page (a placeholder until the one-stop desk arrives). */
export function DeskPage(props: { ctx: PageContext; staff: Staff; isAdmin: boolean; isLeader: boolean; hasDeskRole: boolean }): JSX.Element {
  const { ctx, staff } = props
  const t = ctx.t
  const rows = [
    { key: t('staff.fields.username'), value: staff.username },
    { key: t('staff.fields.unit'), value: staff.unitName },
    ...(staff.title ? [{ key: t('staff.fields.title'), value: staff.title }] : []),
  ]
  return (
    <Layout ctx={ctx} title={t('desk.title')}>
      <span class="caption" safe>
        {t('desk.title')}
      </span>
      <h1 class="heading-l" safe>
        {t('desk.greeting', { name: staff.fullName })}
      </h1>
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {t('desk.rolesTitle')}
      </h2>
      {staff.grants.length === 0 ? (
        <p safe>{t('desk.noRoles')}</p>
      ) : (
        <ul class="list">
          {staff.grants.map((grant) => (
            <li safe>{t('desk.roleOn', { role: t(`units.roles.${grant.role}`), unit: grant.unitName })}</li>
          ))}
        </ul>
      )}
      <h2 class="heading-m" safe>
        {t('desk.workTitle')}
      </h2>
      <ul class="list">
        {props.hasDeskRole ? (
          <li>
            <a href="/mot-cua" safe>
              {t('desk.oneStopLink')}
            </a>
          </li>
        ) : (
          ''
        )}
        {staff.grants.some((g) => FEEDBACK_ROLES.includes(g.role)) ? (
          <li>
            <a href="/admin/phan-anh" safe>
              {t('feedback.pages.nav.staff')}
            </a>
          </li>
        ) : (
          ''
        )}
        {staff.grants.some((g) => g.role !== 'admin') ? (
          <li>
            <a href="/admin/doi-thoai" safe>
              {t('dialogues.pages.nav.staff')}
            </a>
          </li>
        ) : (
          ''
        )}
        {staff.grants.some((g) => RECEPTION_ROLES.includes(g.role)) ? (
          <li>
            <a href="/admin/tiep-cong-dan" safe>
              {t('reception.pages.nav.staff')}
            </a>
          </li>
        ) : (
          ''
        )}
        {staff.grants.some((g) => NEWS_ROLES.includes(g.role)) ? (
          <li>
            <a href="/admin/tin-tuc" safe>
              {t('news.pages.nav.staff')}
            </a>
          </li>
        ) : (
          ''
        )}
        {staff.grants.some((g) => NEWS_ROLES.includes(g.role)) ? (
          <li>
            <a href="/admin/binh-luan" safe>
              {t('comments.queue.nav')}
            </a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a href="/account/password" safe>
            {t('nav.password')}
          </a>
        </li>
        <li>
          <a href="/danh-gia/chan-chinh" safe>
            {t('ratings.pages.nav.cases')}
          </a>
        </li>
        {props.isLeader || props.isAdmin ? (
          <li>
            <a href="/admin/bang-dieu-khien" safe>
              {t('dashboard.nav.staff')}
            </a>
          </li>
        ) : (
          ''
        )}
        {props.isLeader ? (
          <>
            <li>
              <a href="/danh-gia" safe>
                {t('ratings.pages.nav.summary')}
              </a>
            </li>
            <li>
              <a href="/admin/khao-sat" safe>
                {t('ratings.survey.admin.title')}
              </a>
            </li>
            <li>
              <a href="/admin/quay-danh-gia" safe>
                {t('ratings.kiosk.admin.title')}
              </a>
            </li>
          </>
        ) : (
          ''
        )}
        {props.isAdmin ? (
          <>
            <li>
              <a href="/admin/danh-gia/quy-tac" safe>
                {t('ratings.pages.nav.rules')}
              </a>
            </li>
            <li>
              <a href="/admin" safe>
                {t('desk.adminLink')}
              </a>
            </li>
          </>
        ) : (
          ''
        )}
      </ul>
    </Layout>
  )
}

/** The form to change one's own password. */
export function PasswordPage(props: { ctx: PageContext; errors: FormErrors }): JSX.Element {
  const { ctx, errors } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('auth.password.title')} hasErrors={hasErrors(errors)} breadcrumbs={[{ href: '/desk', text: t('nav.desk') }]}>
      <ErrorSummary ctx={ctx} errors={errors} order={['currentPassword', 'newPassword', 'confirmPassword']} />
      <h1 class="heading-l" safe>
        {t('auth.password.title')}
      </h1>
      <form class="form" method="post" action="/account/password" novalidate>
        <CsrfInput ctx={ctx} />
        {/* The username lets password managers file the new password under the right account. */}
        <input type="hidden" name="username" value={ctx.principal?.username ?? ''} autocomplete="username" />
        <TextField
          ctx={ctx}
          name="currentPassword"
          type="password"
          label={t('auth.password.current')}
          error={fieldError(ctx, errors, 'currentPassword')}
          autocomplete="current-password"
          width="medium"
        />
        <TextField
          ctx={ctx}
          name="newPassword"
          type="password"
          label={t('auth.password.new')}
          hint={t('auth.password.newHint')}
          error={fieldError(ctx, errors, 'newPassword')}
          autocomplete="new-password"
          width="medium"
        />
        <TextField
          ctx={ctx}
          name="confirmPassword"
          type="password"
          label={t('auth.password.confirm')}
          error={fieldError(ctx, errors, 'confirmPassword')}
          autocomplete="new-password"
          width="medium"
        />
        <div class="button-group">
          <Button text={t('auth.password.submit')} />
          <p>
            <a href="/desk" safe>
              {t('form.cancel')}
            </a>
          </p>
        </div>
      </form>
    </Layout>
  )
}

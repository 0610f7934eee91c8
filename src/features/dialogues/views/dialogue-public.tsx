/**
 * The public dialogue pages: the list of upcoming and past sessions (/doi-thoai) with its
 * iCalendar feed, and one session's page (/doi-thoai/:id) with its hosts, the published questions
 * and a support button for each, the question form while questions are open, and after the
 * session the answers and each commitment with the public status of its follow-up. The views
 * take no contact field at all: nothing personal can reach these pages.
 */
import type { CaptchaChallenge } from '../../../platform/captcha/captcha.ts'
import { CAPTCHA_SCRIPT, CaptchaField } from '../../../views/captcha-field.tsx'
import { Button, ButtonLink, CsrfInput, ErrorSummary, fieldError, Notice, Pagination, RadiosField, StatusTag, SummaryList, TextareaField, TextField } from '../../../views/components.tsx'
import type { SummaryRow } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import {
  FEED_ICS_PATH,
  formatDay,
  formatSpan,
  minutesHref,
  PUBLIC_PATH,
  questionFormHref,
  questionTone,
  sessionHref,
  sessionIcsHref,
  sessionTone,
  supportHref,
  trackedTone,
} from './dialogue-format.ts'
import type { CommitmentItem, HostItem, PublicQuestion, PublicSession, SessionItem, TrackedItem } from './dialogue-model.ts'
import { discoveryTags } from '../../../views/discovery.ts'

/** Name of the honeypot input: people never see it, so anything in it was typed by a machine. */
export const HONEYPOT_FIELD = 'website'

/** The question form as typed. */
export interface QuestionFormValues {
  /** 'named' or 'anonymous'. */
  readonly askerChoice: string
  readonly askerName: string
  readonly residentialArea: string
  readonly contact: string
  readonly text: string
}

/** The form as first shown. */
export const EMPTY_QUESTION_FORM: QuestionFormValues = Object.freeze({ askerChoice: '', askerName: '', residentialArea: '', contact: '', text: '' })

/** Field names in the order they appear, so the error summary reads like the form. */
export const QUESTION_FIELD_ORDER: readonly string[] = ['askerChoice', 'askerName', 'residentialArea', 'contact', 'text', 'captcha']

/** Statuses of sessions that have not taken place (and were not cancelled). */
const UPCOMING: ReadonlySet<string> = new Set(['planned', 'open_for_questions'])
/** Statuses after the session took place. */
const AFTER: ReadonlySet<string> = new Set(['held', 'minutes_published', 'closed'])

/** Whether a session's minutes are public. */
export function hasPublicMinutes(status: string): boolean {
  return status === 'minutes_published' || status === 'closed'
}

/** The hosts in one line: "Nguyễn Văn Thành (Chủ tịch UBND phường), Huỳnh Thị Mỹ Lệ (Bí thư Đảng ủy phường)". */
export function hostsLine(ctx: Pick<PageContext, 't'>, hosts: readonly HostItem[]): string {
  if (hosts.length === 0) return ctx.t('dialogues.pages.none')
  return hosts.map((h) => ctx.t('dialogues.pages.hostWithRole', { name: h.fullName, role: h.roleLabel })).join(', ')
}

/** Who asked, as the public may read it: the name, or "a resident", with the residential area. */
export function askerLine(ctx: Pick<PageContext, 't'>, question: { askerName: string | null; residentialArea: string | null; source: string }): string {
  const who = question.askerName ?? ctx.t('dialogues.pages.anonymousAsker')
  const from = question.residentialArea ? ctx.t('dialogues.pages.askerFrom', { who, area: question.residentialArea }) : who
  return question.source === 'floor' ? ctx.t('dialogues.pages.askedAtSession', { who: from }) : from
}

/**
 * The status of a tracked follow-up: the feedback status, the due date, late or not, and a link to
 * its public page when it has one (to its staff page for staff).
 */
export function TrackedStatus(props: { ctx: PageContext; tracked: TrackedItem; isStaff?: boolean }): JSX.Element {
  const { ctx, tracked } = props
  const t = ctx.t
  return (
    <span class="tracked">
      <StatusTag tone={trackedTone(tracked.status, tracked.isOverdue)} text={t(`feedback.status.${tracked.status}`)} />
      {tracked.isOverdue ? (
        <>
          {' '}
          <StatusTag tone="red" text={t('dialogues.pages.overdue')} />
        </>
      ) : (
        ''
      )}{' '}
      {tracked.dueAt ? <span safe>{t('dialogues.pages.dueOn', { date: formatDay(tracked.dueAt) })}</span> : ''}{' '}
      {props.isStaff || tracked.isPublic ? (
        <a href={`${props.isStaff ? '/admin/phan-anh' : '/phan-anh'}/${encodeURIComponent(tracked.code)}`} safe>
          {t('dialogues.pages.trackedLink', { code: tracked.code })}
        </a>
      ) : (
        <span class="body-secondary" safe>
          {t('dialogues.pages.trackedCode', { code: tracked.code })}
        </span>
      )}
    </span>
  )
}

/** One session in a list. */
function ListedSession(props: { ctx: PageContext; session: SessionItem }): JSX.Element {
  const { ctx, session } = props
  const t = ctx.t
  return (
    <li class="feedback-item">
      <p class="caption" safe>
        {session.unitName}
      </p>
      <h3 class="heading-s">
        <a href={sessionHref(session.id)} safe>
          {session.topic}
        </a>
      </h3>
      <p>
        <StatusTag tone={sessionTone(session.status)} text={t(`dialogues.status.${session.status}`)} />
      </p>
      <SummaryList
        rows={[
          { key: t('dialogues.pages.session.when'), value: formatSpan(t, session.startsAt, session.endsAt) },
          { key: t('dialogues.pages.session.venue'), value: session.venue },
          { key: t('dialogues.pages.session.hosts'), value: hostsLine(ctx, session.hosts) },
        ]}
      />
      {session.livestreamUrl && UPCOMING.has(session.status) ? (
        <p>
          <a href={session.livestreamUrl} rel="noopener" safe>
            {t('dialogues.pages.session.livestreamLink')}
          </a>
        </p>
      ) : (
        ''
      )}
    </li>
  )
}

/** Props of the public list. */
export interface PublicListPageProps {
  readonly ctx: PageContext
  readonly upcoming: readonly SessionItem[]
  readonly past: readonly SessionItem[]
  /** Past sessions in all, and the page of them shown. */
  readonly pastTotal: number
  readonly page: number
  readonly pageSize: number
}

/** The public list: upcoming sessions first (soonest first), then past ones (latest first). */
export function PublicListPage(props: PublicListPageProps): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.list.${name}`)
  return (
    <Layout ctx={ctx} title={key('title')} alternates={[{ href: FEED_ICS_PATH, type: 'text/calendar', title: key('feedTitle') }]}>
      <h1 class="heading-l" safe>
        {key('title')}
      </h1>
      <p class="lead" safe>
        {key('lead')}
      </p>
      <p>
        <a href={FEED_ICS_PATH} type="text/calendar" safe>
          {key('feed')}
        </a>
        <span class="body-secondary" safe>{` ${key('feedHint')}`}</span>
      </p>
      <h2 class="heading-m" safe>
        {key('upcoming')}
      </h2>
      {props.upcoming.length === 0 ? (
        <p safe>{key('noUpcoming')}</p>
      ) : (
        <ul class="feedback-list">
          {props.upcoming.map((session) => (
            <ListedSession ctx={ctx} session={session} />
          ))}
        </ul>
      )}
      <h2 class="heading-m" id="da-dien-ra" safe>
        {key('past')}
      </h2>
      {props.past.length === 0 ? (
        <p safe>{key('noPast')}</p>
      ) : (
        <ul class="feedback-list">
          {props.past.map((session) => (
            <ListedSession ctx={ctx} session={session} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={props.page} pageCount={Math.max(1, Math.ceil(props.pastTotal / props.pageSize))} hrefFor={(p) => (p > 1 ? `${PUBLIC_PATH}?page=${p}#da-dien-ra` : `${PUBLIC_PATH}#da-dien-ra`)} />
    </Layout>
  )
}

/** The support button of one question (a form POST), or the words saying this device supported it. */
function SupportForm(props: { ctx: PageContext; sessionId: number; number: number; question: PublicQuestion }): JSX.Element {
  const { ctx, question } = props
  const t = ctx.t
  const count = (
    <p class="body-secondary" safe>
      {t('dialogues.pages.questions.supportCount', { n: question.supportCount })}
    </p>
  )
  if (question.isSupported) {
    return (
      <>
        {count}
        <p safe>{t('dialogues.pages.questions.supported')}</p>
      </>
    )
  }
  if (!question.canSupport) return count
  return (
    <>
      {count}
      <form class="inline-form" method="post" action={supportHref(props.sessionId, question.id)}>
        <CsrfInput ctx={ctx} />
        <Button text={t('dialogues.pages.questions.support')} hiddenText={t('dialogues.pages.questions.supportHidden', { number: props.number })} variant="secondary" />
      </form>
    </>
  )
}

/** One question on the public page, with its answer (or its follow-up) after the session. */
function QuestionItem(props: { ctx: PageContext; sessionId: number; number: number; question: PublicQuestion; isAfter: boolean }): JSX.Element {
  const { ctx, question } = props
  const t = ctx.t
  return (
    <li class="feedback-item" id={`cau-hoi-${question.id}`}>
      <h3 class="heading-s" safe>
        {t('dialogues.pages.questions.number', { number: props.number })}
      </h3>
      <p class="body-secondary" safe>
        {askerLine(ctx, question)}
      </p>
      <p class="prose" safe>
        {question.text}
      </p>
      {props.isAfter && question.status !== 'published' ? (
        <p>
          <StatusTag tone={questionTone(question.status)} text={t(`dialogues.questionStatus.${question.status}`)} />
        </p>
      ) : (
        ''
      )}
      <SupportForm ctx={ctx} sessionId={props.sessionId} number={props.number} question={question} />
      {question.answer ? (
        <div class="answer">
          <h4 class="heading-s" safe>
            {question.answeredBy ? t('dialogues.pages.questions.answerBy', { who: question.answeredBy }) : t('dialogues.pages.questions.answer')}
          </h4>
          <p class="prose" safe>
            {question.answer}
          </p>
        </div>
      ) : props.isAfter && question.status === 'unanswered' ? (
        <p safe>{t('dialogues.pages.questions.unanswered')}</p>
      ) : (
        ''
      )}
      {question.tracked ? (
        <p>
          <span safe>{`${t('dialogues.pages.questions.followUp')} `}</span>
          <TrackedStatus ctx={ctx} tracked={question.tracked} />
        </p>
      ) : (
        ''
      )}
    </li>
  )
}

/** The commitments of a session, each with who, what, when and its follow-up's public status. */
export function CommitmentList(props: { ctx: PageContext; commitments: readonly CommitmentItem[]; numberOf: ReadonlyMap<number, number>; isStaff?: boolean }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  if (props.commitments.length === 0) return <p safe>{t('dialogues.pages.commitments.empty')}</p>
  return (
    <ol class="feedback-list">
      {props.commitments.map((c) => (
        <li class="feedback-item" id={`cam-ket-${c.id}`}>
          <p class="prose" safe>
            {c.content}
          </p>
          <SummaryList
            rows={[
              { key: t('dialogues.pages.commitments.responsible'), value: `${c.responsible} – ${c.responsibleUnitName}` },
              { key: t('dialogues.pages.commitments.dueAt'), value: formatDay(c.dueAt) },
              ...(c.questionId !== null && props.numberOf.has(c.questionId)
                ? [{ key: t('dialogues.pages.commitments.question'), value: t('dialogues.pages.questions.number', { number: props.numberOf.get(c.questionId) ?? 0 }) }]
                : []),
            ]}
          />
          {c.tracked ? (
            <p>
              <span safe>{`${t('dialogues.pages.commitments.progress')} `}</span>
              <TrackedStatus ctx={ctx} tracked={c.tracked} isStaff={props.isStaff ?? false} />
            </p>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  )
}

/**
 * The field people never see: off-screen, out of the tab order and hidden from screen readers,
 * so only a machine filling every input puts something in it.
 */
function Honeypot(props: { ctx: PageContext }): JSX.Element {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="f-hp" safe>
        {props.ctx.t('dialogues.pages.ask.honeypot')}
      </label>
      <input id="f-hp" name={HONEYPOT_FIELD} type="text" value="" tabindex="-1" autocomplete="off" />
    </div>
  )
}

/** The question form, while the session takes questions. */
function QuestionForm(props: { ctx: PageContext; sessionId: number; values: QuestionFormValues; errors: FormErrors; challenge: CaptchaChallenge }): JSX.Element {
  const { ctx, values, errors } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.ask.${name}`)
  const error = (name: string) => fieldError(ctx, errors, name)
  return (
    <section aria-labelledby="hoi-title">
      <h2 class="heading-m" id="hoi-title" safe>
        {key('title')}
      </h2>
      <p safe>{key('lead')}</p>
      <form class="form" method="post" action={questionFormHref(props.sessionId)} novalidate>
        <CsrfInput ctx={ctx} />
        <RadiosField
          ctx={ctx}
          name="askerChoice"
          label={key('askerChoice')}
          value={values.askerChoice}
          error={error('askerChoice')}
          choices={[
            { value: 'named', label: key('named'), hint: key('namedHint') },
            { value: 'anonymous', label: key('anonymous'), hint: key('anonymousHint') },
          ]}
        />
        <TextField ctx={ctx} name="askerName" label={key('askerName')} hint={key('askerNameHint')} value={values.askerName} error={error('askerName')} autocomplete="name" maxlength={120} isOptional />
        <TextField ctx={ctx} name="residentialArea" label={key('residentialArea')} hint={key('residentialAreaHint')} value={values.residentialArea} error={error('residentialArea')} maxlength={200} />
        <TextField ctx={ctx} name="contact" label={key('contact')} hint={key('contactHint')} value={values.contact} error={error('contact')} maxlength={200} isSpellcheckOff isOptional />
        <TextareaField ctx={ctx} name="text" label={key('text')} hint={key('textHint')} value={values.text} error={error('text')} rows={6} maxlength={3000} />
        <Honeypot ctx={ctx} />
        <CaptchaField ctx={ctx} challenge={props.challenge} error={error('captcha')} />
        <Button text={key('submit')} />
      </form>
      <script src={CAPTCHA_SCRIPT} defer></script>
    </section>
  )
}

/** Props of a session's public page. */
export interface PublicSessionPageProps {
  readonly ctx: PageContext
  readonly session: PublicSession
  /** The question form's values and errors; the challenge is null when the form is not shown. */
  readonly form: { readonly values: QuestionFormValues; readonly errors: FormErrors; readonly challenge: CaptchaChallenge } | null
}

/** A session's public page. */
export function PublicSessionPage(props: PublicSessionPageProps): JSX.Element {
  const { ctx, session, form } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.session.${name}`)
  const isOpen = session.status === 'open_for_questions'
  const isAfter = AFTER.has(session.status)
  const errors = form?.errors
  const numberOf = new Map(session.questions.map((q, i) => [q.id, i + 1]))
  const rows: SummaryRow[] = [
    { key: key('unit'), value: session.unitName },
    { key: key('when'), value: formatSpan(t, session.startsAt, session.endsAt) },
    { key: key('venue'), value: session.venue },
  ]
  return (
    <Layout
      ctx={ctx}
      title={session.topic}
      hasErrors={errors ? hasErrors(errors) : false}
      breadcrumbs={[{ href: PUBLIC_PATH, text: t('dialogues.pages.list.title') }]}
      alternates={[{ href: sessionIcsHref(session.id), type: 'text/calendar', title: key('ics') }]}
      {...discoveryTags(ctx, { path: `${PUBLIC_PATH}/${session.id}`, title: session.topic, description: session.description ?? `${session.unitName} · ${formatSpan(t, session.startsAt, session.endsAt)}` })}
    >
      {errors ? <ErrorSummary ctx={ctx} errors={errors} order={QUESTION_FIELD_ORDER} /> : ''}
      <span class="caption" safe>
        {session.unitName}
      </span>
      <h1 class="heading-l" safe>
        {session.topic}
      </h1>
      <p class="lead">
        <StatusTag tone={sessionTone(session.status)} text={t(`dialogues.status.${session.status}`)} />
      </p>
      {session.status === 'cancelled' ? (
        <Notice ctx={ctx} kind="warning" title={key('cancelledTitle')}>
          <p safe>{session.cancelReason ?? key('cancelledNoReason')}</p>
        </Notice>
      ) : (
        ''
      )}
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {key('hosts')}
      </h2>
      {session.hosts.length === 0 ? (
        <p safe>{t('dialogues.pages.none')}</p>
      ) : (
        <ul class="list">
          {session.hosts.map((h) => (
            <li>
              <strong safe>{h.fullName}</strong>
              <span safe>{` – ${h.roleLabel}`}</span>
            </li>
          ))}
        </ul>
      )}
      {session.description ? (
        <>
          <h2 class="heading-m" safe>
            {key('description')}
          </h2>
          <p class="prose" safe>
            {session.description}
          </p>
        </>
      ) : (
        ''
      )}
      <ul class="list">
        {session.livestreamUrl && !isAfter && session.status !== 'cancelled' ? (
          <li>
            <a href={session.livestreamUrl} rel="noopener" safe>
              {key('livestreamLink')}
            </a>
          </li>
        ) : (
          ''
        )}
        {session.status !== 'cancelled' ? (
          <li>
            <a href={sessionIcsHref(session.id)} type="text/calendar" safe>
              {key('ics')}
            </a>
          </li>
        ) : (
          ''
        )}
        {hasPublicMinutes(session.status) ? (
          <li>
            <a href={minutesHref(session.id)} safe>
              {key('minutesLink')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      {form ? <QuestionForm ctx={ctx} sessionId={session.id} values={form.values} errors={form.errors} challenge={form.challenge} /> : ''}
      {isOpen && !form ? <p class="inset" safe>{key('questionsClosed')}</p> : ''}
      {session.status === 'planned' ? <p class="inset" safe>{key('notOpenYet')}</p> : ''}
      <h2 class="heading-m" id="cau-hoi" safe>
        {isAfter ? key('questionsAfter') : key('questions')}
      </h2>
      {isOpen ? <p class="body-secondary" safe>{key('moderationNote')}</p> : ''}
      {session.questions.length === 0 ? (
        <p safe>{key('noQuestions')}</p>
      ) : (
        <ol class="feedback-list">
          {session.questions.map((question, index) => (
            <QuestionItem ctx={ctx} sessionId={session.id} number={index + 1} question={question} isAfter={isAfter} />
          ))}
        </ol>
      )}
      {isAfter ? (
        <>
          <h2 class="heading-m" id="cam-ket" safe>
            {key('commitments')}
          </h2>
          <p class="body-secondary" safe>
            {key('commitmentsLead')}
          </p>
          <CommitmentList ctx={ctx} commitments={session.commitments} numberOf={numberOf} />
        </>
      ) : (
        ''
      )}
      <p>
        <ButtonLink href={PUBLIC_PATH} text={t('dialogues.pages.list.back')} variant="secondary" />
      </p>
    </Layout>
  )
}

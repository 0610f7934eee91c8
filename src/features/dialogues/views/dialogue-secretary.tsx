/**
 * The secretary's page of a session (/admin/doi-thoai/:id/thu-ky), made for a phone held in one
 * hand in a meeting hall: one column, jump links to each part, big buttons. The secretary records
 * questions raised from the floor, the answer given to any question, the commitments (which unit,
 * who, what, by when — each becomes a tracked item in the feedback module), and finally marks the
 * session held with the attendance and a summary. Each form keeps what was typed when it fails.
 */
import { Button, CsrfInput, DateField, ErrorSummary, fieldError, SelectField, StatusTag, TextareaField, TextField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors, NO_ERRORS } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { formatSpan, questionTone, secretaryHref, sessionTone, staffSessionHref } from './dialogue-format.ts'
import type { StaffQuestion, StaffSession } from './dialogue-model.ts'
import { askerLine, CommitmentList, TrackedStatus } from './dialogue-public.tsx'
import type { FailedForm } from './dialogue-staff.tsx'
import { staffCrumbs } from './dialogue-staff.tsx'

/** The fields of each of the secretary's forms (posted as `<form>.<field>`, the service's names). */
export const SECRETARY_FIELDS = {
  floor: ['askerName', 'residentialArea', 'text', 'answer', 'answeredBy'],
  commitment: ['questionId', 'responsibleUnitCode', 'responsible', 'content', 'dueAt'],
  minutes: ['participants', 'attendance', 'summary'],
} as const

/** The posted name of a secretary form's field. */
export function secretaryFieldName(form: string, field: string): string {
  return `${form}.${field}`
}

/** The name of the answer form of one question. */
export function answerFormName(questionId: number): string {
  return `a${questionId}`
}

/** Props of the secretary's page. */
export interface SecretaryPageProps {
  readonly ctx: PageContext
  readonly session: StaffSession
  /** Units a commitment may fall to. */
  readonly units: readonly Choice[]
  /** The due date the commitment form proposes (YYYY-MM-DD). */
  readonly defaultDueDate: string
  readonly failed: FailedForm | null
}

/** One question with its answer form. */
function AnswerItem(props: { ctx: PageContext; session: StaffSession; question: StaffQuestion; number: number; failed: FailedForm | null; canAnswer: boolean }): JSX.Element {
  const { ctx, question } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.secretary.${name}`)
  const form = answerFormName(question.id)
  const isFailed = props.failed?.form === form
  const values: Record<string, string | undefined> = isFailed && props.failed ? Object.fromEntries(Object.entries(props.failed.values).map(([n, v]) => [n.slice(form.length + 1), v])) : {}
  const errors = isFailed && props.failed ? props.failed.errors : NO_ERRORS
  const name = (field: string) => secretaryFieldName(form, field)
  return (
    <li class="feedback-item" id={`cau-hoi-${question.id}`}>
      <h3 class="heading-s">
        <span safe>{t('dialogues.pages.questions.number', { number: props.number })}</span>{' '}
        <StatusTag tone={questionTone(question.status)} text={t(`dialogues.questionStatus.${question.status}`)} />
      </h3>
      <p class="body-secondary" safe>
        {askerLine(ctx, question)}
      </p>
      <p class="prose" safe>
        {question.text}
      </p>
      {question.preparedAnswer ? (
        <div class="inset">
          <p>
            <strong safe>{t('dialogues.pages.moderate.preparedAnswer')}</strong>
            {question.assignedUnitName ? <span safe>{` (${question.assignedUnitName})`}</span> : ''}
          </p>
          <p class="prose" safe>
            {question.preparedAnswer}
          </p>
        </div>
      ) : (
        ''
      )}
      {question.tracked ? (
        <p>
          <span safe>{`${t('dialogues.pages.questions.followUp')} `}</span>
          <TrackedStatus ctx={ctx} tracked={question.tracked} isStaff />
        </p>
      ) : (
        ''
      )}
      {props.canAnswer ? (
        <details class="inset" id={`${form}-form`} open={isFailed || !question.answer}>
          <summary>
            <strong safe>{question.answer ? key('editAnswer') : key('recordAnswer')}</strong>
          </summary>
          <form class="form" method="post" action={`${secretaryHref(props.session.id)}/tra-loi/${question.id}`} novalidate>
            <CsrfInput ctx={ctx} />
            <TextareaField
              ctx={ctx}
              name={name('answer')}
              label={key('answer')}
              hint={key('answerHint')}
              value={values.answer ?? question.answer ?? ''}
              error={fieldError(ctx, errors, name('answer'))}
              rows={5}
              maxlength={5000}
            />
            <TextField
              ctx={ctx}
              name={name('answeredBy')}
              label={key('answeredBy')}
              hint={key('answeredByHint')}
              value={values.answeredBy ?? question.answeredBy ?? ''}
              error={fieldError(ctx, errors, name('answeredBy'))}
              maxlength={200}
            />
            <Button text={key('saveAnswer')} hiddenText={t('dialogues.pages.moderate.which', { number: props.number })} />
          </form>
        </details>
      ) : question.answer ? (
        <div class="answer">
          <p>
            <strong safe>{question.answeredBy ? t('dialogues.pages.questions.answerBy', { who: question.answeredBy }) : t('dialogues.pages.questions.answer')}</strong>
          </p>
          <p class="prose" safe>
            {question.answer}
          </p>
        </div>
      ) : (
        ''
      )}
    </li>
  )
}

/** The secretary's page. */
export function SecretaryPage(props: SecretaryPageProps): JSX.Element {
  const { ctx, session, failed } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.secretary.${name}`)
  const errors = failed?.errors ?? NO_ERRORS
  const canRecord = session.can.record
  const canHold = session.actions.includes('mark_held')
  const canEditMinutes = session.can.editMinutes
  const numberOf = new Map(session.questions.map((q, i) => [q.id, i + 1]))
  // Questions the meeting may take up: not hidden by a moderator, not merged into another.
  const open = session.questions.filter((q) => q.status !== 'hidden' && q.status !== 'merged' && q.status !== 'pending')
  // Questions no moderator has looked at yet: they must be published or hidden before the session is marked held.
  const pending = session.questions.filter((q) => q.status === 'pending').length
  // What was typed into a form that failed, by field (posted as `<form>.<field>`).
  const valuesOf = (form: string): Record<string, string | undefined> =>
    failed?.form === form ? Object.fromEntries(Object.entries(failed.values).map(([name, value]) => [name.slice(form.length + 1), value])) : {}
  const errorsOf = (form: string) => (failed?.form === form ? failed.errors : NO_ERRORS)
  const floor = valuesOf('floor')
  const commitment = valuesOf('commitment')
  const minutes = valuesOf('minutes')
  const err = (form: string, field: string) => fieldError(ctx, errorsOf(form), secretaryFieldName(form, field))
  return (
    <Layout ctx={ctx} title={t('dialogues.pages.secretary.title', { topic: session.topic })} hasErrors={hasErrors(errors)} breadcrumbs={staffCrumbs(ctx, { href: staffSessionHref(session.id), text: session.topic })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption" safe>
        {`${session.unitName} · ${formatSpan(t, session.startsAt, session.endsAt)}`}
      </span>
      <h1 class="heading-l" safe>
        {t('dialogues.pages.secretary.title', { topic: session.topic })}
      </h1>
      <p class="lead">
        <StatusTag tone={sessionTone(session.status)} text={t(`dialogues.status.${session.status}`)} />
      </p>
      {canRecord ? '' : <p class="inset" safe>{key('closedForRecording')}</p>}
      <nav aria-label={key('jumpLabel')}>
        <ul class="list">
          {canRecord ? (
            <li>
              <a href="#ghi-cau-hoi" safe>
                {key('floorTitle')}
              </a>
            </li>
          ) : (
            ''
          )}
          <li>
            <a href="#tra-loi" safe>
              {key('answersTitle')}
            </a>
          </li>
          <li>
            <a href="#cam-ket" safe>
              {key('commitmentsTitle')}
            </a>
          </li>
          {canHold || canEditMinutes ? (
            <li>
              <a href="#ket-thuc" safe>
                {canHold ? key('heldTitle') : key('minutesTitle')}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </nav>

      {canRecord ? (
        <section aria-labelledby="ghi-cau-hoi">
          <h2 class="heading-m" id="ghi-cau-hoi" safe>
            {key('floorTitle')}
          </h2>
          <form class="form" method="post" action={`${secretaryHref(session.id)}/cau-hoi`} novalidate>
            <CsrfInput ctx={ctx} />
            <TextField ctx={ctx} name="floor.askerName" label={key('askerName')} hint={key('askerNameHint')} value={floor.askerName ?? ''} error={err('floor', 'askerName')} maxlength={120} isOptional />
            <TextField ctx={ctx} name="floor.residentialArea" label={key('residentialArea')} value={floor.residentialArea ?? ''} error={err('floor', 'residentialArea')} maxlength={200} isOptional />
            <TextareaField ctx={ctx} name="floor.text" label={key('questionText')} value={floor.text ?? ''} error={err('floor', 'text')} rows={4} maxlength={3000} />
            <TextareaField ctx={ctx} name="floor.answer" label={key('answer')} hint={key('floorAnswerHint')} value={floor.answer ?? ''} error={err('floor', 'answer')} rows={4} maxlength={5000} isOptional />
            <TextField ctx={ctx} name="floor.answeredBy" label={key('answeredBy')} hint={key('answeredByHint')} value={floor.answeredBy ?? ''} error={err('floor', 'answeredBy')} maxlength={200} isOptional />
            <Button text={key('floorSubmit')} />
          </form>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="tra-loi">
        <h2 class="heading-m" id="tra-loi" safe>
          {key('answersTitle')}
        </h2>
        {pending > 0 ? (
          <p class="inset">
            <span safe>{t('dialogues.pages.secretary.pendingNote', { n: pending })}</span>{' '}
            <a href={`${staffSessionHref(session.id)}#kiem-duyet`} safe>
              {key('pendingLink')}
            </a>
          </p>
        ) : (
          ''
        )}
        {open.length === 0 ? (
          <p safe>{key('noQuestions')}</p>
        ) : (
          <ol class="feedback-list">
            {open.map((q) => (
              <AnswerItem ctx={ctx} session={session} question={q} number={numberOf.get(q.id) ?? 0} failed={failed} canAnswer={q.actions.includes('answer')} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="cam-ket">
        <h2 class="heading-m" id="cam-ket" safe>
          {key('commitmentsTitle')}
        </h2>
        <p safe>{key('commitmentsLead')}</p>
        <CommitmentList ctx={ctx} commitments={session.commitments} numberOf={numberOf} isStaff />
        {canRecord ? (
          <form class="form" method="post" action={`${secretaryHref(session.id)}/cam-ket`} novalidate>
            <CsrfInput ctx={ctx} />
            <h3 class="heading-s" safe>
              {key('commitmentAdd')}
            </h3>
            <SelectField
              ctx={ctx}
              name="commitment.questionId"
              label={key('commitmentQuestion')}
              value={commitment.questionId ?? ''}
              error={err('commitment', 'questionId')}
              placeholder={key('noQuestion')}
              choices={open.map((q) => ({ value: String(q.id), label: `${t('dialogues.pages.questions.number', { number: numberOf.get(q.id) ?? 0 })} – ${q.text.slice(0, 60)}` }))}
              isOptional
            />
            <SelectField
              ctx={ctx}
              name="commitment.responsibleUnitCode"
              label={key('commitmentUnit')}
              hint={key('commitmentUnitHint')}
              value={commitment.responsibleUnitCode ?? ''}
              error={err('commitment', 'responsibleUnitCode')}
              placeholder={key('chooseUnit')}
              choices={props.units}
            />
            <TextField ctx={ctx} name="commitment.responsible" label={key('commitmentWho')} hint={key('commitmentWhoHint')} value={commitment.responsible ?? ''} error={err('commitment', 'responsible')} maxlength={200} />
            <TextareaField ctx={ctx} name="commitment.content" label={key('commitmentWhat')} hint={key('commitmentWhatHint')} value={commitment.content ?? ''} error={err('commitment', 'content')} rows={4} maxlength={3000} />
            <DateField ctx={ctx} name="commitment.dueAt" label={key('commitmentDue')} hint={key('commitmentDueHint')} value={commitment.dueAt ?? props.defaultDueDate} error={err('commitment', 'dueAt')} />
            <Button text={key('commitmentSubmit')} />
          </form>
        ) : (
          ''
        )}
      </section>

      {canHold || canEditMinutes ? (
        <section aria-labelledby="ket-thuc">
          <h2 class="heading-m" id="ket-thuc" safe>
            {canHold ? key('heldTitle') : key('minutesTitle')}
          </h2>
          <p safe>{canHold ? key('heldLead') : key('minutesLead')}</p>
          <form class="form" method="post" action={`${secretaryHref(session.id)}/ket-thuc`} novalidate>
            <CsrfInput ctx={ctx} />
            {canHold ? <input type="hidden" name="markHeld" value="yes" /> : ''}
            <TextareaField
              ctx={ctx}
              name="minutes.participants"
              label={key('participants')}
              hint={key('participantsHint')}
              value={minutes.participants ?? session.participants ?? ''}
              error={err('minutes', 'participants')}
              rows={3}
              maxlength={5000}
            />
            <TextField
              ctx={ctx}
              name="minutes.attendance"
              label={key('attendance')}
              hint={key('attendanceHint')}
              value={minutes.attendance ?? (session.attendance !== null ? String(session.attendance) : '')}
              error={err('minutes', 'attendance')}
              width="short"
              inputmode="numeric"
              maxlength={6}
              isOptional
            />
            <TextareaField ctx={ctx} name="minutes.summary" label={key('summary')} hint={key('summaryHint')} value={minutes.summary ?? session.summary ?? ''} error={err('minutes', 'summary')} rows={5} maxlength={20000} isOptional />
            <Button text={canHold ? key('heldSubmit') : key('minutesSubmit')} />
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}

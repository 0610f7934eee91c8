/**
 * The minutes (biên bản) of a dialogue session as a printable page, filled from the record: who
 * chaired and who attended, when and where, every question (sent beforehand or raised from the
 * floor) with its answer, and every commitment with who will do what by when. On screen the sheet
 * sits in the site's layout; print.css prints the sheet alone on A4. Our own layout and wording.
 */
import { Notice } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import { committeeName, placeName } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import { documentDateLine, formatDay, formatShort, formatSpan, PUBLIC_PATH, sessionHref, staffSessionHref } from './dialogue-format.ts'
import type { Minutes, MinutesQuestion } from './dialogue-model.ts'
import { askerLine } from './dialogue-public.tsx'

/** "Label: value" on one line of the document, skipped when there is no value. */
function Line(props: { label: string; value: string | null | undefined }): JSX.Element {
  if (!props.value) return ''
  return (
    <p class="sheet-line">
      <span safe>{`${props.label}: `}</span>
      <strong safe>{props.value}</strong>
    </p>
  )
}

/** One question and its answer, as the minutes record them. */
function QuestionEntry(props: { ctx: PageContext; number: number; question: MinutesQuestion }): JSX.Element {
  const { ctx, question } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.minutes.${name}`)
  return (
    <li class="sheet-requested">
      <p>
        <strong safe>{t('dialogues.pages.questions.number', { number: props.number })}</strong>
        <span safe>{` (${askerLine(ctx, question)}; ${question.source === 'floor' ? key('fromFloor') : key('beforehand')}): `}</span>
        <span safe>{question.text}</span>
      </p>
      {question.answer ? (
        <p class="sheet-reason">
          <strong safe>{question.answeredBy ? t('dialogues.pages.questions.answerBy', { who: question.answeredBy }) : t('dialogues.pages.questions.answer')}</strong>
          <span safe>{`: ${question.answer}`}</span>
        </p>
      ) : (
        <p class="sheet-reason" safe>
          {key('notAnswered')}
        </p>
      )}
    </li>
  )
}

/** The minutes sheet. */
function MinutesSheet(props: { ctx: PageContext; minutes: Minutes }): JSX.Element {
  const { ctx, minutes } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.minutes.${name}`)
  const committee = committeeName({ name: minutes.unitName, nameEn: null }, ctx.locale, t).toLocaleUpperCase(ctx.locale)
  const numberOf = new Map(minutes.questions.map((q, i) => [q.id, i + 1]))
  const before = minutes.questions.filter((q) => q.source !== 'floor').length
  const chair = minutes.hosts[0] ?? null
  return (
    <article class="sheet" aria-label={key('title')}>
      <div class="sheet-head">
        <div class="sheet-issuer">
          <p class="sheet-strong sheet-underlined" safe>
            {committee}
          </p>
        </div>
        <div class="sheet-nation">
          <p class="sheet-strong" safe>
            {key('nation')}
          </p>
          <p class="sheet-strong sheet-underlined" safe>
            {key('motto')}
          </p>
          <p class="sheet-date" safe>
            {documentDateLine(t, placeName(minutes.unitName), minutes.startsAt)}
          </p>
        </div>
      </div>
      <h1 class="sheet-title" safe>
        {key('title')}
      </h1>
      <p class="sheet-subtitle" safe>
        {t('dialogues.pages.minutes.topicLine', { topic: minutes.topic })}
      </p>

      <h2 class="sheet-section" safe>
        {key('partTime')}
      </h2>
      <Line label={key('when')} value={formatSpan(t, minutes.startsAt, minutes.endsAt)} />
      <Line label={key('venue')} value={minutes.venue} />

      <h2 class="sheet-section" safe>
        {key('partPeople')}
      </h2>
      {minutes.hosts.length === 0 ? (
        <Line label={key('hosts')} value={t('dialogues.pages.none')} />
      ) : (
        <>
          <p safe>{`${key('hosts')}:`}</p>
          <ul class="sheet-points">
            {minutes.hosts.map((h) => (
              <li safe>{`${h.fullName} – ${h.roleLabel}`}</li>
            ))}
          </ul>
        </>
      )}
      <Line label={key('secretary')} value={minutes.secretaryName} />
      <Line label={key('participants')} value={minutes.participants} />
      <Line label={key('attendance')} value={minutes.attendance !== null ? t('dialogues.pages.minutes.attendanceCount', { n: minutes.attendance }) : null} />

      <h2 class="sheet-section" safe>
        {key('partQuestions')}
      </h2>
      <p safe>{t('dialogues.pages.minutes.questionCounts', { total: minutes.questions.length, before, floor: minutes.questions.length - before })}</p>
      {minutes.questions.length === 0 ? (
        <p safe>{key('noQuestions')}</p>
      ) : (
        <ol class="sheet-points list--plain">
          {minutes.questions.map((q, i) => (
            <QuestionEntry ctx={ctx} number={i + 1} question={q} />
          ))}
        </ol>
      )}

      <h2 class="sheet-section" safe>
        {key('partCommitments')}
      </h2>
      {minutes.commitments.length === 0 ? (
        <p safe>{key('noCommitments')}</p>
      ) : (
        <table class="sheet-table">
          <caption class="visually-hidden" safe>
            {key('partCommitments')}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="sheet-number" safe>
                {key('number')}
              </th>
              <th scope="col" safe>
                {key('commitment')}
              </th>
              <th scope="col" safe>
                {key('responsible')}
              </th>
              <th scope="col" safe>
                {key('dueAt')}
              </th>
            </tr>
          </thead>
          <tbody>
            {minutes.commitments.map((c, i) => (
              <tr>
                <td class="sheet-number" safe>
                  {String(i + 1)}
                </td>
                <td>
                  <span safe>{c.content}</span>
                  {c.questionId !== null && numberOf.has(c.questionId) ? (
                    <span class="sheet-block sheet-hint" safe>
                      {t('dialogues.pages.minutes.forQuestion', { number: numberOf.get(c.questionId) ?? 0 })}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td safe>{`${c.responsible} – ${c.responsibleUnitName}`}</td>
                <td class="sheet-nowrap" safe>
                  {formatDay(c.dueAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {minutes.summary ? (
        <>
          <h2 class="sheet-section" safe>
            {key('partSummary')}
          </h2>
          <p class="prose" safe>
            {minutes.summary}
          </p>
        </>
      ) : (
        ''
      )}
      <p safe>{minutes.endsAt ? t('dialogues.pages.minutes.closedAt', { at: formatShort(minutes.endsAt) }) : key('closedNoTime')}</p>

      <div class="sheet-signatures">
        <div class="sheet-signature">
          <p class="sheet-strong" safe>
            {key('secretarySign')}
          </p>
          <p class="sheet-hint" safe>
            {key('signHint')}
          </p>
          <p class="sheet-signed-name" safe>
            {minutes.secretaryName ?? ''}
          </p>
        </div>
        <div class="sheet-signature">
          <p class="sheet-strong" safe>
            {key('chairSign')}
          </p>
          <p class="sheet-hint" safe>
            {key('signHint')}
          </p>
          <p class="sheet-signed-name" safe>
            {chair?.fullName ?? ''}
          </p>
        </div>
      </div>
    </article>
  )
}

/** The minutes page: the public one once published, or the organisers' draft before. */
export function MinutesPage(props: { ctx: PageContext; minutes: Minutes }): JSX.Element {
  const { ctx, minutes } = props
  const t = ctx.t
  const key = (name: string) => t(`dialogues.pages.minutes.${name}`)
  const title = t('dialogues.pages.minutes.pageTitle', { topic: minutes.topic })
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: PUBLIC_PATH, text: t('dialogues.pages.list.title') },
        { href: sessionHref(minutes.id), text: minutes.topic },
      ]}
    >
      {/* A stylesheet link may sit in the body, so every page keeps the one shared layout. */}
      <link rel="stylesheet" href="/assets/css/print.css" />
      <div class="print-toolbar">
        <p class="print-hint" safe>
          {key('printHint')}
        </p>
        <p>
          <a href={minutes.isPublished ? sessionHref(minutes.id) : staffSessionHref(minutes.id)} safe>
            {key('back')}
          </a>
        </p>
      </div>
      {minutes.isPublished ? (
        minutes.publishedAt ? (
          <p class="body-secondary print-controls" safe>
            {t('dialogues.pages.minutes.publishedOn', { date: formatDay(minutes.publishedAt) })}
          </p>
        ) : (
          ''
        )
      ) : (
        <Notice ctx={ctx} kind="warning" title={key('draftTitle')}>
          <p safe>{key('draftBody')}</p>
        </Notice>
      )}
      <MinutesSheet ctx={ctx} minutes={minutes} />
    </Layout>
  )
}

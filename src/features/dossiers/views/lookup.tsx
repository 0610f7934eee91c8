/** The public lookup page (tra cứu hồ sơ): a form for the code and PIN, and what a resident may see. */
import { Button, CsrfInput, ErrorSummary, fieldError, StatusTag, SummaryList, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import type { PublicDossier } from '../dossier.service.ts'
import { formatLong, formatLongOrNone, statusTone, timingTag } from './format.ts'

/** What the lookup form holds. */
export interface LookupValues {
  readonly code: string
  readonly pin: string
}

/** A looked-up dossier as the public sees it (under the page's heading): status, dates, progress, the masked name. */
function LookupResult(props: { ctx: PageContext; dossier: PublicDossier }): JSX.Element {
  const { ctx, dossier } = props
  const t = ctx.t
  const timing = timingTag(t, dossier)
  const rows = [
    { key: t('dossiers.pages.lookup.procedure'), value: `${dossier.procedureName} (${dossier.procedureCode})` },
    { key: t('dossiers.pages.lookup.unit'), value: dossier.unitName },
    { key: t('dossiers.pages.lookup.applicant'), value: dossier.applicantName },
    { key: t('dossiers.pages.lookup.receivedAt'), value: formatLongOrNone(t, dossier.receivedAt) },
    { key: t('dossiers.pages.lookup.dueAt'), value: formatLongOrNone(t, dossier.dueAt) },
    ...(dossier.resultReadyAt ? [{ key: t('dossiers.pages.lookup.resultReadyAt'), value: formatLong(t, dossier.resultReadyAt) }] : []),
    ...(dossier.finishedAt ? [{ key: t('dossiers.pages.lookup.finishedAt'), value: formatLong(t, dossier.finishedAt) }] : []),
  ]
  return (
    <>
      <p class="lead">
        <span class="visually-hidden" safe>
          {`${t('dossiers.pages.lookup.status')}: `}
        </span>
        <StatusTag tone={statusTone(dossier.status)} text={t(`dossiers.status.${dossier.status}`)} />
        {timing ? (
          <>
            {' '}
            <span class="visually-hidden" safe>
              {`${t('dossiers.pages.lookup.timing')}: `}
            </span>
            <StatusTag tone={timing.tone} text={timing.text} />
          </>
        ) : (
          ''
        )}
      </p>
      <SummaryList rows={rows} />
      <h2 class="heading-m" safe>
        {t('dossiers.pages.lookup.timeline')}
      </h2>
      <ol class="list">
        {dossier.timeline.map((event) => (
          <li>
            <strong safe>{formatLong(t, event.at)}</strong>
            {': '}
            <span safe>{t(`dossiers.action.${event.action}`)}</span>
          </li>
        ))}
      </ol>
      <p class="body-secondary" safe>
        {t('dossiers.pages.lookup.privacy')}
      </p>
    </>
  )
}

/** Props of the lookup page. */
export interface LookupPageProps {
  readonly ctx: PageContext
  readonly values: LookupValues
  readonly errors: FormErrors
  readonly result: PublicDossier | null
}

/** The lookup page: the form, then the dossier when code and PIN matched. */
export function LookupPage(props: LookupPageProps): JSX.Element {
  const { ctx, errors, values } = props
  const t = ctx.t
  return (
    <Layout ctx={ctx} title={t('dossiers.pages.lookup.title')} hasErrors={hasErrors(errors)}>
      <div class="grid grid--two-thirds">
        <div>
          <ErrorSummary ctx={ctx} errors={errors} order={['code', 'pin']} />
          {props.result ? (
            <>
              <span class="caption" safe>
                {t('dossiers.pages.lookup.title')}
              </span>
              <h1 class="heading-l" safe>
                {t('dossiers.pages.lookup.resultTitle', { code: props.result.code })}
              </h1>
              <LookupResult ctx={ctx} dossier={props.result} />
              {['returned', 'refused', 'stopped'].includes(props.result.status) ? (
                // The applicant's evaluation (ratings feature): code and PIN go by POST, never in an address.
                <section aria-labelledby="evaluation-title">
                  <h2 class="heading-m" id="evaluation-title" safe>
                    {t('ratings.pages.evaluation.lookup.title')}
                  </h2>
                  <p safe>{t('ratings.pages.evaluation.lookup.body')}</p>
                  <form class="inline-form" method="post" action="/tra-cuu/danh-gia/bat-dau">
                    <CsrfInput ctx={ctx} />
                    <input type="hidden" name="code" value={props.result.code} />
                    <input type="hidden" name="pin" value={values.pin} />
                    <Button text={t('ratings.pages.evaluation.lookup.button')} />
                  </form>
                </section>
              ) : (
                ''
              )}
              <h2 class="heading-m" safe>
                {t('dossiers.pages.lookup.another')}
              </h2>
            </>
          ) : (
            <>
              <h1 class="heading-l" safe>
                {t('dossiers.pages.lookup.title')}
              </h1>
              <p class="lead" safe>
                {t('dossiers.pages.lookup.lead')}
              </p>
            </>
          )}
          {/* POST keeps the PIN out of addresses, histories and server logs; GET with both also works (links). */}
          <form class="form" method="post" action="/tra-cuu" novalidate>
            <CsrfInput ctx={ctx} />
            <TextField
              ctx={ctx}
              name="code"
              label={t('dossiers.pages.lookup.code')}
              hint={t('dossiers.pages.lookup.codeHint')}
              value={values.code}
              error={fieldError(ctx, errors, 'code')}
              autocomplete="off"
              width="medium"
              maxlength={60}
              isSpellcheckOff
            />
            <TextField
              ctx={ctx}
              name="pin"
              label={t('dossiers.pages.lookup.pin')}
              hint={t('dossiers.pages.lookup.pinHint')}
              value={props.result ? '' : values.pin}
              error={fieldError(ctx, errors, 'pin')}
              autocomplete="off"
              inputmode="numeric"
              width="short"
              maxlength={6}
              isSpellcheckOff
            />
            <Button text={t('dossiers.pages.lookup.submit')} />
          </form>
        </div>
      </div>
    </Layout>
  )
}

/**
 * The statutory forms of the one-stop desk as printable pages, filled from the record: our own
 * layout and wording, following the content of the forms of Circular 01/2018/TT-VPCP —
 * 01 receipt and appointment slip (with the lookup QR code), 02 request to complete the dossier,
 * 03 refusal slip, 04 apology with a new date, 05 processing control sheet, 06 dossier register.
 * On screen each sheet sits in the site's layout; print.css prints the sheet alone on A4.
 */
import type { PropsWithChildren } from '@kitajs/html'
import type { Crumb } from '../../../views/components.tsx'
import { Layout } from '../../../views/layout.tsx'
import { committeeName, placeName } from '../../../views/page.ts'
import type { PageContext } from '../../../views/page.ts'
import type { DossierEvent, DossierRecord } from '../dossier.repository.ts'
import type { Dossier } from '../dossier.service.ts'
import { deskCrumbs } from './desk-home.tsx'
import { documentDateLine, documentFormText, feeText, formatDay, formatLong, formatShort, timeLimitText } from './format.ts'
import { dossierTitle } from './dossier.tsx'
import { dossierHref } from './list.tsx'

/** The name of a unit's People's Committee, in capitals for a document's heading. */
function committeeOf(ctx: PageContext, unitName: string): string {
  return committeeName({ name: unitName, nameEn: null }, ctx.locale, ctx.t)
}

/** A sheet of paper holding one form. */
export function Sheet(props: PropsWithChildren<{ label: string; isLandscape?: boolean }>): JSX.Element {
  return (
    <article class={['sheet', props.isLandscape ? 'sheet--landscape' : '']} aria-label={props.label}>
      {props.children}
    </article>
  )
}

/**
 * A printable page: the site's layout and a short toolbar (neither printed), then the children (a
 * Sheet). `crumbs` continue the trail after the desk's home; `back` is the toolbar's way back.
 */
export function PrintPage(props: PropsWithChildren<{ ctx: PageContext; title: string; crumbs: readonly Crumb[]; back: Crumb; hasErrors?: boolean }>): JSX.Element {
  const { ctx } = props
  return (
    <Layout ctx={ctx} title={props.title} hasErrors={props.hasErrors ?? false} breadcrumbs={deskCrumbs(ctx, ...props.crumbs)}>
      {/* A stylesheet link may sit in the body, so every page keeps the one shared layout. */}
      <link rel="stylesheet" href="/assets/css/print.css" />
      <div class="print-toolbar">
        <p class="print-hint" safe>
          {ctx.t('dossiers.pages.print.hint')}
        </p>
        <p>
          <a href={props.back.href} safe>
            {props.back.text}
          </a>
        </p>
      </div>
      {props.children}
    </Layout>
  )
}

/** The heading block of a document: the issuer on the left, the national motto and the date on the right. */
function SheetHead(props: { ctx: PageContext; unitName: string; at: Date; formNumber: string; isCommittee?: boolean }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const committee = committeeOf(ctx, props.unitName).toLocaleUpperCase(ctx.locale)
  return (
    <>
      <p class="sheet-form-number" safe>
        {t('dossiers.pages.sheet.formNumber', { number: props.formNumber })}
      </p>
      <div class="sheet-head">
        <div class="sheet-issuer">
          {props.isCommittee ? (
            <p class="sheet-strong sheet-underlined" safe>
              {committee}
            </p>
          ) : (
            <>
              <p safe>{committee}</p>
              <p class="sheet-strong sheet-underlined" safe>
                {t('dossiers.pages.sheet.desk')}
              </p>
            </>
          )}
        </div>
        <div class="sheet-nation">
          <p class="sheet-strong" safe>
            {t('dossiers.pages.sheet.nation')}
          </p>
          <p class="sheet-strong sheet-underlined" safe>
            {t('dossiers.pages.sheet.motto')}
          </p>
          <p class="sheet-date" safe>
            {documentDateLine(t, placeName(props.unitName), props.at)}
          </p>
        </div>
      </div>
    </>
  )
}

/** The title of a document and, under it, the dossier's code. */
function SheetTitle(props: { ctx: PageContext; text: string; code: string | null }): JSX.Element {
  return (
    <>
      <h1 class="sheet-title" safe>
        {props.text}
      </h1>
      {props.code ? (
        <p class="sheet-subtitle" safe>
          {props.ctx.t('dossiers.pages.sheet.codeLine', { code: props.code })}
        </p>
      ) : (
        ''
      )}
    </>
  )
}

/** "Label: value" on one line of a document, skipped when there is no value. */
function Line(props: { label: string; value: string | null | undefined }): JSX.Element {
  if (!props.value) return ''
  return (
    <p class="sheet-line">
      <span safe>{`${props.label}: `}</span>
      <strong safe>{props.value}</strong>
    </p>
  )
}

/** Who the dossier belongs to and what it asks for. */
function ApplicantLines(props: { ctx: PageContext; dossier: DossierRecord }): JSX.Element {
  const t = props.ctx.t
  const { applicant } = props.dossier
  return (
    <>
      <Line label={t('dossiers.pages.sheet.applicant')} value={applicant.fullName} />
      <Line label={t('dossiers.pages.sheet.idNumber')} value={applicant.idNumber} />
      <Line label={t('dossiers.pages.sheet.address')} value={applicant.address} />
      <Line label={t('dossiers.pages.sheet.phone')} value={applicant.phone} />
      <Line label={t('dossiers.pages.sheet.email')} value={applicant.email} />
      <Line
        label={t('dossiers.pages.sheet.request')}
        value={`${props.dossier.procedureName} (${t('dossiers.pages.sheet.procedureCode', { code: props.dossier.procedureCode })})`}
      />
    </>
  )
}

/** Signature blocks: a title, "(sign and write your name)", space, and the name when known. */
function Signatures(props: { ctx: PageContext; blocks: readonly { title: string; name: string | null; isSealed?: boolean }[] }): JSX.Element {
  const t = props.ctx.t
  return (
    <div class={['sheet-signatures', props.blocks.length === 1 ? 'sheet-signatures--one' : '']}>
      {props.blocks.map((block) => (
        <div class="sheet-signature">
          <p class="sheet-strong" safe>
            {block.title}
          </p>
          <p class="sheet-hint" safe>
            {t(block.isSealed ? 'dossiers.pages.sheet.signSealHint' : 'dossiers.pages.sheet.signHint')}
          </p>
          <p class="sheet-signed-name" safe>
            {block.name ?? ''}
          </p>
        </div>
      ))}
    </div>
  )
}

/** Props of the receipt. */
export interface ReceiptSheetProps {
  readonly ctx: PageContext
  readonly dossier: Dossier
  /** The QR code as SVG markup, generated by the qrcode package from the lookup address. */
  readonly qrSvg: string
  /** The lookup page's address printed beside the QR code. */
  readonly lookupUrl: string
}

/** Form 01: the receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
export function ReceiptSheet(props: ReceiptSheetProps): JSX.Element {
  const { ctx, dossier } = props
  const t = ctx.t
  const committee = committeeOf(ctx, dossier.unitName)
  const received = dossier.documents.filter((d) => d.isProvided)
  return (
    <>
      <SheetHead ctx={ctx} unitName={dossier.unitName} at={dossier.receivedAt ?? dossier.createdAt} formNumber="01" />
      <SheetTitle ctx={ctx} text={t('dossiers.pages.sheet.receipt.title')} code={dossier.code} />
      <p safe>{t('dossiers.pages.sheet.receipt.intro', { committee })}</p>
      <ApplicantLines ctx={ctx} dossier={dossier} />
      <ol class="sheet-points">
        <li>
          <span safe>{`${t('dossiers.pages.sheet.receipt.documents')}:`}</span>
          <table class="sheet-table">
            <thead>
              <tr>
                <th scope="col" class="sheet-number" safe>
                  {t('dossiers.pages.sheet.number')}
                </th>
                <th scope="col" safe>
                  {t('dossiers.pages.sheet.receipt.document')}
                </th>
                <th scope="col" safe>
                  {t('dossiers.pages.sheet.receipt.form')}
                </th>
              </tr>
            </thead>
            <tbody>
              {received.map((d, i) => (
                <tr>
                  <td class="sheet-number" safe>
                    {String(i + 1)}
                  </td>
                  <td safe>{d.name}</td>
                  <td safe>{documentFormText(t, d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
        <li safe>{t('dossiers.pages.sheet.receipt.sets')}</li>
        <li safe>{t('dossiers.pages.sheet.receipt.timeLimit', { limit: timeLimitText(t, dossier.procedure.timeLimit) })}</li>
        <li safe>{t('dossiers.pages.sheet.receipt.fee', { fee: feeText(t, dossier.procedure.feeVnd) })}</li>
        <li safe>{t('dossiers.pages.sheet.receipt.receivedAt', { at: dossier.receivedAt ? formatLong(t, dossier.receivedAt) : '' })}</li>
        <li>
          <strong safe>{t('dossiers.pages.sheet.receipt.dueAt', { at: dossier.originalDueAt ? formatLong(t, dossier.originalDueAt) : '' })}</strong>
        </li>
      </ol>
      <div class="sheet-lookup">
        <div class="sheet-qr" role="img" aria-label={t('dossiers.pages.sheet.receipt.qrLabel', { code: dossier.code ?? '' })}>
          {props.qrSvg as 'safe'}
        </div>
        <div class="sheet-lookup-text">
          <p class="sheet-strong" safe>
            {t('dossiers.pages.sheet.receipt.lookupTitle')}
          </p>
          <p class="sheet-code" safe>
            {t('dossiers.pages.sheet.codeLine', { code: dossier.code ?? '' })}
          </p>
          <p class="sheet-code" safe>
            {t('dossiers.pages.sheet.receipt.pin', { pin: dossier.pin ?? '' })}
          </p>
          <p safe>{t('dossiers.pages.sheet.receipt.lookupBody', { url: props.lookupUrl })}</p>
        </div>
      </div>
      <p class="sheet-hint" safe>
        {t('dossiers.pages.sheet.receipt.bring')}
      </p>
      <Signatures
        ctx={ctx}
        blocks={[
          { title: t('dossiers.pages.sheet.receipt.applicantSigns'), name: dossier.applicant.fullName },
          { title: t('dossiers.pages.sheet.receipt.officerSigns'), name: dossier.receivedByName },
        ]}
      />
    </>
  )
}

/** Form 02: the request to supplement or complete the dossier, listing exactly what is asked for. */
export function GuidanceSheet(props: { ctx: PageContext; dossier: Dossier; event: DossierEvent; documents: readonly string[] }): JSX.Element {
  const { ctx, dossier, event } = props
  const t = ctx.t
  const byName = new Map(dossier.documents.map((d) => [d.name, d]))
  return (
    <>
      <SheetHead ctx={ctx} unitName={dossier.unitName} at={event.at} formNumber="02" />
      <SheetTitle ctx={ctx} text={t('dossiers.pages.sheet.guidance.title')} code={dossier.code} />
      <p safe>{t('dossiers.pages.sheet.guidance.intro')}</p>
      <ApplicantLines ctx={ctx} dossier={dossier} />
      <p safe>{t('dossiers.pages.sheet.guidance.ask')}</p>
      <ol class="sheet-points sheet-requested">
        {props.documents.map((name) => {
          const document = byName.get(name)
          return (
            <li>
              <strong safe>{name}</strong>
              {document ? <span safe>{` (${documentFormText(t, document)})`}</span> : ''}
              {document?.note ? (
                <span class="sheet-hint sheet-block" safe>
                  {document.note}
                </span>
              ) : (
                ''
              )}
            </li>
          )
        })}
      </ol>
      {event.note ? <p safe>{t('dossiers.pages.sheet.guidance.note', { note: event.note })}</p> : ''}
      <p safe>{t('dossiers.pages.sheet.guidance.restart', { committee: committeeOf(ctx, dossier.unitName) })}</p>
      <Signatures ctx={ctx} blocks={[{ title: t('dossiers.pages.sheet.guidance.signs'), name: event.actorLabel }]} />
    </>
  )
}

/** Form 03: the refusal slip with the reason. */
export function RefusalSheet(props: { ctx: PageContext; dossier: Dossier; event: DossierEvent }): JSX.Element {
  const { ctx, dossier, event } = props
  const t = ctx.t
  const committee = committeeOf(ctx, dossier.unitName)
  return (
    <>
      <SheetHead ctx={ctx} unitName={dossier.unitName} at={event.at} formNumber="03" />
      <SheetTitle ctx={ctx} text={t('dossiers.pages.sheet.refusal.title')} code={dossier.code} />
      <p safe>{t('dossiers.pages.sheet.refusal.intro', { committee })}</p>
      <ApplicantLines ctx={ctx} dossier={dossier} />
      <p safe>{t('dossiers.pages.sheet.refusal.body', { committee })}</p>
      <blockquote class="sheet-reason" safe>
        {dossier.refusalReason ?? event.note ?? ''}
      </blockquote>
      <p safe>{t('dossiers.pages.sheet.refusal.close')}</p>
      <Signatures ctx={ctx} blocks={[{ title: t('dossiers.pages.sheet.refusal.signs'), name: event.actorLabel }]} />
    </>
  )
}

/** Form 04: the apology with the reason for the delay and the new date. */
export function ApologySheet(props: { ctx: PageContext; dossier: Dossier; event: DossierEvent; previousDueAt: Date | null; newDueAt: Date }): JSX.Element {
  const { ctx, dossier, event } = props
  const t = ctx.t
  const committee = committeeOf(ctx, dossier.unitName)
  return (
    <>
      <SheetHead ctx={ctx} unitName={dossier.unitName} at={event.at} formNumber="04" isCommittee />
      <SheetTitle ctx={ctx} text={t('dossiers.pages.sheet.apology.title')} code={null} />
      <p class="sheet-to" safe>
        {t('dossiers.pages.sheet.apology.to', { name: dossier.applicant.fullName })}
      </p>
      <p safe>
        {t('dossiers.pages.sheet.apology.received', {
          date: dossier.receivedAt ? formatDay(dossier.receivedAt) : '',
          committee,
          code: dossier.code ?? '',
          procedure: dossier.procedureName,
        })}
      </p>
      {props.previousDueAt ? <p safe>{t('dossiers.pages.sheet.apology.promised', { due: formatLong(t, props.previousDueAt) })}</p> : ''}
      <p safe>{t('dossiers.pages.sheet.apology.late', { reason: event.note ?? '' })}</p>
      <p>
        <strong safe>{t('dossiers.pages.sheet.apology.sorry', { committee, due: formatLong(t, props.newDueAt) })}</strong>
      </p>
      <p safe>{t('dossiers.pages.sheet.apology.close')}</p>
      <Signatures ctx={ctx} blocks={[{ title: t('dossiers.pages.sheet.apology.signs'), name: null, isSealed: true }]} />
    </>
  )
}

/** One hand-over of the control sheet. */
export interface ControlRow {
  readonly at: Date
  readonly from: string
  readonly to: string
  readonly content: string
  readonly result: string
  readonly note: string
}

/** Form 05: the processing control sheet — every hand-over with time, both parties, step and result. */
export function ControlSheet(props: { ctx: PageContext; dossier: Dossier; rows: readonly ControlRow[] }): JSX.Element {
  const { ctx, dossier } = props
  const t = ctx.t
  const committee = committeeOf(ctx, dossier.unitName)
  const key = (name: string) => t(`dossiers.pages.sheet.control.${name}`)
  return (
    <>
      <SheetHead ctx={ctx} unitName={dossier.unitName} at={dossier.receivedAt ?? dossier.createdAt} formNumber="05" />
      <SheetTitle ctx={ctx} text={key('title')} code={dossier.code} />
      <p class="sheet-line" safe>
        {t('dossiers.pages.sheet.control.agency', { committee })}
      </p>
      <p class="sheet-line" safe>
        {t('dossiers.pages.sheet.control.procedure', { procedure: `${dossier.procedureName} (${dossier.procedureCode})` })}
      </p>
      <p class="sheet-line" safe>
        {t('dossiers.pages.sheet.control.applicant', { name: dossier.applicant.fullName })}
      </p>
      <p class="sheet-line" safe>
        {t('dossiers.pages.sheet.control.dates', {
          received: dossier.receivedAt ? formatLong(t, dossier.receivedAt) : '',
          due: dossier.originalDueAt ? formatLong(t, dossier.originalDueAt) : '',
        })}
      </p>
      <table class="sheet-table sheet-table--control">
        <thead>
          <tr>
            <th scope="col" class="sheet-number" safe>
              {t('dossiers.pages.sheet.number')}
            </th>
            <th scope="col" safe>
              {key('at')}
            </th>
            <th scope="col" safe>
              {key('from')}
            </th>
            <th scope="col" safe>
              {key('to')}
            </th>
            <th scope="col" safe>
              {key('content')}
            </th>
            <th scope="col" safe>
              {key('result')}
            </th>
            <th scope="col" class="sheet-signature-cell" safe>
              {key('signatures')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr>
              <td class="sheet-number" safe>
                {String(i + 1)}
              </td>
              <td safe>{formatShort(row.at)}</td>
              <td safe>{row.from}</td>
              <td safe>{row.to}</td>
              <td>
                <span safe>{row.content}</span>
                {row.note ? (
                  <span class="sheet-hint sheet-block" safe>
                    {row.note}
                  </span>
                ) : (
                  ''
                )}
              </td>
              <td safe>{row.result}</td>
              <td class="sheet-signature-cell"></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/** An optional instant in a register cell: "17:00 05/03/2026", or nothing. */
function shortOrEmpty(at: Date | null): string {
  return at ? formatShort(at) : ''
}

/** An optional instant's day in a register cell, or nothing. */
function dayOrEmpty(at: Date | null): string {
  return at ? formatDay(at) : ''
}

/** Form 06: the dossier register of a unit for a period. */
export function RegisterSheet(props: { ctx: PageContext; unitName: string; from: Date; to: Date; printedAt: Date; dossiers: readonly DossierRecord[] }): JSX.Element {
  const { ctx } = props
  const t = ctx.t
  const key = (name: string) => t(`dossiers.pages.sheet.register.${name}`)
  const columns = ['code', 'procedure', 'sets', 'applicant', 'contact', 'agency', 'received', 'due', 'transferred', 'ready', 'returned', 'signature', 'note']
  return (
    <>
      <SheetHead ctx={ctx} unitName={props.unitName} at={props.printedAt} formNumber="06" />
      <h1 class="sheet-title" safe>
        {key('title')}
      </h1>
      <p class="sheet-subtitle" safe>
        {t('dossiers.pages.sheet.register.period', { from: formatDay(props.from), to: formatDay(props.to) })}
      </p>
      {props.dossiers.length === 0 ? (
        <p safe>{key('empty')}</p>
      ) : (
        <table class="sheet-table sheet-table--register">
          <thead>
            <tr>
              <th scope="col" class="sheet-number" safe>
                {t('dossiers.pages.sheet.number')}
              </th>
              {columns.map((c) => (
                <th scope="col" safe>
                  {key(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.dossiers.map((d, i) => (
              <tr>
                <td class="sheet-number" safe>
                  {String(i + 1)}
                </td>
                <td class="sheet-nowrap" safe>
                  {d.code ?? ''}
                </td>
                <td safe>{d.procedureName}</td>
                <td class="sheet-number">1</td>
                <td safe>{d.applicant.fullName}</td>
                <td safe>{[d.applicant.address, d.applicant.phone].filter(Boolean).join('; ')}</td>
                <td safe>{d.unitName}</td>
                <td safe>{shortOrEmpty(d.receivedAt)}</td>
                <td safe>{shortOrEmpty(d.originalDueAt)}</td>
                <td safe>{d.assigneeName ?? ''}</td>
                <td safe>{dayOrEmpty(d.resultReadyAt)}</td>
                <td safe>{dayOrEmpty(d.status === 'returned' ? d.finishedAt : null)}</td>
                <td class="sheet-signature-cell"></td>
                <td safe>{[t(`dossiers.status.${d.status}`), d.timing ? t(`dossiers.timing.${d.timing}`) : ''].filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="sheet-line" safe>
        {t('dossiers.pages.sheet.register.total', { count: props.dossiers.length })}
      </p>
    </>
  )
}

/** The rows of the control sheet: each recorded event as a hand-over between two parties. */
export function controlRows(ctx: PageContext, dossier: Dossier, history: readonly DossierEvent[]): ControlRow[] {
  const t = ctx.t
  const applicant = t('dossiers.pages.sheet.control.applicantSide', { name: dossier.applicant.fullName })
  const desk = t('dossiers.pages.sheet.control.deskSide')
  // Judged against the first promised date, as the on-time figures are: an apology does not excuse a delay.
  const due = dossier.originalDueAt ?? dossier.dueAt
  return history.map((e) => {
    const timing = typeof e.data?.timing === 'string' ? e.data.timing : null
    const isBeforeReceipt = e.action === 'receive' || e.action === 'guide' || due === null
    const result = timing ? t(`dossiers.timing.${timing}`) : isBeforeReceipt ? '' : t(e.at.getTime() <= due.getTime() ? 'dossiers.timing.on_time' : 'dossiers.timing.late')
    const handedTo = [e.toStaffName, e.toUnitName].filter(Boolean).join(', ')
    const to =
      e.action === 'receive'
        ? e.actorLabel
        : e.action === 'guide' || e.action === 'return' || e.action === 'refuse' || e.action === 'request_supplement' || e.action === 'apologize'
          ? applicant
          : e.action === 'result_ready'
            ? desk
            : handedTo
    return {
      at: e.at,
      from: e.action === 'receive' || e.action === 'supplement_received' ? applicant : e.actorLabel,
      to: e.action === 'supplement_received' ? e.actorLabel : to,
      content: [t(`dossiers.action.${e.action}`), e.stepName ?? ''].filter(Boolean).join(': '),
      result,
      note: e.note ?? '',
    }
  })
}

/** The trail and the way back from one of a dossier's forms: the list, then the dossier. */
export function dossierPrintNavigation(ctx: PageContext, dossier: { code: string | null; id: number }): { crumbs: Crumb[]; back: Crumb } {
  return {
    crumbs: [
      { href: '/mot-cua/ho-so', text: ctx.t('dossiers.pages.list.title') },
      { href: dossierHref(dossier), text: dossierTitle(ctx, dossier) },
    ],
    back: { href: dossierHref(dossier), text: ctx.t('dossiers.pages.print.back') },
  }
}

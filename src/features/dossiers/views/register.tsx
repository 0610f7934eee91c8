/** The dossier register page (/mot-cua/so-theo-doi, form 06): a unit and a period, then the printable register. */
import { Button, DateField, ErrorSummary, fieldError, SelectField } from '../../../views/components.tsx'
import type { Choice } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import type { PageContext } from '../../../views/page.ts'
import type { DossierRecord } from '../dossier.repository.ts'
import { PrintPage, RegisterSheet, Sheet } from './print.tsx'

/** The register's choice of unit and period, as typed (dates as YYYY-MM-DD). */
export interface RegisterFilter {
  readonly unit: string
  readonly from: string
  readonly to: string
}

/** Props of the register page. */
export interface RegisterPageProps {
  readonly ctx: PageContext
  readonly units: readonly Choice[]
  readonly filter: RegisterFilter
  readonly errors: FormErrors
  /** The register, once a unit and a valid period are chosen. */
  readonly register: { unitName: string; from: Date; to: Date; printedAt: Date; dossiers: readonly DossierRecord[]; isTruncated: boolean } | null
  /** How many dossiers the register shows at most. */
  readonly limit: number
}

/** The register page. */
export function RegisterPage(props: RegisterPageProps): JSX.Element {
  const { ctx, filter, errors } = props
  const t = ctx.t
  return (
    <PrintPage ctx={ctx} title={t('dossiers.pages.register.title')} crumbs={[]} back={{ href: '/mot-cua', text: t('dossiers.pages.register.back') }} hasErrors={hasErrors(errors)}>
      <div class="print-controls">
        <ErrorSummary ctx={ctx} errors={errors} order={['unit', 'from', 'to']} />
        <form class="filter" method="get" action="/mot-cua/so-theo-doi" aria-label={t('dossiers.pages.register.choose')}>
          <SelectField
            ctx={ctx}
            name="unit"
            label={t('dossiers.pages.register.unit')}
            value={filter.unit}
            error={fieldError(ctx, errors, 'unit')}
            placeholder={props.units.length === 1 ? undefined : t('dossiers.pages.receive.choose')}
            choices={props.units}
          />
          <DateField ctx={ctx} name="from" label={t('dossiers.pages.register.from')} value={filter.from} error={fieldError(ctx, errors, 'from')} />
          <DateField ctx={ctx} name="to" label={t('dossiers.pages.register.to')} value={filter.to} error={fieldError(ctx, errors, 'to')} />
          <Button text={t('dossiers.pages.register.show')} variant="secondary" />
        </form>
        {props.register?.isTruncated ? (
          <p class="field-error" safe>
            {t('dossiers.pages.register.tooMany', { count: props.limit })}
          </p>
        ) : (
          ''
        )}
      </div>
      <Sheet label={t('dossiers.pages.register.title')} isLandscape>
        {props.register ? (
          <RegisterSheet
            ctx={ctx}
            unitName={props.register.unitName}
            from={props.register.from}
            to={props.register.to}
            printedAt={props.register.printedAt}
            dossiers={props.register.dossiers}
          />
        ) : (
          <h1 class="sheet-title" safe>
            {t('dossiers.pages.sheet.register.title')}
          </h1>
        )}
      </Sheet>
    </PrintPage>
  )
}

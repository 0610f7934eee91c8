/**
 * The calendar's administration page: a year's computed days off and extra working days, the
 * administrator's stored edits with a button to remove each, the form to add one, and the
 * units whose working hours the administrator may set.
 */
import { Button, CsrfInput, DateField, ErrorSummary, fieldError, PostButton, RadiosField, StatusTag, Table, TextField } from '../../../views/components.tsx'
import { hasErrors } from '../../../views/forms.ts'
import type { FormErrors } from '../../../views/forms.ts'
import { Layout } from '../../../views/layout.tsx'
import type { PageContext } from '../../../views/page.ts'
import { adminCrumbs } from '../../units/index.ts'
import { MAX_YEAR, MIN_YEAR } from '../calendar-queries.ts'
import { dayOfWeek, parseCivilDate } from '../civil-date.ts'
import type { ScheduleOverride, YearSchedule } from '../holidays.ts'
import type { CalendarSettings } from '../working-calendar.ts'

/** A date for people: 02/09/2026 (the order both languages read on Vietnamese forms). */
export function displayDate(date: string): string {
  const [year, month, day] = date.split('-')
  return `${day}/${month}/${year}`
}

/** The weekday's name of a `YYYY-MM-DD` date. */
function weekdayName(ctx: PageContext, date: string): string {
  return ctx.t(`calendar.weekday.${dayOfWeek(parseCivilDate(date))}`)
}

/** One line summing up a unit's working hours ("07:30–11:30, 13:30–17:00; dossiers until 15:00"). */
export function settingsSummary(ctx: PageContext, settings: CalendarSettings): string {
  const hours = settings.officeHours.map((i) => `${i.start}–${i.end}`).join(', ')
  const text = ctx.t('calendar.admin.hoursSummary', { hours, cutoff: settings.cutoff })
  return settings.saturdayMorningWorked ? `${text}; ${ctx.t('calendar.admin.saturdayShort')}` : text
}

/** What the add-an-edit form holds, as typed. */
export interface OverrideFormValues {
  readonly date: string
  readonly kind: string
  readonly name: string
  readonly nameEn: string
}

/** The empty add-an-edit form: a day off is the usual edit. */
export const EMPTY_OVERRIDE_FORM: OverrideFormValues = Object.freeze({ date: '', kind: 'day_off', name: '', nameEn: '' })

/** A unit in the list of working-hour settings. */
export interface UnitSettingsItem {
  readonly code: string
  readonly name: string
  readonly settings: CalendarSettings
  readonly isInherited: boolean
}

/** Props of the schedule page. */
export interface SchedulePageProps {
  readonly ctx: PageContext
  readonly year: number
  readonly schedule: YearSchedule
  readonly overrides: readonly ScheduleOverride[]
  /** Whether the administrator may edit the year's schedule (an admin of the home unit). */
  readonly canEditSchedule: boolean
  /** The home unit's name, for the note shown to those who may not. */
  readonly homeUnitName: string
  readonly units: readonly UnitSettingsItem[]
  readonly values: OverrideFormValues
  readonly errors: FormErrors
}

/** The local name of a schedule entry. */
function nameIn(ctx: PageContext, entry: { name: string; nameEn: string }): string {
  return ctx.locale === 'en' ? entry.nameEn : entry.name
}

/** The schedule page of a year. */
export function SchedulePage(props: SchedulePageProps): JSX.Element {
  const { ctx, year, schedule, values, errors } = props
  const t = ctx.t
  const editedDates = new Set(props.overrides.map((o) => o.date))
  const source = (date: string) =>
    editedDates.has(date) ? <StatusTag tone="blue" text={t('calendar.admin.edited')} /> : <span class="cell-secondary" safe>{t('calendar.admin.computed')}</span>
  return (
    <Layout ctx={ctx} title={t('calendar.admin.title')} hasErrors={hasErrors(errors)} breadcrumbs={adminCrumbs(ctx)}>
      <ErrorSummary ctx={ctx} errors={errors} order={['date', 'kind', 'name', 'nameEn']} />
      <h1 class="heading-l" safe>
        {t('calendar.admin.title')}
      </h1>
      <p class="lead" safe>
        {t('calendar.admin.lead')}
      </p>
      <form class="filter" method="get" action="/admin/lich">
        <TextField ctx={ctx} name="year" label={t('calendar.admin.year')} value={String(year)} width="short" inputmode="numeric" maxlength={4} />
        <Button text={t('calendar.admin.show')} variant="secondary" />
      </form>
      <nav class="calendar-nav" aria-label={t('calendar.admin.yearNav')}>
        {year > 1900 ? (
          <a href={`/admin/lich?year=${year - 1}`} rel="prev" safe>
            {t('calendar.admin.previousYear', { year: year - 1 })}
          </a>
        ) : (
          <span />
        )}
        <a href={`/lich-lam-viec?month=${year}-01`} safe>
          {t('calendar.admin.publicLink')}
        </a>
        {year < 2100 ? (
          <a href={`/admin/lich?year=${year + 1}`} rel="next" safe>
            {t('calendar.admin.nextYear', { year: year + 1 })}
          </a>
        ) : (
          <span />
        )}
      </nav>

      <h2 class="heading-m" safe>
        {t('calendar.admin.daysOffTitle', { year })}
      </h2>
      <p class="body-secondary" safe>
        {t('calendar.admin.daysOffNote')}
      </p>
      <Table
        caption={t('calendar.admin.daysOffTitle', { year })}
        isCaptionHidden
        rowCount={schedule.daysOff.length}
        emptyText={t('calendar.admin.daysOffEmpty')}
        columns={[{ text: t('calendar.admin.date') }, { text: t('calendar.admin.kind') }, { text: t('calendar.admin.name') }, { text: t('calendar.admin.source') }]}
        isStackedOnMobile
      >
        {schedule.daysOff.map((d) => (
          <tr>
            <td data-label={t('calendar.admin.date')} class="nowrap">
              <time datetime={d.date} safe>
                {displayDate(d.date)}
              </time>
              <span class="cell-secondary" safe>
                {weekdayName(ctx, d.date)}
              </span>
            </td>
            <td data-label={t('calendar.admin.kind')} safe>
              {t(`calendar.admin.kinds.${d.kind}`)}
            </td>
            <td data-label={t('calendar.admin.name')} safe>
              {nameIn(ctx, d)}
            </td>
            <td data-label={t('calendar.admin.source')}>{source(d.date)}</td>
          </tr>
        ))}
      </Table>

      <h2 class="heading-m" safe>
        {t('calendar.admin.workingTitle', { year })}
      </h2>
      <Table
        caption={t('calendar.admin.workingTitle', { year })}
        isCaptionHidden
        rowCount={schedule.extraWorkingDays.length}
        emptyText={t('calendar.admin.workingEmpty')}
        columns={[{ text: t('calendar.admin.date') }, { text: t('calendar.admin.name') }, { text: t('calendar.admin.source') }]}
        isStackedOnMobile
      >
        {schedule.extraWorkingDays.map((d) => (
          <tr>
            <td data-label={t('calendar.admin.date')} class="nowrap">
              <time datetime={d.date} safe>
                {displayDate(d.date)}
              </time>
              <span class="cell-secondary" safe>
                {weekdayName(ctx, d.date)}
              </span>
            </td>
            <td data-label={t('calendar.admin.name')} safe>
              {nameIn(ctx, d)}
            </td>
            <td data-label={t('calendar.admin.source')}>{source(d.date)}</td>
          </tr>
        ))}
      </Table>

      <h2 class="heading-m" id="edits" safe>
        {t('calendar.admin.overridesTitle', { year })}
      </h2>
      <p safe>{t('calendar.admin.overridesIntro')}</p>
      <Table
        caption={t('calendar.admin.overridesTitle', { year })}
        isCaptionHidden
        rowCount={props.overrides.length}
        emptyText={t('calendar.admin.overridesEmpty')}
        columns={[
          { text: t('calendar.admin.date') },
          { text: t('calendar.admin.kind') },
          { text: t('calendar.admin.name') },
          ...(props.canEditSchedule ? [{ text: t('calendar.admin.actions') }] : []),
        ]}
        isStackedOnMobile
      >
        {props.overrides.map((o) => (
          <tr>
            <td data-label={t('calendar.admin.date')} class="nowrap">
              <time datetime={o.date} safe>
                {displayDate(o.date)}
              </time>
              <span class="cell-secondary" safe>
                {weekdayName(ctx, o.date)}
              </span>
            </td>
            <td data-label={t('calendar.admin.kind')} safe>
              {t(`calendar.admin.overrideKinds.${o.kind}`)}
            </td>
            <td data-label={t('calendar.admin.name')}>
              <span safe>{o.name}</span>
              {o.nameEn !== o.name ? (
                <span class="cell-secondary" lang="en" safe>
                  {o.nameEn}
                </span>
              ) : (
                ''
              )}
            </td>
            {props.canEditSchedule ? (
              <td data-label={t('calendar.admin.actions')}>
                <PostButton
                  ctx={ctx}
                  action={`/admin/lich/ngay/${o.date}/xoa`}
                  text={t('calendar.admin.remove')}
                  hiddenText={t('calendar.admin.removeHidden', { date: displayDate(o.date) })}
                  variant="warning"
                />
              </td>
            ) : (
              ''
            )}
          </tr>
        ))}
      </Table>

      {props.canEditSchedule ? (
        <>
          <h2 class="heading-m" id="add" safe>
            {t('calendar.admin.addTitle')}
          </h2>
          <p safe>{t('calendar.admin.addIntro')}</p>
          <form class="form" method="post" action="/admin/lich/ngay" novalidate>
            <CsrfInput ctx={ctx} />
            <input type="hidden" name="year" value={String(year)} />
            <DateField
              ctx={ctx}
              name="date"
              label={t('calendar.admin.fields.date')}
              hint={t('calendar.admin.fields.dateHint')}
              value={values.date}
              error={fieldError(ctx, errors, 'date')}
              width="short"
              min={`${MIN_YEAR}-01-01`}
              max={`${MAX_YEAR}-12-31`}
            />
            <RadiosField
              ctx={ctx}
              name="kind"
              label={t('calendar.admin.fields.kind')}
              value={values.kind}
              error={fieldError(ctx, errors, 'kind')}
              choices={(['day_off', 'working_day'] as const).map((kind) => ({
                value: kind,
                label: t(`calendar.admin.overrideKinds.${kind}`),
                hint: t(`calendar.admin.kindHints.${kind}`),
              }))}
            />
            <TextField ctx={ctx} name="name" label={t('calendar.admin.fields.name')} hint={t('calendar.admin.fields.nameHint')} value={values.name} error={fieldError(ctx, errors, 'name')} maxlength={200} />
            <TextField
              ctx={ctx}
              name="nameEn"
              label={t('calendar.admin.fields.nameEn')}
              hint={t('calendar.admin.fields.nameEnHint')}
              value={values.nameEn}
              error={fieldError(ctx, errors, 'nameEn')}
              maxlength={200}
              isOptional
            />
            <Button text={t('calendar.admin.add')} />
          </form>
        </>
      ) : (
        <p class="inset" safe>
          {t('calendar.admin.readOnly', { unit: props.homeUnitName })}
        </p>
      )}

      <h2 class="heading-m" id="units" safe>
        {t('calendar.admin.unitsTitle')}
      </h2>
      <p safe>{t('calendar.admin.unitsIntro')}</p>
      <Table
        caption={t('calendar.admin.unitsTitle')}
        isCaptionHidden
        rowCount={props.units.length}
        emptyText={t('calendar.admin.unitsEmpty')}
        columns={[{ text: t('calendar.admin.unit') }, { text: t('calendar.admin.hours') }, { text: t('calendar.admin.settingsSource') }]}
        isStackedOnMobile
      >
        {props.units.map((unit) => (
          <tr>
            <td data-label={t('calendar.admin.unit')}>
              <a href={`/admin/lich/don-vi/${encodeURIComponent(unit.code)}`}>
                <span safe>{unit.name}</span>
                <span class="visually-hidden" safe>
                  {` — ${t('calendar.admin.edit')} ${t('calendar.admin.editHidden', { unit: unit.name })}`}
                </span>
              </a>
            </td>
            <td data-label={t('calendar.admin.hours')} safe>
              {settingsSummary(ctx, unit.settings)}
            </td>
            <td data-label={t('calendar.admin.settingsSource')}>
              {unit.isInherited ? <StatusTag tone="grey" text={t('calendar.admin.inherited')} /> : <StatusTag tone="green" text={t('calendar.admin.own')} />}
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  )
}

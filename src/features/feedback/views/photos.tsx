/** The photos of an item: thumbnails, each linking to the full photo, served by the photo route. */
import type { PageContext } from '../../../views/page.ts'
import { photoHref } from './paths.ts'

/** A photo as the pages show it. */
export interface PhotoItem {
  readonly id: number
}

/**
 * The thumbnails of an item's photos, each a link to the full photo; nothing without photos.
 * `token` is the private link's, for the resident's page (the public and staff pages pass none).
 */
export function PhotoGallery(props: { ctx: PageContext; photos: readonly PhotoItem[]; token?: string | null }): JSX.Element {
  const { ctx } = props
  if (props.photos.length === 0) return ''
  return (
    <section aria-labelledby="photos-title">
      <h2 class="heading-m" id="photos-title" safe>
        {ctx.t('feedback.pages.photos.title')}
      </h2>
      <ul class="photo-list">
        {props.photos.map((photo, index) => (
          <li class="photo-item">
            <a href={photoHref(photo.id, 'full', props.token)}>
              <img class="photo-thumb" src={photoHref(photo.id, 'thumb', props.token)} alt={ctx.t('feedback.pages.photos.alt', { number: index + 1 })} loading="lazy" />
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

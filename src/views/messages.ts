/** Base messages of the page shell and of errors, Vietnamese first. (Placeholder; see views helper.) */
import type { Catalogue } from '../platform/i18n/i18n.ts'

/** The shell's catalogue. */
export const baseMessages: Catalogue = {
  vi: { errors: { notFound: 'Không tìm thấy trang hoặc bản ghi.', internal: 'Đã có lỗi xảy ra.' } },
  en: { errors: { notFound: 'Page or record not found.', internal: 'Something went wrong.' } },
}

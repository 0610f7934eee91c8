/** Messages of photo uploads in feedback, Vietnamese first. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The photo upload catalogue (feedback.photos.*). Limits are written out: field messages take no values. */
export const photoMessages: Catalogue = {
  vi: {
    feedback: {
      photos: {
        hint: 'Tối đa 3 ảnh JPEG, PNG hoặc WebP, mỗi ảnh không quá 5 MB. Thông tin vị trí và các thông tin khác trong ảnh được xoá trước khi lưu.',
        errors: {
          notAnImage: 'Tệp này không phải ảnh JPEG, PNG hoặc WebP, hoặc ảnh bị hỏng. Vui lòng chọn ảnh khác.',
          tooLarge: 'Ảnh quá lớn: mỗi ảnh không quá 5 MB.',
          tooManyPixels: 'Ảnh có độ phân giải quá lớn (tối đa 50 triệu điểm ảnh). Vui lòng thu nhỏ ảnh rồi gửi lại.',
          tooMany: 'Chỉ gửi được tối đa 3 ảnh.',
        },
      },
    },
  },
  en: {
    feedback: {
      photos: {
        hint: 'Up to 3 JPEG, PNG or WebP photos, at most 5 MB each. Location and other details stored in the photos are removed before saving.',
        errors: {
          notAnImage: 'This file is not a JPEG, PNG or WebP image, or the image is damaged. Please choose another photo.',
          tooLarge: 'The photo is too large: at most 5 MB per photo.',
          tooManyPixels: 'The photo has too many pixels (at most 50 megapixels). Please make it smaller and send it again.',
          tooMany: 'At most 3 photos can be sent.',
        },
      },
    },
  },
}

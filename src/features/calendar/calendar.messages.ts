/** Messages of the calendar feature, Vietnamese first. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The calendar's catalogue. */
export const messages: Catalogue = {
  vi: {
    calendar: {
      errors: {
        date: 'Ngày phải có dạng NNNN-TT-NN (ví dụ 2026-09-01) và trong khoảng năm 1900–2100.',
        kind: 'Chọn “ngày nghỉ” hoặc “ngày làm việc”.',
        name: 'Tên ngày cần từ 2 đến 200 ký tự.',
        settings: 'Cài đặt giờ làm việc không hợp lệ: giờ có dạng HH:MM, các khoảng giờ theo thứ tự và không chồng nhau.',
        query: {
          year: 'Năm phải là số có bốn chữ số, từ 1900 đến 2100.',
          date: 'Ngày phải có dạng NNNN-TT-NN, từ năm 1900 đến 2100.',
          from: 'Thời điểm tiếp nhận phải có dạng 2026-05-04T08:30:00+07:00.',
          limit: 'Cho đúng một trong ba: days (số ngày làm việc), hours (số giờ làm việc) hoặc sameDay (trong ngày).',
          days: 'Số ngày làm việc phải là số nguyên từ 1 đến 3650.',
          hours: 'Số giờ làm việc phải là số nguyên từ 1 đến 20000.',
          sameDay: 'sameDay chỉ nhận giá trị true.',
        },
      },
    },
  },
  en: {
    calendar: {
      errors: {
        date: 'The date must look like YYYY-MM-DD (e.g. 2026-09-01), between the years 1900 and 2100.',
        kind: 'Choose “day off” or “working day”.',
        name: 'The name needs 2 to 200 characters.',
        settings: 'Invalid working-time settings: times are HH:MM, intervals in order and not overlapping.',
        query: {
          year: 'The year must have four digits, from 1900 to 2100.',
          date: 'The date must look like YYYY-MM-DD, between the years 1900 and 2100.',
          from: 'The receipt instant must look like 2026-05-04T08:30:00+07:00.',
          limit: 'Give exactly one of days (working days), hours (working hours) or sameDay (within the day).',
          days: 'Working days must be a whole number from 1 to 3650.',
          hours: 'Working hours must be a whole number from 1 to 20000.',
          sameDay: 'sameDay accepts only true.',
        },
      },
    },
  },
}

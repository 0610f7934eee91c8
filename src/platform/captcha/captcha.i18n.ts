/**
 * Messages of the captcha (`captcha.*`), Vietnamese first. The number words come from
 * NUMBER_WORDS, so the question shown and the answers accepted never disagree.
 *
 * Not named `*.messages.ts` on purpose: the platform knows no feature, so app.ts merges it once
 * for every form that shows a captcha (surveys, feedback).
 */
import type { Catalogue, MessageTree } from '../i18n/i18n.ts'
import { NUMBER_WORDS } from './captcha.ts'

/** The number words of a language as a catalogue branch: {"1": "một", …}. */
function numbers(locale: 'vi' | 'en'): MessageTree {
  return Object.fromEntries(NUMBER_WORDS[locale].map((forms, value) => [String(value), forms[0] ?? String(value)]))
}

/** The captcha's catalogue. */
export const captchaMessages: Catalogue = {
  vi: {
    captcha: {
      legend: 'Xác minh bạn không phải máy tự động',
      question: { plus: '{{a}} cộng {{b}} bằng mấy?', minus: '{{a}} trừ {{b}} bằng mấy?' },
      answerHint: 'Nhập kết quả bằng chữ số hoặc bằng chữ, ví dụ 7 hoặc bảy.',
      working: 'Trình duyệt đang tự xác minh, bạn cứ tiếp tục điền phiếu…',
      waiting: 'Đang hoàn tất xác minh, phiếu sẽ được gửi ngay sau đó…',
      done: 'Đã xác minh xong.',
      number: numbers('vi'),
      errors: {
        missing: 'Vui lòng trả lời câu hỏi xác minh.',
        invalid: 'Câu hỏi xác minh không hợp lệ. Vui lòng trả lời câu hỏi mới bên dưới.',
        expired: 'Câu hỏi xác minh đã hết hạn. Vui lòng trả lời câu hỏi mới bên dưới.',
        wrong: 'Câu trả lời xác minh chưa đúng. Vui lòng trả lời câu hỏi mới bên dưới.',
        reused: 'Câu hỏi xác minh này đã được dùng. Vui lòng trả lời câu hỏi mới bên dưới.',
      },
    },
  },
  en: {
    captcha: {
      legend: 'Check that you are not a machine',
      question: { plus: 'What is {{a}} plus {{b}}?', minus: 'What is {{a}} minus {{b}}?' },
      answerHint: 'Type the result in digits or in words, for example 7 or seven.',
      working: 'Your browser is checking this by itself; carry on filling in the form…',
      waiting: 'Finishing the check; the form will be sent straight after…',
      done: 'Check complete.',
      number: numbers('en'),
      errors: {
        missing: 'Please answer the check question.',
        invalid: 'The check question is not valid. Please answer the new question below.',
        expired: 'The check question has expired. Please answer the new question below.',
        wrong: 'The answer to the check question is not right. Please answer the new question below.',
        reused: 'This check question has already been used. Please answer the new question below.',
      },
    },
  },
}

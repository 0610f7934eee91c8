/** Messages of the site search page and API. Vietnamese first; English mirrors every key. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The search's catalogue. */
export const searchMessages: Catalogue = {
  vi: {
    portal: {
      search: {
        title: 'Tìm kiếm',
        titleWithQuery: 'Tìm kiếm: {{q}}',
        lead: 'Tìm trong tin tức, thủ tục hành chính và các phản ánh, kiến nghị đã được trả lời. Có thể gõ tiếng Việt không dấu, ví dụ “dang ky khai sinh”.',
        formLabel: 'Tìm theo từ khóa và mục',
        query: 'Từ khóa',
        type: 'Tìm trong',
        typeAll: 'Tất cả',
        types: {
          news: 'Tin tức',
          procedure: 'Thủ tục hành chính',
          feedback: 'Phản ánh, kiến nghị',
        },
        submit: 'Tìm kiếm',
        found: 'Tìm thấy {{total}} kết quả cho “{{q}}”.',
        foundPage: 'Tìm thấy {{total}} kết quả cho “{{q}}”. Đang hiển thị {{from}}–{{to}}.',
        resultsLabel: 'Kết quả tìm kiếm',
        empty: 'Không tìm thấy kết quả nào cho “{{q}}”.',
        emptyHint: 'Hãy kiểm tra lại chính tả, thử từ khóa khác hoặc ít từ hơn, hoặc tìm trong tất cả các mục.',
        beyond: 'Trang này không có kết quả. Quay lại trang đầu của kết quả tìm kiếm.',
        published: 'Đăng ngày {{date}}',
        errors: {
          empty: 'Vui lòng nhập từ khóa cần tìm.',
          tooShort: 'Vui lòng nhập ít nhất 2 chữ cái hoặc chữ số để tìm kiếm.',
        },
      },
    },
  },
  en: {
    portal: {
      search: {
        title: 'Search',
        titleWithQuery: 'Search: {{q}}',
        lead: 'Search news, administrative procedures and answered reports and petitions. Vietnamese may be typed without diacritics, for example “dang ky khai sinh”.',
        formLabel: 'Search by words and section',
        query: 'Search terms',
        type: 'Search in',
        typeAll: 'Everything',
        types: {
          news: 'News',
          procedure: 'Administrative procedures',
          feedback: 'Reports and petitions',
        },
        submit: 'Search',
        found: '{{total}} results for “{{q}}”.',
        foundPage: '{{total}} results for “{{q}}”. Showing {{from}}–{{to}}.',
        resultsLabel: 'Search results',
        empty: 'No results for “{{q}}”.',
        emptyHint: 'Check the spelling, try other or fewer words, or search everything.',
        beyond: 'This page has no results. Go back to the first page of results.',
        published: 'Published {{date}}',
        errors: {
          empty: 'Please type what you are looking for.',
          tooShort: 'Please type at least 2 letters or digits to search.',
        },
      },
    },
  },
}

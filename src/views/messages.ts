/**
 * Base messages: the page shell (site, navigation, footer, language), shared form and table
 * wording, and every error the platform raises. Vietnamese first; English mirrors every key.
 */
import type { Catalogue } from '../platform/i18n/i18n.ts'

/** The shell's catalogue. */
export const baseMessages: Catalogue = {
  vi: {
    site: {
      productName: 'Công Sở',
      committee: 'Ủy ban nhân dân {{name}}',
      skipLink: 'Chuyển đến nội dung chính',
    },
    nav: {
      label: 'Điều hướng chính',
      breadcrumbs: 'Vị trí trang',
      home: 'Trang chủ',
      calendar: 'Lịch làm việc',
      procedures: 'Thủ tục hành chính',
      feedback: 'Phản ánh, kiến nghị',
      desk: 'Bàn làm việc',
      admin: 'Quản trị',
      signIn: 'Đăng nhập',
      signOut: 'Đăng xuất',
      password: 'Đổi mật khẩu',
      signedInAs: '{{name}}',
      searchLabel: 'Tìm kiếm trên trang',
      searchQuery: 'Từ khóa tìm kiếm',
      searchSubmit: 'Tìm',
    },
    language: {
      label: 'Ngôn ngữ',
      vi: 'Tiếng Việt',
      en: 'English',
    },
    footer: {
      label: 'Liên kết chân trang',
      about: 'Công Sở: tiếp nhận, giải quyết hồ sơ và lắng nghe ý kiến người dân, vì một công sở thân thiện, vì nhân dân phục vụ.',
      licence: 'Phần mềm nguồn mở, phát hành theo giấy phép GNU AGPL phiên bản 3 trở lên.',
      apiDocs: 'Tài liệu API (dữ liệu mở)',
      staffSignIn: 'Đăng nhập dành cho cán bộ',
    },
    form: {
      errorSummaryTitle: 'Có thông tin cần sửa',
      errorPrefix: 'Lỗi:',
      titleWithErrors: 'Lỗi: {{title}}',
      optional: '(không bắt buộc)',
      save: 'Lưu',
      cancel: 'Hủy',
    },
    notice: {
      success: 'Thành công',
      info: 'Thông báo',
      warning: 'Lưu ý',
      secretLabel: 'Mật khẩu tạm thời:',
      secretWarning: 'Mật khẩu này chỉ hiển thị một lần. Hãy chuyển trực tiếp cho người dùng và đề nghị họ đổi mật khẩu ngay sau lần đăng nhập đầu tiên.',
    },
    export: { label: 'Tải bảng:', csv: 'CSV', xlsx: 'XLSX', csvOf: 'Tải bảng “{{table}}” dạng CSV', xlsxOf: 'Tải bảng “{{table}}” dạng XLSX' },
    pagination: {
      label: 'Phân trang',
      previous: '‹ Trang trước',
      next: 'Trang sau ›',
      page: 'Trang {{page}}',
      summary: 'Đang hiển thị {{from}}–{{to}} trong tổng số {{total}}',
    },
    status: {
      active: 'Đang hoạt động',
      disabled: 'Đã vô hiệu hóa',
      locked: 'Tạm khóa',
    },
    errors: {
      badRequest: 'Yêu cầu không hợp lệ. Vui lòng kiểm tra lại thông tin đã gửi.',
      malformedJson: 'Dữ liệu JSON gửi lên không đúng định dạng.',
      tooLarge: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
      mediaType: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
      csrf: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại.',
      validation: 'Một số thông tin chưa hợp lệ. Vui lòng kiểm tra lại.',
      unauthorized: 'Vui lòng đăng nhập để tiếp tục.',
      forbidden: 'Bạn không có quyền thực hiện thao tác này.',
      notFound: 'Không tìm thấy trang hoặc bản ghi.',
      conflict: 'Không thể thực hiện vì dữ liệu đã tồn tại hoặc vừa được thay đổi.',
      tooManyRequests: 'Bạn đã thao tác quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
      internal: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
      field: {
        required: 'Vui lòng nhập thông tin này.',
        invalid: 'Giá trị này không hợp lệ.',
        email: 'Địa chỉ thư điện tử chưa đúng định dạng, ví dụ: ten@example.vn',
        phone: 'Số điện thoại chưa đúng định dạng, ví dụ: 0912 345 678',
      },
      password: {
        tooShort: 'Mật khẩu cần có ít nhất 10 ký tự.',
        tooLong: 'Mật khẩu không được dài quá 200 ký tự.',
      },
    },
    errorPage: {
      code: 'Mã lỗi {{status}}',
      backHome: 'Về trang chủ',
      signIn: 'Đăng nhập',
      badRequest: {
        title: 'Yêu cầu không hợp lệ',
        hint: 'Vui lòng quay lại trang trước, kiểm tra thông tin rồi thử lại.',
      },
      unauthorized: {
        title: 'Vui lòng đăng nhập',
        hint: 'Trang này dành cho cán bộ, công chức đã đăng nhập.',
      },
      forbidden: {
        title: 'Bạn không có quyền truy cập',
        hint: 'Nếu bạn cần quyền này để làm việc, vui lòng liên hệ quản trị viên của đơn vị.',
      },
      notFound: {
        title: 'Không tìm thấy trang',
        hint: 'Nếu bạn tự gõ địa chỉ, vui lòng kiểm tra lại. Nếu bạn mở từ một liên kết, có thể trang đã được chuyển hoặc không còn nữa.',
      },
      tooManyRequests: {
        title: 'Vui lòng thử lại sau',
        hint: 'Để bảo vệ tài khoản và hệ thống, số lần thao tác liên tiếp được giới hạn.',
      },
      internal: {
        title: 'Xin lỗi, hệ thống đang gặp sự cố',
        hint: 'Thông tin bạn đã gửi có thể chưa được lưu. Vui lòng thử lại sau ít phút; nếu vẫn không được, vui lòng liên hệ bộ phận một cửa.',
      },
      csrf: {
        title: 'Biểu mẫu đã hết hạn',
        hint: 'Vì lý do an toàn, mỗi biểu mẫu chỉ gửi được từ trang vừa mở nó, trong phiên làm việc hiện tại.',
      },
      other: {
        title: 'Đã có lỗi xảy ra',
        hint: 'Vui lòng quay lại trang trước và thử lại.',
      },
    },
  },
  en: {
    site: {
      productName: 'Công Sở',
      committee: "People's Committee of {{name}}",
      skipLink: 'Skip to main content',
    },
    nav: {
      label: 'Main navigation',
      breadcrumbs: 'You are here',
      home: 'Home',
      calendar: 'Working calendar',
      procedures: 'Procedures',
      feedback: 'Reports and petitions',
      desk: 'Desk',
      admin: 'Administration',
      signIn: 'Sign in',
      signOut: 'Sign out',
      password: 'Change password',
      signedInAs: '{{name}}',
      searchLabel: 'Search this site',
      searchQuery: 'Search terms',
      searchSubmit: 'Search',
    },
    language: {
      label: 'Language',
      vi: 'Tiếng Việt',
      en: 'English',
    },
    footer: {
      label: 'Footer links',
      about: 'Công Sở: receiving and handling dossiers and listening to residents, for a friendly office that serves the people.',
      licence: 'Open-source software, released under the GNU AGPL version 3 or later.',
      apiDocs: 'API documentation (open data)',
      staffSignIn: 'Staff sign-in',
    },
    form: {
      errorSummaryTitle: 'There is a problem',
      errorPrefix: 'Error:',
      titleWithErrors: 'Error: {{title}}',
      optional: '(optional)',
      save: 'Save',
      cancel: 'Cancel',
    },
    notice: {
      success: 'Success',
      info: 'Information',
      warning: 'Important',
      secretLabel: 'Temporary password:',
      secretWarning: 'This password is shown only once. Hand it to the person directly and ask them to change it right after their first sign-in.',
    },
    export: { label: 'Download the table:', csv: 'CSV', xlsx: 'XLSX', csvOf: 'Download “{{table}}” as CSV', xlsxOf: 'Download “{{table}}” as XLSX' },
    pagination: {
      label: 'Pagination',
      previous: '‹ Previous',
      next: 'Next ›',
      page: 'Page {{page}}',
      summary: 'Showing {{from}}–{{to}} of {{total}}',
    },
    status: {
      active: 'Active',
      disabled: 'Disabled',
      locked: 'Locked',
    },
    errors: {
      badRequest: 'The request is not valid. Please check what you sent.',
      malformedJson: 'The JSON body is malformed.',
      tooLarge: 'The data sent is larger than allowed.',
      mediaType: 'This content type is not supported.',
      csrf: 'The form has expired or is not valid. Please reload the page and submit it again.',
      validation: 'Some information is not valid. Please check it.',
      unauthorized: 'Please sign in to continue.',
      forbidden: 'You do not have permission to do this.',
      notFound: 'Page or record not found.',
      conflict: 'This cannot be done because the record already exists or has just changed.',
      tooManyRequests: 'Too many attempts in a short time. Please try again in a few minutes.',
      internal: 'The system is having a problem. Please try again later.',
      field: {
        required: 'Enter this information.',
        invalid: 'This value is not valid.',
        email: 'Enter an email address in the correct format, like name@example.vn',
        phone: 'Enter a phone number in the correct format, like 0912 345 678',
      },
      password: {
        tooShort: 'The password must be at least 10 characters long.',
        tooLong: 'The password must be 200 characters or fewer.',
      },
    },
    errorPage: {
      code: 'Error code {{status}}',
      backHome: 'Go to the home page',
      signIn: 'Sign in',
      badRequest: {
        title: 'The request is not valid',
        hint: 'Go back to the previous page, check the information and try again.',
      },
      unauthorized: {
        title: 'Please sign in',
        hint: 'This page is for signed-in staff.',
      },
      forbidden: {
        title: 'You do not have access',
        hint: 'If you need this access for your work, contact your unit’s administrator.',
      },
      notFound: {
        title: 'Page not found',
        hint: 'If you typed the address, check it is correct. If you followed a link, the page may have moved or no longer exist.',
      },
      tooManyRequests: {
        title: 'Please try again later',
        hint: 'To protect accounts and the system, the number of attempts in a row is limited.',
      },
      internal: {
        title: 'Sorry, there is a problem with the system',
        hint: 'What you sent may not have been saved. Try again in a few minutes; if it still fails, contact the one-stop desk.',
      },
      csrf: {
        title: 'The form has expired',
        hint: 'For your safety, a form can only be sent from the page that opened it, in the current session.',
      },
      other: {
        title: 'Something went wrong',
        hint: 'Go back to the previous page and try again.',
      },
    },
  },
}

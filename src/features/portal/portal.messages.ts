/** Messages of the public portal. Vietnamese first; English mirrors every key. */
import type { Catalogue } from '../../platform/i18n/i18n.ts'

/** The portal's catalogue. */
export const messages: Catalogue = {
  vi: {
    portal: {
      home: {
        title: 'Trang chủ',
        welcome: 'Chào mừng quý vị đến với trang phục vụ người dân và doanh nghiệp. Chúng tôi luôn mong được phục vụ ngày một tốt hơn: tận tình, đúng hẹn, không phiền hà.',
        comingSoon: 'Các dịch vụ trực tuyến như tra cứu hồ sơ, gửi phản ánh, kiến nghị và đánh giá mức độ hài lòng sẽ lần lượt được đưa lên trang này.',
        unitsTitle: 'Đơn vị hành chính',
        unitCount: '({{count}} đơn vị trực thuộc)',
        noUnits: 'Chưa có đơn vị hành chính nào được khai báo.',
        staffTitle: 'Dành cho cán bộ',
        staffBody: 'Cán bộ, công chức đăng nhập để làm việc trên hệ thống.',
        toDesk: 'Vào bàn làm việc',
        openDataTitle: 'Dữ liệu mở',
        openDataBody: 'Danh sách đơn vị hành chính được công khai qua giao diện lập trình (API) để các hệ thống khác sử dụng.',
        unitsJson: 'Danh sách đơn vị (JSON)',
      },
    },
  },
  en: {
    portal: {
      home: {
        title: 'Home',
        welcome: 'Welcome to the service site for residents and businesses. We aim to serve you better every day: helpfully, on time and without needless trouble.',
        comingSoon: 'Online services such as tracking a dossier, sending a report or petition, and rating our service will be added to this site step by step.',
        unitsTitle: 'Administrative units',
        unitCount: '({{count}} units under it)',
        noUnits: 'No administrative unit has been set up yet.',
        staffTitle: 'For staff',
        staffBody: 'Staff and officials sign in to work on the system.',
        toDesk: 'Go to your desk',
        openDataTitle: 'Open data',
        openDataBody: 'The list of administrative units is published through an application programming interface (API) for other systems to use.',
        unitsJson: 'List of units (JSON)',
      },
    },
  },
}

/** The kiosks' administration as a leader or administrator uses it: settings, adding a kiosk, naming the official. */
import type { Page } from 'playwright-core'
import { clickAndLoad } from './navigation.ts'

/** The pages under /admin/quay-danh-gia. */
export class KioskAdminPages {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens the list of kiosks. */
  async openList(): Promise<this> {
    await this.page.goto(`${this.baseUrl}/admin/quay-danh-gia`)
    return this
  }

  /** Sets the least time between two ratings at a kiosk, through the settings form. */
  async setInterval(seconds: number): Promise<void> {
    await this.openList()
    await this.page.locator('#f-minIntervalSeconds').fill(String(seconds))
    await clickAndLoad(this.page, this.page.locator('form[action="/admin/quay-danh-gia/cai-dat"] button[type="submit"]'))
  }

  /** Adds a kiosk through the form and returns the set-up link shown once on the kiosk's page. */
  async addKiosk(values: { code: string; name: string; unitCode: string }): Promise<string> {
    await this.page.goto(`${this.baseUrl}/admin/quay-danh-gia/moi`)
    await this.page.locator('#f-code').fill(values.code)
    await this.page.locator('#f-name').fill(values.name)
    await this.page.locator('#f-unitCode').selectOption(values.unitCode)
    await clickAndLoad(this.page, this.page.locator('main form[action="/admin/quay-danh-gia"] button[type="submit"]'))
    return (await this.page.locator('.kiosk-setup-link').innerText()).trim()
  }

  /** Names the official serving at the kiosk whose page is open. */
  async setOfficial(username: string): Promise<void> {
    await this.page.locator('#f-officialUsername').selectOption(username)
    await clickAndLoad(this.page, this.page.locator('form[action$="/can-bo"] button[type="submit"]'))
  }
}

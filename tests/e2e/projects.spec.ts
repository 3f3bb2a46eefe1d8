import { expect, screenshot, test } from './fixtures';

test('create a project, edit it with a refused value, switch language, reload: all persisted', async ({ page, host, openApp }) => {
  await openApp();
  await expect(page.getByText('No projects yet')).toBeVisible();

  // Create through the dialog, opened with the New shortcut; Escape closes it.
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.locator('#new-name-error')).toHaveText('Required.');
  await dialog.getByLabel('Project name').fill('Museum night salon');
  await dialog.getByLabel('Budget').fill('120,000');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.locator('#f-budget')).toHaveValue('120,000');

  // A negative budget is refused at the field, and nothing is saved while a field is wrong.
  await page.locator('#f-budget').fill('-500');
  await expect(page.locator('#f-budget-error')).toHaveText('Must be zero or more.');
  await page.locator('#f-price').fill('abc');
  await expect(page.locator('#f-price-error')).toHaveText('Enter a number.');
  await page.locator('#f-start').fill('2027-05-01');
  await page.locator('#f-end').fill('2027-04-01');
  await expect(page.locator('#f-end-error')).toHaveText('The end date is before the start date.');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'invalid');
  await expect(page.getByTestId('save-state')).toHaveText('Not saved: correct the marked fields');
  const stored = await host.services.handlers['projects.list']({});
  expect(stored[0].budget).toBe(120000);
  expect(stored[0].startDate).toBeNull();

  // Fix the values and fill the rest: each change saves itself.
  await page.locator('#f-budget').fill('250000');
  await page.locator('#f-price').fill('99');
  await page.locator('#f-end').fill('2027-06-30');
  await page.locator('#f-client').fill('Lin’an Museum');
  await page.locator('#f-tags').fill('宋画, 博物馆, salon');
  await page.locator('#f-kpi-awareness').fill('60');
  await page.locator('#f-exclusions').fill('online gambling, 竞品平台');
  await page.locator('#f-status').selectOption('review');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-state')).toContainText('Saved');
  await expect(page.getByTestId('budget-chart')).toBeVisible();
  await expect(page.getByTestId('kpi-chart')).toBeVisible();

  // Switch to Chinese, reload: language and every value survive.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  await expect(page.locator('#f-budget')).toHaveValue('250,000');
  await expect(page.locator('#f-price')).toHaveValue('99');
  await expect(page.locator('#f-start')).toHaveValue('2027-05-01');
  await expect(page.locator('#f-end')).toHaveValue('2027-06-30');
  await expect(page.locator('#f-client')).toHaveValue('Lin’an Museum');
  await expect(page.locator('#f-tags')).toHaveValue('宋画, 博物馆, salon');
  await expect(page.locator('#f-kpi-awareness')).toHaveValue('60');
  await expect(page.locator('#f-status')).toHaveValue('review');
  await expect(page.getByText('审核中').first()).toBeVisible();
});

test('delete to the trash, restore, and empty the trash only after confirming', async ({ page, host, openApp }) => {
  for (const name of ['Tea brand crossover', 'Automaker test-drive live']) await host.services.projects!.create({ name });
  await openApp();
  const cards = page.getByTestId('project-card');
  await expect(cards).toHaveCount(2);

  // Delete one: it leaves the list, the toast offers to restore.
  await cards.filter({ hasText: 'Tea brand crossover' }).getByRole('button', { name: 'Delete' }).click();
  await expect(cards).toHaveCount(1);
  await expect(page.getByRole('status')).toContainText('moved to the trash');
  await page.getByRole('button', { name: 'Trash (1)' }).click();
  await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
  await expect(cards).toHaveCount(1);

  // Restore it from the trash.
  await page.getByRole('button', { name: 'Restore' }).first().click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to projects' }).click();
  await expect(cards).toHaveCount(2);

  // Delete again, then empty the trash: cancelling keeps it, confirming deletes it for good.
  await cards.filter({ hasText: 'Automaker test-drive live' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Trash (1)' }).click();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Empty the trash?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(cards).toHaveCount(1);
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Empty trash' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  expect(await host.services.handlers['projects.list']({ trash: true })).toHaveLength(0);
  expect((await host.services.handlers['projects.list']({})).map((p) => p.name)).toEqual(['Tea brand crossover']);
});

test('rename (refusing an empty name), duplicate, search and sort', async ({ page, host, openApp }) => {
  const a = host.services.projects!.create({ name: 'Alpha salon', budget: 5000 });
  host.services.projects!.create({ name: 'Beta column', budget: 90000, tags: ['宋词'] });
  await openApp();
  const cards = page.getByTestId('project-card');
  await cards.filter({ hasText: 'Alpha salon' }).getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('dialog').getByLabel('Project name').fill('');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#rename-name-error')).toHaveText('Required.');
  await page.getByRole('dialog').getByLabel('Project name').fill('Alpha museum salon');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(cards.filter({ hasText: 'Alpha museum salon' })).toHaveCount(1);

  await cards.filter({ hasText: 'Alpha museum salon' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(cards.filter({ hasText: 'Alpha museum salon (copy)' })).toHaveCount(1);

  await page.getByLabel('Sort').selectOption('budget');
  await expect(cards.first()).toContainText('Beta column');
  await page.getByRole('searchbox').fill('宋词');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Beta column');
  await page.getByRole('searchbox').fill('nothing like this');
  await expect(page.getByText('No project matches')).toBeVisible();
  expect(a.id).toBeGreaterThan(0);
});

test('a damaged library is not touched: the app says what is wrong and where the backup is', async ({ page, host }) => {
  // The fixture's host opened a healthy library; start a second host on a damaged one.
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dataDir = fs.mkdtempSync(path.join(host.dataDir, 'damaged-'));
  fs.mkdirSync(path.join(dataDir, 'backups'));
  fs.writeFileSync(path.join(dataDir, 'backups', 'library-20261122-090000-daily.sqlite'), 'backup');
  const garbage = Buffer.alloc(8192, 0x5a);
  fs.writeFileSync(path.join(dataDir, 'library.sqlite'), garbage);
  const { startTestHost } = await import(path.resolve('out/main/testhost.js'));
  const damaged = await startTestHost({ dataDir });
  try {
    await page.goto(damaged.url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The project library cannot be opened');
    await expect(alert).toContainText('is damaged');
    await expect(alert).toContainText('library-20261122-090000-daily.sqlite');
    await screenshot(page, 'library-error-en-light');
    expect(fs.readFileSync(path.join(dataDir, 'library.sqlite')).equals(garbage)).toBe(true);
  } finally {
    await damaged.close();
  }
});

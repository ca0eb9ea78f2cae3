/**
 * A user dataset in this browser's IndexedDB (written here as the preparation worker writes it) is listed in
 * "Dataset" by name, flags a 28×28×1 Input with the validator's fix, trains in the worker from IndexedDB, and is
 * still chosen after a reload; once it is deleted, a reload falls back to MNIST and says so.
 */
import { expect, test, type Page } from '@playwright/test';

const ID = 'user-e2e-rgb';
const NAME = 'Colour squares';

/** 60 images of 32×32×3 in 10 classes (class c: a bright square in channel c % 3), every fifth one for testing. */
async function seedDataset(page: Page): Promise<void> {
  await page.evaluate(
    ({ id, name }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('cnn-playground-datasets', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('meta', { keyPath: 'id' });
          req.result.createObjectStore('data', { keyPath: 'id' });
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const count = 60;
          const size = 32 * 32 * 3;
          const images = new Uint8Array(count * size);
          const labels = new Uint8Array(count);
          const split = new Uint8Array(count);
          const names: string[] = [];
          for (let i = 0; i < count; i++) {
            const c = i % 10;
            labels[i] = c;
            split[i] = i % 5 === 4 ? 1 : 0;
            names.push(`class ${c}/${i}.png`);
            for (let y = 4 + c; y < 14 + c; y++)
              for (let x = 4 + c; x < 14 + c; x++) images[i * size + (y * 32 + x) * 3 + (c % 3)] = 255;
          }
          const perClass = { train: Array(10).fill(5) as number[], test: Array(10).fill(1) as number[] };
          const meta = {
            id,
            name,
            createdAt: Date.now(),
            shape: [32, 32, 3],
            classNames: Array.from({ length: 10 }, (_, c) => `class ${c}`),
            perClass,
            counts: { train: 50, test: 10 },
            bytes: images.byteLength + 120,
            options: { size: 32, mode: 'fit', colour: 'rgb', testFraction: 0.2, seed: 1 },
            skipped: [],
            revision: 1,
          };
          const tx = db.transaction(['meta', 'data'], 'readwrite');
          tx.objectStore('meta').put(meta);
          tx.objectStore('data').put({ id, count, images, labels, split, names });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    { id: ID, name: NAME },
  );
}

async function deleteDataset(page: Page): Promise<void> {
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('cnn-playground-datasets', 1);
        req.onsuccess = () => {
          const tx = req.result.transaction(['meta', 'data'], 'readwrite');
          tx.objectStore('meta').delete(id);
          tx.objectStore('data').delete(id);
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    ID,
  );
}

test('a user dataset from IndexedDB is listed, validated, trained and kept across reloads', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await seedDataset(page);
  await page.reload();
  const dataset = page.getByLabel('Dataset', { exact: true });
  await expect(dataset.locator('option', { hasText: NAME })).toHaveAttribute('value', ID);
  await dataset.selectOption({ label: NAME });

  const graph = page.getByRole('region', { name: 'Graph', exact: true });
  await expect(
    graph.getByText("The dataset's images are 32×32×3, but this Input expects 28×28×1."),
  ).toBeVisible();
  await graph.getByRole('button', { name: 'shape 32×32×3' }).click();
  await expect(graph.getByText('32×32×3').first()).toBeVisible();

  const bar = page.getByRole('region', { name: 'Training', exact: true });
  await bar.getByRole('button', { name: 'Train' }).click();
  await expect(bar).toContainText(/Step [1-9]/, { timeout: 60_000 });

  await page.reload();
  await expect(dataset).toHaveValue(ID);
  await expect(page.getByText('this browser does not have')).toHaveCount(0);

  await deleteDataset(page);
  await page.reload();
  await expect(
    page.getByText(
      /Your saved settings use a dataset of your own images that this browser does not have \(user-e2e-rgb\): MNIST is used instead\./,
    ),
  ).toBeVisible();
  await expect(dataset).toHaveValue('mnist');
  await expect(dataset.locator('option', { hasText: NAME })).toHaveCount(0);
});

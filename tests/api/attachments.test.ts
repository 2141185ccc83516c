import { mkdtempSync, chmodSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { exampleDataFor, exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { multipartBody, PHOTO_EXIF, photoWithExif } from '../support/evidence-files';
import { drive, openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

// Evidence files: streamed uploads with size and type limits, stored once per content, EXIF kept,
// thumbnails, downloads checked like the case, and form fields that take only the submitter's own
// uploads for that case.
const APPLICATION = 'household-identification.application';

function upload(client: ApiClient, file: { name: string; content: Buffer }, fields: Record<string, string> = {}) {
  const { body, contentType } = multipartBody(file, fields);
  return client.post('/api/attachments', body, { 'content-type': contentType });
}

async function rowCounts(harness: ApiHarness) {
  const { rows } = await harness.services.db.pool.query(
    'SELECT (SELECT count(*)::int FROM attachments) AS attachments, (SELECT count(*)::int FROM attachment_blobs) AS blobs');
  return rows[0] as { attachments: number; blobs: number };
}

describe('attachments in PostgreSQL', () => {
  let harness: ApiHarness;
  let clerk: ApiClient;
  let photo: Buffer;
  beforeAll(async () => {
    harness = await startApiHarness();
    clerk = await harness.login('cun-dongyuan');
    photo = await photoWithExif();
  });
  afterAll(async () => { await harness.close(); });

  it('When a clerk uploads a photo with a Chinese name, then it is stored with its EXIF time and GPS position and a thumbnail', async () => {
    const answer = await upload(clerk, { name: '曾庆华家入户照片.jpg', content: photo });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ name: '曾庆华家入户照片.jpg', size: photo.length, contentType: 'image/jpeg', takenAt: PHOTO_EXIF.takenAt, instanceId: null });
    expect(answer.body.location.lat).toBeCloseTo(PHOTO_EXIF.lat, 4);
    expect(answer.body.location.lng).toBeCloseTo(PHOTO_EXIF.lng, 4);

    const file = await clerk.get(`/api/attachments/${answer.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.compare(file.body as Buffer, photo)).toBe(0);
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('曾庆华家入户照片.jpg'));

    const thumb = await clerk.get(`/api/attachments/${answer.body.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);

    const info = await clerk.get(`/api/attachments/${answer.body.id}/info`);
    expect(info.body).toMatchObject({ id: answer.body.id, takenAt: PHOTO_EXIF.takenAt });
  });

  it('When the same file is uploaded twice, then its content is stored once and each upload has its own id', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const before = await rowCounts(harness);
    const first = await upload(clerk, { name: '申请书.pdf', content: pdf });
    const second = await upload(clerk, { name: '申请书（再次）.pdf', content: pdf });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(await rowCounts(harness)).toEqual({ attachments: before.attachments + 2, blobs: before.blobs + 1 });
    // A scan has no thumbnail.
    expect((await clerk.get(`/api/attachments/${first.body.id}/thumbnail`)).status).toBe(404);
  });

  it('When a file is over 10 MB or not a JPEG, PNG or PDF, then it is refused with a Chinese message and nothing is stored', async () => {
    const before = await rowCounts(harness);
    const big = Buffer.concat([photo, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await upload(clerk, { name: '太大.jpg', content: big });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toContain('10 MB');

    const script = await upload(clerk, { name: '照片.jpg', content: Buffer.from('#!/bin/sh\necho not a photo\n') });
    expect(script.status).toBe(400);
    expect(script.body.error.fields['/file'][0]).toContain('JPEG');

    const broken = await upload(clerk, { name: '坏图.jpg', content: photo.subarray(0, 200) });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields['/file'][0]).toContain('重新');

    const notMultipart = await clerk.post('/api/attachments', photo, { 'content-type': 'image/jpeg' });
    expect(notMultipart.status).toBe(400);
    expect(await rowCounts(harness)).toEqual(before);
  });

  it('When someone outside the case asks for a file, then it is not found; without a login it is 401', async () => {
    const own = await upload(clerk, { name: '照片.jpg', content: photo });
    const otherVillage = await harness.login('cun-hezikou');
    expect((await otherVillage.get(`/api/attachments/${own.body.id}`)).status).toBe(404);
    expect((await otherVillage.get(`/api/attachments/${own.body.id}/thumbnail`)).status).toBe(404);
    expect((await harness.anonymous.get(`/api/attachments/${own.body.id}`)).status).toBe(401);
    // An upload bound to no case is its uploader's alone, even for the town above.
    const town = await harness.login('zhen-huacheng');
    expect((await town.get(`/api/attachments/${own.body.id}`)).status).toBe(404);
    expect((await clerk.get('/api/attachments/not-an-id')).status).toBe(404);
  });

  describe('a form\'s file fields', () => {
    async function newCase() {
      const started = await clerk.post('/api/instances', { definitionKey: 'household-identification' });
      expect(started.status).toBe(201);
      return { id: started.body.id as string, task: await openTaskOf(clerk, started.body.id) };
    }
    const submit = (task: { id: string }, applicationRef: string) =>
      clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { ...withFreshIdNumbers(exampleFor(APPLICATION)), applicationRef } });

    it('When the application names the clerk\'s own upload made before the case existed, then it is bound to the case and the town can see it', async () => {
      const scan = await upload(clerk, { name: '申请书扫描件.jpg', content: await photoWithExif({ colour: '#884422' }) });
      const { id, task } = await newCase();
      const done = await submit(task, scan.body.id);
      expect(done.status).toBe(200);
      const { rows } = await harness.services.db.pool.query('SELECT instance_id FROM attachments WHERE id = $1', [scan.body.id]);
      expect(rows[0].instance_id).toBe(id);
      const town = await harness.login('zhen-huacheng');
      expect((await town.get(`/api/attachments/${scan.body.id}/thumbnail`)).status).toBe(200);
      const listed = await town.get(`/api/instances/${id}/attachments`);
      expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([scan.body.id]);
      expect((await (await harness.login('cun-hezikou')).get(`/api/instances/${id}/attachments`)).status).toBe(404);
    });

    it('When the application names another user\'s upload, an invented id or another case\'s file, then it is refused on that field and nothing changes', async () => {
      const colleague = await harness.login('cun-hezikou');
      const theirs = await upload(colleague, { name: '别人的照片.jpg', content: await photoWithExif({ colour: '#224488' }) });
      const other = await newCase();
      const forOther = await upload(clerk, { name: '另一户.jpg', content: await photoWithExif({ colour: '#448822' }) }, { instanceId: other.id });
      expect(forOther.body.instanceId).toBe(other.id);
      const { id, task } = await newCase();
      for (const ref of [theirs.body.id, forOther.body.id, '2b1c6a0e-8f0e-4c52-9d7a-1f5e2c3b4a59']) {
        const refused = await submit(task, ref);
        expect(refused.status).toBe(400);
        expect(refused.body.error.fields['/applicationRef'][0]).toBe('只能使用本人为本案件上传的文件，请重新上传');
      }
      const invalid = await submit(task, 'uploads/2016/10/scan.pdf');
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.fields['/applicationRef'][0]).toContain('附件编号无效');
      const instance = await clerk.get(`/api/instances/${id}`);
      expect(instance.body.state).toBe('application');
      const { rows } = await harness.services.db.pool.query('SELECT id, instance_id FROM attachments WHERE id = ANY($1::uuid[])', [[theirs.body.id, forOther.body.id]]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.instance_id]))).toEqual({ [theirs.body.id]: null, [forOther.body.id]: other.id });
    });

    it('When the villagers\' meeting names several photos, then each must be the clerk\'s own and the refusal names the one that is not', async () => {
      const { id } = await newCase();
      await drive(harness, 'dongyuan', id, ['SUBMIT', 'VERIFY']);
      const task = await openTaskOf(clerk, id);
      expect(task.state).toBe('villagerAppraisal');
      const photos = await Promise.all(['#102030', '#203040'].map(async (colour, i) => (await upload(clerk, { name: `评议会照片${i + 1}.jpg`, content: await photoWithExif({ colour }) })).body.id as string));
      const minutes = (await upload(clerk, { name: '会议记录.pdf', content: Buffer.from('%PDF-1.4\nminutes\n%%EOF\n') })).body.id as string;
      const colleague = await harness.login('cun-hezikou');
      const theirs = (await upload(colleague, { name: 'x.jpg', content: await photoWithExif({ colour: '#304050' }) })).body.id as string;
      const data = { ...exampleFor('household-identification.villagerAppraisal'), minutesRef: minutes };
      const refused = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'PASS', data: { ...data, photoRefs: [photos[0], theirs] } });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(['/photoRefs/1']);
      const done = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'PASS', data: { ...data, photoRefs: photos } });
      expect(done.status).toBe(200);
      const { rows } = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE instance_id = $1 AND id = ANY($2::uuid[])', [id, [...photos, minutes]]);
      expect(rows[0].n).toBe(3);
    });

    it('When the notice is posted with photos, then the public sees those photos and no other file of the case', async () => {
      const scan = await upload(clerk, { name: '申请书.jpg', content: await photoWithExif({ colour: '#123456' }) });
      const { id, task } = await newCase();
      expect((await submit(task, scan.body.id)).status).toBe(200);
      await drive(harness, 'dongyuan', id, ['VERIFY', 'PASS']);
      const posting = await openTaskOf(clerk, id);
      const photo = await upload(clerk, { name: '公示张贴.jpg', content: await photoWithExif({ colour: '#654321' }) }, { instanceId: id });
      const posted = await clerk.post(`/api/tasks/${posting.id}/complete`, { outcome: 'POSTED', data: { ...exampleDataFor(posting.formKey), photoRefs: [photo.body.id] } });
      expect(posted.status).toBe(200);
      const { rows } = await harness.services.db.pool.query('SELECT id FROM notices WHERE instance_id = $1', [id]);
      const notice = await harness.anonymous.get(`/api/notices/${rows[0].id}`);
      expect(notice.body.photoIds).toEqual([photo.body.id]);
      const shown = await harness.anonymous.get(`/api/notices/${rows[0].id}/photos/${photo.body.id}/thumbnail`);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('image/jpeg');
      expect((await harness.anonymous.get(`/api/notices/${rows[0].id}/photos/${photo.body.id}`)).status).toBe(200);
      // The application's scan belongs to the same case but is not on the notice.
      expect((await harness.anonymous.get(`/api/notices/${rows[0].id}/photos/${scan.body.id}`)).status).toBe(404);
      expect((await harness.anonymous.get(`/api/attachments/${photo.body.id}`)).status).toBe(401);
    });

    it('When one notice posted for several households is completed as a batch, then each case binds its own copy of the photo uploaded once', async () => {
      const cases = [await newCase(), await newCase(), await newCase()];
      for (const { task } of cases) expect((await submit(task, (await upload(clerk, { name: '申请书.jpg', content: photo })).body.id)).status).toBe(200);
      for (const { id } of cases) await drive(harness, 'dongyuan', id, ['VERIFY', 'PASS']);
      const postings = await Promise.all(cases.map(({ id }) => openTaskOf(clerk, id)));
      const shared = await upload(clerk, { name: '批次公示张贴.jpg', content: await photoWithExif({ colour: '#2a6f4e' }) });
      const colleague = await harness.login('cun-hezikou');
      const theirs = await upload(colleague, { name: '别人的张贴.jpg', content: await photoWithExif({ colour: '#6f2a4e' }) });
      const posting = { ...exampleDataFor(postings[0].formKey), photoRefs: [shared.body.id] };
      // A colleague's photo is not copied: every case refuses it by its field.
      const refused = await clerk.post('/api/tasks/batch-complete', { taskIds: postings.map((t) => t.id), outcome: 'POSTED', data: { ...posting, photoRefs: [theirs.body.id] }, comment: '' });
      expect(refused.body.results.map((r: { status: number }) => r.status)).toEqual([400, 400, 400]);
      expect(refused.body.results[0].error.fields).toHaveProperty(['/photoRefs/0']);
      const answer = await clerk.post('/api/tasks/batch-complete', { taskIds: postings.map((t) => t.id), outcome: 'POSTED', data: posting, comment: '' });
      expect(answer.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, true]);
      const photoIds: string[] = [];
      for (const { id } of cases) {
        const { rows } = await harness.services.db.pool.query(
          `SELECT a.id, a.name, a.sha256, a.uploaded_by FROM attachments a JOIN instances i ON i.id = a.instance_id
            WHERE a.instance_id = $1 AND a.id::text = ANY(SELECT jsonb_array_elements_text(i.data->'posting'->'photoRefs'))`, [id]);
        expect(rows).toHaveLength(1);
        expect(rows[0].name).toBe('批次公示张贴.jpg');
        photoIds.push(rows[0].id);
      }
      expect(photoIds[0]).toBe(shared.body.id);
      expect(new Set(photoIds).size).toBe(3);
    });

    it('When a clerk uploads for a case outside their scope, then the case is not found', async () => {
      const { id } = await newCase();
      const colleague = await harness.login('cun-hezikou');
      const answer = await upload(colleague, { name: 'x.jpg', content: photo }, { instanceId: id });
      expect(answer.status).toBe(404);
    });
  });
});

describe('attachments on S3-compatible storage (S3_URL)', () => {
  let harness: ApiHarness;
  let s3: S3rver;
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jz-s3-'));
    chmodSync(directory, 0o755);
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'evidence', configs: [] }] });
    const { port } = await s3.run();
    harness = await startApiHarness({}, { env: { S3_URL: `http://S3RVER:S3RVER@127.0.0.1:${port}/evidence/jz?region=cn-south-1` } });
  });
  afterAll(async () => {
    await harness?.close();
    await s3?.close().catch(() => undefined); // the last test stops it on purpose
    rmSync(directory, { recursive: true, force: true });
  });

  it('When S3_URL is set, then the content goes to the bucket, not into PostgreSQL, and downloads come from there', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const photo = await photoWithExif({ colour: '#aa3366' });
    const stored = await upload(clerk, { name: '核实照片.jpg', content: photo });
    expect(stored.status).toBe(201);
    const { rows } = await harness.services.db.pool.query('SELECT storage, content IS NULL AS no_content, thumbnail IS NOT NULL AS thumbnail FROM attachment_blobs WHERE sha256 = $1', [stored.body.sha256]);
    expect(rows[0]).toEqual({ storage: 's3', no_content: true, thumbnail: true });
    const objects = readdirSync(join(directory, 'evidence', 'jz', '441424'));
    expect(objects.some((name) => name.startsWith(stored.body.sha256))).toBe(true);
    const file = await clerk.get(`/api/attachments/${stored.body.id}`);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, photo)).toBe(0);
  });

  it('When the bucket does not answer, then a download is 503 with Retry-After, not a server error', async () => {
    const clerk = await harness.login('cun-dongyuan');
    const stored = await upload(clerk, { name: '停机前.jpg', content: await photoWithExif({ colour: '#113355' }) });
    expect(stored.status).toBe(201);
    await s3.close();
    const file = await clerk.get(`/api/attachments/${stored.body.id}`);
    expect(file.status).toBe(503);
    expect(Number(file.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(file.body.error.code).toBe('unavailable');
  });
});

import sharp from 'sharp';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { multipartBody, photoWithExif } from '../support/evidence-files';
import { openTaskOf, startApiHarness } from './api-harness';
import type { ApiClient, ApiHarness } from './api-harness';

// A form's file fields as the builder writes them (`x-file`: the kind and the types taken, the
// count by the list's minItems / maxItems), enforced by the server when the step is submitted.
const KEY = 'household-identification';
const APPLICATION = `${KEY}.application`;

let harness: ApiHarness;
let admin: ApiClient;
let clerk: ApiClient;

function upload(client: ApiClient, file: { name: string; content: Buffer }) {
  const { body, contentType } = multipartBody(file, {});
  return client.post('/api/attachments', body, { 'content-type': contentType });
}
async function uploaded(file: { name: string; content: Buffer }): Promise<string> {
  const answer = await upload(clerk, file);
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}
const png = (colour: string) => sharp({ create: { width: 40, height: 20, channels: 3, background: colour } }).png().toBuffer();
const pdf = Buffer.from('%PDF-1.4\nvisit record\n%%EOF\n');

beforeAll(async () => {
  harness = await startApiHarness();
  admin = await harness.login('admin');
  clerk = await harness.login('cun-dongyuan');
  // The admin adds two file fields to the application and publishes it with a new definition version.
  const current = (await admin.get(`/api/forms/${APPLICATION}`)).body;
  const schema = structuredClone(current.schema);
  schema.properties.visitPhotos = {
    title: '走访照片', 'x-title-en': 'Visit photos', type: 'array', minItems: 1, maxItems: 2, uniqueItems: true,
    items: { type: 'string', format: 'file-ref', 'x-file': { kind: 'photo', accept: ['image/jpeg', 'image/png'] } },
  };
  schema.properties.signatureRef = { title: '申请人签名', 'x-title-en': 'Signature', type: 'string', format: 'file-ref', 'x-file': { kind: 'signature' } };
  schema.required = [...schema.required, 'visitPhotos'];
  delete schema.examples;
  const saved = await admin.request('PUT', `/api/forms/${APPLICATION}`, { title: current.title, schema, uiSchema: current.uiSchema });
  expect(saved.status).toBe(200);
  const draft = await admin.post(`/api/definitions/${KEY}/drafts`, {});
  expect(draft.status).toBe(201);
  expect((await admin.post(`/api/definitions/${KEY}/drafts/${draft.body.version}/publish`, {})).status).toBe(200);
});
afterAll(async () => { await harness.close(); });

async function newCase() {
  const started = await clerk.post('/api/instances', { definitionKey: KEY });
  expect(started.status).toBe(201);
  return { id: started.body.id as string, task: await openTaskOf(clerk, started.body.id) };
}
const submit = (task: { id: string }, files: Record<string, unknown>) =>
  clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { ...withFreshIdNumbers(exampleFor(APPLICATION)), applicationRef: files.applicationRef, ...files } });

describe('file fields enforced by the server', () => {
  it('When a PDF is put in the photo field, a JPEG in the signature field or a third photo where two are the most, then the step is refused with a Chinese message on that field and nothing is written', async () => {
    const { id, task } = await newCase();
    const applicationRef = await uploaded({ name: '申请书.pdf', content: pdf });
    const [first, second, third] = await Promise.all(['#102030', '#203040', '#304050'].map(async (colour, i) => uploaded({ name: `走访照片${i + 1}.jpg`, content: await photoWithExif({ colour }) })));
    const scan = await uploaded({ name: '走访记录.pdf', content: Buffer.from('%PDF-1.4\nanother record\n%%EOF\n') });
    const signature = await uploaded({ name: '签名.png', content: await png('#000000') });

    const pdfAsPhoto = await submit(task, { applicationRef, visitPhotos: [first, scan], signatureRef: signature });
    expect(pdfAsPhoto.status).toBe(400);
    expect(pdfAsPhoto.body.error.message).toBe('附件类型不符');
    expect(pdfAsPhoto.body.error.fields).toEqual({ '/visitPhotos/1': ['此处只能上传：JPEG 图片、PNG 图片；“走访记录.pdf”是 PDF 文件'] });

    const photoAsSignature = await submit(task, { applicationRef, visitPhotos: [first], signatureRef: second });
    expect(photoAsSignature.status).toBe(400);
    expect(photoAsSignature.body.error.fields).toEqual({ '/signatureRef': ['此处只能上传：PNG 图片；“走访照片2.jpg”是 JPEG 图片'] });

    const tooMany = await submit(task, { applicationRef, visitPhotos: [first, second, third], signatureRef: signature });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields['/visitPhotos']).toEqual(['最多上传 2 个文件']);

    const none = await submit(task, { applicationRef, visitPhotos: [], signatureRef: signature });
    expect(none.status).toBe(400);
    expect(none.body.error.fields['/visitPhotos']).toEqual(['至少上传 1 个文件']);

    // Nothing was written: the case waits at the application, no file is bound to it.
    expect((await clerk.get(`/api/instances/${id}`)).body.state).toBe('application');
    const bound = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE instance_id = $1', [id]);
    expect(bound.rows[0].n).toBe(0);

    const en = await clerk.post(`/api/tasks/${task.id}/complete`, { outcome: 'SUBMIT', data: { ...withFreshIdNumbers(exampleFor(APPLICATION)), applicationRef, visitPhotos: [scan], signatureRef: signature } }, { 'accept-language': 'en' });
    expect(en.body.error.fields).toEqual({ '/visitPhotos/0': ['Only a JPEG image or a PNG image is taken here; "走访记录.pdf" is a PDF'] });
  });

  it('When the photos and the signature are of the types their fields take, then the step is written and the files are bound to the case', async () => {
    const { id, task } = await newCase();
    const applicationRef = await uploaded({ name: '申请书.pdf', content: Buffer.from('%PDF-1.4\napplication two\n%%EOF\n') });
    const photos = [await uploaded({ name: '门前.jpg', content: await photoWithExif({ colour: '#405060' }) }), await uploaded({ name: '屋内.png', content: await png('#607080') })];
    const signature = await uploaded({ name: '签名.png', content: await png('#101010') });
    const done = await submit(task, { applicationRef, visitPhotos: photos, signatureRef: signature });
    expect(done.status).toBe(200);
    const bound = await harness.services.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE instance_id = $1', [id]);
    expect(bound.rows[0].n).toBe(4);
  });
});

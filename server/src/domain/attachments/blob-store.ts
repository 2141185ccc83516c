import { AwsClient } from 'aws4fetch';
import { ServiceUnavailableError } from '../../kernel/errors';

/**
 * Where the bytes of evidence files live, by content hash. PostgreSQL keeps them in the
 * `attachment_blobs` row itself (nothing to do outside the row); an S3-compatible bucket keeps them
 * as objects `<prefix><tenant>/<sha256>` and the row only names the storage.
 */
export interface BlobStore {
  readonly kind: 'postgres' | 's3';
  /** Stores content outside the database before its row is written; content-addressed, so a repeat is harmless. */
  put(tenantId: string, sha256: string, content: Buffer, contentType: string): Promise<void>;
  /** The content stored by {@link put}. */
  get(tenantId: string, sha256: string): Promise<Buffer>;
}

/** The default: content in PostgreSQL, in the blob's row. */
export const postgresBlobStore: BlobStore = {
  kind: 'postgres',
  async put() { /* the row carries the content */ },
  // A file stored in a bucket while S3_URL was set: this server has no bucket to read it from.
  async get(tenantId, sha256) { throw new ServiceUnavailableError(`Blob ${tenantId}/${sha256} is in object storage, and S3_URL is not set on this server`, 60); },
};

/**
 * An S3-compatible bucket (MinIO, Ceph, a cloud's object storage) from `S3_URL`:
 * `http(s)://ACCESS_KEY:SECRET@host:port/bucket[/prefix]?region=…` (path-style addressing).
 * @example createS3BlobStore('http://minio:minio123@127.0.0.1:9000/evidence?region=cn-south-1')
 */
export function createS3BlobStore(s3Url: string): BlobStore {
  const url = new URL(s3Url);
  const [bucket, ...prefixParts] = url.pathname.split('/').filter(Boolean);
  if (!bucket) throw new Error(`S3_URL must name a bucket as its path, as in http://key:secret@host:9000/bucket, not "${url.origin}${url.pathname}"`);
  if (!url.username || !url.password) throw new Error('S3_URL must carry the access key and secret as its user and password (http://key:secret@host/bucket)');
  const client = new AwsClient({
    accessKeyId: decodeURIComponent(url.username), secretAccessKey: decodeURIComponent(url.password),
    service: 's3', region: url.searchParams.get('region') ?? 'us-east-1',
  });
  const prefix = prefixParts.length ? `${prefixParts.join('/')}/` : '';
  const objectUrl = (tenantId: string, sha256: string) => `${url.protocol}//${url.host}/${bucket}/${prefix}${tenantId}/${sha256}`;
  return {
    kind: 's3',
    async put(tenantId, sha256, content, contentType) {
      const res = await client.fetch(objectUrl(tenantId, sha256), {
        method: 'PUT', body: new Uint8Array(content), headers: { 'Content-Type': contentType },
      });
      if (!res.ok) throw new Error(`S3 PUT ${bucket}/${prefix}${tenantId}/${sha256} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    },
    async get(tenantId, sha256) {
      const res = await client.fetch(objectUrl(tenantId, sha256)).catch((e: unknown) => {
        throw new ServiceUnavailableError(`S3 GET ${bucket}/${prefix}${tenantId}/${sha256} failed: ${e instanceof Error ? e.message : String(e)}`);
      });
      if (!res.ok) throw new ServiceUnavailableError(`S3 GET ${bucket}/${prefix}${tenantId}/${sha256} answered ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

/** The blob store `S3_URL` asks for, PostgreSQL without it. */
export function createBlobStore(s3Url: string | undefined): BlobStore {
  return s3Url ? createS3BlobStore(s3Url) : postgresBlobStore;
}

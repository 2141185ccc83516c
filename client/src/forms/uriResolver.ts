/**
 * RFC 3986 reference resolution for AJV in the browser, in place of fast-uri (12 KB gzip of schemes
 * and IPv6 handling the forms never use): client/vite.config.ts aliases `fast-uri` to this file.
 * AJV uses `parse`, `serialize` and `resolve` to turn `$id` and `$ref` into keys; the results match
 * fast-uri's (tests/forms/uri-resolver.test.ts checks them side by side, and that every form
 * compiles and validates the same with either).
 */

/** The parts of a URI reference, named as fast-uri names them. */
export interface UriComponents {
  scheme?: string;
  userinfo?: string;
  host?: string;
  port?: number | string;
  path: string;
  query?: string;
  fragment?: string;
}

// RFC 3986 appendix B.
const REFERENCE = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const AUTHORITY = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;

// Characters fast-uri leaves as they are; everything else (spaces, non-ASCII…) is percent-encoded once.
const encodePart = (text: string, keep: RegExp) =>
  text.replace(/%(?![0-9A-Fa-f]{2})|[^%]/gu, (char) => (keep.test(char) ? char : encodeURIComponent(char)));
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const QUERY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;

/** Splits a URI reference into its parts; absent parts are `undefined`, the path is always a string. */
export function parse(uri: string): UriComponents {
  const match = REFERENCE.exec(uri) ?? [];
  const parts: UriComponents = { path: match[3] ?? '' };
  if (match[1] !== undefined) parts.scheme = match[1].toLowerCase();
  if (match[2] !== undefined) {
    const authority = AUTHORITY.exec(match[2]);
    parts.host = (authority?.[2] ?? match[2]).toLowerCase();
    if (authority?.[1] !== undefined) parts.userinfo = authority[1];
    if (authority?.[3]) parts.port = Number(authority[3]);
  }
  if (match[4] !== undefined) parts.query = match[4];
  if (match[5] !== undefined) parts.fragment = encodePart(match[5], QUERY_CHARS);
  parts.path = encodePart(parts.path, PATH_CHARS);
  return parts;
}

/** RFC 3986 §5.2.4: removes `.` and `..` segments. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  let input = path;
  while (input.length > 0) {
    if (input.startsWith('../')) input = input.slice(3);
    else if (input.startsWith('./')) input = input.slice(2);
    else if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../')) {
      input = input.slice(3);
      output.pop();
    } else if (input === '/..') {
      input = '/';
      output.pop();
    } else if (input === '.' || input === '..') input = '';
    else {
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const segment = next === -1 ? input : input.slice(0, next);
      output.push(segment);
      input = input.slice(segment.length);
    }
  }
  return output.join('');
}

/** RFC 3986 §5.3: the parts put back together, with dot segments removed from an absolute path. */
export function serialize(parts: UriComponents): string {
  let uri = '';
  if (parts.scheme !== undefined) uri += `${parts.scheme}:`;
  if (parts.host !== undefined) {
    uri += '//';
    if (parts.userinfo !== undefined) uri += `${parts.userinfo}@`;
    uri += parts.host;
    if (parts.port !== undefined && parts.port !== '') uri += `:${parts.port}`;
  }
  let path = parts.path;
  if (path && (parts.scheme !== undefined || parts.host !== undefined || path.startsWith('/'))) path = removeDotSegments(path);
  if (parts.host !== undefined && path && !path.startsWith('/')) path = `/${path}`;
  uri += path;
  if (parts.query !== undefined) uri += `?${parts.query}`;
  if (parts.fragment !== undefined) uri += `#${parts.fragment}`;
  return uri;
}

/** RFC 3986 §5.2.3: merges a relative path with the base's. */
function merge(base: UriComponents, path: string): string {
  if (base.host !== undefined && base.path === '') return `/${path}`;
  const slash = base.path.lastIndexOf('/');
  return slash === -1 ? path : base.path.slice(0, slash + 1) + path;
}

/** RFC 3986 §5.2.2: the target of `relative` seen from `base`. */
export function resolve(base: string, relative: string): string {
  const b = parse(base);
  const r = parse(relative);
  const t: UriComponents = { path: '' };
  if (r.scheme !== undefined) {
    Object.assign(t, r, { path: removeDotSegments(r.path) });
  } else {
    if (r.host !== undefined) {
      Object.assign(t, { userinfo: r.userinfo, host: r.host, port: r.port, path: removeDotSegments(r.path), query: r.query });
    } else {
      if (r.path === '') {
        t.path = b.path;
        t.query = r.query !== undefined ? r.query : b.query;
      } else {
        t.path = removeDotSegments(r.path.startsWith('/') ? r.path : merge(b, r.path));
        t.query = r.query;
      }
      t.userinfo = b.userinfo;
      t.host = b.host;
      t.port = b.port;
    }
    t.scheme = b.scheme;
  }
  t.fragment = r.fragment;
  for (const key of Object.keys(t) as (keyof UriComponents)[]) if (t[key] === undefined) delete t[key];
  return serialize(t);
}

/** Whether two URI references name the same resource once normalised (rjsf compares `$id` with a `$ref` this way). */
export function equal(a: string, b: string): boolean {
  return serialize(parse(a)) === serialize(parse(b));
}

/** The shape of `import fastUri from 'fast-uri'`, which @rjsf/utils uses. */
const uriResolver = { parse, serialize, resolve, equal };
export default uriResolver;

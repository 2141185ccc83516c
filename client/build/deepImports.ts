import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ANTD_INDEX = fileURLToPath(new URL('../../node_modules/antd/es/index.js', import.meta.url));
const NAMED_IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])(antd|@ant-design\/icons)\2;?/g;

/** `Table` → `antd/es/table`, read from antd's own index so new components need no change here. */
function antdComponentPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const match of readFileSync(ANTD_INDEX, 'utf8').matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)'/g)) {
    paths.set(match[1], `antd/es/${match[2]}`);
  }
  return paths;
}

/**
 * Rewrites `import { Table } from 'antd'` (in our code and in @rjsf/antd) to `import Table from
 * 'antd/es/table'`, and icons the same way. Through the barrel, every component any page uses
 * would be bundled with the first chunk that imports the barrel — the entry — so the clerk's
 * inbox would download the registry's tables and the dashboard's widgets too.
 */
export function deepImports(): Plugin {
  const antd = antdComponentPaths();
  return {
    name: 'jz-deep-imports',
    // Only chunking needs it; in dev the dependency optimizer bundles antd once and would have to
    // rediscover every rewritten path, reloading the page each time.
    apply: 'build',
    transform: {
      filter: { code: /from\s*['"](antd|@ant-design\/icons)['"]/ },
      handler(code) {
        let changed = false;
        const result = code.replace(NAMED_IMPORT, (whole, list: string, _quote: string, source: string) => {
          const kept: string[] = [];
          const deep: string[] = [];
          for (const specifier of list.split(',').map((part) => part.trim()).filter(Boolean)) {
            const [imported, local = imported] = specifier.split(/\s+as\s+/);
            const path = source === 'antd' ? antd.get(imported) : /(Outlined|Filled|TwoTone)$/.test(imported) ? `@ant-design/icons/es/icons/${imported}` : undefined;
            if (path) deep.push(`import ${local} from '${path}';`);
            else kept.push(specifier);
          }
          if (!deep.length) return whole;
          changed = true;
          return [...deep, ...(kept.length ? [`import { ${kept.join(', ')} } from '${source}';`] : [])].join('\n');
        });
        return changed ? { code: result, map: null } : undefined;
      },
    },
  };
}

/**
 * antd's form context (imported by Input, Button's compact groups, tooltips…) takes only
 * `FormProvider` from @rc-component/form, but its index hangs Field, List and useForm on the Form
 * function, so the whole form engine (14 KB gzip) came with every page. Point that one import at
 * the file that defines `FormProvider`; pages with a real form still get the rest through antd's Form.
 */
export function formProviderImport(): Plugin {
  return {
    name: 'jz-form-provider-import',
    apply: 'build',
    transform: {
      filter: { id: /antd[\\/]es[\\/]form[\\/]context\.js$/, code: /from\s*['"]@rc-component\/form['"]/ },
      handler(code) {
        const result = code.replace(/import\s*\{\s*FormProvider as (\w+)\s*\}\s*from\s*(['"])@rc-component\/form\2;?/, "import { FormProvider as $1 } from '@rc-component/form/es/FormContext';");
        return result === code ? undefined : { code: result, map: null };
      },
    },
  };
}

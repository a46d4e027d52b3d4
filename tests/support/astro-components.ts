/**
 * Renders .astro components on their own, for component tests, without building a site: a Vite
 * server in middleware mode with Astro's own plugins (the project's astro.config.mjs) compiles them,
 * Astro's Container API renders them with props, and their scoped styles are handed back so that a
 * browser shows the fragment as a built page would. Nothing listens on a port.
 */
import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer } from 'astro/container';
import { createServer, type ViteDevServer } from 'vite';

export interface ComponentRenderer {
  /** The HTML of a component (a path from the project's root, `/src/components/…`) with props. */
  render(component: string, props: Record<string, unknown>): Promise<string>;
  /** The site's global stylesheet and the scoped styles of every component rendered so far. */
  styles(): Promise<string>;
  close(): Promise<void>;
}

export async function componentRenderer(): Promise<ComponentRenderer> {
  const config = await getViteConfig(
    {
      server: { middlewareMode: true, hmr: false, ws: false },
      appType: 'custom',
      logLevel: 'warn',
    },
    // Without the toolbar, elements carry no data-astro-source-* attributes: the HTML of a build.
    { logLevel: 'warn', devToolbar: { enabled: false } },
  )({ mode: 'development', command: 'serve' });
  // No file watcher (set after Astro's own settings): nothing is edited during a test, and a watcher
  // walks the whole project, tmp/ included, where a national-size benchmark leaves 100,000 files.
  const server: ViteDevServer = await createServer({
    ...config,
    server: { ...config.server, watch: null },
    configFile: false,
  });
  const container = await experimental_AstroContainer.create();
  // The compiled CSS of a stylesheet or of a component's <style>. With `?inline`, Vite gives a
  // stylesheet as a module (`export default "…"`) and Astro gives a component's style as CSS.
  const css = async (id: string) => {
    const inline = `${id}${id.includes('?') ? '&' : '?'}inline`;
    const code = (await server.environments.client.transformRequest(inline))?.code ?? '';
    const module = /^export default ("(?:[^"\\]|\\.)*")/.exec(code);
    return module ? (JSON.parse(module[1]!) as string) : code;
  };
  return {
    async render(component, props) {
      const module = (await server.ssrLoadModule(component)) as { default: never };
      return container.renderToString(module.default, { props });
    },
    async styles() {
      const ids = [...server.environments.ssr.moduleGraph.idToModuleMap.keys()].filter((id) =>
        /\.astro\?astro&type=style&/.test(id),
      );
      const sheets = await Promise.all(['/src/styles/global.css', ...ids].map(css));
      return sheets.join('\n');
    },
    close: () => server.close(),
  };
}

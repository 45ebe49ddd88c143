export { consolePlugin } from "./console-plugin.js";
export type { ConsoleDeps } from "./console-deps.js";

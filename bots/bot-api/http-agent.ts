import http from "node:http";
import https from "node:https";

/** Well under the idle limits servers use (Node's 5 s, nginx's 75 s). */
const IDLE_SOCKET_MS = 4_000;

/**
 * A keep-alive agent that drops sockets idle for a few seconds. An idle socket the server
 * has already closed fails the next request with ECONNRESET, and for a send that error
 * is ambiguous (maybe delivered), so the message would be written off as unconfirmed.
 */
export function botApiAgent(apiRoot: string): http.Agent {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
  return apiRoot.startsWith("https:") ? new https.Agent(options) : new http.Agent(options);
}

import { domainToUnicode } from "node:url";
import {
  adminHostLabels,
  adminPathSegments,
  internalHostLabels,
  internalTopLevel,
  internalServiceDomains,
  publicHosts,
} from "../lists/internal-hosts.js";
import type { FoundLink } from "../text/find-links.js";

/**
 * Whether a link leads somewhere a parent must not be sent: the region's own back office
 * (named by the operator), a private network, an admin panel or a tool that is
 * internal by its name. Public portal links pass.
 */
export function isInternalLink(link: FoundLink, internalDomains: readonly string[]): boolean {
  const host = link.host;
  if (internalDomains.some((domain) => isUnder(host, normaliseDomain(domain)))) return true;
  if (isPrivateAddress(host)) return true;
  if (link.kind === "url" && hasAdminPath(link.path)) return true;
  const labels = host.split(".");
  if (labels.slice(0, -2).some((label) => adminHostLabels.includes(label))) return true;
  if (internalServiceDomains.some((domain) => isUnder(host, domain))) return true;
  if (publicHosts.some((domain) => isUnder(host, domain))) return false;
  if (internalTopLevel.some((tld) => host === tld || host.endsWith(`.${tld}`))) return true;
  // Only labels left of the registered domain: "jira.region.ru" is internal, "git.ru" is
  // someone's public site.
  return labels.slice(0, -2).some((label) => internalHostLabels.includes(label));
}

function isUnder(host: string, domain: string): boolean {
  return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
}

function normaliseDomain(domain: string): string {
  const bare = domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/:].*$/, "")
    .replace(/^\*?\./, "")
    .replace(/\.$/, "");
  return domainToUnicode(bare) || bare;
}

function isPrivateAddress(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return true;
  const octets = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (!octets) return false;
  const a = Number(octets[1]);
  const b = Number(octets[2]);
  return (
    a === 10 ||
    a === 127 ||
    (a === 192 && b === 168) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function hasAdminPath(path: string): boolean {
  return path
    .toLowerCase()
    .split("/")
    .some((segment) => adminPathSegments.includes(segment));
}

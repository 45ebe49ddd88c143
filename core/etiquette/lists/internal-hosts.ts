/**
 * Public sites a reply may link to: the regional Navigator portals and the state
 * services parents use. A host here or under it is never taken for an internal one by
 * its look (an admin path still is).
 */
export const publicHosts: readonly string[] = [
  "навигатор.дети",
  "gosuslugi.ru",
  "pfdo.ru",
  "mos.ru",
  "edu.ru",
];

/** Top-level names that only exist inside an organisation's own network. */
export const internalTopLevel: readonly string[] = [
  "local",
  "internal",
  "corp",
  "lan",
  "intranet",
  "localdomain",
  "home.arpa",
  "test",
];

/**
 * Host labels of back-office tools: "jira.example.ru", "gitlab.region.ru" and the like
 * are never meant for parents.
 */
export const internalHostLabels: readonly string[] = [
  "jira",
  "confluence",
  "redmine",
  "gitlab",
  "git",
  "jenkins",
  "grafana",
  "kibana",
  "sentry",
  "zabbix",
  "intranet",
  "wiki",
  "vpn",
  "crm",
  "helpdesk",
  "dev",
  "stage",
  "staging",
  "bitrix24",
  "phpmyadmin",
  "pgadmin",
];

/** Path segments of administration panels, on any host, the public portal's included. */
export const adminPathSegments: readonly string[] = [
  "admin",
  "administrator",
  "wp-admin",
  "phpmyadmin",
  "adminer",
  "manager",
  "backoffice",
  "cpanel",
];

/** Host labels of an admin panel: internal even on a public portal ("admin.pfdo.ru"). */
export const adminHostLabels: readonly string[] = ["admin", "adm", "administrator", "cpanel"];

/** Hosted back-office services: every portal under them is someone's CRM or tracker. */
export const internalServiceDomains: readonly string[] = [
  "bitrix24.ru",
  "bitrix24.com",
  "amocrm.ru",
  "atlassian.net",
  "youtrack.cloud",
];

import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

/**
 * No Docker engine runs here, so `docker compose config` cannot be run; this reads
 * docker-compose.yml as compose does (YAML merge keys on) and checks what an operator
 * relies on. Interpolations (`${VAR:-default}`, `${VAR:?message}`) stay as written.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  logging?: { driver: string; options: Record<string, string> };
  profiles?: string[];
  container_name?: string;
}
const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const appServices = ["migrate", "receiver", "worker"];
const required = /^\$\{[A-Z_]+:\?[^}]+\}$/;

describe("docker-compose.yml", () => {
  test("holds no secret: passwords, tokens and secrets are required variables from .env", () => {
    for (const [name, svc] of services)
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(value, `${name}.${key}`).toMatch(required);
        const password = /^\w+:\/\/[^:/@]+:(.+)@/.exec(String(value))?.[1];
        if (password !== undefined) expect(password, `${name}.${key}`).toMatch(required);
      }
    expect(service("postgres").environment?.POSTGRES_PASSWORD).toMatch(required);
    for (const name of appServices) expect(service(name).env_file).toBe(".env");
    expect(readFileSync(".env.example", "utf8")).toMatch(/^POSTGRES_PASSWORD=$/m);
  });

  test("publishes ports on 127.0.0.1 unless the operator sets a variable", () => {
    const published = services.flatMap(([, svc]) => svc.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published)
      expect(port).toMatch(
        /^(127\.0\.0\.1|\$\{[A-Z_]+:-127\.0\.0\.1\}):(\d+|\$\{[A-Z_]+:-\d+\}):\d+$/,
      );
  });

  test("a one-shot migrate service runs first; the app starts do not migrate", () => {
    const migrate = service("migrate");
    expect(migrate.command).toEqual([
      "node",
      "--enable-source-maps",
      "dist/app/main.js",
      "migrate",
    ]);
    expect(migrate.restart).toBe("no");
    expect(migrate.depends_on?.postgres).toEqual({ condition: "service_healthy" });
    for (const name of ["receiver", "worker"]) {
      expect(service(name).depends_on?.migrate, name).toEqual({
        condition: "service_completed_successfully",
      });
      expect(service(name).environment?.MIGRATE_ON_START, name).toBe("false");
    }
  });

  test("each app container runs one process; scaling is compose's (--scale), not PROCESSES", () => {
    for (const name of appServices) expect(service(name).environment?.PROCESSES, name).toBe("1");
    // Without a supervisor, the container's own NODE_OPTIONS keep its memory in bounds, and
    // its share of the bot's send cap stays under Telegram's ~30/s for the receiver and the
    // three workers the README starts.
    for (const name of appServices) {
      expect(service(name).environment?.NODE_OPTIONS, name).toContain("--max-semi-space-size=");
      const cap = String(service(name).environment?.TELEGRAM_SENDS_PER_SECOND);
      expect(Number(/:-(\d+)\}/.exec(cap)?.[1]) * 4, name).toBeLessThanOrEqual(30);
    }
  });

  test("receiver and worker run one role each; the worker scales (no name, no host port)", () => {
    expect(service("receiver").environment?.ROLE).toBe("receiver");
    expect(service("worker").environment?.ROLE).toBe("worker");
    expect(service("worker").ports).toBeUndefined();
    for (const [name, svc] of services) expect(svc.container_name, name).toBeUndefined();
    const images = appServices.map((name) => service(name).image);
    expect(new Set(images).size).toBe(1);
  });

  test("every long-running service has a health check and restarts; logs rotate", () => {
    for (const [name, svc] of services) {
      expect(svc.logging?.driver, name).toBe("json-file");
      expect(svc.logging?.options["max-size"], name).toMatch(/^\d+m$/);
      expect(svc.logging?.options["max-file"], name).toMatch(/^\d+$/);
      if (name === "migrate") continue;
      expect(svc.restart, name).toBe("unless-stopped");
      // The app services take theirs from the image (Dockerfile HEALTHCHECK).
      if (!appServices.includes(name)) expect(svc.healthcheck?.test, name).toBeDefined();
    }
    expect(dockerfileStage("runtime")).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
  });

  test("PostgreSQL and Redis keep their data in named volumes; Redis with AOF and noeviction", () => {
    for (const [name, mount] of [
      ["postgres", "/var/lib/postgresql/data"],
      ["redis", "/data"],
    ] as const) {
      const volume = service(name)
        .volumes?.find((v) => v.endsWith(`:${mount}`))
        ?.split(":")[0];
      expect(volume, name).toBeDefined();
      expect(compose.volumes).toHaveProperty(volume ?? "");
    }
    const command = service("redis").command?.join(" ");
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
  });

  test("the optional proxy profile terminates TLS with Caddy in front of the receiver", () => {
    const proxy = service("proxy");
    expect(proxy.profiles).toEqual(["proxy"]);
    expect(proxy.image).toMatch(/^caddy:/);
    expect(proxy.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
    expect(readFileSync("Caddyfile", "utf8")).toMatch(/^\s*reverse_proxy receiver:3000$/m);
    for (const [name, svc] of services)
      if (name !== "proxy") expect(svc.profiles, name).toBeUndefined();
  });
});

describe("Dockerfile", () => {
  test("builds in stages on Node 24 and ships compiled code as a non-root user", () => {
    const froms = [...dockerfile().matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(froms).toEqual([
      ["node:24-bookworm-slim", "deps"],
      ["deps", "build"],
      ["node:24-bookworm-slim", "runtime"],
    ]);
    expect(dockerfileStage("build")).toMatch(/^RUN npm run build$/m);
    const runtime = dockerfileStage("runtime");
    expect(runtime).toMatch(/^RUN npm ci --omit=dev /m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(
      /^CMD \["node", "--enable-source-maps", "dist\/app\/main\.js", "start"\]$/m,
    );
    expect(runtime).not.toMatch(/tsx/);
  });
});

function dockerfile(): string {
  return readFileSync("Dockerfile", "utf8");
}

/** The lines of one stage, from its FROM to the next. */
function dockerfileStage(name: string): string {
  const stages = dockerfile().split(/^(?=FROM )/m);
  return stages.find((stage) => new RegExp(`^FROM \\S+ AS ${name}$`, "m").test(stage)) ?? "";
}
